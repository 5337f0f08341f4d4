package cli

import (
	"github.com/spf13/cobra"

	"github.com/ocotool/oco/internal/render"
	"github.com/ocotool/oco/internal/view"
)

type reportOptions struct {
	format string
}

func newReportCmd(g *globals) *cobra.Command {
	o := &reportOptions{}
	cmd := &cobra.Command{
		Use:     "report",
		GroupID: "git",
		Short:   "Write a highlight report for the programme board",
		Long: `Write a highlight report for the board: a headline, the RAG summary, the
phases with their progress, milestones overdue and due soon, slips against
the approved plan, the top risks and the recent decisions.

--format markdown suits a wiki or a pull request; --format html is one
self-contained page (no scripts, no external files) to print or send.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runReport(g, o) },
	}
	cmd.Flags().StringVar(&o.format, "format", "markdown", "output format: markdown|html")
	return cmd
}

func runReport(g *globals, o *reportOptions) error {
	format := o.format
	if format == "md" {
		format = "markdown"
	}
	if format != "markdown" && format != "html" {
		return usageError("--format %q: must be markdown or html", o.format)
	}
	s, err := g.load()
	if err != nil {
		return err
	}
	fs := s.findings()
	h := view.HighlightPlanned(s.p, s.plan(), s.asOf, fs, board(buildDashboard(s, s.plan(), fs)))
	if format == "html" {
		return render.ReportHTML(g.env.Out, h)
	}
	return render.ReportMarkdown(g.env.Out, h)
}

// board is what the report takes from the dashboard.
func board(d *dashboard) view.Board {
	b := view.Board{CurrentPhase: d.CurrentPhase}
	for _, ph := range d.Phases {
		b.Phases = append(b.Phases, view.BoardPhase{ID: ph.ID, Name: ph.Name, Start: ph.Start, End: ph.End, Done: ph.Done, Total: ph.Total, RAG: ph.RAG})
	}
	lines := func(ms []milestoneLine) []view.BoardMilestone {
		var out []view.BoardMilestone
		for _, m := range ms {
			out = append(out, view.BoardMilestone{ID: m.ID, Title: m.Title, Owner: m.Owner, Date: m.Date, Days: m.Days})
		}
		return out
	}
	b.Overdue, b.DueSoon = lines(d.Overdue), lines(d.DueSoon)
	for _, r := range d.Risks {
		b.Risks = append(b.Risks, view.BoardRisk{ID: r.ID, Title: r.Title, Owner: r.Owner, Score: r.Score, RAG: r.RAG})
	}
	return b
}
