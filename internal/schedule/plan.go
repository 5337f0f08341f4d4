package schedule

import "github.com/ocotool/oco/internal/programme"

// Plan is the schedule of a programme's milestones: Compute's result with
// the milestones it was computed from, indexed alike.
type Plan struct {
	*Result
	Milestones []*programme.Milestone
	index      map[string]int
}

// Build schedules p's milestones as of the reporting date. Links to ids
// that are not milestones are left out; the checks report them.
func Build(p *programme.Programme, asOf programme.Date) *Plan { return build(p, asOf, nil) }

func build(p *programme.Programme, asOf programme.Date, ends []programme.Date) *Plan {
	pl := &Plan{Milestones: p.Milestones, index: make(map[string]int, len(p.Milestones))}
	for i, m := range p.Milestones {
		if _, dup := pl.index[m.ID]; !dup && m.ID != "" {
			pl.index[m.ID] = i
		}
	}
	tasks := make([]Task, len(p.Milestones))
	cals := Calendars(p)
	for i, m := range p.Milestones {
		t := Task{ID: m.ID, Due: m.Due, Start: m.Start, Forecast: m.Forecast, Done: m.Done, Cal: cals.Of(m)}
		for _, d := range m.DependsOn {
			if j, ok := pl.index[d.ID]; ok {
				typ, _ := ParseLinkType(d.Type)
				t.Preds = append(t.Preds, Link{Pred: j, Lag: int(d.Lag), Type: typ, Working: d.Working})
			}
		}
		tasks[i] = t
	}
	pl.Result = Compute(Input{Tasks: tasks, AsOf: asOf, End: p.Header.End, Ends: ends})
	return pl
}

// LinkInLoop reports whether the link from the i-th milestone to the
// milestone pred lies inside a dependency loop, where dependency-cycle has
// said what is wrong and date rules would only repeat it.
func (pl *Plan) LinkInLoop(i int, pred string) bool {
	j, ok := pl.index[pred]
	return ok && pl.SameLoop(i, j)
}

// Calendar is the calendar the i-th milestone keeps; nil where every day
// works.
func (pl *Plan) Calendar(i int) *programme.WorkCalendar { return pl.tasks[i].Cal }

// Index returns the position of the milestone with the given id.
func (pl *Plan) Index(id string) (int, bool) {
	i, ok := pl.index[id]
	return i, ok
}

// CalendarSet resolves each calendar of a programme once.
type CalendarSet struct {
	p       *programme.Programme
	byID    map[string]*programme.WorkCalendar
	grouped bool // some workstream or phase names a calendar
}

// Calendars prepares the calendars of p for its milestones.
func Calendars(p *programme.Programme) *CalendarSet {
	cs := &CalendarSet{p: p, byID: map[string]*programme.WorkCalendar{}}
	for _, w := range p.Workstreams {
		cs.grouped = cs.grouped || w.Calendar != ""
	}
	for _, ph := range p.Phases {
		cs.grouped = cs.grouped || ph.Calendar != ""
	}
	return cs
}

// Of returns the calendar milestone m keeps; nil where none is named.
func (cs *CalendarSet) Of(m *programme.Milestone) *programme.WorkCalendar {
	id := m.Calendar
	switch {
	case id != "":
	case cs.grouped:
		id = cs.p.CalendarID(m)
	default:
		id = cs.p.Header.Calendar
	}
	if id == "" {
		return nil
	}
	c, ok := cs.byID[id]
	if !ok {
		c = cs.p.WorkCalendar(id)
		cs.byID[id] = c
	}
	return c
}
