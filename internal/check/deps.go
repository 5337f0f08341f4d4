package check

import (
	"fmt"
	"strings"

	"github.com/ocotool/oco/internal/programme"
	"github.com/ocotool/oco/internal/schedule"
)

// SelfDependency reports a milestone or phase that lists itself in
// depends_on, at that entry.
func SelfDependency(c *Context) {
	for _, m := range c.P.Milestones {
		for _, d := range m.DependsOn {
			if m.ID != "" && d.ID == m.ID {
				c.report("self-dependency", d.Pos, m.ID, "%s depends on itself", m.ID)
			}
		}
	}
	for _, ph := range c.P.Phases {
		var pos []programme.Pos
		for i, d := range ph.DependsOn {
			if ph.ID != "" && d == ph.ID {
				if pos == nil {
					pos = refPositions(&ph.Item, "depends_on", len(ph.DependsOn))
				}
				c.report("self-dependency", pos[i], ph.ID, "phase %s depends on itself", ph.ID)
			}
		}
	}
	for _, cal := range c.P.Calendars {
		if cal.ID != "" && cal.Extends == cal.ID {
			c.report("self-dependency", cal.KeyPos("extends"), cal.ID, "calendar %s extends itself", cal.ID)
		}
	}
}

// DuplicateDependency reports the second and later listing of the same
// predecessor, at that entry. An item listing itself twice is left to
// self-dependency.
func DuplicateDependency(c *Context) {
	for _, m := range c.P.Milestones {
		ids := make([]string, len(m.DependsOn))
		for i, d := range m.DependsOn {
			ids[i] = d.ID
		}
		for _, dup := range repeats(ids, m.ID) {
			pos, first := m.DependsOn[dup[0]].Pos, m.DependsOn[dup[1]].Pos
			c.report("duplicate-dependency", pos, m.ID, "%s lists %s twice in depends_on (first at %s)",
				name(programme.KindMilestone, m.ID), ids[dup[0]], where(pos, first))
		}
	}
	for _, ph := range c.P.Phases {
		dups := repeats(ph.DependsOn, ph.ID)
		if len(dups) == 0 {
			continue
		}
		pos := refPositions(&ph.Item, "depends_on", len(ph.DependsOn))
		for _, dup := range dups {
			c.report("duplicate-dependency", pos[dup[0]], ph.ID, "%s lists %s twice in depends_on (first at %s)",
				label(programme.KindPhase, ph.ID), ph.DependsOn[dup[0]], where(pos[dup[0]], pos[dup[1]]))
		}
	}
}

// where names the position of an earlier entry as seen from a later one
// in the same list: the line, and the column too when they share a line.
func where(here, there programme.Pos) string {
	if there.Line == here.Line {
		return fmt.Sprintf("line %d, column %d", there.Line, there.Col)
	}
	return fmt.Sprintf("line %d", there.Line)
}

// repeats returns, for each entry of ids that repeats an earlier one, its
// index and the earlier one's. Entries equal to self are skipped.
func repeats(ids []string, self string) [][2]int {
	if len(ids) < 2 {
		return nil
	}
	var out [][2]int
	first := make(map[string]int, len(ids))
	for i, id := range ids {
		if id == "" || id == self {
			continue
		}
		if j, ok := first[id]; ok {
			out = append(out, [2]int{i, j})
			continue
		}
		first[id] = i
	}
	return out
}

// maxLoop is how many steps of a loop a message prints in full; a loop
// through a million milestones is still one finding of readable length.
const maxLoop = 1000

// DependencyCycle reports each loop of depends_on links among milestones,
// and among phases, once: the whole loop, starting from the item defined
// first, reported at that item's entry for the next step of the loop. The
// search is iterative, so a chain of any length cannot exhaust the stack.
func DependencyCycle(c *Context) {
	ms := c.P.Milestones
	for _, loop := range c.Plan().Cycles {
		m, next := ms[loop[0]], ms[loop[1]]
		pos := m.Pos()
		for _, d := range m.DependsOn {
			if d.ID == next.ID {
				pos = d.Pos
				break
			}
		}
		c.report("dependency-cycle", pos, m.ID, "dependency loop: %s", loopText(loop, func(i int) string { return ms[i].ID }))
	}

	phs := c.P.Phases
	for _, loop := range schedule.BuildPhases(c.P).Cycles {
		ph, next := phs[loop[0]], phs[loop[1]]
		pos := ph.Pos()
		for i, d := range ph.DependsOn {
			if d == next.ID {
				pos = refPositions(&ph.Item, "depends_on", len(ph.DependsOn))[i]
				break
			}
		}
		c.report("dependency-cycle", pos, ph.ID, "phase dependency loop: %s", loopText(loop, func(i int) string { return phs[i].ID }))
	}

	cals := c.P.Calendars
	ci := make(map[string]int, len(cals))
	for i, cal := range cals {
		if _, dup := ci[cal.ID]; cal.ID != "" && !dup {
			ci[cal.ID] = i
		}
	}
	calLoops := schedule.Cycles(len(cals), func(i int) []int {
		if j, ok := ci[cals[i].Extends]; ok {
			return []int{j}
		}
		return nil
	})
	for _, loop := range calLoops {
		cal := cals[loop[0]]
		c.report("dependency-cycle", cal.KeyPos("extends"), cal.ID, "calendars extend each other in a loop: %s", loopText(loop, func(i int) string { return cals[i].ID }))
	}
}

