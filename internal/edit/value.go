package edit

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"

	"github.com/ocotool/oco/internal/programme"
	"github.com/ocotool/oco/internal/yamledit"
)

// Assignment is one field=value of `oco set` (or one flag of `oco add`),
// parsed as the field's type.
type Assignment struct {
	Field  string // as written in the file: "due", "tolerances.amber_days"
	Remove bool
	Value  yamledit.Value
	Show   string // the value as the user should see it
}

// KeyOrder is the canonical order of every mapping, as yamledit wants it.
var KeyOrder = sync.OnceValue(func() yamledit.Order { return yamledit.Order(programme.KeyOrder()) })

// FieldNames lists the keys of kind k, nested ones dotted.
func FieldNames(k programme.Kind) []string {
	var out []string
	for _, f := range programme.Fields(k) {
		out = append(out, f.Name)
		for _, s := range f.Sub {
			if f.Kind == programme.KindStruct {
				out = append(out, f.Name+"."+s.Name)
			}
		}
	}
	return out
}

// ParseAssignment reads `field=value` for an item of kind k. today is what
// the date `today` means.
func ParseAssignment(k programme.Kind, arg string, today programme.Date) (Assignment, error) {
	name, raw, ok := strings.Cut(arg, "=")
	if !ok {
		return Assignment{}, fmt.Errorf("%q: write field=value (field= removes the field)", arg)
	}
	return ParseField(k, name, raw, today)
}

// ParseField reads the value raw of field name of an item of kind k.
func ParseField(k programme.Kind, name, raw string, today programme.Date) (Assignment, error) {
	a := Assignment{Field: name}
	top, sub, nested := strings.Cut(name, ".")
	f, ok := programme.FieldOf(k, top)
	if !ok {
		return a, fmt.Errorf("%s has no field %q%s (fields: %s)", WithArticle(k), name, programme.Suggest(name, FieldNames(k)), strings.Join(FieldNames(k), ", "))
	}
	if f.Kind == programme.KindStruct {
		if !nested {
			if raw == "" {
				a.Remove = true
				return a, nil
			}
			return a, fmt.Errorf("%s is a mapping: set one of its fields (%s)", name, strings.Join(SubNames(f), ", "))
		}
		i := slices.IndexFunc(f.Sub, func(s programme.Field) bool { return s.Name == sub })
		if i < 0 {
			return a, fmt.Errorf("%s has no field %q%s (fields: %s)", top, sub, programme.Suggest(sub, SubNames(f)), strings.Join(SubNames(f), ", "))
		}
		f = f.Sub[i]
	} else if nested {
		return a, fmt.Errorf("%s is not a mapping: it has no field %q", top, sub)
	}
	if f.Kind == programme.KindID {
		return a, fmt.Errorf("ids are not changed by oco: other items refer to them by id, and a rename must change every reference; edit the files by hand, then run oco validate")
	}
	if raw == "" {
		a.Remove = true
		return a, nil
	}
	a.Show = raw
	switch f.Kind {
	case programme.KindDate:
		d, err := ParseDate(raw, today)
		if err != nil {
			return a, fmt.Errorf("%s: %v", name, err)
		}
		a.Value, a.Show = yamledit.Scalar(d.String()), d.String()
	case programme.KindInt:
		n, err := strconv.Atoi(strings.TrimSpace(raw))
		if err != nil {
			return a, fmt.Errorf("%s: %q is not a whole number", name, raw)
		}
		if f.HasRange && (n < f.Min || n > f.Max) {
			return a, fmt.Errorf("%s: %d is outside %d..%d", name, n, f.Min, f.Max)
		}
		a.Value, a.Show = yamledit.Scalar(strconv.Itoa(n)), strconv.Itoa(n)
	case programme.KindEnum:
		if !slices.Contains(f.Enum, raw) {
			return a, fmt.Errorf("%s: %q is not one of %s%s", name, raw, strings.Join(f.Enum, ", "), programme.Suggest(raw, f.Enum))
		}
		a.Value = yamledit.Scalar(raw)
	case programme.KindRef:
		// Whether the item exists is for the check after the edit to say,
		// with the usual "did you mean".
		a.Value = yamledit.Scalar(strings.TrimSpace(raw))
		a.Show = a.Value.Scalar
	case programme.KindRefs:
		ids := splitList(raw)
		if len(ids) == 0 {
			a.Remove = true
			return a, nil
		}
		a.Value, a.Show = yamledit.List(ids...), strings.Join(ids, ",")
	case programme.KindDeps:
		var entries []yamledit.Entry
		var shown []string
		for _, e := range splitList(raw) {
			l, err := ParseLink(e)
			if err != nil {
				return a, fmt.Errorf("%s: %v", name, err)
			}
			entries = append(entries, l.Entry())
			shown = append(shown, l.String())
		}
		if len(entries) == 0 {
			a.Remove = true
			return a, nil
		}
		a.Value, a.Show = yamledit.Entries(entries...), strings.Join(shown, ",")
	default:
		a.Value = yamledit.Scalar(raw)
	}
	return a, nil
}

