package view

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"

	"github.com/ocotool/oco/internal/programme"
	"github.com/ocotool/oco/internal/render"
	"github.com/ocotool/oco/internal/schedule"
)

// Workbook is `oco export -o xlsx`: the listings' CSV tables, a sheet
// each, with RAG and status words coloured as the listings colour them;
// the people, bodies and workstreams the items name, for lookups; and the
// open risks' heat map.
func Workbook(p *programme.Programme, listings []render.Sheet) render.Workbook {
	var wb render.Workbook
	for _, sh := range listings {
		for i, c := range sh.Table.Columns {
			switch c.Header {
			case "rag", "status", "priority":
				for _, row := range sh.Table.Rows {
					row[i].Style = render.RAGStyle(row[i].Text)
				}
			}
		}
		wb.Sheets = append(wb.Sheets, sh)
	}
	var people, bodies, workstreams []any
	for _, x := range p.People {
		people = append(people, NewPerson(x))
	}
	for _, x := range p.Bodies {
		bodies = append(bodies, NewBody(x))
	}
	for _, x := range p.Workstreams {
		workstreams = append(workstreams, NewWorkstream(x))
	}
	wb.Sheets = append(wb.Sheets, recordSheet("people", Person{}, people),
		recordSheet("bodies", Body{}, bodies), recordSheet("workstreams", Workstream{}, workstreams))
	rec := NewRiskMatrix(p, &Filter{}, true, false)
	m := render.Matrix{Title: "Open risks: likelihood (up) × impact (across)",
		Bands: func(score int) render.Style { return render.RAGStyle(p.RAG(score)) }}
	for _, c := range rec.Cells {
		m.Cells[c.Likelihood-1][c.Impact-1] = render.MatrixCell{Count: c.Count, IDs: c.Risks}
	}
	wb.HeatMap = &m
	return wb
}

// recordSheet is a sheet of records whose fields are all text or lists of
// ids, headed by their JSON names: the format's own field names.
func recordSheet(name string, zero any, recs []any) render.Sheet {
	t := reflect.TypeOf(zero)
	var tb render.Table
	for i := 0; i < t.NumField(); i++ {
		n, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		tb.Columns = append(tb.Columns, render.Column{Header: n})
	}
	for _, r := range recs {
		v := reflect.ValueOf(r)
		row := make([]render.Cell, t.NumField())
		for i := range row {
			switch f := v.Field(i); f.Kind() {
			case reflect.String:
				row[i].Text = f.String()
			case reflect.Slice:
				row[i].Text = idList(f.Interface().([]string))
			}
		}
		tb.Rows = append(tb.Rows, row)
	}
	return render.Sheet{Name: name, Table: tb}
}

// MilestonesCSV is `oco export -o csv`: the milestones, one a row, with
// their derived status and rating.
func MilestonesCSV(p *programme.Programme, plan *schedule.Plan, asOf programme.Date) render.Table {
	tb := render.Table{Columns: []render.Column{{Header: "id"}, {Header: "title"}, {Header: "phase"}, {Header: "workstream"}, {Header: "owner"},
		{Header: "start"}, {Header: "due"}, {Header: "forecast"}, {Header: "done"}, {Header: "status"}, {Header: "rag"}, {Header: "expected"}, {Header: "slack"}}}
	for i := range p.Milestones {
		r := NewMilestone(p, plan, i, asOf)
		slack := ""
		if r.Slack != nil {
			slack = strconv.Itoa(*r.Slack)
		}
		tb.Rows = append(tb.Rows, render.Cells(r.ID, r.Title, r.Phase, r.Workstream, r.Owner, r.Start.String(), r.Due.String(),
			r.Forecast.String(), r.Done.String(), r.Status, r.RAG, r.Expected.String(), slack))
	}
	return tb
}

// milestoneDay is the day a milestone's event sits on: when it was done,
// else when it is expected to be.
func milestoneDay(m *programme.Milestone) programme.Date {
	if !m.Done.IsZero() {
		return m.Done
	}
	return m.Date()
}

// Calendar is `oco export -o ics`: one all-day event per milestone with a
// date; prodID names the writer.
func Calendar(p *programme.Programme, plan *schedule.Plan, asOf programme.Date, prodID string) render.Calendar {
	c := render.Calendar{Name: p.Header.Name, ProdID: prodID, Stamp: asOf}
	uidDomain := strings.ToLower(p.Header.ID) + ".oco"
	for i, m := range p.Milestones {
		day := milestoneDay(m)
		if day.IsZero() || m.ID == "" {
			continue
		}
		st := MilestoneState(p, plan, i, asOf)
		desc := fmt.Sprintf("Status: %s (%s). Due %s", st.Status, st.RAG, m.Due)
		if !m.Forecast.IsZero() {
			desc += fmt.Sprintf(", forecast %s", m.Forecast)
		}
		if !m.Done.IsZero() {
			desc += fmt.Sprintf(", done %s", m.Done)
		}
		if m.Owner != "" {
			desc += ". Owner: " + m.Owner
		}
		c.Events = append(c.Events, render.Event{UID: m.ID + "@" + uidDomain, Day: day,
			Summary: m.ID + " " + m.Title, Description: desc + ".", Category: m.Phase})
	}
	return c
}

// MermaidGantt is `oco export -o mermaid`: the milestones by phase; those
// of no known phase come last.
func MermaidGantt(p *programme.Programme, plan *schedule.Plan, asOf programme.Date) render.MermaidChart {
	c := render.MermaidChart{Title: p.Header.Name}
	known := map[string]bool{}
	for _, ph := range p.Phases {
		known[ph.ID] = true
		c.Sections = append(c.Sections, render.MermaidSection{Name: ph.ID + " " + ph.Name})
	}
	c.Sections = append(c.Sections, render.MermaidSection{Name: "Other milestones"})
	for k := range c.Sections {
		phase := ""
		if k < len(p.Phases) {
			phase = p.Phases[k].ID
		}
		for i, m := range p.Milestones {
			day := milestoneDay(m)
			if day.IsZero() || m.Phase != phase && !(phase == "" && !known[m.Phase]) {
				continue
			}
			c.Sections[k].Tasks = append(c.Sections[k].Tasks, render.MermaidTask{ID: m.ID, Name: m.ID + " " + m.Title,
				Start: m.Start, End: day, Done: !m.Done.IsZero(), Red: MilestoneState(p, plan, i, asOf).RAG == programme.Red})
		}
	}
	return c
}
