package view

import (
	"github.com/ocotool/oco/internal/programme"
	"github.com/ocotool/oco/internal/schedule"
)

// PathStep is one step of the critical path: the milestone's record, as
// every command prints it, and the lag after the step before.
type PathStep struct {
	Milestone `yaml:",inline"`
	Lag       string `json:"lag" yaml:"lag"` // "10d"; "0d" for the first
}

// CriticalPath lists the chain of milestones that sets the programme's
// end, first to last.
func CriticalPath(p *programme.Programme, plan *schedule.Plan, asOf programme.Date) []PathStep {
	steps := make([]PathStep, 0, len(plan.CriticalPath))
	for k, i := range plan.CriticalPath {
		m := plan.Milestones[i]
		st := PathStep{Milestone: NewMilestone(p, plan, i, asOf)}
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
