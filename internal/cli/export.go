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
)

type exportOptions struct {
	format string
}

func newExportCmd(g *globals) *cobra.Command {
	o := &exportOptions{}
	cmd := &cobra.Command{
		Use:     "export",
		GroupID: "git",
		Short:   "Export the programme for other tools: CSV, iCalendar, Mermaid, JSON",
		Long: `Write the programme in a form other tools read:

  csv      the milestones, one a row, with their derived status and rating
  ics      an iCalendar file: one all-day event per milestone on its date
           (done, else forecast, else due), for a shared calendar
  mermaid  a Mermaid gantt chart of the milestones by phase, for pages
           that render Mermaid (GitHub, GitLab, wikis)
  json     the whole programme under the file format's own field names`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runExport(g, o) },
	}
	cmd.Flags().StringVar(&o.format, "format", "csv", "output format: csv|ics|mermaid|json")
	return cmd
}

func runExport(g *globals, o *exportOptions) error {
	switch o.format {
	case "csv", "ics", "mermaid", "json":
	default:
		return usageError("--format %q: must be one of csv, ics, mermaid, json", o.format)
	}
	s, err := g.load()
	if err != nil {
		return err
	}
	out := g.env.Out
	switch o.format {
	case "ics":
		return exportICS(out, s)
	case "mermaid":
		return exportMermaid(out, s)
	case "json":
		return render.JSON(out, programmeDoc(s.p))
	}
	return exportCSV(out, s)
}

func exportCSV(out io.Writer, s *session) error {
	plan := s.plan()
	tb := render.Table{Columns: []render.Column{{Header: "id"}, {Header: "title"}, {Header: "phase"}, {Header: "workstream"}, {Header: "owner"},
		{Header: "start"}, {Header: "due"}, {Header: "forecast"}, {Header: "done"}, {Header: "status"}, {Header: "rag"}, {Header: "expected"}, {Header: "slack"}}}
	for i, m := range s.p.Milestones {
		st := s.p.State(m, s.asOf)
		tb.Rows = append(tb.Rows, render.Cells(m.ID, m.Title, m.Phase, m.Workstream, m.Owner, m.Start.String(), m.Due.String(),
			m.Forecast.String(), m.Done.String(), st.Status, st.RAG, plan.Expected[i].String(), strconv.Itoa(plan.Slack[i])))
	}
	return render.CSV(out, tb)
}

// milestoneDay is the day a milestone's event sits on: when it was done,
// else when it is expected to be.
func milestoneDay(m *programme.Milestone) programme.Date {
	if !m.Done.IsZero() {
		return m.Done
	}
	return m.Date()
}

// icsText escapes TEXT values (RFC 5545 3.3.11).
var icsText = strings.NewReplacer("\\", "\\\\", ";", "\\;", ",", "\\,", "\r\n", "\\n", "\n", "\\n", "\r", "\\n").Replace

// icsLine folds a content line at 75 octets, never inside a UTF-8
// character, continuing with a space, and ends it with CRLF (RFC 5545 3.1).
func icsLine(b *strings.Builder, line string) {
	const limit = 75
	for first := true; ; first = false {
		room := limit
		if !first {
			room-- // the leading space counts
			b.WriteByte(' ')
		}
		if len(line) <= room {
			b.WriteString(line)
			b.WriteString("\r\n")
			return
		}
		cut := room
		for cut > 0 && line[cut]&0xC0 == 0x80 { // a continuation byte
			cut--
		}
		b.WriteString(line[:cut])
		b.WriteString("\r\n")
		line = line[cut:]
	}
}

