package sheet

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/ocotool/oco/internal/edit"
	"github.com/ocotool/oco/internal/programme"
)

// Plan is the rows of a sheet read as items of one kind, for `oco
// import` to append.
type Plan struct {
	Kind   programme.Kind
	Header []string
	Fields []string // by column; "" for a column read past
	Rows   []PlanRow
}

// PlanRow is one row: its number in the sheet and its fields, by name,
// as typed.
type PlanRow struct {
	Number int
	Given  map[string]string
}

// NewPlan reads every cell of every row of tb as its field's type in an
// item of kind k, as `oco add` reads a flag, and checks the ids given
// against p and each other. It returns every refused cell, not only the
// first.
func NewPlan(p *programme.Programme, k programme.Kind, tb *Table, renames map[string]string, today programme.Date) (*Plan, []error) {
	fields, _, errs := Fields(k, tb.Header, renames)
	plan := &Plan{Kind: k, Header: tb.Header, Fields: fields}
	taken := map[string]int{} // lower-cased id -> row
	for _, id := range p.IDs() {
		taken[strings.ToLower(id)] = 0
	}
	for _, row := range tb.Rows {
		r := PlanRow{Number: row.Number, Given: map[string]string{}}
		for i, f := range fields {
			raw := strings.TrimSpace(row.Cell(i))
			if f == "" || raw == "" {
				continue
			}
			cellErr := func(err error) {
				errs = append(errs, &CellError{Row: row.Number, Column: i, Header: tb.Header[i], Err: err})
			}
			if f == "id" {
				if !programme.ValidID(raw) {
					cellErr(fmt.Errorf("%q is not a valid id (letters, digits, - _ . ; starting with a letter; at most 64 characters)", raw))
				} else if prev, dup := taken[strings.ToLower(raw)]; dup {
					if prev == 0 {
						r2, _ := p.Lookup(raw)
						cellErr(fmt.Errorf("%s is already the id of %s (clear the cell for a new id)", raw, edit.WithArticle(r2.Kind)))
					} else {
						cellErr(fmt.Errorf("%s is the id of row %d too", raw, prev))
					}
				} else {
					taken[strings.ToLower(raw)] = row.Number
					r.Given["id"] = raw
				}
				continue
			}
			if _, err := edit.ParseField(k, f, raw, today); err != nil {
				cellErr(errors.New(strings.TrimPrefix(err.Error(), f+": ")))
				continue
			}
			r.Given[f] = raw
		}
		plan.Rows = append(plan.Rows, r)
	}
	return plan, errs
}

// Locate names each error that appending the rows would bring by the row
// (and, where the error is about one field, the column) it comes from:
// file is the file appended to as findings name it, text what it would
// hold, and ids the new items' ids in the order of the rows.
func (plan *Plan) Locate(file string, text []byte, ids []string, findings []programme.Finding) []error {
	lines := strings.Split(string(text), "\n")
	var errs []error
	for _, f := range findings {
		row := slices.Index(ids, f.ID)
		msg := fmt.Errorf("%s [%s]", f.Message, f.Rule)
		if row < 0 || f.Pos.File != file {
			errs = append(errs, msg)
			continue
		}
		col := -1
		if f.Pos.Line >= 1 && f.Pos.Line <= len(lines) {
			key, _, _ := strings.Cut(strings.TrimLeft(strings.TrimSpace(lines[f.Pos.Line-1]), "- "), ":")
			col = slices.Index(plan.Fields, key)
		}
		if col < 0 {
			errs = append(errs, fmt.Errorf("row %d (%s): %w", plan.Rows[row].Number, f.ID, msg))
			continue
		}
		errs = append(errs, &CellError{Row: plan.Rows[row].Number, Column: col, Header: plan.Header[col], Err: msg})
	}
	return errs
}
