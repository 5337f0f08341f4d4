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
	plan := c.Plan()
	for _, sl := range Slips(plan) {
		i, drv, days := sl.Milestone, sl.Driver, sl.Days
		m, pred := plan.Milestones[i], plan.Milestones[drv]
		dep := m.LinkTo(pred.ID)
		whose := "due date"
		if m.Forecast != 0 {
			whose = "forecast"
		}
		lagText := ""
		if dep.Lag != 0 {
			lagText = " plus a lag of " + lagWords(dep)
		}
		if dep.LinkType() != "fs" {
			lagText += ", a " + typeWords[dep.LinkType()] + " link"
		}
		c.report("knock-on", m.KeyPos(dateKey(m)), m.ID, "%s is expected %s, %s after its %s %s, pushed by %s (expected %s)%s",
			m.ID, plan.Expected[i], programme.Plural(days, "day"), whose, m.Date(), pred.ID, plan.Expected[drv], lagText)
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
	plan := c.Plan()
	for i, m := range plan.Milestones {
		// A due date past the end is outside-programme's error; a forecast
		// past it is what is now expected, and this warning.
		if m.Done != 0 || m.Due > end || !plan.NegativeSlack(i) {
			continue
		}
		over := programme.Plural(plan.Expected[i].Sub(end), "day")
		why := "as it is not done by the reporting date"
		switch drv := plan.Driver[i]; {
		case drv >= 0:
			why = fmt.Sprintf("pushed by %s (expected %s)", plan.Milestones[drv].ID, plan.Expected[drv])
		case m.Forecast > end:
			why = "as forecast"
		}
		c.report("negative-slack", m.KeyPos(dateKey(m)), m.ID, "%s is expected %s, %s after the programme ends (%s), %s",
			m.ID, plan.Expected[i], over, end, why)
	}
}

// Slip is a milestone that a predecessor pushes past its own date: its
// index in the plan, the predecessor's, and by how many days.
type Slip struct{ Milestone, Driver, Days int }

// Slips lists the knock-on slips of a plan, as the knock-on rule reports
// them, so that the dashboard and validate always agree.
func Slips(plan *schedule.Plan) []Slip {
	var out []Slip
	for i, m := range plan.Milestones {
		drv, days, ok := plan.KnockOn(i)
		if !ok {
			continue
		}
		pred := plan.Milestones[drv]
		if plannedConflict(plan, i, pred, m.LinkTo(pred.ID), plan.Expected[drv]) {
			continue
		}
		out = append(out, Slip{Milestone: i, Driver: drv, Days: days})
	}
	return out
}

// lagWords says a lag in a message: "14 days", "5 working days", "a lead
// of 2 days" reads as "-2 days".
func lagWords(d programme.Dep) string {
	if d.Working {
		return programme.Plural(int(d.Lag), "working day")
	}
	return programme.Plural(int(d.Lag), "day")
}

var typeWords = map[string]string{
	"fs": "finish-to-start", "ss": "start-to-start", "ff": "finish-to-finish", "sf": "start-to-finish",
}

// plannedConflict reports whether a push of the i-th milestone by pred
// comes from the approved dates alone, as dependency-order reports it:
// pred is expected no later than it is due, and the approved dates already
// break the link.
func plannedConflict(plan *schedule.Plan, i int, pred *programme.Milestone, d programme.Dep, predExpected programme.Date) bool {
	own, limit, _, ok := approvedLimit(plan.Calendar(i), plan.Milestones[i], pred, d)
	return ok && predExpected <= pred.Due && limit > own
}

// approvedLimit is what link d from pred asks of milestone m's approved
// dates: the date of m it bounds (its start for fs and ss where it has
// one, else its due date), the earliest that date may be, and the key
// holding it. ok is false where a date is missing.
func approvedLimit(cal *programme.WorkCalendar, m, pred *programme.Milestone, d programme.Dep) (own, limit programme.Date, key string, ok bool) {
	typ := d.LinkType()
	own, key = m.Due, "due"
	if m.Start != 0 && (typ == "fs" || typ == "ss") {
		own, key = m.Start, "start"
	}
	ref := pred.Due
	if pred.Start != 0 && (typ == "ss" || typ == "sf") {
		ref = pred.Start
	}
	if own == 0 || ref == 0 {
		return 0, 0, "", false
	}
	if d.Working {
		limit = cal.Add(ref, int(d.Lag))
	} else {
		limit = ref.AddDays(int(d.Lag))
	}
	return own, limit, key, true
}
