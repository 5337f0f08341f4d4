package portfolio

import (
	"runtime"
	"strings"
	"sync"

	"github.com/ocotool/oco/internal/programme"
	"github.com/ocotool/oco/internal/schedule"
)

// Portfolio is every programme read, joined into one network.
type Portfolio struct {
	ID, Name string
	AsOf     programme.Date
	Members  []*Member
	// Merged holds every programme's milestones, phases, risks and
	// owners under ids `programme:ID`, so that the schedule, the critical
	// path and every listing work across programmes as they work in one.
	Merged *programme.Programme
	Plan   *schedule.Plan
	// Local is each member's own schedule, as if it stood alone: what
	// moves between the two is what other programmes push.
	Local []*schedule.Plan

	member []int // for each merged milestone, the member it is from
	offset []int // for each member, its first milestone in Merged
	byID   map[string]int
}

// Local wraps a programme read from a working tree (not from git) as a
// member, for `oco validate --upstream`.
func Local(id string, p *programme.Programme) *Member {
	return &Member{Entry: Entry{ID: id}, P: p}
}

// AsOf is the portfolio's reporting date where it has one: its own
// as_of, else the as_of every programme shares; 0 otherwise.
func AsOf(f *File, members []*Member) programme.Date {
	if f.AsOf != 0 || len(members) == 0 {
		return f.AsOf
	}
	d := members[0].P.Header.AsOf
	for _, m := range members[1:] {
		if m.P.Header.AsOf != d {
			return 0
		}
	}
	return d
}

// Build joins the members and schedules them as of asOf.
func Build(id, name string, members []*Member, asOf programme.Date) *Portfolio {
	pf := &Portfolio{ID: id, Name: name, AsOf: asOf, Members: members, byID: map[string]int{}}
	mp := &programme.Programme{}
	mp.Header = programme.Header{ID: id, Name: name, AsOf: asOf}
	for k, m := range members {
		pf.byID[m.ID] = k
		pf.offset = append(pf.offset, len(mp.Milestones))
		join(mp, m.ID, m.P)
		for range m.P.Milestones {
			pf.member = append(pf.member, k)
		}
		h := m.P.Header
		if mp.Header.Start == 0 || (h.Start != 0 && h.Start < mp.Header.Start) {
			mp.Header.Start = h.Start
		}
		if h.End > mp.Header.End {
			mp.Header.End = h.End
		}
	}
	// Listings rate milestones and risks by the merged header: where every
	// programme has the same tolerances and bands, they are the header's.
	if len(members) > 0 {
		tol, bands, same := members[0].P.Tolerances(), members[0].P.RiskBands(), true
		for _, m := range members[1:] {
			same = same && m.P.Tolerances() == tol && m.P.RiskBands() == bands
		}
		if same {
			mp.Header.Tolerances, mp.Header.RiskBands = &tol, &bands
		}
	}
	pf.Merged = mp
	// Each milestone's slack runs to its own programme's end.
	ends := make([]programme.Date, len(mp.Milestones))
	for i := range ends {
		ends[i] = members[pf.member[i]].P.Header.End
	}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		pf.Plan = schedule.BuildEnds(mp, asOf, ends)
	}()
	pf.Local = make([]*schedule.Plan, len(members))
	sem := make(chan struct{}, max(1, runtime.GOMAXPROCS(0)))
	for k, m := range members {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			pf.Local[k] = schedule.Build(m.P, asOf)
		}()
	}
	wg.Wait()
	return pf
}

// Member returns the member with the given programme id.
func (pf *Portfolio) Member(id string) (*Member, int, bool) {
	k, ok := pf.byID[id]
	if !ok {
		return nil, -1, false
	}
	return pf.Members[k], k, true
}

// MemberOf returns the member the i-th merged milestone is from, and its
// index in that member's own milestones.
func (pf *Portfolio) MemberOf(i int) (int, int) {
	k := pf.member[i]
	return k, i - pf.offset[k]
}

// Index is the merged index of member k's j-th milestone.
func (pf *Portfolio) Index(k, j int) int { return pf.offset[k] + j }

