package cli

import (
	"fmt"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/ocotool/oco/internal/programme"
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

// pathStep is one step of the critical path, built in view.
type pathStep = view.PathStep

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
		tb := render.Table{Columns: []render.Column{{Header: "id"}, {Header: "title"}, {Header: "due"}, {Header: "expected"}, {Header: "slack"}, {Header: "lag"}}}
		for _, st := range steps {
			tb.Rows = append(tb.Rows, render.Cells(st.ID, st.Title, st.Due.String(), st.Expected.String(), strconv.Itoa(st.Slack), st.Lag))
		}
		return render.CSV(t.Out, tb)
	}
	if len(steps) == 0 {
		return nil // no milestones, no path: nothing to say
	}
	tb := render.Table{Columns: []render.Column{{Header: "ID"}, {Header: "MILESTONE", Flex: true}, {Header: "LAG", Align: render.Right},
		{Header: "DUE"}, {Header: "EXPECTED"}, {Header: "SLACK", Align: render.Right}}}
	for k, st := range steps {
		lag := ""
		if k > 0 {
			lag = st.Lag
		}
		slack := render.Cell{Text: strconv.Itoa(st.Slack)}
		if st.Slack < 0 {
			slack.Style = render.Red
		}
		expected := render.Cell{Text: st.Expected.String()}
		if st.Expected > st.Due {
			expected.Style = render.Amber
		}
		tb.Rows = append(tb.Rows, []render.Cell{{Text: st.ID}, {Text: st.Title}, {Text: lag}, {Text: st.Due.String()}, expected, slack})
	}
	if f == render.FormatMarkdown {
		return render.Markdown(t.Out, tb)
	}
	if err := t.Table(tb); err != nil {
		return err
	}
	last := steps[len(steps)-1]
	end := s.p.Header.End
	var verdict string
	switch d := last.Expected.Sub(end); {
	case end == 0:
		verdict = "the programme has no end date"
	case d > 0:
		verdict = t.Paint(fmt.Sprintf("%s after the programme ends (%s)", programme.Plural(d, "day"), end), render.Red)
	case d == 0:
		verdict = fmt.Sprintf("the day the programme ends (%s)", end)
	default:
		verdict = fmt.Sprintf("%s before the programme ends (%s)", programme.Plural(-d, "day"), end)
	}
	_, err = fmt.Fprintf(t.Out, "\n%s: %s expected %s, %s\n", programme.Plural(len(steps), "step"), last.ID, last.Expected, verdict)
	return err
}

// linkLagTo is the lag of m's link to pred, the longest where pred is
// listed twice: that is the one that sets m's date.
func linkLagTo(m *programme.Milestone, pred string) int { return int(m.LagTo(pred)) }
