package cli

import (
	"fmt"
	"slices"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/ocotool/oco/internal/programme"
	"github.com/ocotool/oco/internal/render"
	"github.com/ocotool/oco/internal/schedule"
	"github.com/ocotool/oco/internal/view"
)

func newStatusCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:     "status",
		GroupID: "view",
		Short:   "Show where the programme stands",
		Long: `Show the dashboard: the programme and its reporting date, the current phase
with its progress, every phase with its progress and rating, the milestones
overdue and due soon, those that predecessors will push late next, the red
and amber risks, the assumptions due for validation, and how many problems
'oco validate' finds.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runStatus(g) },
	}
	g.addOutputFlag(cmd, "table", render.FormatTable, render.FormatJSON, render.FormatYAML)
	return cmd
}

// The dashboard lives in view; these names keep the highlight report,
// which is drawn from it, compiling.
type (
	dashboard      = view.Dashboard
	phaseLine      = view.PhaseLine
	milestoneLine  = view.MilestoneLine
	riskLine       = view.RiskLine
	assumptionLine = view.AssumptionLine
)

func buildDashboard(s *session, plan *schedule.Plan, fs []programme.Finding) *dashboard {
	return view.NewDashboard(s.p, plan, s.asOf, fs)
}

func runStatus(g *globals) error {
	f, err := g.format(render.FormatTable, render.FormatJSON, render.FormatYAML)
	if err != nil {
		return err
	}
	s, err := g.load()
	if err != nil {
		return err
	}
	fs := s.findings()
	d := buildDashboard(s, s.plan(), fs)
	t := g.term()
	switch f {
	case render.FormatJSON:
		return render.JSON(t.Out, d)
	case render.FormatYAML:
		return render.YAML(t.Out, d)
	}
	return printDashboard(t, s, d)
}

// plan schedules the session's milestones once.
func (s *session) plan() *schedule.Plan {
	if s.sched == nil {
		s.sched = schedule.Build(s.p, s.asOf)
	}
	return s.sched
}

func printDashboard(t render.Term, s *session, d *dashboard) error {
	w := &sectionWriter{t: t}
	name := d.Name
	if name == "" {
		name = d.Programme
	}
	w.line(t.Paint(name, render.Bold))
	asOfFrom := "as_of in programme.yaml"
	switch {
	case s.g.asOf != "":
		asOfFrom = "--as-of"
	case s.p.Header.AsOf.IsZero():
		asOfFrom = "today"
	}
	w.fit(fmt.Sprintf("%s to %s · reporting date %s (%s)", d.Start, d.End, d.AsOf, asOfFrom))
	if k := slices.IndexFunc(d.Phases, func(ph view.PhaseLine) bool { return ph.Current }); k >= 0 {
		ph := d.Phases[k]
		w.fit(fmt.Sprintf("Current phase: %s %s, %s to %s", ph.ID, ph.Name, ph.Start, ph.End))
		w.line(fmt.Sprintf("  %s  %d of %d milestones done", t.Bar(ph.Done, ph.Total, 20), ph.Done, ph.Total))
	} else {
		w.line("Current phase: none holds the reporting date")
	}

	w.heading("Phases")
	pt := render.Table{Columns: []render.Column{{Header: "ID"}, {Header: "PHASE", Flex: true}, {Header: "START"}, {Header: "END"}, {Header: "DONE", Align: render.Right}, {Header: "PROGRESS"}, {Header: "RAG"}}}
	for _, ph := range d.Phases {
		name := ph.Name
		if ph.Current {
			name += " (current)"
		}
		pt.Rows = append(pt.Rows, []render.Cell{{Text: ph.ID}, {Text: name}, {Text: ph.Start.String()}, {Text: ph.End.String()},
			{Text: fmt.Sprintf("%d/%d", ph.Done, ph.Total)}, {Text: render.Bar(ph.Done, ph.Total, 10)}, {Text: ph.RAG, Style: render.RAGStyle(ph.RAG)}})
	}
	w.table(pt, "no phases")

	tol := s.p.Tolerances()
	w.heading("Overdue")
	w.table(milestoneTable(d.Overdue, "LATE", func(m milestoneLine) render.Cell {
		return render.Cell{Text: programme.Plural(-m.Days, "day") + " late", Style: render.Red}
	}), "nothing overdue")
	w.heading(fmt.Sprintf("Due in the next %d days", tol.DueSoonDays))
	w.table(milestoneTable(d.DueSoon, "LEFT", func(m milestoneLine) render.Cell {
		return render.Cell{Text: programme.Plural(m.Days, "day"), Style: render.Amber}
	}), "nothing due soon")
	w.heading("Slips next: pushed past their dates by a predecessor")
	w.table(milestoneTable(d.SlipsNext, "PUSHED", func(m milestoneLine) render.Cell {
		return render.Cell{Text: fmt.Sprintf("+%s by %s", programme.Plural(m.Days, "day"), m.By), Style: render.Amber}
	}), "no knock-on slips")

	w.heading("Red and amber risks")
	rt := render.Table{Columns: []render.Column{{Header: "ID"}, {Header: "RISK", Flex: true}, {Header: "OWNER"}, {Header: "SCORE", Align: render.Right}, {Header: "RAG"}}}
	for _, r := range d.Risks {
		rt.Rows = append(rt.Rows, []render.Cell{{Text: r.ID}, {Text: r.Title}, {Text: r.Owner}, {Text: strconv.Itoa(r.Score)}, {Text: r.RAG, Style: render.RAGStyle(r.RAG)}})
	}
	w.table(rt, "no red or amber risks")

	w.heading("Assumptions to validate")
	at := render.Table{Columns: []render.Column{{Header: "ID"}, {Header: "ASSUMPTION", Flex: true}, {Header: "OWNER"}, {Header: "VALIDATE BY"}, {Header: "WHEN"}}}
	for _, a := range d.Assumptions {
		when := render.Cell{Text: "in " + programme.Plural(a.Days, "day"), Style: render.Amber}
		if a.Days < 0 {
			when = render.Cell{Text: programme.Plural(-a.Days, "day") + " ago", Style: render.Red}
		}
		at.Rows = append(at.Rows, []render.Cell{{Text: a.ID}, {Text: a.Statement}, {Text: a.Owner}, {Text: a.ValidateBy.String()}, when})
	}
	w.table(at, "none due for validation")

	w.heading("Checks")
	e, wn := d.Findings["errors"], d.Findings["warnings"]
	summary := fmt.Sprintf("%s, %s", programme.Plural(e, "error"), programme.Plural(wn, "warning"))
	switch {
	case e > 0:
		summary = t.Paint(summary, render.Red)
	case wn > 0:
		summary = t.Paint(summary, render.Amber)
	default:
		summary = t.Paint(summary, render.Green)
	}
	if e+wn > 0 {
		summary += ": run 'oco validate' for the details"
	}
	w.line(summary)
	return w.err
}

func milestoneTable(ms []milestoneLine, last string, cell func(milestoneLine) render.Cell) render.Table {
	tb := render.Table{Columns: []render.Column{{Header: "ID"}, {Header: "MILESTONE", Flex: true}, {Header: "OWNER"}, {Header: "DATE"}, {Header: last}}}
	for _, m := range ms {
		tb.Rows = append(tb.Rows, []render.Cell{{Text: m.ID}, {Text: m.Title}, {Text: m.Owner}, {Text: m.Date.String()}, cell(m)})
	}
	return tb
}

// sectionWriter prints the dashboard's sections, keeping the first error.
type sectionWriter struct {
	t   render.Term
	err error
}

func (w *sectionWriter) line(s string) {
	if w.err == nil {
		_, w.err = fmt.Fprintln(w.t.Out, s)
	}
}

// fit prints a line cut to the terminal's width; piped, it is left whole.
func (w *sectionWriter) fit(s string) {
	if w.t.IsTerminal && w.t.Width > 0 {
		s = render.Cut(s, w.t.Width)
	}
	w.line(s)
}

func (w *sectionWriter) heading(s string) {
	w.line("")
	w.line(w.t.Paint(s, render.Bold))
}

func (w *sectionWriter) table(tb render.Table, empty string) {
	if w.err != nil {
		return
	}
	if len(tb.Rows) == 0 {
		w.line("  " + w.t.Paint(empty, render.Dim))
		return
	}
	w.err = w.t.Table(tb)
}
