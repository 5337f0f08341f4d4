package cli

import (
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/ocotool/oco/internal/programme"
	"github.com/ocotool/oco/internal/render"
	"github.com/ocotool/oco/internal/view"
)

// exportFormats are what export writes, the first the default.
var exportFormats = []render.Format{render.FormatCSV, formatXLSX, formatICS, formatMermaid, render.FormatJSON}

const (
	formatXLSX    render.Format = "xlsx"
	formatICS     render.Format = "ics"
	formatMermaid render.Format = "mermaid"
)

func newExportCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:     "export",
		GroupID: "git",
		Short:   "Export the programme for other tools: Excel, CSV, iCalendar, Mermaid, JSON",
		Long: `Write the programme in a form other tools read:

  csv      the milestones, one a row, with their derived status and rating
  xlsx     an Excel workbook: a sheet per kind (phases, milestones, risks,
           assumptions, issues, decisions, benefits) with the columns of
           that listing's -o csv, and sheets of the people, bodies and
           workstreams; dates as dates, a frozen header row with filters,
           RAG cells filled in their colour, and a risk heat map
  ics      an iCalendar file: one all-day event per milestone on its date
           (done, else forecast, else due), for a shared calendar
  mermaid  a Mermaid gantt chart of the milestones by phase, for pages
           that render Mermaid (GitHub, GitLab, wikis)
  json     the whole programme under the file format's own field names

A cell that a spreadsheet would run as a formula (one starting with =, +,
-, @) is written as text: in CSV with a ' before it, in a workbook as a
text cell. --bom starts a CSV file with a byte order mark, which Excel on
Windows needs to read it as UTF-8. A workbook is never written to a
terminal: redirect it to a file. 'oco import' reads a workbook or CSV file
back in.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runExport(g) },
	}
	g.addOutputFlag(cmd, "csv", exportFormats...)
	return cmd
}

func runExport(g *globals) error {
	f, err := g.format(exportFormats...)
	if err != nil {
		return err
	}
	if f == formatXLSX {
		if isTerm, _ := g.env.Terminal(g.env.Out); isTerm {
			return usageError("a workbook is binary: redirect it to a file, as in oco export -o xlsx > programme.xlsx")
		}
	}
	s, err := g.load()
	if err != nil {
		return err
	}
	out := g.term().Out
	switch f {
	case formatICS:
		return exportICS(out, s)
	case formatMermaid:
		return exportMermaid(out, s)
	case render.FormatJSON:
		return render.JSON(out, programmeDoc(s.p))
	case formatXLSX:
		return render.XLSX(out, workbook(s))
	}
	return exportCSV(out, s)
}

// workbook is every listing's CSV table, a sheet each, RAG and status
// words coloured as the listings colour them, and the open risks' heat
// map.
func workbook(s *session) render.Workbook {
	var wb render.Workbook
	for _, l := range listings {
		tb := l.run(s, &view.Filter{}).csv
		for i, c := range tb.Columns {
			switch c.Header {
			case "rag", "status", "priority":
				for _, row := range tb.Rows {
					row[i].Style = render.RAGStyle(row[i].Text)
				}
			}
		}
		wb.Sheets = append(wb.Sheets, render.Sheet{Name: l.use, Table: tb})
	}
	// The people and groups the items name, for lookups in the workbook.
	var people, bodies, workstreams []any
	for _, x := range s.p.People {
		people = append(people, view.NewPerson(x))
	}
	for _, x := range s.p.Bodies {
		bodies = append(bodies, view.NewBody(x))
	}
	for _, x := range s.p.Workstreams {
		workstreams = append(workstreams, view.NewWorkstream(x))
	}
	wb.Sheets = append(wb.Sheets, recordSheet("people", view.Person{}, people),
		recordSheet("bodies", view.Body{}, bodies), recordSheet("workstreams", view.Workstream{}, workstreams))
	rec := view.NewRiskMatrix(s.p, &view.Filter{}, true, false)
	m := render.Matrix{Title: "Open risks: likelihood (up) × impact (across)",
		Bands: func(score int) render.Style { return render.RAGStyle(s.p.RAG(score)) }}
	for _, c := range rec.Cells {
		m.Cells[c.Likelihood-1][c.Impact-1] = render.MatrixCell{Count: c.Count, IDs: c.Risks}
	}
	wb.HeatMap = &m
	return wb
}

func exportCSV(out io.Writer, s *session) error {
	plan := s.plan()
	tb := render.Table{Columns: []render.Column{{Header: "id"}, {Header: "title"}, {Header: "phase"}, {Header: "workstream"}, {Header: "owner"},
		{Header: "start"}, {Header: "due"}, {Header: "forecast"}, {Header: "done"}, {Header: "status"}, {Header: "rag"}, {Header: "expected"}, {Header: "slack"}}}
	for i, m := range s.p.Milestones {
		r := view.NewMilestone(s.p, plan, i, s.asOf)
		slack := ""
		if r.Slack != nil {
			slack = strconv.Itoa(*r.Slack)
		}
		tb.Rows = append(tb.Rows, render.Cells(m.ID, m.Title, m.Phase, m.Workstream, m.Owner, m.Start.String(), m.Due.String(),
			m.Forecast.String(), m.Done.String(), r.Status, r.RAG, r.Expected.String(), slack))
	}
	return render.CSV(out, tb)
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
				row[i].Text = joinListIDs(f.Interface().([]string))
			}
		}
		tb.Rows = append(tb.Rows, row)
	}
	return render.Sheet{Name: name, Table: tb}
}

// milestoneDay is the day a milestone's event sits on: when it was done,
// else when it is expected to be.
func milestoneDay(m *programme.Milestone) programme.Date {
	if !m.Done.IsZero() {
		return m.Done
	}
	return m.Date()
}

// exportICS writes one event per milestone with a date.
func exportICS(out io.Writer, s *session) error {
	p := s.p
	c := render.Calendar{Name: p.Header.Name, ProdID: fmt.Sprintf("-//ocotool//oco %s//EN", version), Stamp: s.asOf}
	uidDomain := strings.ToLower(p.Header.ID) + ".oco"
	plan := s.plan()
	for i, m := range p.Milestones {
		day := milestoneDay(m)
		if day.IsZero() || m.ID == "" {
			continue
		}
		st := view.MilestoneState(p, plan, i, s.asOf)
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
	return render.ICS(out, c)
}

// exportMermaid draws the milestones by phase; those of no known phase
// come last.
func exportMermaid(out io.Writer, s *session) error {
	p, plan := s.p, s.plan()
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
				Start: m.Start, End: day, Done: !m.Done.IsZero(), Red: view.MilestoneState(p, plan, i, s.asOf).RAG == programme.Red})
		}
	}
	return render.MermaidGantt(out, c)
}

// programmeDoc is the whole programme under the file format's own field
// names, read from the model's tags as the loader reads them, so the
// export cannot name a field differently from the files.
func programmeDoc(p *programme.Programme) map[string]any {
	doc := map[string]any{"programme": tagged(reflect.ValueOf(p.Header))}
	lists := map[string]any{
		"people": p.People, "bodies": p.Bodies, "workstreams": p.Workstreams, "phases": p.Phases, "milestones": p.Milestones,
		"risks": p.Risks, "assumptions": p.Assumptions, "issues": p.Issues, "decisions": p.Decisions, "benefits": p.Benefits,
	}
	for name, list := range lists {
		v := reflect.ValueOf(list)
		items := make([]any, 0, v.Len())
		for i := 0; i < v.Len(); i++ {
			items = append(items, tagged(v.Index(i)))
		}
		doc[name] = items
	}
	return doc
}

var (
	dateType = reflect.TypeOf(programme.Date(0))
	lagType  = reflect.TypeOf(programme.Lag(0))
	depType  = reflect.TypeOf(programme.Dep{})
)

// tagged converts a model value to JSON values, leaving out what is not
// given; dates as YYYY-MM-DD and lags as 10d, as the files write them.
func tagged(v reflect.Value) any {
	for v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return nil
		}
		v = v.Elem()
	}
	switch {
	case v.Type() == dateType:
		if v.Int() == 0 {
			return nil
		}
		return programme.Date(v.Int()).String()
	case v.Type() == lagType:
		return fmt.Sprintf("%dd", v.Int())
	case v.Type() == depType:
		d := v.Interface().(programme.Dep)
		if d.Lag == 0 && d.LinkType() == "fs" {
			return d.ID
		}
		link := map[string]any{"id": d.ID, "lag": d.LagSpan().String()}
		if t := d.LinkType(); t != "fs" {
			link["type"] = t
		}
		return link
	}
	switch v.Kind() {
	case reflect.Struct:
		m := map[string]any{}
		for i := 0; i < v.NumField(); i++ {
			tag := v.Type().Field(i).Tag.Get("oco")
			if tag == "" || tag == "-" {
				continue
			}
			name, _, _ := strings.Cut(tag, ",")
			if x := tagged(v.Field(i)); x != nil {
				m[name] = x
			}
		}
		return m
	case reflect.Slice:
		if v.Len() == 0 {
			return nil
		}
		out := make([]any, v.Len())
		for i := range out {
			out[i] = tagged(v.Index(i))
		}
		return out
	case reflect.String:
		if v.String() == "" {
			return nil
		}
		return v.String()
	case reflect.Int, reflect.Int32, reflect.Int64:
		if v.Int() == 0 {
			return nil
		}
		return v.Int()
	}
	return nil
}
