package view

import (
	"github.com/ocotool/oco/internal/programme"
	"github.com/ocotool/oco/internal/render"
	"github.com/ocotool/oco/internal/schedule"
)

// Graph is the dependency graph `oco graph` draws: the milestones of the
// phases and workstreams chosen (nil: all), grouped by phase in file order
// then those of no phase, and the links among them.
func Graph(p *programme.Programme, plan *schedule.Plan, phases, workstreams map[string]bool) render.Graph {
	keep := func(m *programme.Milestone) bool {
		return (phases == nil || phases[m.Phase]) && (workstreams == nil || workstreams[m.Workstream])
	}
	var gr render.Graph
	node := make([]int, len(plan.Milestones)) // a milestone's node, or -1
	byPhase := map[string]int{}
	for _, ph := range p.Phases {
		if _, dup := byPhase[ph.ID]; !dup {
			byPhase[ph.ID] = len(gr.Groups)
			gr.Groups = append(gr.Groups, render.GraphGroup{Boxed: true, ID: ph.ID, Name: ph.Name})
		}
	}
	loose := render.GraphGroup{}
	for i, m := range plan.Milestones {
		node[i] = -1
		if !keep(m) {
			continue
		}
		node[i] = len(gr.Nodes)
		gr.Nodes = append(gr.Nodes, render.GraphNode{ID: m.ID, Title: m.Title, Done: m.Done != 0})
		if k, ok := byPhase[m.Phase]; ok {
			gr.Groups[k].Nodes = append(gr.Groups[k].Nodes, node[i])
		} else {
			loose.Nodes = append(loose.Nodes, node[i])
		}
	}
	groups := gr.Groups[:0]
	for _, grp := range gr.Groups {
		if len(grp.Nodes) > 0 {
			groups = append(groups, grp)
		}
	}
	if len(loose.Nodes) > 0 {
		groups = append(groups, loose)
	}
	gr.Groups = groups

	critLink := map[[2]int]bool{}
	for k, i := range plan.CriticalPath {
		if node[i] >= 0 {
			gr.Nodes[node[i]].Critical = true
		}
		if k > 0 {
			critLink[[2]int{plan.CriticalPath[k-1], i}] = true
		}
	}
	for t, m := range plan.Milestones {
		if node[t] < 0 {
			continue
		}
		seen := map[int]bool{}
		for _, d := range m.DependsOn {
			pr, ok := plan.Index(d.ID)
			if !ok || pr == t || node[pr] < 0 || seen[pr] {
				continue // unknown, itself, cut away, or listed twice: validate says so
			}
			seen[pr] = true
			e := render.GraphEdge{From: node[pr], To: node[t], Critical: critLink[[2]int{pr, t}]}
			// The longest lag, where pred is listed twice: that is the one
			// that sets m's date.
			if link := m.LinkTo(d.ID); link.Lag != 0 || link.LinkType() != "fs" {
				e.Label = link.LagLabel()
			}
			gr.Edges = append(gr.Edges, e)
		}
	}
	return gr
}
