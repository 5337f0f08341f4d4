package view

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/ocotool/oco/internal/programme"
	"github.com/ocotool/oco/internal/render"
	"github.com/ocotool/oco/internal/schedule"
)

// Deps is what `oco deps` shows of a milestone or a phase: the item's
// record, as every command prints it, and what it depends on and what
// depends on it, each as a walk. The fields without a JSON name are the
// record's, for the table.
type Deps struct {
	Kind      string      `json:"kind" yaml:"kind"`
	ID        string      `json:"id" yaml:"id"`
	Item      any         `json:"item" yaml:"item"` // a Milestone or a Phase
	Critical  bool        `json:"critical,omitempty" yaml:"critical,omitempty"`
	DependsOn []DepsEntry `json:"depends_on" yaml:"depends_on"`
	NeededBy  []DepsEntry `json:"needed_by" yaml:"needed_by"`

	Title                         string         `json:"-" yaml:"-"`
	Due, Forecast, Done, Expected programme.Date `json:"-" yaml:"-"`
	Slack                         int            `json:"-" yaml:"-"`
	ExpectedText                  string         `json:"-" yaml:"-"` // "2018-06-29, 90 days late, pushed by M-42"
	Start, End                    programme.Date `json:"-" yaml:"-"` // a phase's
}