func exportICS(out io.Writer, s *session) error {
	var b strings.Builder
	p := s.p
	line := func(format string, args ...any) { icsLine(&b, fmt.Sprintf(format, args...)) }
	line("BEGIN:VCALENDAR")
	line("VERSION:2.0")
	line("PRODID:-//ocotool//oco %s//EN", version)
	line("CALSCALE:GREGORIAN")
	line("X-WR-CALNAME:%s", icsText(p.Header.Name))
	// The stamp is the reporting date, not the clock, so that exporting the
	// same programme twice gives the same file.
	stamp := s.asOf.Time().Format("20060102T150405Z")
	uidDomain := strings.ToLower(p.Header.ID) + ".oco"
	for _, m := range p.Milestones {
		day := milestoneDay(m)
		if day.IsZero() || m.ID == "" {
			continue
		}
		st := p.State(m, s.asOf)
		line("BEGIN:VEVENT")
		line("UID:%s@%s", m.ID, uidDomain)
		line("DTSTAMP:%s", stamp)
		line("DTSTART;VALUE=DATE:%s", day.Time().Format("20060102"))
		line("DTEND;VALUE=DATE:%s", day.AddDays(1).Time().Format("20060102"))
		line("SUMMARY:%s", icsText(m.ID+" "+m.Title))
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
		line("DESCRIPTION:%s", icsText(desc+"."))
		if m.Phase != "" {
			line("CATEGORIES:%s", icsText(m.Phase))
		}
		line("TRANSP:TRANSPARENT")
		line("END:VEVENT")
	}
	line("END:VCALENDAR")
	_, err := io.WriteString(out, b.String())
	return err
}

// ganttText keeps a task name from breaking Mermaid's gantt syntax, in
// which : separates the name from its data and # and ; have meanings.
var ganttText = strings.NewReplacer(":", " -", "#", "", ";", ",", "\n", " ", "\r", " ").Replace

// ganttTaskID makes an id one Mermaid accepts as a task id.
func ganttTaskID(id string) string {
	return strings.Map(func(r rune) rune {
		if r == '-' || r == '.' {
			return '_'
		}
		return r
	}, id)
}

func exportMermaid(out io.Writer, s *session) error {
	var b strings.Builder
	p := s.p
	b.WriteString("gantt\n")
	fmt.Fprintf(&b, "    title %s\n", ganttText(p.Header.Name))
	b.WriteString("    dateFormat YYYY-MM-DD\n    axisFormat %b %Y\n")
	sections := []struct{ id, name string }{}
	for _, ph := range p.Phases {
		sections = append(sections, struct{ id, name string }{ph.ID, ph.ID + " " + ph.Name})
	}
	sections = append(sections, struct{ id, name string }{"", "Other milestones"})
	known := map[string]bool{}
	for _, ph := range p.Phases {
		known[ph.ID] = true
	}
	for _, sec := range sections {
		var tasks []string
		for _, m := range p.Milestones {
			if m.Phase != sec.id && !(sec.id == "" && !known[m.Phase]) {
				continue
			}
			day := milestoneDay(m)
			if day.IsZero() {
				continue
			}
			st := p.State(m, s.asOf)
			var tags []string
			switch {
			case !m.Done.IsZero():
				tags = append(tags, "done")
			case st.RAG == programme.Red:
				tags = append(tags, "crit")
			}
			name := ganttText(m.ID + " " + m.Title)
			if !m.Start.IsZero() && m.Start < day {
				tags = append(tags, ganttTaskID(m.ID), m.Start.String(), day.String())
			} else {
				tags = append([]string{"milestone"}, append(tags, ganttTaskID(m.ID), day.String(), "0d")...)
			}
			tasks = append(tasks, fmt.Sprintf("    %s :%s\n", name, strings.Join(tags, ", ")))
		}
		if len(tasks) == 0 {
			continue
		}
		fmt.Fprintf(&b, "    section %s\n", ganttText(sec.name))
		for _, t := range tasks {
			b.WriteString(t)
		}
	}
	_, err := io.WriteString(out, b.String())
	return err
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
		if d.Lag == 0 {
			return d.ID
		}
		return map[string]any{"id": d.ID, "lag": fmt.Sprintf("%dd", d.Lag)}
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
