package schedule

import "github.com/ocotool/oco/internal/programme"

// PhaseNet is the network of phases' depends_on links: what each phase
// depends on and what depends on it, and the loops among them. Links to ids
// that are not phases, and a phase's link to itself, are left to the checks.
type PhaseNet struct {
	Phases       []*programme.Phase
	Preds, Succs [][]int // indexed like Phases, in the order the files list them
	Cycles       [][]int // as the function Cycles returns them
	index        map[string]int
}

// BuildPhases links p's phases.
func BuildPhases(p *programme.Programme) *PhaseNet {
	phs := p.Phases
	n := &PhaseNet{Phases: phs, Preds: make([][]int, len(phs)), Succs: make([][]int, len(phs)), index: make(map[string]int, len(phs))}
	for i, ph := range phs {
		if _, dup := n.index[ph.ID]; ph.ID != "" && !dup {
			n.index[ph.ID] = i
		}
	}
	for k, q := range phs {
		for _, d := range q.DependsOn {
			if j, ok := n.index[d]; ok && j != k {
				n.Preds[k] = append(n.Preds[k], j)
				n.Succs[j] = append(n.Succs[j], k)
			}
		}
	}
	n.Cycles = Cycles(len(phs), func(i int) []int { return n.Preds[i] })
	return n
}

// Index returns the position of the phase with the given id.
func (n *PhaseNet) Index(id string) (int, bool) {
	i, ok := n.index[id]
	return i, ok
}
