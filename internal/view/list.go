package view

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/ocotool/oco/internal/programme"
	"github.com/ocotool/oco/internal/schedule"
)

// Statuses are the values a listing's --status takes for each kind, in
// groups: values of one group are alternatives, values of different groups
// must all hold, so `--status open,red` means open and red.
var Statuses = map[programme.Kind][][]string{
	programme.KindMilestone: {
		{programme.StatusDone, programme.StatusLate, programme.StatusOverdue, programme.StatusDueSoon, programme.StatusOpen},
		{programme.Red, programme.Amber, programme.Green},
	},
	programme.KindRisk: {
		{programme.RiskOpen, programme.RiskClosed, programme.RiskOccurred},
		{programme.Red, programme.Amber, programme.Green, programme.Unassessed},
	},
	programme.KindAssumption: {{programme.AssumptionUnverified, programme.AssumptionValid, programme.AssumptionInvalid}},
	programme.KindIssue:      {{programme.IssueOpen, programme.IssueClosed}, {"low", "medium", "high", "critical"}},
	programme.KindBenefit:    {{programme.Realised, programme.Unrealised}},
}

// Filter is what a listing's flags ask for. A nil set, an empty status
// and a zero date ask nothing.
type Filter struct {
	Phases, Workstreams map[string]bool
	Owners              map[string]bool // the bodies a person chairs or sits on already added
	Status              [][]string      // the chosen values, by group
	Before, After       programme.Date
}

// AddBodies widens Owners to the bodies whose chair or a member is among
// them: what a board owns, its chair and members answer for too.
func (f *Filter) AddBodies(p *programme.Programme) {
	for _, b := range p.Bodies {
		if f.Owners[b.Chair] || slices.ContainsFunc(b.Members, func(m string) bool { return f.Owners[m] }) {
			f.Owners[b.ID] = true
		}
	}
}

// StatusGroups sorts the status words given into the groups of a kind's
// statuses (Statuses), each word once, for Filter.Status: a word of no
// group is an error that lists the valid ones.
func StatusGroups(statuses [][]string, given []string) ([][]string, error) {
	groups := make([][]string, len(statuses))
	for _, v := range given {
		v = strings.ToLower(strings.TrimSpace(v))
		gi := slices.IndexFunc(statuses, func(gr []string) bool { return slices.Contains(gr, v) })
		if gi < 0 {
			return nil, fmt.Errorf("%q: valid values are %s", v, strings.Join(slices.Concat(statuses...), ", "))
		}
		if !slices.Contains(groups[gi], v) {
			groups[gi] = append(groups[gi], v)
		}
	}
	var out [][]string
	for _, gr := range groups {
		if len(gr) > 0 {
			out = append(out, gr)
		}
	}
	return out, nil
}

// Active reports whether any filter is given.
func (f *Filter) Active() bool {
	return f.Phases != nil || f.Workstreams != nil || f.Owners != nil || len(f.Status) > 0 || f.Before != 0 || f.After != 0
}

func (f *Filter) owner(id string) bool { return f.Owners == nil || f.Owners[id] }

// date reports whether an item dated d passes Before and After, both
// exclusive; an item without a date passes only when neither is given.
func (f *Filter) date(d programme.Date) bool {
	if f.Before == 0 && f.After == 0 {
		return true
	}
	return !d.IsZero() && (f.Before == 0 || d < f.Before) && (f.After == 0 || d > f.After)
}

func (f *Filter) status(is func(string) bool) bool {
	for _, gr := range f.Status {
		if !slices.ContainsFunc(gr, is) {
			return false
		}
	}
	return true
}

func (f *Filter) milestone(m *programme.Milestone) bool {
	return (f.Phases == nil || f.Phases[m.Phase]) && (f.Workstreams == nil || f.Workstreams[m.Workstream])
}

// affects reports whether an item that affects (or is enabled by) ids
// passes Phases and Workstreams: it names the phase or workstream, or a
// milestone of it.
func (f *Filter) affects(p *programme.Programme, ids []string) bool {
	in := func(set map[string]bool, of func(*programme.Milestone) string) bool {
		if set == nil {
			return true
		}
		for _, id := range ids {
			if set[id] {
				return true
			}
			if m := p.Milestone(id); m != nil && set[of(m)] {
				return true
			}
		}
		return false
	}
	return in(f.Phases, func(m *programme.Milestone) string { return m.Phase }) &&
		in(f.Workstreams, func(m *programme.Milestone) string { return m.Workstream })
}

