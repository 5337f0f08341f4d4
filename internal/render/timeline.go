package render

import (
	"fmt"
	"slices"
	"strings"
)

// Glyphs of a milestone's state on a timeline, so that done, late, overdue
// and slipped milestones differ even without colour.
const (
	TimelineDone    = '◆'
	TimelineLate    = '◈'
	TimelineOpen    = '◇'
	TimelineSlipped = '▷'
	TimelineOverdue = '!'
	// TimelineExpected is where the schedule expects a milestone that a
	// predecessor pushes past its own date.
	TimelineExpected = '○'
)

// Timeline draws g as a Gantt chart with a legend of the milestone glyphs
// and the reporting date under it.
func (t Term) Timeline(g Gantt) error {
	if err := t.Gantt(g); err != nil {
		return err
	}
	legend := []string{
		t.Paint(string(TimelineDone), Green) + " done",
		t.Paint(string(TimelineLate), Amber) + " done late",
		t.Paint(string(TimelineOpen), Green) + " open",
		t.Paint(string(TimelineSlipped), Amber) + " slipped",
		t.Paint(string(TimelineOverdue), Red) + " overdue",
	}
	if slices.ContainsFunc(g.Rows, func(r GanttRow) bool {
		return slices.ContainsFunc(r.Marks, func(m Mark) bool { return m.Glyph == TimelineExpected })
	}) {
		legend = append(legend, t.Paint(string(TimelineExpected), Red)+" expected")
	}
	legend = append(legend, t.Paint(string(ganttToday), Blue)+" "+g.Today.String())
	if !g.End.IsZero() && g.End >= g.From && g.End <= g.To {
		legend = append(legend, t.Paint(string(ganttEnd), Grey)+" end "+g.End.String())
	}
	// The legend keeps to the chart's width, an entry never split.
	width := g.Width
	if width <= 0 {
		width = t.width()
	}
	var lines []string
	line, used := "", 0
	for _, e := range legend {
		w := Width(e)
		if used > 0 && used+3+w > width {
			lines = append(lines, line)
			line, used = "", 0
		}
		if used > 0 {
			line += "   "
			used += 3
		}
		line += e
		used += w
	}
	lines = append(lines, line)
	_, err := fmt.Fprintln(t.Out, "\n"+strings.Join(lines, "\n"))
	return err
}
