package cli

import (
	"github.com/spf13/cobra"

	"github.com/ocotool/oco/internal/programme"
	"github.com/ocotool/oco/internal/view"
)

type timelineOptions struct {
	from, to string
	phases   []string
	width    int
}

func newTimelineCmd(g *globals) *cobra.Command {
	o := &timelineOptions{}
	cmd := &cobra.Command{
		Use:     "timeline",
		GroupID: "view",
		Short:   "Draw phases and milestones as a text Gantt chart",
		Long: `Draw the programme as a Gantt chart: each phase as a bar, its milestones
under it as marks, activities (milestones with a start) as bars, month
ticks along the top and a line at the reporting date.

  ◆ done   ◈ done late   ◇ open   ▷ slipped to its forecast   ! overdue
  ○ expected: where a predecessor pushes it   ┆ the programme's end

A slip is drawn as dots from the due date to the forecast (or, for one done
late, to the date it was done); an overdue milestone's dots run on to the
reporting date, and a pushed one's on to its expected date. The chart spans
the programme, or the phases chosen with --phase, running on past the end
when anything is expected after it; it fits the terminal (or --width);
--from and --to zoom in.`,
		Example: `  oco timeline
  oco timeline --phase P5
  oco timeline --from 2017-06-01 --to 2017-12-31 --width 120`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runTimeline(g, o) },
	}
	fl := cmd.Flags()
	fl.StringVar(&o.from, "from", "", "start the chart at this date (YYYY-MM-DD)")
	fl.StringVar(&o.to, "to", "", "end the chart at this date (YYYY-MM-DD)")
	fl.StringSliceVar(&o.phases, "phase", nil, "only these phases and their milestones")
	fl.IntVar(&o.width, "width", 0, "width of the chart in columns (default: the terminal's)")
	return cmd
}

func runTimeline(g *globals, o *timelineOptions) error {
	if o.width < 0 {
		return usageError("--width %d: must be a number of columns above 0", o.width)
	}
	from, err := parseFlagDate("--from", o.from)
	if err != nil {
		return err
	}
	to, err := parseFlagDate("--to", o.to)
	if err != nil {
		return err
	}
	if from != 0 && to != 0 && to < from {
		return usageError("--to %s is before --from %s", to, from)
	}
	s, err := g.load()
	if err != nil {
		return err
	}
	chosen, err := refSet(s.p, "--phase", o.phases, programme.KindPhase)
	if err != nil {
		return err
	}
	gc, ok := view.Timeline(s.p, s.asOf, view.TimelineOptions{Phases: chosen, From: from, To: to, Width: o.width, Plan: s.plan()})
	if !ok {
		return usageError("nothing to draw: give --from and --to, or dates in the programme")
	}
	return g.term().Timeline(gc)
}