// DepsEntry is one item reached through a link. For milestones Lag and
// Slack describe the link to From; Slack (link_slack) is absent for a link
// in a loop.
type DepsEntry struct {
	ID       string         `json:"id" yaml:"id"`
	Title    string         `json:"title" yaml:"title"`
	Depth    int            `json:"depth" yaml:"depth"`
	From     string         `json:"from" yaml:"from"`
	Type     string         `json:"type,omitempty" yaml:"type,omitempty"` // a milestone link's, where not fs
	Lag      string         `json:"lag,omitempty" yaml:"lag,omitempty"`   // a milestone link's: "10d", "5wd"
	Due      programme.Date `json:"due,omitempty" yaml:"due,omitempty"`
	Expected programme.Date `json:"expected,omitempty" yaml:"expected,omitempty"`
	Slack    *int           `json:"link_slack,omitempty" yaml:"link_slack,omitempty"`
	Critical bool           `json:"critical,omitempty" yaml:"critical,omitempty"` // the link is on the critical path
	Loop     bool           `json:"loop,omitempty" yaml:"loop,omitempty"`
	Start    programme.Date `json:"start,omitempty" yaml:"start,omitempty"`
	End      programme.Date `json:"end,omitempty" yaml:"end,omitempty"`
	Repeat   bool           `json:"repeat,omitempty" yaml:"repeat,omitempty"` // reached before: "(see above)"
	label    string         // the lag column's text: "ss 5wd"
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

// MilestoneDeps walks the links of the milestone id, which plan holds:
// to depth 1, or with all the whole way, as a tree.
func MilestoneDeps(p *programme.Programme, plan *schedule.Plan, asOf programme.Date, id string, all bool) *Deps {
	i, _ := plan.Index(id)
	m := plan.Milestones[i]
	rec := &Deps{Kind: string(programme.KindMilestone), ID: m.ID, Item: NewMilestone(p, plan, i, asOf), Critical: plan.Critical[i],
		Title: m.Title, Due: m.Due, Forecast: m.Forecast, Done: m.Done, Expected: plan.Expected[i], Slack: plan.Slack[i],
		ExpectedText: ExpectedText(plan, i, 0), DependsOn: []DepsEntry{}, NeededBy: []DepsEntry{}}
	critical := map[[2]int]bool{}
	for k := 1; k < len(plan.CriticalPath); k++ {
		critical[[2]int{plan.CriticalPath[k-1], plan.CriticalPath[k]}] = true
	}
	// entry is v reached from from through the link of succ on pred, l.
	entry := func(v, from, succ, pred int, l schedule.Link, repeat bool) DepsEntry {
		mv := plan.Milestones[v]
		text := linkOf(programme.Dep{Type: l.Type.String(), Lag: programme.Lag(l.Lag), Working: l.Working})
		e := DepsEntry{ID: mv.ID, Title: mv.Title, From: plan.Milestones[from].ID, Type: text.Type, Lag: text.Lag, label: text.link.LagLabel(),
			Due: mv.Due, Expected: plan.Expected[v], Repeat: repeat, Critical: critical[[2]int{pred, succ}]}
		if plan.SameLoop(succ, pred) {
			e.Loop = true
		} else {
			l.Pred = pred
			ls := plan.LinkSlackOf(succ, l)
			e.Slack = &ls
		}
		return e
	}
	// Predecessors in the order the file lists them; links to unknown ids
	// are left to validate, and to itself to the loop rules.
	preds := func(v int) []schedule.Link {
		return slices.DeleteFunc(slices.Clone(plan.Predecessors(v)), func(l schedule.Link) bool { return l.Pred == v })
	}
	walk(i, all, preds, func(l schedule.Link) int { return l.Pred }, func(l schedule.Link, from, depth int, repeat bool) {
		e := entry(l.Pred, from, from, l.Pred, l, repeat)
		e.Depth = depth
		rec.DependsOn = append(rec.DependsOn, e)
	})
	succs := func(v int) []schedule.Successor {
		return slices.DeleteFunc(slices.Clone(plan.Successors(v)), func(sc schedule.Successor) bool { return sc.Task == v })
	}
	walk(i, all, succs, func(sc schedule.Successor) int { return sc.Task }, func(sc schedule.Successor, from, depth int, repeat bool) {
		e := entry(sc.Task, from, sc.Task, from, schedule.Link{Lag: sc.Lag, Type: sc.Type, Working: sc.Working}, repeat)
		e.Depth = depth
		rec.NeededBy = append(rec.NeededBy, e)
	})
	return rec
}

// PhaseDeps walks the depends_on links of a phase of p.
func PhaseDeps(p *programme.Programme, plan *schedule.Plan, asOf programme.Date, ph *programme.Phase, all bool) *Deps {
	net := schedule.BuildPhases(p)
	phs := net.Phases
	root, _ := net.Index(ph.ID)
	rec := &Deps{Kind: string(programme.KindPhase), ID: ph.ID, Item: NewPhase(ph, p.PhaseStateExpected(ph, asOf, expectedDates(plan))),
		Title: ph.Name, Start: ph.Start, End: ph.End, DependsOn: []DepsEntry{}, NeededBy: []DepsEntry{}}
	add := func(list *[]DepsEntry) func(v, from, depth int, repeat bool) {
		return func(v, from, depth int, repeat bool) {
			q := phs[v]
			*list = append(*list, DepsEntry{ID: q.ID, Title: q.Name, Depth: depth, From: phs[from].ID, Start: q.Start, End: q.End, Repeat: repeat})
		}
	}
	self := func(v int) int { return v }
	walk(root, all, func(v int) []int { return net.Preds[v] }, self, add(&rec.DependsOn))
	walk(root, all, func(v int) []int { return net.Succs[v] }, self, add(&rec.NeededBy))
	return rec
}

// Page is what `oco deps` prints: the item, then what it depends on and
// what depends on it, each as a tree.
func (rec *Deps) Page() render.Page {
	var pg render.Page
	pg.Add(render.Block{Line: []render.Cell{{Text: rec.ID, Style: render.Bold}, {Text: "  " + rec.Title}}})
	milestone := rec.Kind == string(programme.KindMilestone)
	if milestone {
		facts := []string{"due " + rec.Due.String()}
		if rec.Forecast != 0 {
			facts = append(facts, "forecast "+rec.Forecast.String())
		}
		if rec.Done != 0 {
			facts = append(facts, "done "+rec.Done.String())
		}
		facts = append(facts, "expected "+rec.ExpectedText, "slack "+programme.Plural(rec.Slack, "day"))
		line := []render.Cell{{Text: "  " + strings.Join(facts, ", ")}}
		if rec.Critical {
			line = append(line, render.Cell{Text: ", "}, render.Cell{Text: "on the critical path", Style: render.Red})
		}
		pg.Add(render.Block{Line: line, Wrap: true})
	} else {
		pg.Text(fmt.Sprintf("  phase, %s to %s", rec.Start, rec.End))
	}
	pg.Section("Depends on", depsTable(rec.DependsOn, milestone), "nothing")
	pg.Section("Needed by", depsTable(rec.NeededBy, milestone), "nothing")
	return pg
}

// depsTable draws a walk as a tree: each entry indented by its depth.
func depsTable(es []DepsEntry, milestone bool) render.Table {
	if milestone {
		tb := render.Table{Columns: []render.Column{{Header: "ID"}, {Header: "MILESTONE", Flex: true}, {Header: "LAG", Align: render.Right},
			{Header: "DUE"}, {Header: "EXPECTED"}, {Header: "LINK SLACK", Align: render.Right}}}
		for _, e := range es {
			slack := render.Cell{Text: "loop", Style: render.Red}
			if e.Slack != nil {
				slack = render.Cell{Text: strconv.Itoa(*e.Slack)}
				switch {
				case *e.Slack < 0:
					slack.Style = render.Red
				case *e.Slack == 0:
					slack.Style = render.Amber
				}
				if e.Critical {
					slack.Text += " critical"
				}
			}
			tb.Rows = append(tb.Rows, []render.Cell{{Text: e.treeID()}, {Text: e.Title}, {Text: e.label}, dateCell(e.Due), dateCell(e.Expected), slack})
		}
		return tb
	}
	tb := render.Table{Columns: []render.Column{{Header: "ID"}, {Header: "PHASE", Flex: true}, {Header: "START"}, {Header: "END"}}}
	for _, e := range es {
		tb.Rows = append(tb.Rows, render.Cells(e.treeID(), e.Title, e.Start.String(), e.End.String()))
	}
	return tb
}

// maxIndent is the deepest a tree is indented: past it each line says its
// depth instead, so that a chain of 20,000 prints in linear space, not
// 800 MB of spaces.
const maxIndent = 12

// treeID is the entry's id indented by its depth.
func (e DepsEntry) treeID() string {
	if e.Depth > maxIndent {
		id := strings.Repeat("  ", maxIndent-1) + "… depth " + strconv.Itoa(e.Depth) + " " + e.ID
		if e.Repeat {
			id += " (see above)"
		}
		return id
	}
	id := strings.Repeat("  ", e.Depth-1) + e.ID
	if e.Repeat {
		id += " (see above)"
	}
	return id
}
