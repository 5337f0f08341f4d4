package view

import (
	"github.com/ocotool/oco/internal/programme"
	"github.com/ocotool/oco/internal/schedule"
)

// PathStep is one step of the critical path.
type PathStep struct {
	ID       string         `json:"id" yaml:"id"`
	Title    string         `json:"title" yaml:"title"`
	Due      programme.Date `json:"due" yaml:"due"`
	Expected programme.Date `json:"expected" yaml:"expected"`
	Slack    int            `json:"slack" yaml:"slack"`
	Lag      string         `json:"lag" yaml:"lag"` // after the step before, "10d"; "0d" for the first
}

// CriticalPath lists the chain of milestones that sets the programme's
// end, first to last.
func CriticalPath(plan *schedule.Plan) []PathStep {
	steps := make([]PathStep, 0, len(plan.CriticalPath))
	for k, i := range plan.CriticalPath {
		m := plan.Milestones[i]
		st := PathStep{ID: m.ID, Title: m.Title, Due: m.Due, Expected: plan.Expected[i], Slack: plan.Slack[i]}
		var lag programme.Lag
		if k > 0 {
			// The lag of the link that leaves no room: the longest, where
			// the same predecessor is listed twice.
			lag = m.LagTo(plan.Milestones[plan.CriticalPath[k-1]].ID)
		}
		st.Lag = lag.String()
		steps = append(steps, st)
	}
	return steps
}
