package render

import (
	"fmt"
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
		t.Paint(string(ganttToday), Blue) + " " + g.Today.String(),
	}
	_, err := fmt.Fprintln(t.Out, "\n"+strings.Join(legend, "   "))
	return err
}