// loopText prints a loop as `A -> B -> C -> A`, eliding the middle of
// loops longer than maxLoop.
func loopText(loop []int, id func(int) string) string {
	var b strings.Builder
	for k, i := range loop {
		if len(loop) > maxLoop && k == maxLoop/2 {
			b.WriteString(" -> ... (")
			b.WriteString(programme.Plural(len(loop)-maxLoop, "more step"))
			b.WriteString(")")
		}
		if len(loop) > maxLoop && k >= maxLoop/2 && k < len(loop)-maxLoop/2 {
			continue
		}
		if k > 0 {
			b.WriteString(" -> ")
		}
		b.WriteString(id(i))
	}
	return b.String()
}

// DependencyOrder reports an approved plan that cannot be met: a milestone
// due (or, for an activity, starting) before a predecessor's due date plus
// the lag. It is reported at the milestone's start key, else its due key.
// Links inside a loop are left to dependency-cycle.
func DependencyOrder(c *Context) {
	for i, m := range c.P.Milestones {
		if m.Due == 0 && m.Start == 0 {
			continue
		}
		for _, d := range m.DependsOn {
			pred := c.milestone(d.ID)
			if pred == nil || pred == m || pred.ID == m.ID || pred.Due == 0 {
				continue
			}
			var cal *programme.WorkCalendar
			if d.Working {
				cal = c.Plan().Calendar(i)
			}
			own, limit, key, ok := approvedLimit(cal, m, pred, d)
			if !ok || own >= limit || c.Plan().LinkInLoop(i, d.ID) {
				continue
			}
			verb := "is due"
			if key == "start" {
				verb = "starts"
			}
			typ := d.LinkType()
			predDate, predWhat := pred.Due, ""
			if typ == "ss" || typ == "sf" {
				predWhat = "the start of "
				if pred.Start != 0 {
					predDate = pred.Start
				}
			}
			link := ""
			if typ != "fs" {
				link = ", a " + typeWords[typ] + " link"
			}
			if d.Lag == 0 {
				c.report("dependency-order", m.KeyPos(key), m.ID, "%s %s %s, before %sits predecessor %s (%s)%s",
					m.ID, verb, own, predWhat, pred.ID, predDate, link)
			} else {
				c.report("dependency-order", m.KeyPos(key), m.ID, "%s %s %s, before %sits predecessor %s (%s) plus a lag of %s (%s)%s",
					m.ID, verb, own, predWhat, pred.ID, predDate, lagWords(d), limit, link)
			}
		}
	}
}

// DoneBeforeDependency reports a milestone marked done while a predecessor
// is not, or done on a date before the predecessor's. The lag is not
// applied to done dates: what happened may beat a planned wait, but a
// successor finished before its predecessor contradicts the link itself.
func DoneBeforeDependency(c *Context) {
	for _, m := range c.P.Milestones {
		if m.Done == 0 {
			continue
		}
		for _, d := range m.DependsOn {
			pred := c.milestone(d.ID)
			if pred == nil || pred == m || pred.ID == m.ID {
				continue
			}
			if t := d.LinkType(); t == "ss" || t == "sf" {
				continue // a start link says nothing of when the predecessor finishes
			}
			switch {
			case pred.Done == 0 && !pred.Has("done"):
				c.report("done-before-dependency", m.KeyPos("done"), m.ID, "%s is marked done (%s) while its predecessor %s is not done",
					m.ID, m.Done, pred.ID)
			case pred.Done != 0 && m.Done < pred.Done:
				c.report("done-before-dependency", m.KeyPos("done"), m.ID, "%s was done on %s, before its predecessor %s (done %s)",
					m.ID, m.Done, pred.ID, pred.Done)
			}
		}
	}
}
