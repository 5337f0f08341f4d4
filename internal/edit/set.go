package edit

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/ocotool/oco/internal/programme"
	"github.com/ocotool/oco/internal/yamledit"
)

// Target is the item an edit changes.
type Target struct {
	Kind    programme.Kind
	Section string
	ID      string // the item's id; "" for the programme header
	Label   string // how messages name it
	File    string // its file, as findings name it
	rel     string // its file within the programme directory
}

// Find finds the item with the id in the programme as loaded. The
// programme header is found by its own id, or by "programme" where no item
// has that id. Only the file is taken from the model: the edit finds the
// item in it again, by section and id, under the file's lock.
func (s *Source) Find(id string) (*Target, error) {
	return find(s.P, s.Prefix, id)
}

func find(p *programme.Programme, prefix, id string) (*Target, error) {
	var found []*Target
	var at []*programme.Item
	p.Each(func(kind programme.Kind, itemID string, it *programme.Item, _ any) {
		if itemID == id {
			found = append(found, &Target{Kind: kind, Section: programme.SectionOf(kind), ID: id, Label: id, File: it.File})
			at = append(at, it)
		}
	})
	if len(found) == 0 && p.Header.File != "" && (id == p.Header.ID || id == "programme") {
		label := p.Header.ID
		if label == "" {
			label = "programme"
		}
		found = append(found, &Target{Kind: programme.KindProgramme, Section: "programme", Label: label, File: p.Header.File})
		at = append(at, &p.Header.Item)
	}
	switch len(found) {
	case 0:
		return nil, fmt.Errorf("no item has the id %q%s", id, programme.Suggest(id, p.IDs()))
	case 1:
	default:
		var where []string
		for _, it := range at {
			where = append(where, it.Pos().String())
		}
		return nil, fmt.Errorf("%s is the id of %d items (%s): give each its own id first", id, len(found), strings.Join(where, ", "))
	}
	t := found[0]
	rel, err := RelPath(prefix, t.File)
	if err != nil {
		return nil, err
	}
	t.rel = rel
	return t, nil
}

// node finds the target's mapping in d, as the file holds it now.
func (t *Target) node(d *yamledit.Doc) (*yaml.Node, error) {
	id := t.ID
	m, err := d.Item(t.Section, id)
	if err != nil || m.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%s is no longer in %s (changed meanwhile?): run the command again", t.Label, t.File)
	}
	if m.Style&yaml.FlowStyle != 0 {
		// yamledit changes whole lines; a flow mapping shares its line
		// with all its fields (and oco fmt keeps flow style as it is).
		return nil, fmt.Errorf("%s at %s:%d:%d is written in flow style ({...}) and oco edits only items written one field a line; rewrite it that way by hand, then run the command again", t.Label, t.File, m.Line, m.Column)
	}
	return m, nil
}

// FieldChange is what became of one field.
type FieldChange struct {
	Assignment
	Had bool   // the field had a value before
	Was string // that value, as ValueText reads it
}

// Line says what became of the field of the item label in one line:
// "M-12 due: 2017-07-31 -> 2017-09-30".
func (f FieldChange) Line(label string) string {
	switch {
	case f.Remove && !f.Had:
		return fmt.Sprintf("%s %s: not set", label, f.Field)
	case f.Remove:
		return fmt.Sprintf("%s %s: removed (was %s)", label, f.Field, short(f.Was))
	case !f.Had:
		return fmt.Sprintf("%s %s: %s (added)", label, f.Field, short(f.Show))
	case f.Was == f.Show:
		return fmt.Sprintf("%s %s: %s (unchanged)", label, f.Field, short(f.Show))
	}
	return fmt.Sprintf("%s %s: %s -> %s", label, f.Field, short(f.Was), short(f.Show))
}

// short cuts a value for a one-line message.
func short(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i] + " ..."
	}
	if r := []rune(s); len(r) > 60 {
		s = string(r[:57]) + "..."
	}
	return s
}

// SetResult is the outcome of Set.
type SetResult struct {
	*Result
	Target *Target
	Fields []FieldChange
}

// Set gives fields of the item with the id the values of args
// (field=value, field= to remove), as `oco set` does. today is what the
// date `today` means.
func (s *Source) Set(id string, args []string, today programme.Date, dryRun bool) (*SetResult, error) {
	t, err := s.Find(id)
	if err != nil {
		return nil, err
	}
	as, err := t.Parse(args, today)
	if err != nil {
		return nil, err
	}
	return s.SetParsed(t, as, dryRun, nil)
}

// Parse reads field=value arguments for the target's kind.
func (t *Target) Parse(args []string, today programme.Date) ([]Assignment, error) {
	var as []Assignment
	seen := map[string]bool{}
	for _, arg := range args {
		a, err := ParseAssignment(t.Kind, arg, today)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", t.Label, err)
		}
		if seen[a.Field] {
			return nil, fmt.Errorf("%s: %s is given twice", t.Label, a.Field)
		}
		seen[a.Field] = true
		as = append(as, a)
	}
	return as, nil
}

// SetParsed makes assignments on the target. check, where given, sees the
// item's fields as the file holds them under the lock, and may stop the
// edit before anything changes.
func (s *Source) SetParsed(t *Target, as []Assignment, dryRun bool, check func(field func(string) (string, bool)) error) (*SetResult, error) {
	out := &SetResult{Target: t}
	res, err := s.apply(t.rel, dryRun, func(_ *programme.Programme, d *yamledit.Doc) error {
		m, err := t.node(d)
		if err != nil {
			return err
		}
		if check != nil {
			if err := check(func(name string) (string, bool) {
				n := fieldNode(m, name)
				return ValueText(n), n != nil
			}); err != nil {
				return err
			}
		}
		out.Fields = out.Fields[:0]
		seen := map[string]bool{}
		for _, a := range as {
			seen[a.Field] = true
			if top, _, nested := strings.Cut(a.Field, "."); nested && !seen[top] {
				if n := fieldNode(m, top); n != nil && n.Style&yaml.FlowStyle != 0 {
					// yamledit changes whole lines, and a flow mapping has
					// all its fields on one; rewritten whole, it is a block.
					f, _ := programme.FieldOf(t.Kind, top)
					return fmt.Errorf("%s: %s is written in flow style ({...}), which oco does not edit field by field; set it whole instead: oco set %s %s= %s.%s=...", t.Label, top, t.idArg(), top, top, SubNames(f)[0])
				}
			}
			old := fieldNode(m, a.Field)
			out.Fields = append(out.Fields, FieldChange{Assignment: a, Had: old != nil, Was: ValueText(old)})
		}
		for _, a := range as {
			if err := a.apply(d, t.Section, t.ID); err != nil {
				return fmt.Errorf("%s: cannot set %s of %s: %v", t.File, a.Field, t.Label, err)
			}
		}
		return nil
	})
	out.Result = res
	return out, err
}

// idArg is how a command names the target.
func (t *Target) idArg() string {
	if t.ID == "" {
		return t.Label
	}
	return t.ID
}
