package cli

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/ocotool/oco/internal/programme"
	"github.com/ocotool/oco/internal/render"
	"github.com/ocotool/oco/internal/schedule"
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

-o json and -o yaml print {kind, id, ..., depends_on, needed_by}: each list
flat, in tree order, every entry with its depth (1 for a direct link), the
id it was reached from, and for milestones the link's lag and link_slack.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error { return runDeps(g, o, args[0]) },
	}
	cmd.Flags().BoolVar(&o.all, "all", false, "follow the dependencies transitively, as a tree")
	g.addOutputFlag(cmd, "table", render.FormatTable, render.FormatJSON, render.FormatYAML)
	return cmd
}

// depsRecord is what `oco deps -o json` prints.
type depsRecord struct {
	Kind      string          `json:"kind" yaml:"kind"`
	ID        string          `json:"id" yaml:"id"`
	Title     string          `json:"title" yaml:"title"`
	Due       programme.Date  `json:"due,omitempty" yaml:"due,omitempty"`
	Forecast  programme.Date  `json:"forecast,omitempty" yaml:"forecast,omitempty"`
	Done      programme.Date  `json:"done,omitempty" yaml:"done,omitempty"`
	Expected  programme.Date  `json:"expected,omitempty" yaml:"expected,omitempty"`
	Slack     *int            `json:"slack,omitempty" yaml:"slack,omitempty"`
	Critical  bool            `json:"critical,omitempty" yaml:"critical,omitempty"`
	Start     programme.Date  `json:"start,omitempty" yaml:"start,omitempty"` // a phase's
	End       programme.Date  `json:"end,omitempty" yaml:"end,omitempty"`     // a phase's
	DependsOn []depsLinkEntry `json:"depends_on" yaml:"depends_on"`
	NeededBy  []depsLinkEntry `json:"needed_by" yaml:"needed_by"`
}

