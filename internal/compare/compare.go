// Package compare says what changed between two versions of a programme in
// the programme's own terms: slips, re-baselines, milestones done, knock-on
// effects, risks raised and closed, and the check findings a change brings
// or removes. `oco diff` renders its result; it never prints.
package compare

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/ocotool/oco/internal/check"
	"github.com/ocotool/oco/internal/programme"
	"github.com/ocotool/oco/internal/schedule"
)

// What a change is. These words are an interface: `oco diff --format json`
// carries them for scripts.
const (
	Added          = "added"
	Removed        = "removed"
	Done           = "done"
	Reopened       = "reopened"
	Rebaselined    = "rebaselined"
	Slipped        = "slipped"
	Recovered      = "recovered"
	StatusChanged  = "status"
	KnockOn        = "knock-on"
	KnockOnCleared = "knock-on-cleared"
	Closed         = "closed"
	Occurred       = "occurred"
	Rescored       = "score"
	RAGChanged     = "rag"
	OwnerChanged   = "owner"
	Validated      = "validated"
	Invalidated    = "invalidated"
	Moved          = "moved"
	Completed      = "completed"
	Realised       = "realised"
	Reprioritised  = "priority"
	// A pin of another programme (programme.upstream): the commit agreed
	// with it, made, moved or dropped.
	Pinned   = "pinned"
	Repinned = "repinned"
	Unpinned = "unpinned"
)

// Side is one version of a programme with the reporting date it is read at.
type Side struct {
	P    *programme.Programme
	AsOf programme.Date
	// Plan is P's schedule as of AsOf, where the caller has it already;
	// Compare builds it otherwise. Either way each side is scheduled once,
	// for the knock-on changes and the check findings alike.
	Plan *schedule.Plan
}

// build is schedule.Build; a test counts the calls through it.
var build = schedule.Build

// Change is one thing that happened to one item.
type Change struct {
	Kind  programme.Kind
	ID    string
	Title string
	What  string
	// From and To are the value before and after, as text, where the
	// change has one: a date, a status, a score.
	From, To string
	Days     int    // for moves, slips and knock-on: how many days
	By       string // rebaselined: the decision; knock-on: the milestone that pushes
	Pos      programme.Pos
}

// Result is the difference between two versions.
type Result struct {
	Changes []Change
	// Introduced are findings of the newer version that the older did not
	// have, and the rebaselined findings only a comparison can make.
	Introduced []programme.Finding
	// Fixed are findings of the older version the newer no longer has.
	Fixed []programme.Finding
}

// Compare works out what changed from old to new.
func Compare(old, new Side) *Result {
	for _, s := range []*Side{&old, &new} {
		if s.Plan == nil {
			s.Plan = build(s.P, s.AsOf)
		}
	}
	c := &comparer{old: old, new: new, res: &Result{}}
	c.phases()
	c.milestones()
	c.risks()
	c.assumptions()
	c.issues()
	c.decisions()
	c.benefits()
	c.pins()
	c.findings()
	return c.res
}

type comparer struct {
	old, new Side
	res      *Result
}

func (c *comparer) add(ch Change) { c.res.Changes = append(c.res.Changes, ch) }

// byID indexes items by id; where an id is used twice the first wins, as
// in the programme's own lookups (the duplicate is a finding of its own).
func byID[T any](items []T, id func(T) string) map[string]T {
	m := make(map[string]T, len(items))
	for _, it := range items {
		if _, dup := m[id(it)]; !dup && id(it) != "" {
			m[id(it)] = it
		}
	}
	return m
}

// pair walks the items of both versions: each item of new with its older
// self (or the zero T), then the items old had and new has not.
func pair[T any](old, new []T, id func(T) string, both func(o, n T, had bool), gone func(o T)) {
	olds := byID(old, id)
	news := byID(new, id)
	seen := map[string]bool{}
	for _, n := range new {
		k := id(n)
		if k == "" || seen[k] {
			continue
		}
		seen[k] = true
		o, had := olds[k]
		both(o, n, had)
	}
	for _, o := range old {
		k := id(o)
		if _, still := news[k]; !still && k != "" && !seen[k] {
			seen[k] = true
			gone(o)
		}
	}
}

