package edit

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/ocotool/oco/internal/programme"
	"github.com/ocotool/oco/internal/yamledit"
)

// AddAllResult is the outcome of AddAll.
type AddAllResult struct {
	*Result
	IDs []string // the new items' ids, in the order of the rows
}

// AddAll appends one item of kind k for each of rows (fields by name,
// nested ones dotted, values as typed; an id is optional) as Add appends
// one, but in one transaction: under one lock of one file, checked once
// with every new item, and written whole or not at all. Rows without an
// id get the next free ones, chosen under the lock. An error names the
// row by its place in rows, from 1.
func (s *Source) AddAll(k programme.Kind, rows []map[string]string, rel string, today programme.Date, dryRun bool) (*AddAllResult, error) {
	section := programme.SectionOf(k)
	items := make([]plannedItem, len(rows))
	for i, given := range rows {
		it, err := planItem(k, given, today)
		if err != nil {
			return nil, fmt.Errorf("row %d: %w", i+1, err)
		}
		items[i] = it
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
	out := &AddAllResult{}
	res, err := s.apply(rel, dryRun, func(before *programme.Programme, d *yamledit.Doc) error {
		out.IDs = out.IDs[:0]
		taken := map[string]bool{}
		for _, it := range items {
			taken[strings.ToLower(it.id)] = it.id != ""
		}
		for i, it := range items {
			id := it.id
			if id == "" {
				id = nextFree(before, k, taken)
			} else if r, ok := before.Lookup(id); ok {
				return &ConflictError{fmt.Errorf("row %d: %s is already the id of %s; ids are unique across the programme", i+1, id, WithArticle(r.Kind))}
			}
			taken[strings.ToLower(id)] = true
			out.IDs = append(out.IDs, id)
			all := append([]yamledit.KV{{Key: "id", Value: yamledit.Scalar(id)}}, it.fields...)
			if err := d.Append(section, all, KeyOrder()); err != nil {
				return fmt.Errorf("%s: cannot add to %s: %v", rel, section, err)
			}
			for _, a := range it.later {
				if err := a.apply(d, section, id); err != nil {
					return fmt.Errorf("%s: cannot set %s of %s: %v", rel, a.Field, id, err)
				}
			}
		}
		return nil
	})
	out.Result = res
	return out, err
}

// plannedItem is one item to append: its id ("" for the next free one),
// the fields Append writes, and the nested ones set after it.
type plannedItem struct {
	id     string
	fields []yamledit.KV
	later  []Assignment
}

// planItem reads the fields of one new item of kind k, as Add does.
func planItem(k programme.Kind, given map[string]string, today programme.Date) (plannedItem, error) {
	var it plannedItem
	for field := range given {
		top, _, _ := strings.Cut(field, ".")
		if _, ok := programme.FieldOf(k, top); !ok {
			return it, usagef("%s has no field %s (its fields: %s)", WithArticle(k), field, strings.Join(FieldNames(k), ", "))
		}
	}
	it.id = strings.TrimSpace(given["id"])
	if it.id != "" && !programme.ValidID(it.id) {
		return it, usagef("id %q is not a valid id (letters, digits, - _ . ; starting with a letter; at most 64 characters)", it.id)
	}
	var err error
	it.fields, it.later, err = readFields(k, given, today, func(f programme.Field) error {
		return usagef("%s's %s is a mapping: give %s", WithArticle(k), f.Name, strings.Join(SubNames(f), " and "))
	}, func(_ string, err error) error { return &UsageError{err} })
	if err != nil {
		return it, err
	}
	return it, nil
}

// idNumber splits an id into its stem and its number.
var idNumber = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(.*?)([0-9]+)$`) })

// nextFree is the next id of kind k in p that taken (lower-cased ids
// given to earlier rows) does not hold either.
func nextFree(p *programme.Programme, k programme.Kind, taken map[string]bool) string {
	id := p.NextID(k)
	m := idNumber().FindStringSubmatch(id)
	if m == nil {
		return id
	}
	n, _ := strconv.Atoi(m[2])
	for taken[strings.ToLower(id)] {
		n++
		id = fmt.Sprintf("%s%0*d", m[1], len(m[2]), n)
	}
	return id
}