// Phases lists the phases in order of their start, rated by where plan
// expects their milestones.
func Phases(p *programme.Programme, plan *schedule.Plan, asOf programme.Date) []Phase {
	states := p.PhaseStatesExpected(asOf, expectedDates(plan))
	order := make([]int, len(p.Phases))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(p.Phases[a].Start, p.Phases[b].Start) })
	out := make([]Phase, 0, len(order))
	for _, i := range order {
		out = append(out, NewPhase(p.Phases[i], states[i]))
	}
	return out
}

// Milestones lists the milestones that pass f by date (forecast, else
// due), then id.
func Milestones(p *programme.Programme, plan *schedule.Plan, asOf programme.Date, f *Filter) []Milestone {
	var idx []int
	for i, m := range p.Milestones {
		st := MilestoneState(p, plan, i, asOf)
		if f.milestone(m) && f.owner(m.Owner) && f.date(st.Date) && f.status(st.Is) {
			idx = append(idx, i)
		}
	}
	slices.SortStableFunc(idx, func(i, j int) int {
		a, b := p.Milestones[i], p.Milestones[j]
		return cmp.Or(cmp.Compare(a.Date(), b.Date()), programme.CompareIDs(a.ID, b.ID))
	})
	out := make([]Milestone, 0, len(idx))
	for _, i := range idx {
		out = append(out, NewMilestone(p, plan, i, asOf))
	}
	return out
}

// RiskPasses applies f to a risk; the risk matrix uses it too.
func RiskPasses(p *programme.Programme, f *Filter, r *programme.Risk) bool {
	return f.affects(p, r.Affects) && f.owner(r.Owner) && f.date(r.ReviewBy) &&
		f.status(func(v string) bool { return p.RiskIs(r, v) })
}

// Risks lists the risks that pass f by score, highest first, then id.
func Risks(p *programme.Programme, f *Filter) []Risk {
	var risks []*programme.Risk
	for _, r := range p.Risks {
		if RiskPasses(p, f, r) {
			risks = append(risks, r)
		}
	}
	slices.SortStableFunc(risks, func(a, b *programme.Risk) int {
		return cmp.Or(cmp.Compare(b.Score(), a.Score()), programme.CompareIDs(a.ID, b.ID))
	})
	out := make([]Risk, 0, len(risks))
	for _, r := range risks {
		out = append(out, NewRisk(p, r))
	}
	return out
}

// AssumptionRow is an assumption in its listing: the record, and whether
// its validation is overdue, which the table shows in red.
type AssumptionRow struct {
	Assumption
	Overdue bool
}

// Assumptions lists the assumptions that pass f, in file order.
func Assumptions(p *programme.Programme, asOf programme.Date, f *Filter) []AssumptionRow {
	out := []AssumptionRow{}
	for _, x := range p.Assumptions {
		if f.affects(p, x.Affects) && f.owner(x.Owner) && f.date(x.ValidateBy) && f.status(x.Is) {
			out = append(out, AssumptionRow{NewAssumption(x), x.Overdue(asOf)})
		}
	}
	return out
}

// IssueRow is an issue in its listing: the record, and whether its
// resolution is overdue.
type IssueRow struct {
	Issue
	Overdue bool
}

// Issues lists the issues that pass f, in file order.
func Issues(p *programme.Programme, asOf programme.Date, f *Filter) []IssueRow {
	out := []IssueRow{}
	for _, x := range p.Issues {
		if f.affects(p, x.Affects) && f.owner(x.Owner) && f.date(x.ResolveBy) && f.status(x.Is) {
			out = append(out, IssueRow{NewIssue(x), x.Overdue(asOf)})
		}
	}
	return out
}

// Decisions lists the decisions that pass f by date, then file order;
// the owner a decision answers to is the body that took it.
func Decisions(p *programme.Programme, f *Filter) []Decision {
	var ds []*programme.Decision
	for _, x := range p.Decisions {
		if f.affects(p, x.Affects) && f.owner(x.By) && f.date(x.Date) {
			ds = append(ds, x)
		}
	}
	slices.SortStableFunc(ds, func(a, b *programme.Decision) int { return cmp.Compare(a.Date, b.Date) })
	out := make([]Decision, 0, len(ds))
	for _, x := range ds {
		out = append(out, NewDecision(x))
	}
	return out
}

// Benefits lists the benefits that pass f, in file order.
func Benefits(p *programme.Programme, f *Filter) []Benefit {
	out := []Benefit{}
	for _, x := range p.Benefits {
		if f.affects(p, x.EnabledBy) && f.owner(x.Owner) && f.date(x.By) && f.status(x.Is) {
			out = append(out, NewBenefit(x))
		}
	}
	return out
}
