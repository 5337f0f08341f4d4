package cli

import (
	"fmt"
	"strconv"
	"strings"

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

// depsRecord and depsLinkEntry are what deps prints, built in view.
type (
	depsRecord    = view.Deps
	depsLinkEntry = view.DepsEntry
)

func runDeps(g *globals, o *depsOptions, id string) error {
	f, err := g.format(render.FormatTable, render.FormatJSON, render.FormatYAML)
	if err != nil {
		return err
	}
	s, err := g.load()
	if err != nil {
		return err
	}
	var rec *depsRecord
	switch r, ok := s.p.Lookup(id); {
	case ok && r.Kind == programme.KindMilestone:
		rec = view.MilestoneDeps(s.p, s.plan(), s.asOf, id, o.all)
	case ok && r.Kind == programme.KindPhase:
		rec = view.PhaseDeps(s.p, s.asOf, r.Item.(*programme.Phase), o.all)
	case ok:
		return usageError("%s is a %s: deps takes a milestone or a phase", id, r.Kind)
	default:
		ids := s.p.IDs(programme.KindMilestone, programme.KindPhase)
		return usageError("no milestone or phase has the id %q%s", id, depsNearest(id, ids))
	}
	t := g.term()
	switch f {
	case render.FormatJSON:
		return render.JSON(t.Out, rec)
	case render.FormatYAML:
		return render.YAML(t.Out, rec)
	}
	return printDeps(t, rec)
}

func printDeps(t render.Term, rec *depsRecord) error {
	w := &sectionWriter{t: t}
	w.line(t.Paint(rec.ID, render.Bold) + "  " + rec.Title)
	milestone := rec.Kind == string(programme.KindMilestone)
	if milestone {
		var facts []string
		facts = append(facts, "due "+rec.Due.String())
		if rec.Forecast != 0 {
			facts = append(facts, "forecast "+rec.Forecast.String())
		}
		if rec.Done != 0 {
			facts = append(facts, "done "+rec.Done.String())
		}
		facts = append(facts, "expected "+rec.Expected.String(), "slack "+programme.Plural(rec.Slack, "day"))
		line := "  " + strings.Join(facts, ", ")
		if rec.Critical {
			line += ", " + t.Paint("on the critical path", render.Red)
		}
		w.line(line)
	} else {
		w.line(fmt.Sprintf("  phase, %s to %s", rec.Start, rec.End))
	}
	w.heading("Depends on")
	w.table(depsTable(rec.DependsOn, milestone), "nothing")
	w.heading("Needed by")
	w.table(depsTable(rec.NeededBy, milestone), "nothing")
	return w.err
}

// depsTable draws a walk as a tree: each entry indented by its depth.
func depsTable(es []depsLinkEntry, milestone bool) render.Table {
	if milestone {
		tb := render.Table{Columns: []render.Column{{Header: "ID"}, {Header: "MILESTONE", Flex: true}, {Header: "LAG", Align: render.Right},
			{Header: "DUE"}, {Header: "EXPECTED"}, {Header: "LINK SLACK", Align: render.Right}}}
		for _, e := range es {
			id, slack := treeID(e), render.Cell{Text: "loop", Style: render.Red}
			if e.Slack != nil {
				slack = render.Cell{Text: strconv.Itoa(*e.Slack)}
				switch {
				case *e.Slack < 0:
					slack.Style = render.Red
				case *e.Slack == 0:
					slack.Style = render.Amber
				}
			}
			tb.Rows = append(tb.Rows, []render.Cell{{Text: id}, {Text: e.Title}, {Text: e.Lag}, {Text: e.Due.String()}, {Text: e.Expected.String()}, slack})
		}
		return tb
	}
	tb := render.Table{Columns: []render.Column{{Header: "ID"}, {Header: "PHASE", Flex: true}, {Header: "START"}, {Header: "END"}}}
	for _, e := range es {
		tb.Rows = append(tb.Rows, render.Cells(treeID(e), e.Title, e.Start.String(), e.End.String()))
	}
	return tb
}

func treeID(e depsLinkEntry) string {
	id := strings.Repeat("  ", e.Depth-1) + e.ID
	if e.Repeat {
		id += " (see above)"
	}
	return id
}

// lagDays writes a lag in days as every output does: "14d".
func lagDays(days int) string { return programme.Lag(days).String() }

// depsNearest suggests the ids nearest to id.
func depsNearest(id string, candidates []string) string { return programme.Suggest(id, candidates) }