// depsLinkEntry is one item reached through a link. For milestones Lag and
// Slack describe the link to From; Slack (link_slack) is absent for a link
// in a loop.
type depsLinkEntry struct {
	ID       string         `json:"id" yaml:"id"`
	Title    string         `json:"title" yaml:"title"`
	Depth    int            `json:"depth" yaml:"depth"`
	From     string         `json:"from" yaml:"from"`
	Lag      int            `json:"lag" yaml:"lag"`
	Due      programme.Date `json:"due,omitempty" yaml:"due,omitempty"`
	Expected programme.Date `json:"expected,omitempty" yaml:"expected,omitempty"`
	Slack    *int           `json:"link_slack,omitempty" yaml:"link_slack,omitempty"`
	Loop     bool           `json:"loop,omitempty" yaml:"loop,omitempty"`
	Start    programme.Date `json:"start,omitempty" yaml:"start,omitempty"`
	End      programme.Date `json:"end,omitempty" yaml:"end,omitempty"`
	Repeat   bool           `json:"repeat,omitempty" yaml:"repeat,omitempty"` // reached before: "(see above)"
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
	var rec *depsRecord
	switch r, ok := s.p.Lookup(id); {
	case ok && r.Kind == programme.KindMilestone:
		rec = s.milestoneDeps(id, o.all)
	case ok && r.Kind == programme.KindPhase:
		rec = s.phaseDeps(r.Item.(*programme.Phase), o.all)
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

// walk lists what is reached from root through next, depth first, in the
// order next gives, without recursion: a chain of any length cannot exhaust
// the stack. Without all it stops at depth 1. An item reached again is
// listed once more, as a repeat, and not followed.
func walk[L any](root int, all bool, next func(int) []L, to func(L) int, emit func(l L, from, depth int, repeat bool)) {
	type step struct {
		l     L
		from  int
		depth int
	}
	seen := map[int]bool{root: true}
	var stack []step
	push := func(from, depth int) {
		links := next(from)
		for k := len(links) - 1; k >= 0; k-- { // reversed, so they pop in order
			stack = append(stack, step{links[k], from, depth})
		}
	}
	push(root, 1)
	for len(stack) > 0 {
		st := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		v := to(st.l)
		repeat := seen[v]
		emit(st.l, st.from, st.depth, repeat)
		if repeat || !all {
			continue
		}
		seen[v] = true
		push(v, st.depth+1)
	}
}

func (s *session) milestoneDeps(id string, all bool) *depsRecord {
	plan := s.plan()
	i, _ := plan.Index(id)
	m := plan.Milestones[i]
	slack := plan.Slack[i]
	rec := &depsRecord{Kind: string(programme.KindMilestone), ID: m.ID, Title: m.Title, Due: m.Due, Forecast: m.Forecast, Done: m.Done,
		Expected: plan.Expected[i], Slack: &slack, Critical: plan.Critical[i]}
	entry := func(v, from, lag, succ, pred int, repeat bool) depsLinkEntry {
		mv := plan.Milestones[v]
		e := depsLinkEntry{ID: mv.ID, Title: mv.Title, From: plan.Milestones[from].ID, Lag: lag,
			Due: mv.Due, Expected: plan.Expected[v], Repeat: repeat}
		if plan.SameLoop(succ, pred) {
			e.Loop = true
		} else {
			ls := plan.LinkSlack(pred, succ, lag)
			e.Slack = &ls
		}
		return e
	}
	// Predecessors come from the model, which keeps the order the file
	// lists them in; links to unknown ids are left to validate.
	preds := func(v int) []schedule.Link {
		var out []schedule.Link
		for _, d := range plan.Milestones[v].DependsOn {
			if p, ok := plan.Index(d.ID); ok && p != v {
				out = append(out, schedule.Link{Pred: p, Lag: int(d.Lag)})
			}
		}
		return out
	}
	walk(i, all, preds, func(l schedule.Link) int { return l.Pred }, func(l schedule.Link, from, depth int, repeat bool) {
		e := entry(l.Pred, from, l.Lag, from, l.Pred, repeat)
		e.Depth = depth
		rec.DependsOn = append(rec.DependsOn, e)
	})
	succs := func(v int) []schedule.Successor {
		return slices.DeleteFunc(slices.Clone(plan.Successors(v)), func(sc schedule.Successor) bool { return sc.Task == v })
	}
	walk(i, all, succs, func(sc schedule.Successor) int { return sc.Task }, func(sc schedule.Successor, from, depth int, repeat bool) {
		e := entry(sc.Task, from, sc.Lag, sc.Task, from, repeat)
		e.Depth = depth
		rec.NeededBy = append(rec.NeededBy, e)
	})
	return rec
}

func (s *session) phaseDeps(ph *programme.Phase, all bool) *depsRecord {
	phs := s.p.Phases
	index := make(map[string]int, len(phs))
	for k, q := range phs {
		if _, dup := index[q.ID]; !dup {
			index[q.ID] = k
		}
	}
	root := index[ph.ID]
	preds := make([][]int, len(phs))
	succs := make([][]int, len(phs))
	for k, q := range phs {
		for _, d := range q.DependsOn {
			if p, ok := index[d]; ok && p != k {
				preds[k] = append(preds[k], p)
				succs[p] = append(succs[p], k)
			}
		}
	}
	rec := &depsRecord{Kind: string(programme.KindPhase), ID: ph.ID, Title: ph.Name, Start: ph.Start, End: ph.End}
	add := func(list *[]depsLinkEntry) func(v, from, depth int, repeat bool) {
		return func(v, from, depth int, repeat bool) {
			q := phs[v]
			*list = append(*list, depsLinkEntry{ID: q.ID, Title: q.Name, Depth: depth, From: phs[from].ID, Start: q.Start, End: q.End, Repeat: repeat})
		}
	}
	self := func(v int) int { return v }
	walk(root, all, func(v int) []int { return preds[v] }, self, add(&rec.DependsOn))
	walk(root, all, func(v int) []int { return succs[v] }, self, add(&rec.NeededBy))
	return rec
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
		facts = append(facts, "expected "+rec.Expected.String(), "slack "+programme.Plural(*rec.Slack, "day"))
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
			tb.Rows = append(tb.Rows, []render.Cell{{Text: id}, {Text: e.Title}, {Text: lagDays(e.Lag)}, {Text: e.Due.String()}, {Text: e.Expected.String()}, slack})
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