// pins says what changed in what the programme agreed with others: a
// programme pinned, re-pinned to another commit (or repository), or no
// longer pinned. The pin's name is the other programme's id.
func (c *comparer) pins() {
	olds, news := c.old.P.Header.Upstream, c.new.P.Header.Upstream
	for _, name := range sortedKeys(news) {
		n := news[name]
		ch := Change{Kind: programme.KindProgramme, ID: name, Title: n.Repo, Pos: n.RefPos}
		switch o, had := olds[name]; {
		case !had:
			ch.What, ch.To = Pinned, shortRef(n.Ref)
		case o.Ref != n.Ref:
			ch.What, ch.From, ch.To = Repinned, shortRef(o.Ref), shortRef(n.Ref)
		case o.Repo != n.Repo || o.Dir != n.Dir:
			ch.What, ch.From, ch.To, ch.Pos = Repinned, place(o), place(n), n.Pos
		default:
			continue
		}
		c.add(ch)
	}
	for _, name := range sortedKeys(olds) {
		if o := olds[name]; news[name] == nil {
			c.add(Change{Kind: programme.KindProgramme, ID: name, Title: o.Repo, What: Unpinned, From: shortRef(o.Ref), Pos: o.Pos})
		}
	}
}

func sortedKeys(pins programme.Pins) []string {
	return slices.Sorted(maps.Keys(pins))
}

// shortRef shortens a commit's name as git log --oneline does; a branch
// or tag keeps its name.
func shortRef(ref string) string {
	if len(ref) > 7 && strings.Trim(ref, "0123456789abcdef") == "" {
		return ref[:7]
	}
	return ref
}

// place is where a pin reads the other programme: its repository, and
// the directory in it where one is named.
func place(p *programme.Pin) string {
	if p.Dir == "" {
		return p.Repo
	}
	return p.Repo + " (" + p.Dir + ")"
}

func dateText(d programme.Date) string {
	if d.IsZero() {
		return "none"
	}
	return d.String()
}

