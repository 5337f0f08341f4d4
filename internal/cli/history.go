package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/ocotool/oco/internal/gitrev"
	"github.com/ocotool/oco/internal/programme"
	"github.com/ocotool/oco/internal/render"
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

// historyRow is one milestone at one commit that changed it, as -o json
// and -o csv print it.
type historyRow struct {
	ID        string         `json:"id"`
	Title     string         `json:"title"`
	Commit    string         `json:"commit"`
	Committed programme.Date `json:"committed"`
	Subject   string         `json:"subject"`
	Change    string         `json:"change"` // added, rebaselined, slipped, recovered, done, reopened, changed, removed
	Due       programme.Date `json:"due"`
	Forecast  programme.Date `json:"forecast,omitempty"`
	Done      programme.Date `json:"done,omitempty"`
	Date      programme.Date `json:"date"`  // forecast, else due
	Moved     int            `json:"moved"` // days from the previous date
}

// milestoneAt is what history tracks of a milestone.
type milestoneAt struct {
	title               string
	due, forecast, done programme.Date
}

func (m milestoneAt) date() programme.Date {
	if m.forecast != 0 {
		return m.forecast
	}
	return m.due
}

// milestoneHistory reads every commit up to rev that touched the programme
// directory and returns a row for each milestone each time it changed,
// oldest first. Every revision is read through the repository's one
// long-lived cat-file process.
func milestoneHistory(repo *gitrev.Repo, rev, rel string) ([]historyRow, error) {
	commits, err := repo.Log(rev, rel)
	if err != nil {
		return nil, err
	}
	slices.Reverse(commits)
	var rows []historyRow
	prev := map[string]milestoneAt{}
	var order []string // ids in the order they first appeared
	reader := newMilestoneReader()
	for _, c := range commits {
		fsys, err := repo.FS(c.Hash, rel)
		cur := map[string]milestoneAt{}
		if err == nil {
			for _, m := range reader.read(fsys) {
				if _, dup := cur[m.id]; m.id != "" && !dup {
					cur[m.id] = m.milestoneAt
				}
			}
		} else if !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
		row := func(id string, m milestoneAt, change string, moved int) {
			rows = append(rows, historyRow{ID: id, Title: m.title, Commit: c.Hash, Committed: programme.DateOf(c.Time), Subject: c.Subject,
				Change: change, Due: m.due, Forecast: m.forecast, Done: m.done, Date: m.date(), Moved: moved})
		}
		for _, id := range order {
			if _, ok := cur[id]; !ok {
				if old, was := prev[id]; was {
					row(id, milestoneAt{title: old.title}, "removed", 0)
				}
			}
		}
		for _, id := range sortedKeys(cur) {
			m := cur[id]
			old, had := prev[id]
			if !had {
				if !slices.Contains(order, id) {
					order = append(order, id)
				}
				row(id, m, "added", 0)
				continue
			}
			if m.due == old.due && m.forecast == old.forecast && m.done == old.done {
				continue
			}
			change := "changed"
			switch {
			case m.done != 0 && old.done == 0:
				change = "done"
			case m.done == 0 && old.done != 0:
				change = "reopened"
			case m.due != old.due:
				change = "rebaselined"
			case m.date() > old.date():
				change = "slipped"
			case m.date() < old.date():
				change = "recovered"
			}
			row(id, m, change, m.date().Sub(old.date()))
		}
		prev = cur
	}
	return rows, nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
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
	rows, err := milestoneHistory(repo, o.rev, rel)
	if err != nil {
		return gitError(err)
	}
	if len(args) == 1 {
		id := args[0]
		rows = slices.DeleteFunc(rows, func(r historyRow) bool { return r.ID != id })
		if len(rows) == 0 {
			return usageError("no milestone %s in the history of %s", id, g.displayDir(dir))
		}
	} else {
		// Group by milestone, each in the order it first appeared, so that a
		// milestone's trend reads down the table.
		first := map[string]int{}
		for i, r := range rows {
			if _, ok := first[r.ID]; !ok {
				first[r.ID] = i
			}
		}
		slices.SortStableFunc(rows, func(a, b historyRow) int { return first[a.ID] - first[b.ID] })
	}
	t := g.term()
	if o.chart {
		return t.TrendChart(trendChart(rows))
	}
	if rows == nil {
		rows = []historyRow{}
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
		switch r.Change {
		case "slipped", "reopened":
			st = render.Red
		case "rebaselined":
			st = render.Amber
		case "recovered", "done":
			st = render.Green
		}
		row := []render.Cell{{Text: r.ID}, {Text: r.Committed.String()}, {Text: commit}, {Text: r.Change, Style: st},
			{Text: r.Due.String()}, {Text: r.Forecast.String()}, {Text: r.Done.String()}, {Text: moved}}
		if f == render.FormatCSV {
			row = append(row, render.Cell{Text: r.Date.String()})
		}
		tb.Rows = append(tb.Rows, append(row, render.Cell{Text: r.Subject}))
	}
	return t.Output(f, tb, rows)
}

// trendChart turns history rows into the chart's data: for each reporting
// day (the last commit of each day), each milestone's date then.
func trendChart(rows []historyRow) render.Trend {
	var tr render.Trend
	days := map[programme.Date]bool{}
	for _, r := range rows {
		days[r.Committed] = true
	}
	for d := range days {
		tr.Reports = append(tr.Reports, d)
	}
	slices.Sort(tr.Reports)
	byID := map[string][]historyRow{}
	var ids []string
	for _, r := range rows {
		if _, ok := byID[r.ID]; !ok {
			ids = append(ids, r.ID)
		}
		byID[r.ID] = append(byID[r.ID], r)
	}
	for _, id := range ids {
		rs := byID[id]
		slices.SortStableFunc(rs, func(a, b historyRow) int { return int(a.Committed - b.Committed) })
		line := render.TrendLine{ID: id, Title: rs[len(rs)-1].Title, Dates: make([]programme.Date, len(tr.Reports))}
		k := 0
		var cur programme.Date
		for i, day := range tr.Reports {
			for k < len(rs) && rs[k].Committed <= day {
				cur = rs[k].Date
				if rs[k].Done != 0 {
					cur = rs[k].Done // a milestone done meets the diagonal
				}
				if rs[k].Change == "removed" {
					cur = 0
				}
				k++
			}
			line.Dates[i] = cur
		}
		tr.Lines = append(tr.Lines, line)
	}
	return tr
}
