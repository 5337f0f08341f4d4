package cli

import (
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/ocotool/oco/internal/render"
	"github.com/ocotool/oco/internal/view"
)

func newShowCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:     "show ID",
		GroupID: "view",
		Short:   "Show one item in full, with what it depends on and what depends on it",
		Long: `Show any item (programme, person, body, workstream, phase, milestone, risk,
assumption, issue, decision or benefit) by its id: every field, its derived
status, where it is defined, and how it links to the rest of the programme:
what it depends on and what depends on it, a phase's milestones, what a
person or body owns, chairs or sits on, the risks, assumptions, issues and
decisions that affect it (for a milestone, also through its phase or
workstream), and for a milestone its expected date and slack.

-o json and -o yaml print {kind, id, defined, item, links}: item is the
record 'oco milestones -o json' (and the like) prints, links the related
items by relation (depends_on, needed_by, milestones, affected_by, owns, ...).`,
		Example: `  oco show M-12
  oco show coo
  oco show M-12 -o json | jq -r '.links.needed_by[].id'`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error { return runShow(g, args[0]) },
	}
	g.addOutputFlag(cmd, "table", render.FormatTable, render.FormatJSON, render.FormatYAML)
	return cmd
}

// showRecord and linkRecord are what show prints, built in view.
type (
	showRecord = view.Show
	linkRecord = view.Link
)

func runShow(g *globals, id string) error {
	f, err := g.format(render.FormatTable, render.FormatJSON, render.FormatYAML)
	if err != nil {
		return err
	}
	s, err := g.load()
	if err != nil {
		return err
	}
	rec, ok := view.NewShow(s.p, s.plan, s.asOf, id)
	if !ok {
		all := append([]string{s.p.Header.ID}, s.p.IDs()...)
		return usageError("no item has the id %q%s", id, nearestHint(id, all))
	}
	t := g.term()
	switch f {
	case render.FormatJSON:
		return render.JSON(t.Out, rec)
	case render.FormatYAML:
		return render.YAML(t.Out, rec)
	}
	return printShow(t, rec)
}

// linkSections are the relations printed as tables, in order, with their
// headings. References to a single item (phase, owner, decision) are shown
// among the fields instead.
var linkSections = []struct{ rel, heading string }{
	{"depends_on", "Depends on"},
	{"needed_by", "Needed by"},
	{"milestones", "Milestones"},
	{"affects", "Affects"},
	{"affected_by", "Affected by"},
	{"approves", "Approves the dates of"},
	{"enabled_by", "Enabled by"},
	{"enables", "Enables"},
	{"members", "Members"},
	{"chairs", "Chairs"},
	{"member_of", "Member of"},
	{"owns", "Owns"},
	{"leads", "Leads"},
	{"runs", "Runs"},
	{"decided", "Decisions taken"},
	{"reported_to_by", "Reported to by"},
	{"escalations", "Risks escalated to it"},
	{"assumptions", "Assumptions that would become it if false"},
	{"risks", "Risks that occurred as it"},
}

func printShow(t render.Term, rec *view.Show) error {
	w := &sectionWriter{t: t}
	w.line(strings.TrimRight(t.Paint(rec.ID, render.Bold)+"  "+view.OneLine(rec.Title), " "))
	w.line(t.Paint(rec.Kind+" · "+rec.Defined, render.Grey))
	w.line("")

	nameW := 0
	for _, f := range rec.Fields {
		nameW = max(nameW, len(f.Name))
	}
	for _, f := range rec.Fields {
		lines := strings.Split(strings.TrimRight(view.Safe(f.Value), "\n"), "\n")
		for i, l := range lines {
			label := ""
			if i == 0 {
				label = f.Name
			}
			w.line(strings.TrimRight("  "+label+strings.Repeat(" ", nameW-len(label))+"  "+t.Paint(l, toneStyle(f.Tone)), " "))
		}
	}

	for _, sec := range linkSections {
		links := rec.Links[sec.rel]
		if len(links) == 0 {
			continue
		}
		w.heading(sec.heading)
		if w.err == nil {
			w.err = t.Table(linkTable(links))
		}
	}
	return w.err
}

// toneStyle is the colour of a field's tone: a rating's, or grey.
func toneStyle(tone string) render.Style {
	if tone == "grey" {
		return render.Grey
	}
	return render.RAGStyle(tone)
}

// linkTable lays out related items, leaving out columns none of them fill.
func linkTable(links []view.Link) render.Table {
	cols := []struct {
		col  render.Column
		cell func(view.Link) render.Cell
	}{
		{render.Column{Header: "ID"}, func(l view.Link) render.Cell { return render.Cell{Text: l.ID} }},
		{render.Column{Header: "KIND"}, func(l view.Link) render.Cell { return render.Cell{Text: l.Kind} }},
		{render.Column{Header: "TITLE", Flex: true}, func(l view.Link) render.Cell { return render.Cell{Text: l.Title} }},
		{render.Column{Header: "DATE"}, func(l view.Link) render.Cell { return listDateCell(l.Date) }},
		{render.Column{Header: "STATUS"}, func(l view.Link) render.Cell { return listRAGCell(l.Status, l.Status) }},
		{render.Column{Header: "LAG", Align: render.Right}, func(l view.Link) render.Cell {
			if l.Lag == "0d" {
				return render.Cell{}
			}
			return render.Cell{Text: l.Lag}
		}},
		{render.Column{Header: "VIA"}, func(l view.Link) render.Cell { return render.Cell{Text: l.Via} }},
	}
	var tb render.Table
	var keep []int
	for i, c := range cols {
		if c.col.Header == "KIND" && !slices.ContainsFunc(links, func(l view.Link) bool { return l.Kind != links[0].Kind }) {
			continue // the heading says what they are
		}
		for _, l := range links {
			if c.cell(l).Text != "" {
				keep = append(keep, i)
				break
			}
		}
	}
	for _, i := range keep {
		tb.Columns = append(tb.Columns, cols[i].col)
	}
	for _, l := range links {
		row := make([]render.Cell, len(keep))
		for j, i := range keep {
			row[j] = cols[i].cell(l)
		}
		tb.Rows = append(tb.Rows, row)
	}
	return tb
}
