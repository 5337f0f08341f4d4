package view

import (
	"fmt"
	"strconv"

	"github.com/ocotool/oco/internal/programme"
	"github.com/ocotool/oco/internal/render"
	"github.com/ocotool/oco/internal/schedule"
)

// PathStep is one step of the critical path: the milestone's record, as
// every command prints it, and the lag after the step before.
type PathStep struct {
	Milestone `yaml:",inline"`
	Type      string `json:"type,omitempty" yaml:"type,omitempty"` // of the link from the step before: ss, ff or sf; fs is left out
	Lag       string `json:"lag" yaml:"lag"`                       // "10d", "5wd"; "0d" for the first
	label     string // the lag column's text
}

// CriticalPath lists the chain of milestones that sets the programme's
// end, first to last.
func CriticalPath(p *programme.Programme, plan *schedule.Plan, asOf programme.Date) []PathStep {
	steps := make([]PathStep, 0, len(plan.CriticalPath))
	for k, i := range plan.CriticalPath {
		m := plan.Milestones[i]
		st := PathStep{Milestone: NewMilestone(p, plan, i, asOf)}
		var link programme.Dep
		if k > 0 {
			// The link that leaves no room: the longest, where the same
			// predecessor is listed twice.
			link = m.LinkTo(plan.Milestones[plan.CriticalPath[k-1]].ID)
		}
		l := linkOf(link)
		st.Type, st.Lag, st.label = l.Type, l.Lag, link.LagLabel()
		steps = append(steps, st)
	}
	return steps
}

// CriticalPathCSV is the path as -o csv prints it.
func CriticalPathCSV(steps []PathStep) render.Table {
	tb := flatTable("id", "title", "due", "expected", "slack", "lag")
	for _, st := range steps {
		tb.Rows = append(tb.Rows, render.Cells(st.ID, st.Title, st.Due.String(), st.Expected.String(), strconv.Itoa(st.SlackDays()), st.Lag))
	}
	return tb
}

// CriticalPathTable is the path as a table: each step's lag after the one
// before, due date, expected date and slack.
func CriticalPathTable(steps []PathStep) render.Table {
	tb := render.Table{Columns: []render.Column{{Header: "ID"}, {Header: "MILESTONE", Flex: true}, {Header: "LAG", Align: render.Right},
		{Header: "DUE"}, {Header: "EXPECTED"}, {Header: "SLACK", Align: render.Right}}}
	for k, st := range steps {
		lag := ""
		if k > 0 {
			lag = st.label
		}
		slack := render.Cell{Text: strconv.Itoa(st.SlackDays())}
		if st.SlackDays() < 0 {
			slack.Style = render.Red
		}
		expected := dateCell(st.Expected)
		if st.Expected > st.Due {
			expected.Style = render.Amber
		}
		tb.Rows = append(tb.Rows, []render.Cell{{Text: st.ID}, {Text: st.Title}, {Text: lag}, dateCell(st.Due), expected, slack})
	}
	return tb
}

// CriticalPathPage is the table, then where the last step lands against
// the programme's end.
func CriticalPathPage(steps []PathStep, end programme.Date) render.Page {
	var pg render.Page
	if len(steps) == 0 {
		return pg // no milestones, no path: nothing to say
	}
	tb := CriticalPathTable(steps)
	pg.Add(render.Block{Table: &tb}, render.Block{})
	last := steps[len(steps)-1]
	verdict := render.Cell{}
	switch d := last.Expected.Sub(end); {
	case end == 0:
		verdict.Text = "the programme has no end date"
	case d > 0:
		verdict = render.Cell{Text: fmt.Sprintf("%s after the programme ends (%s)", programme.Plural(d, "day"), end), Style: render.Red}
	case d == 0:
		verdict.Text = fmt.Sprintf("the day the programme ends (%s)", end)
	default:
		verdict.Text = fmt.Sprintf("%s before the programme ends (%s)", programme.Plural(-d, "day"), end)
	}
	pg.Add(render.Block{Wrap: true, Line: []render.Cell{{Text: fmt.Sprintf("%s: %s expected %s, ", programme.Plural(len(steps), "step"), last.ID, last.Expected)}, verdict}})
	return pg
}
