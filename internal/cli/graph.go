package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/ocotool/oco/internal/programme"
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

// depGraph is what both formats draw: the milestones kept, grouped by
// phase, and the links among them.
type depGraph struct {
	groups []graphGroup // phases in file order, then milestones of no phase (phase nil)
	edges  []graphEdge
	done   map[int]bool
	crit   map[int]bool
	plan   *schedule.Plan
}

type graphGroup struct {
	phase *programme.Phase
	nodes []int
}

type graphEdge struct {
	from, to, lag int
	critical      bool
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
		return gr.dot(g.env.Out)
	}
	return gr.mermaid(g.env.Out)
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

func buildGraph(p *programme.Programme, plan *schedule.Plan, keep func(*programme.Milestone) bool) *depGraph {
	gr := &depGraph{done: map[int]bool{}, crit: map[int]bool{}, plan: plan}
	kept := make([]bool, len(plan.Milestones))
	byPhase := map[string]int{}
	for _, ph := range p.Phases {
		if _, dup := byPhase[ph.ID]; !dup {
			byPhase[ph.ID] = len(gr.groups)
			gr.groups = append(gr.groups, graphGroup{phase: ph})
		}
	}
	loose := graphGroup{}
	for i, m := range plan.Milestones {
		if !keep(m) {
			continue
		}
		kept[i] = true
		if m.Done != 0 {
			gr.done[i] = true
		}
		if k, ok := byPhase[m.Phase]; ok {
			gr.groups[k].nodes = append(gr.groups[k].nodes, i)
		} else {
			loose.nodes = append(loose.nodes, i)
		}
	}
	groups := gr.groups[:0]
	for _, grp := range gr.groups {
		if len(grp.nodes) > 0 {
			groups = append(groups, grp)
		}
	}
	if len(loose.nodes) > 0 {
		groups = append(groups, loose)
	}
	gr.groups = groups

	critLink := map[[2]int]bool{}
	for k, i := range plan.CriticalPath {
		if kept[i] {
			gr.crit[i] = true
		}
		if k > 0 {
			critLink[[2]int{plan.CriticalPath[k-1], i}] = true
		}
	}
	for t, m := range plan.Milestones {
		if !kept[t] {
			continue
		}
		seen := map[int]bool{}
		for _, d := range m.DependsOn {
			pr, ok := plan.Index(d.ID)
			if !ok || pr == t || !kept[pr] || seen[pr] {
				continue // unknown, itself, cut away, or listed twice: validate says so
			}
			seen[pr] = true
			gr.edges = append(gr.edges, graphEdge{from: pr, to: t, lag: linkLagTo(m, d.ID), critical: critLink[[2]int{pr, t}]})
		}
	}
	return gr
}

// mermaid writes a flowchart GitHub can draw. Node ids are made from
// milestone ids with a prefix, so that none is a keyword such as "end",
// and with every character Mermaid does not take in an id replaced.
func (gr *depGraph) mermaid(w io.Writer) error {
	b := &strings.Builder{}
	ids := map[int]string{}
	used := map[string]bool{}
	nodeID := func(prefix, id string) string {
		base := prefix + mermaidID(id)
		name := base
		for k := 2; used[name]; k++ { // M-1 and M_1 must stay two nodes
			name = fmt.Sprintf("%s_%d", base, k)
		}
		used[name] = true
		return name
	}
	ms := gr.plan.Milestones
	b.WriteString("flowchart LR\n")
	for _, grp := range gr.groups {
		indent := "  "
		if grp.phase != nil {
			fmt.Fprintf(b, "  subgraph %s[\"%s\"]\n", nodeID("p_", grp.phase.ID), mermaidText(grp.phase.ID+": "+grp.phase.Name))
			indent = "    "
		}
		for _, i := range grp.nodes {
			ids[i] = nodeID("m_", ms[i].ID)
			fmt.Fprintf(b, "%s%s[\"%s\"]\n", indent, ids[i], mermaidText(ms[i].ID+": "+ms[i].Title))
		}
		if grp.phase != nil {
			b.WriteString("  end\n")
		}
	}
	for _, e := range gr.edges {
		arrow := "-->"
		if e.critical {
			arrow = "==>"
		}
		if e.lag != 0 {
			arrow += "|" + lagDays(e.lag) + "|"
		}
		fmt.Fprintf(b, "  %s %s %s\n", ids[e.from], arrow, ids[e.to])
	}
	classes := func(name string, set map[int]bool) {
		var members []string
		for _, grp := range gr.groups {
			for _, i := range grp.nodes {
				if set[i] {
					members = append(members, ids[i])
				}
			}
		}
		if len(members) > 0 {
			fmt.Fprintf(b, "  class %s %s\n", strings.Join(members, ","), name)
		}
	}
	b.WriteString("  classDef done fill:#dafbe1,stroke:#1a7f37\n")
	b.WriteString("  classDef critical stroke:#cf222e,stroke-width:3px\n")
	classes("done", gr.done)
	classes("critical", gr.crit) // after done, so a done step keeps the red edge
	_, err := io.WriteString(w, b.String())
	return err
}

// mermaidID keeps letters, digits and underscores.
func mermaidID(id string) string {
	return strings.Map(func(r rune) rune {
		if r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
			return r
		}
		return '_'
	}, id)
}

// mermaidText makes text safe inside a quoted Mermaid label: quotes and
// the characters HTML labels would read as markup become entity codes,
// and line breaks spaces.
var mermaidText = strings.NewReplacer(
	"#", "#35;", `"`, "#quot;", "<", "#lt;", ">", "#gt;", "&", "#amp;",
	"\r\n", " ", "\n", " ", "\r", " ", "\t", " ",
).Replace

// dot writes a Graphviz digraph: one cluster per phase.
func (gr *depGraph) dot(w io.Writer) error {
	b := &strings.Builder{}
	ms := gr.plan.Milestones
	b.WriteString("digraph programme {\n  rankdir=LR;\n  node [shape=box, style=rounded];\n")
	for _, grp := range gr.groups {
		indent := "  "
		if grp.phase != nil {
			fmt.Fprintf(b, "  subgraph %s {\n    label=%s;\n", dotString("cluster_"+grp.phase.ID), dotString(grp.phase.ID+": "+grp.phase.Name))
			indent = "    "
		}
		for _, i := range grp.nodes {
			attrs := "label=" + dotString(ms[i].ID+"\n"+ms[i].Title)
			if gr.done[i] {
				attrs += `, style="rounded,filled", fillcolor="#dafbe1"`
			}
			if gr.crit[i] {
				attrs += `, color="#cf222e", penwidth=2`
			}
			fmt.Fprintf(b, "%s%s [%s];\n", indent, dotString(ms[i].ID), attrs)
		}
		if grp.phase != nil {
			b.WriteString("  }\n")
		}
	}
	for _, e := range gr.edges {
		var attrs []string
		if e.lag != 0 {
			attrs = append(attrs, "label="+dotString(lagDays(e.lag)))
		}
		if e.critical {
			attrs = append(attrs, `color="#cf222e"`, "penwidth=3")
		}
		line := fmt.Sprintf("  %s -> %s", dotString(ms[e.from].ID), dotString(ms[e.to].ID))
		if len(attrs) > 0 {
			line += " [" + strings.Join(attrs, ", ") + "]"
		}
		b.WriteString(line + ";\n")
	}
	b.WriteString("}\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// dotString quotes s as a Graphviz string; a newline becomes dot's own
// line break, \n.
func dotString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\r\n", `\n`, "\n", `\n`, "\r", `\n`).Replace(s) + `"`
}
