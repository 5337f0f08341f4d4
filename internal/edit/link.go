package edit

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/ocotool/oco/internal/programme"
	"github.com/ocotool/oco/internal/yamledit"
)

// Link is one entry of depends_on as `oco set` and `oco add` take it,
// with the lag as the user wrote it (2w stays 2w in the file).
type Link struct {
	ID   string // M-12, or lco:M-12 for another programme's milestone
	Type string // ss, ff or sf; "" for fs, the default
	Lag  string // 5d, 2w, 5wd, -2d; "" for none
}

// ParseLink reads the shorthand of SPEC 7.2 and 7.5: M-12, M-12+5d,
// M-12+-2d (a lead), M-12:ss, M-12:ss+5wd, M-12:ff-2d, and each of these
// naming another programme's milestone, as lco:M-12:ss+5wd.
//
// A colon may end a programme's id or start a link type. The text is
// first read as a link within the programme, as the model reads it; only
// where that fails is what comes before the first colon a programme.
func ParseLink(s string) (Link, error) {
	s = strings.TrimSpace(s)
	d, err := programme.ParseDepShorthand(s)
	if err == nil {
		return linkOf(s, d), nil
	}
	prog, rest, ok := strings.Cut(s, ":")
	rest = strings.TrimSpace(rest)
	if ok && programme.ValidID(prog) {
		if d, err2 := programme.ParseDepShorthand(rest); err2 == nil && programme.ValidID(d.ID) {
			l := linkOf(rest, d)
			l.ID = prog + ":" + l.ID
			return l, nil
		}
	}
	return Link{}, fmt.Errorf("%q is not a link: write ID, ID+LAG or ID:TYPE+LAG, such as M-12, M-4+2w or M-12:ss+5wd, with PROGRAMME: before an id of another programme (lco:M-12:ss+5wd); TYPE is fs, ss, ff or sf, a negative LAG a lead", s)
}

// linkOf keeps the lag of s, which d was read from, as s writes it.
func linkOf(s string, d programme.Dep) Link {
	l := Link{ID: d.ID, Type: d.Type}
	if _, tail, typed := strings.Cut(s, ":"); typed {
		l.Lag = strings.TrimPrefix(tail[2:], "+") // tail is TYPE[LAG]
	} else if _, lag, ok := strings.Cut(s, "+"); ok {
		l.Lag = lag
	}
	return l
}

// String is the link as ParseLink reads it back, and as ValueText shows
// an entry of depends_on.
func (l Link) String() string {
	s := l.ID
	if l.Type != "" {
		s += ":" + l.Type
	}
	if l.Lag != "" {
		if l.Type == "" || !strings.HasPrefix(l.Lag, "-") {
			s += "+"
		}
		s += l.Lag
	}
	return s
}

// Entry is the link as the file writes it: a plain id, or a mapping
// where it has a type or a lag.
func (l Link) Entry() yamledit.Entry {
	if l.Type == "" && l.Lag == "" {
		return yamledit.Entry{Scalar: l.ID}
	}
	e := yamledit.Entry{Fields: []yamledit.KV{{Key: "id", Value: yamledit.Scalar(l.ID)}}}
	if l.Type != "" {
		e.Fields = append(e.Fields, yamledit.KV{Key: "type", Value: yamledit.Scalar(l.Type)})
	}
	if l.Lag != "" {
		e.Fields = append(e.Fields, yamledit.KV{Key: "lag", Value: yamledit.Scalar(l.Lag)})
	}
	return e
}

// linkNode reads an entry of depends_on written as a mapping of id,
// type and lag as the shorthand; ok is false for any other mapping.
func linkNode(n *yaml.Node) (Link, bool) {
	var l Link
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if v.Kind != yaml.ScalarNode {
			return l, false
		}
		switch k.Value {
		case "id":
			l.ID = v.Value
		case "type":
			l.Type = v.Value
		case "lag":
			l.Lag = v.Value
		default:
			return l, false
		}
	}
	return l, l.ID != ""
}
