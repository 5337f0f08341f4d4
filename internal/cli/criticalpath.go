package cli

import (
	"github.com/spf13/cobra"

	"github.com/ocotool/oco/internal/render"
	"github.com/ocotool/oco/internal/view"
)

func newCriticalPathCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:     "critical-path",
		GroupID: "plan",
		Short:   "Show the chain of milestones that sets the programme's end",
		Long: `Show the critical path: the chain of milestones, each waiting for the one
before with no room to spare, that ends at the milestone expected last.
Each step shows its lag (the wait after the step before), its due date,
its expected date and its slack: how many days it can move before a
successor or the programme end would move. Steps that drive the next have
none; the last step's slack below zero is how far it is past the end.

Expected dates follow SPEC section 4: done dates, forecasts, the reporting
date for what is not done, and each predecessor's expected date plus lag.

-o json and -o yaml print a list of steps: each the milestone's record, as
'oco milestones -o json' prints it, with the lag after the step before;
-o csv gives id, title, due, expected, slack and lag as columns.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runCriticalPath(g) },
	}
	g.addOutputFlag(cmd, "table", render.AllFormats...)
	return cmd
}

func runCriticalPath(g *globals) error {
	f, err := g.format(render.AllFormats...)
	if err != nil {
		return err
	}
	s, err := g.load()
	if err != nil {
		return err
	}
	steps := view.CriticalPath(s.p, s.plan(), s.asOf)
	t := g.term()
	switch f {
	case render.FormatJSON:
		return render.JSON(t.Out, steps)
	case render.FormatYAML:
		return render.YAML(t.Out, steps)
	case render.FormatCSV:
		return render.CSV(t.Out, view.CriticalPathCSV(steps))
	case render.FormatMarkdown:
		if len(steps) == 0 {
			return nil // no milestones, no path: nothing to say
		}
		return render.Markdown(t.Out, view.CriticalPathTable(steps))
	}
	return t.Page(view.CriticalPathPage(steps, s.p.Header.End))
}
