package cli

import (
	"github.com/spf13/cobra"

	"github.com/ocotool/oco/internal/render"
	"github.com/ocotool/oco/internal/view"
)

func newShowCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:     "show ID",
		GroupID: "view",
		Short:   "Show one item in full, with what it depends on and what depends on it",
		Long: `Show any item (programme, person, body, workstream, phase, milestone, risk,
assumption, issue, decision or benefit) by its id: every field, its derived
status, where it is defined, and how it links to the rest of the programme:
what it depends on and what depends on it, a phase's milestones, what a
person or body owns, chairs or sits on, the risks, assumptions, issues and
decisions that affect it (for a milestone, also through its phase or
workstream), and for a milestone its expected date and slack.

-o json and -o yaml print {kind, id, defined, item, links}: item is the
record 'oco milestones -o json' (and the like) prints, links the related
items by relation (depends_on, needed_by, milestones, affected_by, owns, ...).`,
		Example: `  oco show M-12
  oco show coo
  oco show M-12 -o json | jq -r '.links.needed_by[].id'`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error { return runShow(g, args[0]) },
	}
	g.addOutputFlag(cmd, "table", render.FormatTable, render.FormatJSON, render.FormatYAML)
	return cmd
}

func runShow(g *globals, id string) error {
	f, err := g.format(render.FormatTable, render.FormatJSON, render.FormatYAML)
	if err != nil {
		return err
	}
	s, err := g.load()
	if err != nil {
		return err
	}
	rec, ok := view.NewShow(s.p, s.plan, s.asOf, id)
	if !ok {
		all := append([]string{s.p.Header.ID}, s.p.IDs()...)
		return usageError("no item has the id %q%s", id, nearestHint(id, all))
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