// apply makes the assignment on the item in d.
func (a Assignment) apply(d *yamledit.Doc, section, id string) error {
	if a.Remove {
		return d.Remove(section, id, a.Field)
	}
	return d.Set(section, id, a.Field, a.Value, KeyOrder())
}

// WithArticle says "a milestone", "an issue".
func WithArticle(k programme.Kind) string {
	if strings.ContainsAny(string(k)[:1], "aeiou") {
		return "an " + string(k)
	}
	return "a " + string(k)
}

// SubNames lists the names of a mapping field's own fields.
func SubNames(f programme.Field) []string {
	var out []string
	for _, s := range f.Sub {
		out = append(out, s.Name)
	}
	return out
}

// ParseDate reads a date the user typed: YYYY-MM-DD, or today.
func ParseDate(s string, today programme.Date) (programme.Date, error) {
	if s == "today" {
		return today, nil
	}
	return programme.ParseDate(s)
}

func splitList(s string) []string {
	var out []string
	for _, e := range strings.Split(s, ",") {
		if e = strings.TrimSpace(e); e != "" {
			out = append(out, e)
		}
	}
	return out
}

// ValueText is how a field's value reads in messages: a scalar as written,
// a list joined by commas, a predecessor with a type or lag as the
// shorthand `oco set` takes (M-4+2w, lco:M-12:ss+5wd). It is cut to
// about sixty characters, and reads at most a few hundred nodes a few
// levels deep: an alias that contains itself, or expands a billion times,
// reads as "...".
func ValueText(n *yaml.Node) string {
	budget := valueBudget
	var b strings.Builder
	writeValue(&b, n, 0, &budget)
	return programme.Clip(b.String())
}

// valueBudget and valueDepth bound what ValueText reads of a value.
const (
	valueBudget = 256
	valueDepth  = 16
)

func writeValue(b *strings.Builder, n *yaml.Node, depth int, budget *int) {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && i < valueDepth; i++ {
		n = n.Alias
	}
	*budget--
	if n == nil || n.Kind == yaml.AliasNode || depth > valueDepth || *budget < 0 || b.Len() > 4*valueBudget {
		if n != nil {
			b.WriteString("...")
		}
		return
	}
	switch n.Kind {
	case yaml.ScalarNode:
		b.WriteString(n.Value)
	case yaml.SequenceNode:
		for i, c := range n.Content {
			if i > 0 {
				b.WriteString(",")
			}
			if c.Kind == yaml.MappingNode {
				if l, ok := linkNode(c); ok {
					*budget -= len(c.Content)
					b.WriteString(l.String())
					continue
				}
			}
			writeValue(b, c, depth+1, budget)
		}
	case yaml.MappingNode:
		b.WriteString("{")
		for i := 0; i+1 < len(n.Content); i += 2 {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(n.Content[i].Value + ": ")
			writeValue(b, n.Content[i+1], depth+1, budget)
		}
		b.WriteString("}")
	}
}

// fieldNode returns the value node of one of an item's fields, dotted for
// nested ones, or nil where it has none.
func fieldNode(m *yaml.Node, name string) *yaml.Node {
	n := m
	for _, part := range strings.Split(name, ".") {
		if n = programme.MapValue(n, part); n == nil {
			return nil
		}
	}
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return nil
	}
	return n
}
