package check

import (
	"fmt"

	"github.com/ocotool/oco/internal/programme"
	"github.com/ocotool/oco/internal/schedule"
)

// KnockOn warns about a milestone not done whose expected date a
// predecessor pushes past its own date (forecast, else due), naming the
// predecessor that drives it. It is reported at the key holding that date.
// A push that comes only from the approved plan itself, a predecessor on
// its due date whose due date plus lag is already past this milestone's,
// is left to dependency-order: only forecasts, lateness and slips knock on.
// Links inside dependency loops do not move dates (dependency-cycle).
func KnockOn(c *Context) {
	plan := schedule.Build(c.P, c.AsOf)
	for i, m := range plan.Milestones {
		drv, days, ok := plan.KnockOn(i)
		if !ok {
			continue
		}
		pred := plan.Milestones[drv]
		lagDays := linkLag(m, pred.ID)
		if plannedConflict(m, pred, lagDays, plan.Expected[drv]) {
			continue
		}
		whose := "due date"
		if m.Forecast != 0 {
			whose = "forecast"
		}
		lagText := ""
		if lagDays != 0 {
			lagText = " plus a lag of " + plural(lagDays, "day")
		}
		c.report("knock-on", m.KeyPos(dateKey(m)), m.ID, "%s is expected %s, %s after its %s %s, pushed by %s (expected %s)%s",
			m.ID, plan.Expected[i], plural(days, "day"), whose, m.Date(), pred.ID, plan.Expected[drv], lagText)
	}
}

// NegativeSlack warns about a milestone not done that is expected after the
// programme ends, at the key holding its date. A date of its own after the
// end is left to outside-programme, which already names it.
func NegativeSlack(c *Context) {
	end := c.P.Header.End
	if end == 0 {
		return
	}
	plan := schedule.Build(c.P, c.AsOf)
	for i, m := range plan.Milestones {
		if m.Done != 0 || m.Date() > end || !plan.NegativeSlack(i) {
			continue
		}
		over := plural(plan.Expected[i].Sub(end), "day")
		why := "as it is not done by the reporting date"
		if drv := plan.Driver[i]; drv >= 0 {
			why = fmt.Sprintf("pushed by %s (expected %s)", plan.Milestones[drv].ID, plan.Expected[drv])
		}
		c.report("negative-slack", m.KeyPos(dateKey(m)), m.ID, "%s is expected %s, %s after the programme ends (%s), %s",
			m.ID, plan.Expected[i], over, end, why)
	}
}

// linkLag is the lag of m's link to pred; of the longest where it is
// listed twice, since that one sets the date.
func linkLag(m *programme.Milestone, pred string) int {
	lagDays, found := 0, false
	for _, d := range m.DependsOn {
		if d.ID == pred && (!found || int(d.Lag) > lagDays) {
			lagDays, found = int(d.Lag), true
		}
	}
	return lagDays
}

// plannedConflict reports whether a push of m by pred comes from the
// approved dates alone, as dependency-order reports it: pred is expected
// no later than it is due, and its due date plus lag is already after m's
// start (or due date).
func plannedConflict(m, pred *programme.Milestone, lagDays int, predExpected programme.Date) bool {
	own := m.Due
	if m.Start != 0 {
		own = m.Start
	}
	return pred.Due != 0 && own != 0 && predExpected <= pred.Due && pred.Due.AddDays(lagDays) > own
}

// loopGroups numbers the groups of milestones that depend on each other,
// so that two milestones share a number exactly when each reaches the
// other through depends_on: a link between them lies inside a loop. It is
// Kosaraju's algorithm on explicit stacks, linear in milestones plus links,
// so a chain of a million cannot exhaust the goroutine stack.
func loopGroups(ms []*programme.Milestone, index map[string]int) []int32 {
	n := len(ms)
	// Flat adjacency both ways: preds[predStart[v]:predStart[v+1]] are what
	// v depends on, succs likewise what depends on v.
	predStart := make([]int32, n+1)
	succCount := make([]int32, n+1)
	var preds []int32
	for v, m := range ms {
		for _, d := range m.DependsOn {
			if p, ok := index[d.ID]; ok && p != v {
				preds = append(preds, int32(p))
				succCount[p+1]++
			}
		}
		predStart[v+1] = int32(len(preds))
	}
	for i := 1; i <= n; i++ {
		succCount[i] += succCount[i-1]
	}
	succStart := succCount
	succs := make([]int32, len(preds))
	fill := append([]int32(nil), succStart[:n]...)
	for v := range n {
		for _, p := range preds[predStart[v]:predStart[v+1]] {
			succs[fill[p]] = int32(v)
			fill[p]++
		}
	}

	// First pass: finishing order of a depth-first walk along preds.
	seen := make([]bool, n)
	finished := make([]int32, 0, n)
	type frame struct{ v, e int32 }
	var stack []frame
	for root := range int32(n) {
		if seen[root] {
			continue
		}
		seen[root] = true
		stack = append(stack, frame{root, predStart[root]})
		for len(stack) > 0 {
			f := &stack[len(stack)-1]
			if f.e < predStart[f.v+1] {
				w := preds[f.e]
				f.e++
				if !seen[w] {
					seen[w] = true
					stack = append(stack, frame{w, predStart[w]})
				}
				continue
			}
			finished = append(finished, f.v)
			stack = stack[:len(stack)-1]
		}
	}

	// Second pass: in reverse finishing order, along succs, each walk
	// collects exactly one group.
	group := make([]int32, n)
	for i := range group {
		group[i] = -1
	}
	var todo []int32
	g := int32(0)
	for i := n - 1; i >= 0; i-- {
		root := finished[i]
		if group[root] >= 0 {
			continue
		}
		group[root] = g
		todo = append(todo[:0], root)
		for len(todo) > 0 {
			v := todo[len(todo)-1]
			todo = todo[:len(todo)-1]
			for _, w := range succs[succStart[v]:succStart[v+1]] {
				if group[w] < 0 {
					group[w] = g
					todo = append(todo, w)
				}
			}
		}
		g++
	}
	return group
}

// inLoop returns whether the link from the i-th milestone to the milestone
// pred lies inside a dependency loop, where dependency-cycle has already
// said what is wrong and date rules would only repeat it. The loops are
// found on the first question: a rule asks only about links it would
// report, and a sound programme has none.
func inLoop(c *Context) func(i int, pred string) bool {
	var looped func(int, string) bool
	return func(i int, pred string) bool {
		if looped == nil {
			looped = InLoop(c.P)
		}
		return looped(i, pred)
	}
}

// InLoop returns whether the link from the i-th milestone of p to the
// milestone with id pred lies inside a dependency loop: such links take
// no part in the schedule's dates.
func InLoop(p *programme.Programme) func(i int, pred string) bool {
	ms := p.Milestones
	index := make(map[string]int, len(ms))
	for i, m := range ms {
		if _, dup := index[m.ID]; m.ID != "" && !dup {
			index[m.ID] = i
		}
	}
	group := loopGroups(ms, index)
	return func(i int, pred string) bool {
		p, ok := index[pred]
		return ok && p != i && group[p] == group[i]
	}
}
