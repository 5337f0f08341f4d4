package cli

import (
	"github.com/ocotool/oco/internal/programme"
	"github.com/ocotool/oco/internal/schedule"
	"github.com/ocotool/oco/internal/view"
)

// The records each command prints live in view; these names keep the
// commands that still use the old ones compiling.
type (
	depRecord        = view.Dep
	milestoneRecord  = view.Milestone
	phaseRecord      = view.Phase
	targetRecord     = view.Target
	riskRecord       = view.Risk
	assumptionRecord = view.Assumption
	issueRecord      = view.Issue
	decisionRecord   = view.Decision
	benefitRecord    = view.Benefit
	personRecord     = view.Person
	bodyRecord       = view.Body
	workstreamRecord = view.Workstream
	programmeRecord  = view.Programme
)

// lagOf writes a lag as every output does: "10d".
func lagOf(l programme.Lag) string { return l.String() }

func milestoneRec(p *programme.Programme, plan *schedule.Plan, i int, asOf programme.Date) milestoneRecord {
	return view.NewMilestone(p, plan, i, asOf)
}

func phaseRec(p *programme.Programme, ph *programme.Phase, asOf programme.Date) phaseRecord {
	return view.NewPhase(ph, p.PhaseState(ph, asOf))
}

func riskRec(p *programme.Programme, x *programme.Risk) riskRecord { return view.NewRisk(p, x) }

var (
	assumptionRec = view.NewAssumption
	issueRec      = view.NewIssue
	decisionRec   = view.NewDecision
	benefitRec    = view.NewBenefit
	programmeRec  = view.NewProgramme
	personRec     = view.NewPerson
	bodyRec       = view.NewBody
	workstreamRec = view.NewWorkstream
)