// qualify names a programme's own id across the portfolio; a reference
// that already names another programme (`lco:M-12`) is left as it is.
func qualify(prog, id string) string {
	if id == "" || strings.Contains(id, ":") {
		return id
	}
	return prog + ":" + id
}

func qualifyAll(prog string, ids []string) []string {
	if len(ids) == 0 {
		return ids
	}
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = qualify(prog, id)
	}
	return out
}

// join copies p's items into mp under qualified ids. The copies share
// positions with the originals, whose files are already named prog:dir/.
func join(mp *programme.Programme, prog string, p *programme.Programme) {
	q := func(id string) string { return qualify(prog, id) }
	for _, x := range p.People {
		c := *x
		c.ID = q(x.ID)
		mp.People = append(mp.People, &c)
	}
	for _, x := range p.Bodies {
		c := *x
		c.ID, c.Chair, c.ReportsTo, c.Members = q(x.ID), q(x.Chair), q(x.ReportsTo), qualifyAll(prog, x.Members)
		mp.Bodies = append(mp.Bodies, &c)
	}
	for _, x := range p.Workstreams {
		c := *x
		c.ID, c.Lead, c.Body, c.Calendar = q(x.ID), q(x.Lead), q(x.Body), ""
		mp.Workstreams = append(mp.Workstreams, &c)
	}
	for _, x := range p.Phases {
		c := *x
		c.ID, c.DependsOn, c.Calendar = q(x.ID), qualifyAll(prog, x.DependsOn), ""
		mp.Phases = append(mp.Phases, &c)
	}
	// Calendars: those the programme defines are qualified; built-in ones
	// keep their names. Each milestone names the calendar it keeps in its
	// own programme, since the header's default is one per programme.
	defined := map[string]bool{}
	for _, x := range p.Calendars {
		defined[x.ID] = true
	}
	cal := func(id string) string {
		if defined[id] {
			return q(id)
		}
		return id
	}
	for _, x := range p.Calendars {
		c := *x
		c.ID, c.Extends = q(x.ID), cal(x.Extends)
		mp.Calendars = append(mp.Calendars, &c)
	}
	for _, x := range p.Milestones {
		c := *x
		c.ID, c.Phase, c.Workstream, c.Owner, c.Decision = q(x.ID), q(x.Phase), q(x.Workstream), q(x.Owner), q(x.Decision)
		c.Calendar = cal(p.CalendarID(x))
		if len(x.DependsOn) > 0 {
			c.DependsOn = make([]programme.Dep, len(x.DependsOn))
			for i, d := range x.DependsOn {
				d.ID = q(d.ID)
				c.DependsOn[i] = d
			}
		}
		mp.Milestones = append(mp.Milestones, &c)
	}
	for _, x := range p.Risks {
		c := *x
		c.ID, c.Owner, c.EscalatedTo, c.Issue, c.Affects = q(x.ID), q(x.Owner), q(x.EscalatedTo), q(x.Issue), qualifyAll(prog, x.Affects)
		mp.Risks = append(mp.Risks, &c)
	}
	for _, x := range p.Decisions {
		c := *x
		c.ID, c.By, c.Affects = q(x.ID), q(x.By), qualifyAll(prog, x.Affects)
		mp.Decisions = append(mp.Decisions, &c)
	}
	mp.Files = append(mp.Files, p.Files...)
	mp.Unread = append(mp.Unread, p.Unread...)
	mp.Broken = append(mp.Broken, p.Broken...)
}

// Partial is what of the portfolio's programmes could not be read whole,
// gathered as one programme's (their files not read, not parsed, and the
// syntax findings saying why), or nil where every programme was read
// whole.
func (pf *Portfolio) Partial() *programme.Programme {
	whole := &programme.Programme{}
	for _, m := range pf.Members {
		if !m.P.Incomplete() {
			continue
		}
		for _, f := range m.P.Findings {
			if f.Rule == "syntax" {
				whole.Findings = append(whole.Findings, f)
			}
		}
		whole.Unread = append(whole.Unread, m.P.Unread...)
		whole.Broken = append(whole.Broken, m.P.Broken...)
	}
	if !whole.Incomplete() {
		return nil
	}
	return whole
}
