package view

import (
	"github.com/ocotool/oco/internal/programme"
	"github.com/ocotool/oco/internal/schedule"
)

// Document is the whole programme, each item as its kind's one record with
// its derived fields, every list present even when empty: what an export
// to JSON gives, so that it matches what every other command prints.
type Document struct {
	Programme   Programme    `json:"programme" yaml:"programme"`
	People      []Person     `json:"people" yaml:"people"`
	Bodies      []Body       `json:"bodies" yaml:"bodies"`
	Workstreams []Workstream `json:"workstreams" yaml:"workstreams"`
	Phases      []Phase      `json:"phases" yaml:"phases"`
	Milestones  []Milestone  `json:"milestones" yaml:"milestones"`
	Risks       []Risk       `json:"risks" yaml:"risks"`
	Assumptions []Assumption `json:"assumptions" yaml:"assumptions"`
	Issues      []Issue      `json:"issues" yaml:"issues"`
	Decisions   []Decision   `json:"decisions" yaml:"decisions"`
	Benefits    []Benefit    `json:"benefits" yaml:"benefits"`
}

// NewDocument converts the whole programme, in file order.
func NewDocument(p *programme.Programme, plan *schedule.Plan, asOf programme.Date) Document {
	d := Document{Programme: NewProgramme(p)}
	d.People = each(p.People, NewPerson)
	d.Bodies = each(p.Bodies, NewBody)
	d.Workstreams = each(p.Workstreams, NewWorkstream)
	states := p.PhaseStatesExpected(asOf, expectedDates(plan))
	d.Phases = make([]Phase, len(p.Phases))
	for i, ph := range p.Phases {
		d.Phases[i] = NewPhase(ph, states[i])
	}
	d.Milestones = make([]Milestone, len(p.Milestones))
	for i := range p.Milestones {
		d.Milestones[i] = NewMilestone(p, plan, i, asOf)
	}
	d.Risks = each(p.Risks, func(r *programme.Risk) Risk { return NewRisk(p, r) })
	d.Assumptions = each(p.Assumptions, NewAssumption)
	d.Issues = each(p.Issues, NewIssue)
	d.Decisions = each(p.Decisions, NewDecision)
	d.Benefits = each(p.Benefits, NewBenefit)
	return d
}

func each[T, R any](xs []T, f func(T) R) []R {
	out := make([]R, len(xs))
	for i, x := range xs {
		out[i] = f(x)
	}
	return out
}
