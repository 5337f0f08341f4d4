package cli

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/ocotool/oco/internal/programme"
	"github.com/ocotool/oco/internal/render"
	"github.com/ocotool/oco/internal/schedule"
)

type graphOptions struct {
	format              string
	phases, workstreams []string
}

func newGraphCmd(g *globals) *cobra.Command {
	o := &graphOptions{}
	cmd := &cobra.Command{
		Use:     "graph",
		GroupID: "plan",
		Short:   "Print the dependency graph as Mermaid or Graphviz",
		Long: `Print the milestones and their depends_on links as a graph for other tools:
--format mermaid (the default) a flowchart that GitHub draws inside a
` + "```mermaid" + ` block, --format dot a digraph for Graphviz (dot -Tsvg).

Milestones are grouped by phase. Links on the critical path are drawn thick
and red, done milestones filled green, and a link's lag labels its arrow.
Phases' own depends_on links are not drawn: a phase's order shows in its
milestones' links, and 'oco deps PHASE' lists them.

--phase and --workstream keep only the milestones of those phases or
workstreams (both given: both must match), and the links among them.

  oco graph > deps.mmd
  oco graph --format dot | dot -Tsvg > deps.svg`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runGraph(g, o) },
	}
	fl := cmd.Flags()
	fl.StringVar(&o.format, "format", "mermaid", "graph format: mermaid|dot")
	fl.StringSliceVar(&o.phases, "phase", nil, "only milestones of these phases")
	fl.StringSliceVar(&o.workstreams, "workstream", nil, "only milestones of these workstreams")
	return cmd
}

func runGraph(g *globals, o *graphOptions) error {
	format := strings.ToLower(o.format)
	if format != "mermaid" && format != "dot" {
		return usageError("--format %q: must be mermaid or dot", o.format)
	}
	s, err := g.load()
	if err != nil {
		return err
	}
	phases, err := graphFilter(s.p, "--phase", o.phases, programme.KindPhase)
	if err != nil {
		return err
	}
	streams, err := graphFilter(s.p, "--workstream", o.workstreams, programme.KindWorkstream)
	if err != nil {
		return err
	}
	gr := buildGraph(s.p, s.plan(), func(m *programme.Milestone) bool {
		return (phases == nil || phases[m.Phase]) && (streams == nil || streams[m.Workstream])
	})
	if format == "dot" {
		return render.GraphDOT(g.env.Out, gr)
	}
	return render.GraphMermaid(g.env.Out, gr)
}

// graphFilter checks the ids given to --phase or --workstream: each must
// be an item of that kind. No ids means no filter (nil).
func graphFilter(p *programme.Programme, flag string, ids []string, kind programme.Kind) (map[string]bool, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	set := map[string]bool{}
	for _, id := range ids {
		id = strings.TrimSpace(id)
		r, ok := p.Lookup(id)
		switch {
		case ok && r.Kind == kind:
			set[id] = true
		case ok:
			return nil, usageError("%s %s: that is a %s, not a %s", flag, id, r.Kind, kind)
		default:
			return nil, usageError("%s %s: no %s has that id%s", flag, id, kind, depsNearest(id, p.IDs(kind)))
		}
	}
	return set, nil
}

// buildGraph draws the milestones kept, grouped by phase in file order
// then those of no phase, and the links among them.
func buildGraph(p *programme.Programme, plan *schedule.Plan, keep func(*programme.Milestone) bool) render.Graph {
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
			if lag := linkLagTo(m, d.ID); lag != 0 {
				e.Label = lagDays(lag)
			}
			gr.Edges = append(gr.Edges, e)
		}
	}
	return gr
}
