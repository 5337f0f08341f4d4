package edit

import (
	"fmt"
	"slices"
	"strings"

	"github.com/ocotool/oco/internal/programme"
	"github.com/ocotool/oco/internal/yamledit"
)

// AddResult is the outcome of Add.
type AddResult struct {
	*Result
	ID string // the new item's id
}

// Add appends an item of kind k with the given fields (by name, nested
// ones dotted, values as typed) to rel, or where rel is "" to the file
// holding the last item of the kind, else <section>.yaml. Without an id
// given, the next free id is chosen under the file's lock, from the file
// as it is then, so that adds at the same moment get distinct ids.
func (s *Source) Add(k programme.Kind, given map[string]string, rel string, today programme.Date, dryRun bool) (*AddResult, error) {
	section := programme.SectionOf(k)
	var unknown []string
	for field := range given {
		top, _, _ := strings.Cut(field, ".")
		if _, ok := programme.FieldOf(k, top); !ok {
			unknown = append(unknown, "--"+FlagName(field))
		}
	}
	if len(unknown) > 0 {
		slices.Sort(unknown)
		return nil, usagef("%s has no field %s (its fields: %s)", WithArticle(k), strings.Join(unknown, ", "), strings.Join(FieldNames(k), ", "))
	}

	id := strings.TrimSpace(given["id"])
	if id != "" && !programme.ValidID(id) {
		return nil, usagef("--id %q is not a valid id (letters, digits, - _ . ; starting with a letter; at most 64 characters)", id)
	}

	fields, later, err := readFields(k, given, today, func(f programme.Field) error {
		var subs []string
		for _, sub := range SubNames(f) {
			subs = append(subs, "--"+FlagName(f.Name+"."+sub))
		}
		return usagef("--%s: %s's %s is a mapping: give %s", FlagName(f.Name), WithArticle(k), f.Name, strings.Join(subs, " and "))
	}, flagError)
	if err != nil {
		return nil, err
	}

	if rel == "" {
		rel = section + ".yaml"
		s.P.Each(func(kind programme.Kind, _ string, it *programme.Item, _ any) {
			if kind == k {
				if r, err := RelPath(s.Prefix, it.File); err == nil {
					rel = r
				}
			}
		})
	}
	out := &AddResult{ID: id}
	res, err := s.apply(rel, dryRun, func(before *programme.Programme, d *yamledit.Doc) error {
		id := out.ID
		if id == "" {
			id = before.NextID(k)
		} else if r, ok := before.Lookup(id); ok {
			return &ConflictError{fmt.Errorf("%s is already the id of %s; ids are unique across the programme", id, WithArticle(r.Kind))}
		}
		out.ID = id
		all := append([]yamledit.KV{{Key: "id", Value: yamledit.Scalar(id)}}, fields...)
		if err := d.Append(section, all, KeyOrder()); err != nil {
			return fmt.Errorf("%s: cannot add to %s: %v", rel, section, err)
		}
		for _, a := range later {
			if err := a.apply(d, section, id); err != nil {
				return fmt.Errorf("%s: cannot set %s of %s: %v", rel, a.Field, id, err)
			}
		}
		return nil
	})
	out.Result = res
	return out, err
}

// FlagName is the flag of `oco add` that gives a field.
func FlagName(field string) string { return strings.ReplaceAll(field, "_", "-") }

// readFields parses the values given for a new item of kind k: the fields
// to write with it, and the nested ones (tolerances.x), which Append does
// not write, to set after. whole words the error for a mapping given as
// one value, bad the error for a value that does not parse.
func readFields(k programme.Kind, given map[string]string, today programme.Date,
	whole func(programme.Field) error, bad func(field string, err error) error) (fields []yamledit.KV, later []Assignment, err error) {
	for _, f := range programme.Fields(k) {
		if f.Kind == programme.KindStruct {
			if _, ok := given[f.Name]; ok {
				return nil, nil, whole(f)
			}
			for _, sub := range f.Sub {
				name := f.Name + "." + sub.Name
				if raw, ok := given[name]; ok && raw != "" {
					a, err := ParseField(k, name, raw, today)
					if err != nil {
						return nil, nil, bad(name, err)
					}
					later = append(later, a)
				}
			}
			continue
		}
		raw, ok := given[f.Name]
		if !ok || f.Kind == programme.KindID {
			continue
		}
		a, err := ParseField(k, f.Name, raw, today)
		if err != nil {
			return nil, nil, bad(f.Name, err)
		}
		if !a.Remove {
			fields = append(fields, yamledit.KV{Key: f.Name, Value: a.Value})
		}
	}
	return fields, later, nil
}

// flagError names the flag a value was given with, once:
// "--due: "2024-9-1" is not a date...".
func flagError(field string, err error) error {
	return usagef("--%s: %s", FlagName(field), strings.TrimPrefix(err.Error(), field+": "))
}
