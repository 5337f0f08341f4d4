// Package portfolio reads many programmes, each from its own git
// repository at its own revision, and works out what one programme's
// links to another's milestones mean: dates scheduled across
// programmes, loops and knock-on that cross repositories, and pins
// (`programme.upstream`) whose agreed dates have since moved (SPEC 7.5).
//
// A portfolio is built like one programme: each programme is loaded and
// checked as it would be alone, then its milestones join one network
// under ids of the form `programme:ID`, scheduled once.
package portfolio

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"

	"go.yaml.in/yaml/v3"

	"github.com/ocotool/oco/internal/programme"
)

// FileName is the file that makes a directory a portfolio.
const FileName = "portfolio.yaml"

// File is portfolio.yaml: which programmes, from where.
type File struct {
	ID, Name   string
	AsOf       programme.Date
	Programmes []Entry
	Path       string // as positions name it
}

// Entry is one programme of the portfolio: its repository (a local path,
// or any URL git can fetch), the revision to read (branch, tag or commit),
// and the programme directory inside the repository.
type Entry struct {
	ID   string
	Repo string
	Ref  string // "" reads HEAD
	Dir  string // "" finds programme/ or the top
	Pos  programme.Pos
}

var (
	headerKeys = []string{"id", "name", "as_of"}
	entryKeys  = []string{"id", "repo", "ref", "dir"}
)

// Parse reads portfolio.yaml. Every problem is a finding; the File holds
// what could be read. The caller stops on any error finding.
func Parse(path string, src []byte) (*File, []programme.Finding) {
	f := &File{Path: path}
	var out []programme.Finding
	bad := func(n *yaml.Node, rule, format string, args ...any) {
		pos := programme.Pos{File: path, Line: 1, Col: 1}
		if n != nil {
			pos.Line, pos.Col = n.Line, n.Column
		}
		out = append(out, programme.Finding{Pos: pos, Severity: programme.Error, Rule: rule, Message: fmt.Sprintf(format, args...)})
	}
	var doc yaml.Node
	if err := decode(src, &doc); err != nil {
		bad(nil, "syntax", "not valid YAML: %v", err)
		return f, out
	}
	if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		bad(nil, "type", "%s must be a mapping with `portfolio:` and `programmes:`", FileName)
		return f, out
	}
	root := doc.Content[0]
	var header, list *yaml.Node
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], programme.Deref(root.Content[i+1])
		switch k.Value {
		case "portfolio":
			header = v
		case "programmes":
			list = v
		default:
			bad(k, "duplicate-section", "%s is not a section of %s%s", programme.Quote(k.Value), FileName, programme.Suggest(k.Value, []string{"portfolio", "programmes"}))
		}
	}
	if header == nil || header.Kind != yaml.MappingNode {
		bad(header, "missing-field", "no `portfolio:` mapping with id and name")
	} else {
		fields(header, headerKeys, "portfolio", bad, func(k string, v *yaml.Node) {
			switch k {
			case "id":
				f.ID = v.Value
			case "name":
				f.Name = v.Value
			case "as_of":
				d, err := programme.ParseDate(v.Value)
				if err != nil {
					bad(v, "invalid-date", "portfolio: as_of %v", err)
				}
				f.AsOf = d
			}
		})
		if f.ID == "" {
			bad(header, "missing-field", "portfolio has no id")
		} else if !programme.ValidID(f.ID) {
			bad(header, "invalid-id", "portfolio: %s is not a valid id", programme.Quote(f.ID))
		}
	}
	if list == nil || list.Kind != yaml.SequenceNode || len(list.Content) == 0 {
		bad(list, "missing-field", "no `programmes:` list: each entry {id, repo, ref, dir}")
		return f, out
	}
	seen := map[string]programme.Pos{}
	for _, el := range list.Content {
		el = programme.Deref(el)
		if el == nil || el.Kind != yaml.MappingNode {
			bad(el, "type", "each entry of programmes must be a mapping {id, repo, ref, dir}")
			continue
		}
		e := Entry{Pos: programme.Pos{File: path, Line: el.Line, Col: el.Column}}
		fields(el, entryKeys, "programme entry", bad, func(k string, v *yaml.Node) {
			switch k {
			case "id":
				e.ID = v.Value
			case "repo":
				e.Repo = v.Value
			case "ref":
				e.Ref = v.Value
			case "dir":
				e.Dir = v.Value
			}
		})
		switch {
		case e.ID == "":
			bad(el, "missing-field", "a programme entry has no id")
			continue
		case !programme.ValidID(e.ID):
			bad(el, "invalid-id", "programme %s: not a valid id", programme.Quote(e.ID))
			continue
		case e.Repo == "":
			bad(el, "missing-field", "programme %s has no repo", e.ID)
			continue
		}
		if first, dup := seen[e.ID]; dup {
			bad(el, "duplicate-id", "programme %s is also listed at %s", e.ID, first)
			continue
		}
		seen[e.ID] = e.Pos
		f.Programmes = append(f.Programmes, e)
	}
	return f, out
}

// fields calls set for each scalar key of m that is one of keys, and
// reports the rest.
func fields(m *yaml.Node, keys []string, what string, bad func(*yaml.Node, string, string, ...any), set func(string, *yaml.Node)) {
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], programme.Deref(m.Content[i+1])
		if !slices.Contains(keys, k.Value) {
			bad(k, "unknown-field", "%s has no field %s%s", what, programme.Quote(k.Value), programme.Suggest(k.Value, keys))
			continue
		}
		if v == nil || v.Kind != yaml.ScalarNode {
			bad(m.Content[i+1], "type", "%s: %s must be text", what, k.Value)
			continue
		}
		if v.Tag == "!!null" {
			continue
		}
		set(k.Value, v)
	}
}

// decode parses one YAML document, turning a panic of the parser into an
// error: nothing in a file may crash oco.
func decode(src []byte, n *yaml.Node) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("cannot parse (%v)", r)
		}
	}()
	err = yaml.NewDecoder(bytes.NewReader(src)).Decode(n)
	if errors.Is(err, io.EOF) {
		return errors.New("the file is empty")
	}
	return err
}