func (c *comparer) milestones() {
	oldPlan, newPlan := c.old.Plan, c.new.Plan
	knockOn := func(pl *schedule.Plan, id string) (by string, days int, expected programme.Date, ok bool) {
		i, found := pl.Index(id)
		if !found {
			return "", 0, 0, false
		}
		drv, days, ok := pl.KnockOn(i)
		if !ok {
			return "", 0, 0, false
		}
		return pl.Milestones[drv].ID, days, pl.Expected[i], true
	}
	id := func(m *programme.Milestone) string { return m.ID }
	pair(c.old.P.Milestones, c.new.P.Milestones, id, func(o, n *programme.Milestone, had bool) {
		base := Change{Kind: programme.KindMilestone, ID: n.ID, Title: n.Title, Pos: n.Pos()}
		if !had {
			ch := base
			ch.What, ch.To = Added, n.Due.String()
			if n.Forecast != 0 && n.Forecast != n.Due {
				ch.By = n.Forecast.String() // said as "forecast"
			}
			c.add(ch)
			return
		}
		with := func(what, from, to string, days int, by string, pos programme.Pos) {
			ch := base
			ch.What, ch.From, ch.To, ch.Days, ch.By, ch.Pos = what, from, to, days, by, pos
			c.add(ch)
		}
		switch {
		case o.Done.IsZero() && !n.Done.IsZero():
			with(Done, "", n.Done.String(), n.Done.Sub(n.Due), "", n.KeyPos("done"))
		case !o.Done.IsZero() && n.Done.IsZero():
			with(Reopened, o.Done.String(), "", 0, "", n.Pos())
		case !o.Done.IsZero() && o.Done != n.Done:
			with(Done, o.Done.String(), n.Done.String(), n.Done.Sub(n.Due), "", n.KeyPos("done"))
		}
		if o.Due != n.Due && !o.Due.IsZero() && !n.Due.IsZero() {
			with(Rebaselined, o.Due.String(), n.Due.String(), n.Due.Sub(o.Due), n.Decision, n.KeyPos("due"))
			if n.Decision == "" || n.Decision == o.Decision {
				c.rebaselined(o, n)
			}
		}
		// A forecast that moves is a slip or a recovery; a date that moves
		// only because due moved is the re-baseline above.
		if o.Forecast != n.Forecast && n.Done.IsZero() && o.Date() != n.Date() && !(o.Forecast.IsZero() && n.Forecast.IsZero()) {
			what := Slipped
			if n.Date() < o.Date() {
				what = Recovered
			}
			pos := n.KeyPos("forecast")
			if n.Forecast.IsZero() {
				pos = n.KeyPos("due")
			}
			days := n.Date().Sub(o.Date())
			if days < 0 {
				days = -days
			}
			with(what, o.Date().String(), n.Date().String(), days, "", pos)
		}
		if o.Owner != n.Owner {
			with(OwnerChanged, o.Owner, n.Owner, 0, "", n.KeyPos("owner"))
		}
		// Rated where each will land (SPEC section 4), as the views rate it.
		expected := func(pl *schedule.Plan, id string) programme.Date {
			if i, ok := pl.Index(id); ok {
				return pl.Expected[i]
			}
			return 0
		}
		ost := c.old.P.StateExpected(o, c.old.AsOf, expected(oldPlan, o.ID))
		nst := c.new.P.StateExpected(n, c.new.AsOf, expected(newPlan, n.ID))
		doneNow := !n.Done.IsZero() && o.Done.IsZero()
		reopened := n.Done.IsZero() && !o.Done.IsZero()
		if (ost.Status != nst.Status || ost.RAG != nst.RAG) && !doneNow && !reopened {
			with(StatusChanged, ost.Status+", "+ost.RAG, nst.Status+", "+nst.RAG, 0, "", n.Pos())
		}
		oby, odays, oexp, ok1 := knockOn(oldPlan, o.ID)
		nby, ndays, nexp, ok2 := knockOn(newPlan, n.ID)
		switch {
		case ok2 && (!ok1 || oby != nby || odays != ndays):
			from := ""
			if ok1 {
				from = oexp.String()
			}
			with(KnockOn, from, nexp.String(), ndays, nby, n.Pos())
		case ok1 && !ok2:
			with(KnockOnCleared, oexp.String(), "", odays, oby, n.Pos())
		}
	}, func(o *programme.Milestone) {
		c.add(Change{Kind: programme.KindMilestone, ID: o.ID, Title: o.Title, What: Removed, From: o.Date().String(), Pos: o.Pos()})
	})
}

// rebaselined is the finding of SPEC section 5 that only a comparison can
// make: the approved date moved with no decision to approve it.
func (c *comparer) rebaselined(o, n *programme.Milestone) {
	days := n.Due.Sub(o.Due)
	why := "with no decision"
	if n.Decision != "" {
		why = fmt.Sprintf("under the same decision %s as before", n.Decision)
	}
	c.res.Introduced = append(c.res.Introduced, programme.Finding{
		Pos:      n.KeyPos("due"),
		Severity: programme.Warning,
		Rule:     "rebaselined",
		ID:       n.ID,
		Message:  fmt.Sprintf("%s was re-baselined from %s to %s (%s) %s; set decision: to the decision that approved it", n.ID, o.Due, n.Due, signedDays(days), why),
	})
}

// signedDays is "+30 days" or "-3 days".
func signedDays(n int) string {
	s := fmt.Sprintf("%+d days", n)
	if n == 1 || n == -1 {
		s = fmt.Sprintf("%+d day", n)
	}
	return s
}

