package view

import (
	"fmt"
	"strconv"

	"github.com/ocotool/oco/internal/render"
	"github.com/ocotool/oco/internal/trend"
)

// HistoryTable is `oco history`: each change to a milestone at its place in
// programme time (the reporting date), with the commit that made it beside
// it. csv keeps whole commits and signless moves, and adds the date each
// change left the milestone at.
func HistoryTable(changes []trend.Change, csv bool) render.Table {
	tb := render.Table{Columns: []render.Column{{Header: "ID"}, {Header: "REPORTED"}, {Header: "COMMITTED", Drop: 1}, {Header: "COMMIT"},
		{Header: "CHANGE"}, {Header: "DUE"}, {Header: "FORECAST"}, {Header: "DONE"}, {Header: "MOVED", Align: render.Right},
		{Header: "SUBJECT", Flex: true}}}
	if csv {
		tb.Columns = append(tb.Columns[:9], render.Column{Header: "DATE"}, render.Column{Header: "SUBJECT"})
	}
	// One block of cells for every row: a history's first commit adds
	// every milestone, and a row each is thousands of allocations.
	width := len(tb.Columns)
	cells := make([]render.Cell, 0, width*len(changes))
	tb.Rows = make([][]render.Cell, 0, len(changes))
	for _, c := range changes {
		commit := c.Commit
		if !csv && len(commit) > 12 {
			commit = commit[:12]
		}
		moved := ""
		switch {
		case csv:
			moved = strconv.Itoa(c.Moved)
		case c.Moved != 0:
			moved = fmt.Sprintf("%+d", c.Moved)
		}
		st := render.None
		switch c.What {
		case trend.Slipped, trend.Reopened:
			st = render.Red
		case trend.Rebaselined:
			st = render.Amber
		case trend.Recovered, trend.Done:
			st = render.Green
		}
		start := len(cells)
		cells = append(cells, render.Cell{Text: c.ID}, dateCell(c.Reported), dateCell(c.Committed), render.Cell{Text: commit}, render.Cell{Text: c.What, Style: st},
			dateCell(c.Due), dateCell(c.Forecast), dateCell(c.Done), render.Cell{Text: moved})
		if csv {
			cells = append(cells, dateCell(c.Date))
		}
		cells = append(cells, render.Cell{Text: c.Subject})
		tb.Rows = append(tb.Rows, cells[start:len(cells):len(cells)])
	}
	return tb
}
