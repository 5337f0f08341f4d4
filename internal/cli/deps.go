package cli

import (
	"github.com/spf13/cobra"

	"github.com/ocotool/oco/internal/programme"
	"github.com/ocotool/oco/internal/render"
	"github.com/ocotool/oco/internal/view"
)

type depsOptions struct {
	all bool
}

func newDepsCmd(g *globals) *cobra.Command {
	o := &depsOptions{}
	cmd := &cobra.Command{
		Use:     "deps ID",
		GroupID: "plan",
		Short:   "Show what a milestone or phase depends on and what depends on it",
		Long: `Show a milestone's expected date and slack, the milestones it depends on
and those that depend on it, each with the link's lag and the link's slack:
how many days the predecessor could slip before it moved the successor.
Slack below zero means the successor is already pushed; "loop" marks a
link inside a dependency loop, which takes no part in the dates.

For a phase, the phases it depends on and those that depend on it.

--all follows the links transitively and prints them as a tree; an item
reached a second time is marked "(see above)" and not followed again.

-o json and -o yaml print {kind, id, item, critical, depends_on, needed_by}:
item is the record 'oco milestones -o json' (or 'oco phases') prints; each
list flat, in tree order, every entry with its depth (1 for a direct link),
the id it was reached from, and for milestones the link's lag and
link_slack.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error { return runDeps(g, o, args[0]) },
	}
	cmd.Flags().BoolVar(&o.all, "all", false, "follow the dependencies transitively, as a tree")
	g.addOutputFlag(cmd, "table", render.FormatTable, render.FormatJSON, render.FormatYAML)
	return cmd
}

func runDeps(g *globals, o *depsOptions, id string) error {
	f, err := g.format(render.FormatTable, render.FormatJSON, render.FormatYAML)
	if err != nil {
		return err
	}
	s, err := g.load()
	if err != nil {
		return err
	}
	var rec *view.Deps
	switch r, ok := s.p.Lookup(id); {
	case ok && r.Kind == programme.KindMilestone:
		rec = view.MilestoneDeps(s.p, s.plan(), s.asOf, id, o.all)
	case ok && r.Kind == programme.KindPhase:
		rec = view.PhaseDeps(s.p, s.plan(), s.asOf, r.Item.(*programme.Phase), o.all)
	case ok:
		return usageError("%s is a %s: deps takes a milestone or a phase", id, r.Kind)
	default:
		ids := s.p.IDs(programme.KindMilestone, programme.KindPhase)
		return usageError("no milestone or phase has the id %q%s", id, programme.Suggest(id, ids))
	}
	t := g.term()
	switch f {
	case render.FormatJSON:
		return render.JSON(t.Out, rec)
	case render.FormatYAML:
		return render.YAML(t.Out, rec)
	}
	return t.Page(rec.Page())
}
