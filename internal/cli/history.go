package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/ocotool/oco/internal/gitrev"
	"github.com/ocotool/oco/internal/programme"
	"github.com/ocotool/oco/internal/render"
	"github.com/ocotool/oco/internal/trend"
	"github.com/ocotool/oco/internal/view"
)

type historyOptions struct {
	chart bool
	rev   string
}

func newHistoryCmd(g *globals) *cobra.Command {
	o := &historyOptions{}
	cmd := &cobra.Command{
		Use:     "history [ID]",
		GroupID: "git",
		Short:   "Show each milestone's date across the git history",
		Long: `Milestone trend analysis: for each milestone (or the one named), its date
(forecast, else due) at each commit that changed it, read from the git
history of the programme directory up to HEAD (or --rev). Changes are placed
in programme time: at the reporting date (as_of) the programme gave itself
in that commit, else the commit's date; the commit and its date are shown
beside them, so a back-dated correction takes its place among the reports.

--chart draws the milestone trend chart: reporting dates down the side, the
milestones' dates across. A line that runs straight down is a
milestone holding its date; one that leans right is slipping.

In a shallow clone the history starts at the shallow boundary: a note on
stderr says so, and -o json marks the changes read there with
"shallow_boundary": true (what they add may be older).`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error { return runHistory(g, o, args) },
	}
	g.addOutputFlag(cmd, "table", render.FormatTable, render.FormatJSON, render.FormatCSV, formatSVG)
	cmd.Flags().BoolVar(&o.chart, "chart", false, "draw the milestone trend chart")
	cmd.Flags().StringVar(&o.rev, "rev", "HEAD", "read the history up to this revision")
	return cmd
}

func runHistory(g *globals, o *historyOptions, args []string) error {
	f, err := g.format(render.FormatTable, render.FormatJSON, render.FormatCSV, formatSVG)
	if err != nil {
		return err
	}
	if f == formatSVG && !o.chart {
		return usageError("-o svg draws the chart: give --chart too")
	}
	if o.chart && f != render.FormatTable && f != formatSVG {
		return usageError("--chart draws a chart; it cannot be combined with -o %s", f)
	}
	if strings.HasPrefix(o.rev, "-") {
		return usageError("--rev %q: a revision may not start with '-'", o.rev)
	}
	dir, err := g.findDir()
	if err != nil {
		return err
	}
	repo, err := gitrev.OpenWith(dir, g.gitOptions())
	if err != nil {
		return gitError(err)
	}
	defer repo.Close()
	rel, err := repo.Rel(dir)
	if err != nil {
		return gitError(err)
	}
	points, err := trend.Read(repo, rel, trend.Options{Rev: o.rev})
	if err != nil {
		return gitError(err)
	}
	if pt, ok := trend.ShallowBoundary(points); ok {
		// Not an error: the trend is right as far as it goes.
		fmt.Fprintf(g.env.Err, "oco: history starts at a shallow boundary: commit %.12s (%s); the clone holds nothing older, `git fetch --unshallow` fetches the rest\n",
			pt.Commit, programme.DateOf(pt.Time))
	}
	rows := trend.ByMilestone(trend.Changes(points))
	if len(args) == 1 {
		if rows = trend.Of(rows, args[0]); len(rows) == 0 {
			return usageError("no milestone %s in the history of %s", args[0], g.displayDir(dir))
		}
	}
	if f == formatSVG {
		return historySVG(g, points, rows)
	}
	if o.chart {
		return g.term().HistoryChart(trend.ChartOf(rows))
	}
	if rows == nil {
		rows = []trend.Change{}
	}
	return g.term().Output(f, view.HistoryTable(rows, f == render.FormatCSV), rows)
}