func (c *comparer) phases() {
	id := func(ph *programme.Phase) string { return ph.ID }
	pair(c.old.P.Phases, c.new.P.Phases, id, func(o, n *programme.Phase, had bool) {
		base := Change{Kind: programme.KindPhase, ID: n.ID, Title: n.Name, Pos: n.Pos()}
		if !had {
			base.What, base.To = Added, n.Start.String()+".."+n.End.String()
			c.add(base)
			return
		}
		if o.Start != n.Start || o.End != n.End {
			ch := base
			ch.What, ch.From, ch.To, ch.Days = Moved, o.Start.String()+".."+o.End.String(), n.Start.String()+".."+n.End.String(), n.End.Sub(o.End)
			c.add(ch)
		}
		od, ot := c.old.P.PhaseProgress(o)
		nd, nt := c.new.P.PhaseProgress(n)
		if nt > 0 && nd == nt && (ot == 0 || od < ot) {
			ch := base
			ch.What, ch.From, ch.To = Completed, fmt.Sprintf("%d/%d", od, ot), fmt.Sprintf("%d/%d", nd, nt)
			c.add(ch)
		}
	}, func(o *programme.Phase) {
		c.add(Change{Kind: programme.KindPhase, ID: o.ID, Title: o.Name, What: Removed, Pos: o.Pos()})
	})
}

// riskText is a risk's score and rating, as "12 (amber)", or "not assessed".
func riskText(p *programme.Programme, r *programme.Risk) string {
	if !r.Assessed() {
		return "not assessed"
	}
	return fmt.Sprintf("%d (%s)", r.Score(), p.RAG(r.Score()))
}

func (c *comparer) risks() {
	id := func(r *programme.Risk) string { return r.ID }
	pair(c.old.P.Risks, c.new.P.Risks, id, func(o, n *programme.Risk, had bool) {
		base := Change{Kind: programme.KindRisk, ID: n.ID, Title: n.Title, Pos: n.Pos()}
		with := func(what, from, to string, pos programme.Pos) {
			ch := base
			ch.What, ch.From, ch.To, ch.Pos = what, from, to, pos
			c.add(ch)
		}
		if !had {
			with(Added, "", riskText(c.new.P, n), n.Pos())
			return
		}
		if o.Status != n.Status {
			switch n.Status {
			case "closed":
				with(Closed, o.Status, n.Status, n.KeyPos("status"))
			case "occurred":
				with(Occurred, o.Status, n.Status, n.KeyPos("status"))
			default:
				with(Reopened, o.Status, n.Status, n.KeyPos("status"))
			}
		}
		ot, nt := riskText(c.old.P, o), riskText(c.new.P, n)
		switch {
		case o.Score() != n.Score():
			with(Rescored, ot, nt, n.KeyPos("likelihood"))
		case ot != nt:
			with(RAGChanged, ot, nt, n.Pos())
		}
		if o.Owner != n.Owner {
			with(OwnerChanged, o.Owner, n.Owner, n.KeyPos("owner"))
		}
	}, func(o *programme.Risk) {
		c.add(Change{Kind: programme.KindRisk, ID: o.ID, Title: o.Title, What: Removed, From: riskText(c.old.P, o), Pos: o.Pos()})
	})
}

func (c *comparer) assumptions() {
	id := func(a *programme.Assumption) string { return a.ID }
	pair(c.old.P.Assumptions, c.new.P.Assumptions, id, func(o, n *programme.Assumption, had bool) {
		base := Change{Kind: programme.KindAssumption, ID: n.ID, Title: n.Statement, Pos: n.Pos()}
		if !had {
			base.What, base.To = Added, n.Status
			c.add(base)
			return
		}
		if o.Status != n.Status {
			ch := base
			ch.From, ch.To, ch.Pos = o.Status, n.Status, n.KeyPos("status")
			switch n.Status {
			case "valid":
				ch.What = Validated
			case "invalid":
				ch.What = Invalidated
				ch.By = n.Risk
			default:
				ch.What = StatusChanged
			}
			c.add(ch)
		}
		if o.Owner != n.Owner {
			ch := base
			ch.What, ch.From, ch.To, ch.Pos = OwnerChanged, o.Owner, n.Owner, n.KeyPos("owner")
			c.add(ch)
		}
	}, func(o *programme.Assumption) {
		c.add(Change{Kind: programme.KindAssumption, ID: o.ID, Title: o.Statement, What: Removed, Pos: o.Pos()})
	})
}

