package check

import "github.com/ocotool/oco/internal/programme"

// NonWorkingDay warns about a milestone's due, start or forecast date on a
// day its calendar does not work (SPEC 7.2): a weekend, or a holiday, which
// it names. Milestones with no calendar work every day.
func NonWorkingDay(c *Context) {
	plan := c.Plan()
	for i, m := range plan.Milestones {
		cal := plan.Calendar(i)
		if cal == nil {
			continue
		}
		for _, k := range [...]struct {
			key  string
			date programme.Date
		}{{"start", m.Start}, {"due", m.Due}, {"forecast", m.Forecast}} {
			if k.date == 0 || cal.Works(k.date) {
				continue
			}
			why := "a " + k.date.Weekday().String()
			if name, ok := cal.Holiday(k.date); ok {
				why = "a holiday"
				if name != "" {
					why += " (" + name + ")"
				}
			}
			c.report("non-working-day", m.KeyPos(k.key), m.ID, "%s: %s %s is %s, not a working day of calendar %s (next: %s)",
				m.ID, k.key, k.date, why, cal.ID, cal.Next(k.date))
		}
	}
}
