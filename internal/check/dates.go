package check

import (
	"github.com/ocotool/oco/internal/programme"
)

// DateOrder reports an end before its start: the programme's, a phase's,
// and an activity's `start` after its `due`. It is reported at the later
// field, the end or due date, which is the one usually mistyped.
func DateOrder(c *Context) {
	h := &c.P.Header
	if h.Start != 0 && h.End != 0 && h.Start > h.End {
		c.report("date-order", h.KeyPos("end"), h.ID, "programme ends %s, before it starts (%s)", h.End, h.Start)
	}
	for _, ph := range c.P.Phases {
		if ph.Start != 0 && ph.End != 0 && ph.Start > ph.End {
			c.report("date-order", ph.KeyPos("end"), ph.ID, "%s ends %s, before it starts (%s)", label(programme.KindPhase, ph.ID), ph.End, ph.Start)
		}
	}
	for _, m := range c.P.Milestones {
		if m.Start != 0 && m.Due != 0 && m.Start > m.Due {
			c.report("date-order", m.KeyPos("due"), m.ID, "%s is due %s, before it starts (%s)", name(programme.KindMilestone, m.ID), m.Due, m.Start)
		}
	}
}

// OutsideProgramme reports every date of every item that falls outside the
// programme's start..end. The reporting date (as_of) is not checked: a
// programme may be reviewed after it has ended. Without both programme
// dates in order there is no window to check against.
func OutsideProgramme(c *Context) {
	h := &c.P.Header
	if h.Start == 0 || h.End == 0 || h.Start > h.End {
		return
	}
	eachField(c.P, func(kind programme.Kind, id string, it *programme.Item, f field) {
		if f.Kind != programme.KindDate || kind == programme.KindProgramme {
			return
		}
		d := programme.Date(f.v.Int())
		switch {
		case d == 0:
		case d < h.Start:
			c.report("outside-programme", it.KeyPos(f.Name), id, "%s: %s %s is before the programme starts (%s)", label(kind, id), f.Name, d, h.Start)
		case d > h.End && approved(kind, f.Name):
			c.report("outside-programme", it.KeyPos(f.Name), id, "%s: %s %s is after the programme ends (%s)", label(kind, id), f.Name, d, h.End)
		}
	})
}

// approved reports whether a date must fall before the programme ends
// (SPEC section 5). A milestone's forecast is not: it is what is now
// expected, which an analyst must be able to record (negative-slack warns
// of it). Nor are a benefit's dates: benefits are often realised after a
// programme closes.
func approved(kind programme.Kind, field string) bool {
	switch {
	case kind == programme.KindMilestone && field == "forecast":
		return false
	case kind == programme.KindBenefit:
		return false
	}
	return true
}

// OutsidePhase reports a milestone due outside its phase's window. A phase
// whose dates are missing or out of order has no window to check against.
func OutsidePhase(c *Context) {
	for _, m := range c.P.Milestones {
		ph := c.phase(m.Phase)
		if m.Due == 0 || ph == nil || ph.Start == 0 || ph.End == 0 || ph.Start > ph.End {
			continue
		}
		switch {
		case m.Due < ph.Start:
			c.report("outside-phase", m.KeyPos("due"), m.ID, "%s is due %s, before its phase %s starts (%s)", name(programme.KindMilestone, m.ID), m.Due, ph.ID, ph.Start)
		case m.Due > ph.End:
			c.report("outside-phase", m.KeyPos("due"), m.ID, "%s is due %s, after its phase %s ends (%s)", name(programme.KindMilestone, m.ID), m.Due, ph.ID, ph.End)
		}
	}
}

// DoneInFuture reports a milestone marked done after the reporting date:
// usually a typo in the year, or a completion recorded in advance.
func DoneInFuture(c *Context) {
	if c.AsOf == 0 {
		return
	}
	for _, m := range c.P.Milestones {
		if m.Done > c.AsOf {
			c.report("done-in-future", m.KeyPos("done"), m.ID, "%s is marked done on %s, after the reporting date %s", name(programme.KindMilestone, m.ID), m.Done, c.AsOf)
		}
	}
}