func (c *comparer) issues() {
	id := func(i *programme.Issue) string { return i.ID }
	pair(c.old.P.Issues, c.new.P.Issues, id, func(o, n *programme.Issue, had bool) {
		base := Change{Kind: programme.KindIssue, ID: n.ID, Title: n.Title, Pos: n.Pos()}
		if !had {
			base.What, base.To = Added, n.Priority
			c.add(base)
			return
		}
		if o.Status != n.Status {
			ch := base
			ch.What, ch.From, ch.To, ch.Pos = Reopened, o.Status, n.Status, n.KeyPos("status")
			if n.Status == "closed" {
				ch.What = Closed
			}
			c.add(ch)
		}
		if o.Priority != n.Priority {
			ch := base
			ch.What, ch.From, ch.To, ch.Pos = Reprioritised, o.Priority, n.Priority, n.KeyPos("priority")
			c.add(ch)
		}
	}, func(o *programme.Issue) {
		c.add(Change{Kind: programme.KindIssue, ID: o.ID, Title: o.Title, What: Removed, Pos: o.Pos()})
	})
}

func (c *comparer) decisions() {
	id := func(d *programme.Decision) string { return d.ID }
	pair(c.old.P.Decisions, c.new.P.Decisions, id, func(o, n *programme.Decision, had bool) {
		if !had {
			c.add(Change{Kind: programme.KindDecision, ID: n.ID, Title: n.Title, What: Added, To: n.Date.String(), By: n.By, Pos: n.Pos()})
		}
	}, func(o *programme.Decision) {
		c.add(Change{Kind: programme.KindDecision, ID: o.ID, Title: o.Title, What: Removed, From: o.Date.String(), Pos: o.Pos()})
	})
}

func (c *comparer) benefits() {
	id := func(b *programme.Benefit) string { return b.ID }
	pair(c.old.P.Benefits, c.new.P.Benefits, id, func(o, n *programme.Benefit, had bool) {
		base := Change{Kind: programme.KindBenefit, ID: n.ID, Title: n.Title, Pos: n.Pos()}
		if !had {
			base.What, base.To = Added, n.By.String()
			c.add(base)
			return
		}
		if o.Realised.IsZero() && !n.Realised.IsZero() {
			ch := base
			ch.What, ch.To, ch.Pos = Realised, n.Realised.String(), n.KeyPos("realised")
			c.add(ch)
		}
		if o.By != n.By {
			ch := base
			ch.What, ch.From, ch.To, ch.Pos = Moved, dateText(o.By), dateText(n.By), n.KeyPos("by")
			if !o.By.IsZero() && !n.By.IsZero() {
				ch.Days = n.By.Sub(o.By)
			}
			c.add(ch)
		}
		if o.Owner != n.Owner {
			ch := base
			ch.What, ch.From, ch.To, ch.Pos = OwnerChanged, o.Owner, n.Owner, n.KeyPos("owner")
			c.add(ch)
		}
	}, func(o *programme.Benefit) {
		c.add(Change{Kind: programme.KindBenefit, ID: o.ID, Title: o.Title, What: Removed, Pos: o.Pos()})
	})
}

// findings compares the check findings of both versions by rule, id and
// message, never position: a line added above a problem does not make it
// new.
func (c *comparer) findings() {
	key := func(f programme.Finding) string { return f.Rule + "\x00" + f.ID + "\x00" + f.Message }
	oldFs := check.Run(c.old.P, check.Options{AsOf: c.old.AsOf, Plan: c.old.Plan})
	newFs := check.Run(c.new.P, check.Options{AsOf: c.new.AsOf, Plan: c.new.Plan})
	count := map[string]int{}
	for _, f := range oldFs {
		count[key(f)]++
	}
	for _, f := range newFs {
		if count[key(f)] > 0 {
			count[key(f)]--
			continue
		}
		c.res.Introduced = append(c.res.Introduced, f)
	}
	count = map[string]int{}
	for _, f := range newFs {
		count[key(f)]++
	}
	for _, f := range oldFs {
		if count[key(f)] > 0 {
			count[key(f)]--
			continue
		}
		c.res.Fixed = append(c.res.Fixed, f)
	}
	programme.SortFindings(c.res.Introduced)
	programme.SortFindings(c.res.Fixed)
}
