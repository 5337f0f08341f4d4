package cli

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/ocotool/oco/internal/gitrev"
	"github.com/ocotool/oco/internal/render"
	"github.com/ocotool/oco/internal/trend"
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
(forecast, else due) at each commit that changed it, with the commit's date,
read from the git history of the programme directory up to HEAD (or --rev).

--chart draws the milestone trend chart: reporting dates (commit days) down
the side, the milestones' dates across. A line that runs straight down is a
milestone holding its date; one that leans right is slipping.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error { return runHistory(g, o, args) },
	}
	g.addOutputFlag(cmd, "table", render.FormatTable, render.FormatJSON, render.FormatCSV)
	cmd.Flags().BoolVar(&o.chart, "chart", false, "draw the milestone trend chart")
	cmd.Flags().StringVar(&o.rev, "rev", "HEAD", "read the history up to this revision")
	return cmd
}

func runHistory(g *globals, o *historyOptions, args []string) error {
	f, err := g.format(render.FormatTable, render.FormatJSON, render.FormatCSV)
	if err != nil {
		return err
	}
	if o.chart && f != render.FormatTable {
		return usageError("--chart draws a chart; it cannot be combined with -o %s", f)
	}
	if strings.HasPrefix(o.rev, "-") {
		return usageError("--rev %q: a revision may not start with '-'", o.rev)
	}
	dir, err := g.findDir()
	if err != nil {
		return err
	}
	repo, err := gitrev.Open(dir)
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
	rows := trend.ByMilestone(trend.Changes(points))
	if len(args) == 1 {
		if rows = trend.Of(rows, args[0]); len(rows) == 0 {
			return usageError("no milestone %s in the history of %s", args[0], g.displayDir(dir))
		}
	}
	t := g.term()
	if o.chart {
		return t.TrendChart(trendChart(trend.ChartOf(rows)))
	}
	if rows == nil {
		rows = []trend.Change{}
	}
	tb := render.Table{Columns: []render.Column{{Header: "ID"}, {Header: "COMMITTED"}, {Header: "COMMIT"}, {Header: "CHANGE"},
		{Header: "DUE"}, {Header: "FORECAST"}, {Header: "DONE"}, {Header: "MOVED", Align: render.Right}, {Header: "SUBJECT", Flex: true}}}
	if f == render.FormatCSV {
		tb.Columns = append(tb.Columns[:8], render.Column{Header: "DATE"}, render.Column{Header: "SUBJECT"})
	}
	for _, r := range rows {
		commit := r.Commit
		if f == render.FormatTable && len(commit) > 12 {
			commit = commit[:12]
		}
		moved := ""
		switch {
		case f == render.FormatCSV:
			moved = strconv.Itoa(r.Moved)
		case r.Moved != 0:
			moved = fmt.Sprintf("%+d", r.Moved)
		}
		st := render.None
		switch r.What {
		case trend.Slipped, trend.Reopened:
			st = render.Red
		case trend.Rebaselined:
			st = render.Amber
		case trend.Recovered, trend.Done:
			st = render.Green
		}
		row := []render.Cell{{Text: r.ID}, {Text: r.Committed.String()}, {Text: commit}, {Text: r.What, Style: st},
			{Text: r.Due.String()}, {Text: r.Forecast.String()}, {Text: r.Done.String()}, {Text: moved}}
		if f == render.FormatCSV {
			row = append(row, render.Cell{Text: r.Date.String()})
		}
		tb.Rows = append(tb.Rows, append(row, render.Cell{Text: r.Subject}))
	}
	return t.Output(f, tb, rows)
}

// trendChart is the chart's data as render takes it.
func trendChart(c trend.Chart) render.Trend {
	tr := render.Trend{Reports: c.Reports}
	for _, l := range c.Lines {
		tr.Lines = append(tr.Lines, render.TrendLine{ID: l.ID, Title: l.Title, Dates: l.Dates})
	}
	return tr
}
