package cli

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/ocotool/oco/internal/programme"
	"github.com/ocotool/oco/internal/render"
	"github.com/ocotool/oco/internal/view"
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
	phases, err := refSet(s.p, "--phase", o.phases, programme.KindPhase)
	if err != nil {
		return err
	}
	streams, err := refSet(s.p, "--workstream", o.workstreams, programme.KindWorkstream)
	if err != nil {
		return err
	}
	gr := view.Graph(s.p, s.plan(), phases, streams)
	if format == "dot" {
		return render.GraphDOT(g.env.Out, gr)
	}
	return render.GraphMermaid(g.env.Out, gr)
}
