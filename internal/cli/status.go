package cli

import (
	"github.com/spf13/cobra"

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
	d := view.NewDashboard(s.p, s.plan(), s.asOf, fs)
	t := g.term()
	switch f {
	case render.FormatJSON:
		return render.JSON(t.Out, d)
	case render.FormatYAML:
		return render.YAML(t.Out, d)
	}
	asOfFrom := "as_of in programme.yaml"
	switch {
	case g.asOf != "":
		asOfFrom = "--as-of"
	case s.p.Header.AsOf.IsZero():
		asOfFrom = "today"
	}
	return t.Page(d.Page(asOfFrom, s.p.Tolerances().DueSoonDays))
}

// plan schedules the session's milestones once.
func (s *session) plan() *schedule.Plan {
	if s.sched == nil {
		s.sched = schedule.Build(s.p, s.asOf)
	}
	return s.sched
}
