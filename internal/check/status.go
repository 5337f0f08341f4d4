package check

import (
	"github.com/ocotool/oco/internal/programme"
)

// dateKey is the field a milestone's current date comes from: its
// forecast where it has one, else its due date.
func dateKey(m *programme.Milestone) string {
	if m.Forecast != 0 {
		return "forecast"
	}
	return "due"
}

// Overdue warns about a milestone not done whose date (forecast, else due)
// is before the reporting date, at the key that holds that date.
func Overdue(c *Context) {
	if c.AsOf == 0 {
		return
	}
	for _, m := range c.P.Milestones {
		date := m.Date()
		if date == 0 || date >= c.AsOf || m.Done != 0 || m.Has("done") {
			continue
		}
		late := programme.Plural(c.AsOf.Sub(date), "day")
		if m.Forecast != 0 {
			c.report("overdue", m.KeyPos("forecast"), m.ID, "%s was forecast for %s and is not done (%s overdue)", name(programme.KindMilestone, m.ID), date, late)
		} else {
			c.report("overdue", m.KeyPos("due"), m.ID, "%s was due %s and is not done (%s overdue)", name(programme.KindMilestone, m.ID), date, late)
		}
	}
}

// Slipped warns about a forecast later than the due date by more than the
// amber tolerance. A milestone already done has no forecast that matters.
func Slipped(c *Context) {
	amber := c.P.Tolerances().AmberDays
	for _, m := range c.P.Milestones {
		if m.Forecast == 0 || m.Due == 0 || m.Done != 0 || m.Has("done") {
			continue
		}
		if slip := m.Forecast.Sub(m.Due); slip > amber {
			c.report("slipped", m.KeyPos("forecast"), m.ID, "%s is forecast for %s, %s after its due date %s (tolerance %s)",
				name(programme.KindMilestone, m.ID), m.Forecast, programme.Plural(slip, "day"), m.Due, programme.Plural(amber, "day"))
		}
	}
}

// StaleForecast warns about a forecast already in the past for a milestone
// not done: the forecast needs bringing up to date.
func StaleForecast(c *Context) {
	if c.AsOf == 0 {
		return
	}
	for _, m := range c.P.Milestones {
		if m.Forecast != 0 && m.Forecast < c.AsOf && m.Done == 0 && !m.Has("done") {
			c.report("stale-forecast", m.KeyPos("forecast"), m.ID, "%s has a forecast of %s, before the reporting date %s",
				name(programme.KindMilestone, m.ID), m.Forecast, c.AsOf)
		}
	}
}

// Unowned warns about a milestone, an open risk, an open issue or an
// assumption with no owner, at the item's start. An owner the loader
// could not read is not reported again.
func Unowned(c *Context) {
	unowned := func(kind programme.Kind, id string, it *programme.Item, owner string) {
		if owner == "" && it.Blank("owner") {
			c.report("unowned", it.Pos(), id, "%s has no owner", label(kind, id))
		}
	}
	for _, m := range c.P.Milestones {
		unowned(programme.KindMilestone, m.ID, &m.Item, m.Owner)
	}
	for _, r := range c.P.Risks {
		if r.Open() {
			unowned(programme.KindRisk, r.ID, &r.Item, r.Owner)
		}
	}
	for _, is := range c.P.Issues {
		if is.Open() {
			unowned(programme.KindIssue, is.ID, &is.Item, is.Owner)
		}
	}
	for _, a := range c.P.Assumptions {
		unowned(programme.KindAssumption, a.ID, &a.Item, a.Owner)
	}
}

// Unassessed warns about an open risk lacking likelihood, impact or both,
// at the risk's start. A value the loader rejected is not reported again.
func Unassessed(c *Context) {
	for _, r := range c.P.Risks {
		if !r.Open() {
			continue
		}
		noL := r.Likelihood == 0 && r.Blank("likelihood")
		noI := r.Impact == 0 && r.Blank("impact")
		badL := r.Likelihood == 0 && !noL
		badI := r.Impact == 0 && !noI
		switch {
		case badL || badI:
		case noL && noI:
			c.report("unassessed", r.Pos(), r.ID, "%s is open and has no likelihood or impact", label(programme.KindRisk, r.ID))
		case noL:
			c.report("unassessed", r.Pos(), r.ID, "%s is open and has no likelihood", label(programme.KindRisk, r.ID))
		case noI:
			c.report("unassessed", r.Pos(), r.ID, "%s is open and has no impact", label(programme.KindRisk, r.ID))
		}
	}
}

// ReviewOverdue warns about an open risk whose review_by date has passed.
func ReviewOverdue(c *Context) {
	if c.AsOf == 0 {
		return
	}
	for _, r := range c.P.Risks {
		if r.ReviewOverdue(c.AsOf) {
			c.report("review-overdue", r.KeyPos("review_by"), r.ID, "%s was due for review by %s (%s ago)",
				label(programme.KindRisk, r.ID), r.ReviewBy, programme.Plural(c.AsOf.Sub(r.ReviewBy), "day"))
		}
	}
}

// AssumptionOverdue warns about an unverified assumption whose
// validate_by date has passed.
func AssumptionOverdue(c *Context) {
	if c.AsOf == 0 {
		return
	}
	for _, a := range c.P.Assumptions {
		if a.Overdue(c.AsOf) {
			c.report("assumption-overdue", a.KeyPos("validate_by"), a.ID, "%s is still unverified; it was to be validated by %s (%s ago)",
				label(programme.KindAssumption, a.ID), a.ValidateBy, programme.Plural(c.AsOf.Sub(a.ValidateBy), "day"))
		}
	}
}

// InvalidAssumption warns about an assumption proved false with no risk
// raised for it, at its status key, where it is marked invalid.
func InvalidAssumption(c *Context) {
	for _, a := range c.P.Assumptions {
		if a.Status == programme.AssumptionInvalid && a.Risk == "" && a.Blank("risk") {
			c.report("invalid-assumption", a.KeyPos("status"), a.ID, "%s is marked invalid but names no risk it has become",
				label(programme.KindAssumption, a.ID))
		}
	}
}

// EmptyPhase warns about a phase that no milestone belongs to.
func EmptyPhase(c *Context) {
	used := make(map[string]bool, len(c.P.Phases))
	for _, m := range c.P.Milestones {
		used[m.Phase] = true
	}
	for _, ph := range c.P.Phases {
		if ph.ID != "" && !used[ph.ID] {
			c.report("empty-phase", ph.Pos(), ph.ID, "%s has no milestones", label(programme.KindPhase, ph.ID))
		}
	}
}

// ScoreMismatch reports a stated risk score that is not likelihood ×
// impact, at the score key; only when all three are given and valid.
func ScoreMismatch(c *Context) {
	for _, r := range c.P.Risks {
		if r.StatedScore == 0 || r.Likelihood == 0 || r.Impact == 0 {
			continue
		}
		if want := r.Likelihood * r.Impact; r.StatedScore != want {
			c.report("score-mismatch", r.KeyPos("score"), r.ID, "%s: score %d is not likelihood × impact (%d × %d = %d)",
				label(programme.KindRisk, r.ID), r.StatedScore, r.Likelihood, r.Impact, want)
		}
	}
}
