package schedule

import "github.com/ocotool/oco/internal/programme"

// Simulation prepares the Monte Carlo forecast of p's milestones over
// this plan's network: each milestone's estimate, and each risk with a
// schedule impact, delaying the milestones it affects directly or through
// their phase or workstream. Iterations and Seed are left to the caller.
func (pl *Plan) Simulation(p *programme.Programme) Simulation {
	s := Simulation{Input: Input{Tasks: pl.tasks, AsOf: pl.asOf, End: p.Header.End}}
	if pl.End == p.Header.End {
		s.Deterministic = pl.Result // the plan is that schedule: not built twice
	}
	s.Spreads = make([]Spread, len(pl.Milestones))
	for i, m := range pl.Milestones {
		if e := m.Estimate; e != nil {
			s.Spreads[i] = Spread{Early: e.Early.N, Late: e.Late.N, Working: e.Early.Working || e.Late.Working}
		}
	}
	byPhase := map[string][]int{}
	byStream := map[string][]int{}
	for i, m := range pl.Milestones {
		if m.Phase != "" {
			byPhase[m.Phase] = append(byPhase[m.Phase], i)
		}
		if m.Workstream != "" {
			byStream[m.Workstream] = append(byStream[m.Workstream], i)
		}
	}
	for _, r := range p.Risks {
		sc := r.Schedule
		if sc == nil {
			continue
		}
		rk := Risk{
			ID:          r.ID,
			Probability: p.Probability(r),
			Min:         sc.Min.N, Likely: sc.Likely.N, Max: sc.Max.N,
			Working: sc.Min.Working || sc.Likely.Working || sc.Max.Working,
		}
		for _, id := range r.Affects {
			if i, ok := pl.index[id]; ok {
				rk.Tasks = append(rk.Tasks, i)
				continue
			}
			if ref, ok := p.Lookup(id); ok {
				switch ref.Kind {
				case programme.KindPhase:
					rk.Tasks = append(rk.Tasks, byPhase[id]...)
				case programme.KindWorkstream:
					rk.Tasks = append(rk.Tasks, byStream[id]...)
				}
			}
		}
		s.Risks = append(s.Risks, rk)
	}
	return s
}

// Varies reports whether anything in the simulation can vary: an estimate,
// or a risk that may occur and then delays something. Without either,
// every percentile is the deterministic date and a command need not run it.
func (s Simulation) Varies() bool {
	for _, sp := range s.Spreads {
		if sp.Early > 0 || sp.Late > 0 {
			return true
		}
	}
	for _, r := range s.Risks {
		if r.Probability > 0 && len(r.Tasks) > 0 && (r.Min != 0 || r.Likely != 0 || r.Max != 0) {
			return true
		}
	}
	return false
}
