package portfolio

import (
	"fmt"
	"runtime"
	"strings"
	"sync"

	"github.com/ocotool/oco/internal/check"
	"github.com/ocotool/oco/internal/programme"
)

// UpstreamMoved is the rule of a pinned cross-programme predecessor whose
// date has moved since the pin (SPEC 5, 7.5).
const UpstreamMoved = "upstream-moved"

// Findings checks every programme as it would be checked alone, then what
// only the portfolio can see: links to other programmes' milestones
// (unknown ones, loops, plans that cannot be met, knock-on and slack
// across programmes) and pins whose agreed dates have moved. Findings
// are sorted; their files are named programme:dir/file.
func (pf *Portfolio) Findings() []programme.Finding { return pf.FindingsOf(nil) }

// FindingsOf is Findings for the members only picks (all where nil):
// their own checks, and what the portfolio finds of their milestones.
func (pf *Portfolio) FindingsOf(only func(*Member) bool) []programme.Finding {
	per := make([][]programme.Finding, len(pf.Members))
	var wg sync.WaitGroup
	sem := make(chan struct{}, max(1, runtime.GOMAXPROCS(0)))
	for k, m := range pf.Members {
		if only != nil && !only(m) {
			continue
		}
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			per[k] = pf.memberFindings(k, check.Run(m.P, check.Options{AsOf: pf.AsOf, Plan: pf.Local[k]}))
		}()
	}
	wg.Wait()
	var out []programme.Finding
	for _, fs := range per {
		out = append(out, fs...)
	}
	for _, f := range append(pf.crossFindings(), pf.upstreamFindings()...) {
		if m, _, ok := pf.Member(programmeOf(f.ID)); only == nil || (ok && only(m)) {
			out = append(out, f)
		}
	}
	programme.SortFindings(out)
	return out
}

// Moved reports whether the portfolio moves member k's j-th milestone
// from where its own programme alone would expect it.
func (pf *Portfolio) Moved(k, j int) bool {
	return pf.Plan.Expected[pf.Index(k, j)] != pf.Local[k].Expected[j]
}

// memberFindings keeps what member k's own checks found, less what the
// portfolio answers better: the note that links to programmes of the
// portfolio were not checked, and the knock-on and slack of milestones
// that other programmes move (reported again with the portfolio's dates).
func (pf *Portfolio) memberFindings(k int, fs []programme.Finding) []programme.Finding {
	m := pf.Members[k]
	resolved := map[programme.Pos]bool{}
	seen := map[string]bool{}
	for _, l := range m.P.ExternalLinks() {
		if !seen[l.Ref.Programme] {
			seen[l.Ref.Programme] = true
			if _, _, in := pf.Member(l.Ref.Programme); in {
				resolved[l.Dep.Pos] = true
			}
		}
	}
	moved := map[string]bool{}
	for j, ms := range m.P.Milestones {
		if pf.Moved(k, j) {
			moved[ms.ID] = true
		}
	}
	out := fs[:0]
	for _, f := range fs {
		switch {
		case f.Rule == "unchecked-ref" && resolved[f.Pos]:
			continue
		case (f.Rule == "knock-on" || f.Rule == "negative-slack") && moved[f.ID]:
			continue
		}
		out = append(out, f)
	}
	return out
}

// programmeOf is the programme part of a qualified id.
func programmeOf(id string) string {
	prog, _, _ := strings.Cut(id, ":")
	return prog
}

func finding(pos programme.Pos, sev programme.Severity, rule, id, format string, args ...any) programme.Finding {
	return programme.Finding{Pos: pos, Severity: sev, Rule: rule, ID: id, Message: fmt.Sprintf(format, args...)}
}

// crossFindings are the findings about links between programmes.
func (pf *Portfolio) crossFindings() []programme.Finding {
	var out []programme.Finding
	mp, plan := pf.Merged, pf.Plan

	// Links to milestones no programme of the portfolio has.
	for _, m := range pf.Members {
		for _, l := range m.P.ExternalLinks() {
			other, _, in := pf.Member(l.Ref.Programme)
			if !in || other.P.Milestone(l.Ref.ID) != nil {
				continue
			}
			what := "milestone"
			if r, ok := other.P.Lookup(l.Ref.ID); ok {
				what = fmt.Sprintf("milestone (it is %s %s)", article(string(r.Kind)), r.Kind)
			}
			out = append(out, finding(l.Dep.Pos, programme.Error, "unknown-ref", qualify(m.ID, l.Milestone.ID),
				"milestone %s: depends_on %s: %s has no such %s%s", qualify(m.ID, l.Milestone.ID), programme.Quote(l.Dep.ID),
				l.Ref.Programme, what, suggestIn(l.Ref, other.P)))
		}
	}

	// Loops through more than one programme, with their whole path.
	for _, loop := range plan.Cycles {
		if len(loop) < 2 {
			continue
		}
		progs := map[string]bool{}
		ids := make([]string, 0, len(loop))
		for _, i := range loop {
			ids = append(ids, mp.Milestones[i].ID)
			progs[programmeOf(mp.Milestones[i].ID)] = true
		}
		if len(progs) < 2 {
			continue // one programme's own loop: its own check says so
		}
		first, next := mp.Milestones[loop[0]], mp.Milestones[loop[1]]
		pos := first.Pos()
		for _, d := range first.DependsOn {
			if d.ID == next.ID {
				pos = d.Pos
			}
		}
		// The loop comes back to where it started: ids end with the first.
		out = append(out, finding(pos, programme.Error, "dependency-cycle", first.ID,
			"dependency loop across programmes: %s", strings.Join(ids, " -> ")))
	}

	// Plans that cannot be met, and work done out of order, across links
	// between programmes: the rules of one programme, over those links
	// only (each programme's own checks have seen the rest). Milestones
	// keep their places, as the plan's indices are the merged ones; those
	// on neither end of such a link are left blank, which the rules pass.
	if pf.crossLinks() {
		blank := &programme.Milestone{}
		cross := &programme.Programme{Header: mp.Header, Milestones: make([]*programme.Milestone, len(mp.Milestones))}
		for i := range cross.Milestones {
			cross.Milestones[i] = blank
		}
		kept := func(i int) *programme.Milestone {
			if cross.Milestones[i] == blank {
				c := *mp.Milestones[i]
				c.DependsOn = nil
				cross.Milestones[i] = &c
			}
			return cross.Milestones[i]
		}
		for i, m := range mp.Milestones {
			for _, d := range m.DependsOn {
				if programmeOf(d.ID) == programmeOf(m.ID) {
					continue
				}
				c := kept(i)
				c.DependsOn = append(c.DependsOn, d)
				if j, ok := plan.Index(d.ID); ok {
					kept(j)
				}
			}
		}
		cc := check.NewContext(cross, check.Options{AsOf: pf.AsOf, Plan: plan})
		check.DependencyOrder(cc)
		check.DoneBeforeDependency(cc)
		out = append(out, cc.Findings()...)
	}

	// Knock-on and slack where other programmes move a milestone.
	if !pf.anyMoved() {
		return out
	}
	mc := check.NewContext(mp, check.Options{AsOf: pf.AsOf, Plan: plan})
	check.KnockOn(mc)
	for _, f := range mc.Findings() {
		if i, ok := plan.Index(f.ID); ok {
			if k, j := pf.MemberOf(i); pf.Moved(k, j) {
				out = append(out, f)
			}
		}
	}
	for i, m := range mp.Milestones {
		k, j := pf.MemberOf(i)
		end := pf.Members[k].P.Header.End
		if !pf.Moved(k, j) || m.Done != 0 || end == 0 || m.Date() > end || plan.Expected[i] <= end {
			continue
		}
		why := "as it is not done by the reporting date"
		if drv := plan.Driver[i]; drv >= 0 {
			why = fmt.Sprintf("pushed by %s (expected %s)", mp.Milestones[drv].ID, plan.Expected[drv])
		}
		out = append(out, finding(m.KeyPos(dateKey(m)), programme.Warning, "negative-slack", m.ID,
			"%s is expected %s, %s after its programme ends (%s), %s",
			m.ID, plan.Expected[i], programme.Plural(plan.Expected[i].Sub(end), "day"), end, why))
	}
	return out
}

// crossLinks reports whether any milestone waits for one of another
// programme of the portfolio.
func (pf *Portfolio) crossLinks() bool {
	for _, m := range pf.Members {
		for _, l := range m.P.ExternalLinks() {
			if _, _, in := pf.Member(l.Ref.Programme); in {
				return true
			}
		}
	}
	return false
}

// anyMoved reports whether the portfolio moves any milestone from where
// its own programme alone would expect it.
func (pf *Portfolio) anyMoved() bool {
	for k, m := range pf.Members {
		for j := range m.P.Milestones {
			if pf.Moved(k, j) {
				return true
			}
		}
	}
	return false
}

func dateKey(m *programme.Milestone) string {
	if m.Forecast != 0 {
		return "forecast"
	}
	return "due"
}

func article(word string) string {
	if word != "" && strings.ContainsRune("aeiou", rune(word[0])) {
		return "an"
	}
	return "a"
}

// suggestIn suggests the milestones of p nearest to r's id, qualified.
func suggestIn(r programme.CrossRef, p *programme.Programme) string {
	near := programme.Nearest(r.ID, p.IDs(programme.KindMilestone), 1)
	if len(near) == 0 {
		return ""
	}
	return "; did you mean " + programme.Quote(r.Programme+":"+near[0]) + "?"
}

// Move is one cross-programme predecessor compared at its pin and now.
type Move struct {
	Successor string // qualified
	Pred      string // qualified
	Pos       programme.Pos
	Pinned    string // the pinned commit, as written
	PinnedAt  programme.Date
	Now       programme.Date
	Commit    string // the commit read now
	Missing   string // why the pinned date could not be had, where it could not
}

// Moved reports whether the date differs, or could not be compared.
func (mv Move) Moved() bool { return mv.Missing != "" || mv.PinnedAt != mv.Now }

// Upstream compares every link to a pinned programme of the portfolio
// at the pinned revision and now.
func (pf *Portfolio) Upstream() []Move {
	var out []Move
	for _, m := range pf.Members {
		pins := m.P.Header.Upstream
		if len(pins) == 0 {
			continue
		}
		pinned := map[string]*programme.Programme{}
		why := map[string]string{}
		for _, l := range m.P.ExternalLinks() {
			pin := pins[l.Ref.Programme]
			other, _, in := pf.Member(l.Ref.Programme)
			if pin == nil || !in || other.repo == nil {
				continue
			}
			now := other.P.Milestone(l.Ref.ID)
			if now == nil {
				continue // unknown-ref says so
			}
			if _, done := pinned[l.Ref.Programme]; !done {
				if _, failed := why[l.Ref.Programme]; !failed {
					p, _, err := other.At(pin.Ref)
					if err != nil {
						why[l.Ref.Programme] = err.Error()
					} else {
						pinned[l.Ref.Programme] = p
					}
				}
			}
			mv := Move{Successor: qualify(m.ID, l.Milestone.ID), Pred: l.Ref.String(), Pos: l.Dep.Pos,
				Pinned: pin.Ref, Now: now.Date(), Commit: other.Commit}
			if p := pinned[l.Ref.Programme]; p != nil {
				if then := p.Milestone(l.Ref.ID); then != nil {
					mv.PinnedAt = then.Date()
				} else {
					mv.Missing = "it is not in " + l.Ref.Programme + " at the pinned revision"
				}
			} else {
				mv.Missing = "the pinned revision cannot be read: " + why[l.Ref.Programme]
			}
			out = append(out, mv)
		}
	}
	return out
}

func (pf *Portfolio) upstreamFindings() []programme.Finding {
	var out []programme.Finding
	for _, mv := range pf.Upstream() {
		if !mv.Moved() {
			continue
		}
		pinned := short(mv.Pinned)
		if mv.Missing != "" {
			out = append(out, finding(mv.Pos, programme.Warning, UpstreamMoved, mv.Successor,
				"%s depends on %s (now %s at %s), but %s (pinned %s)", mv.Successor, mv.Pred, mv.Now, short(mv.Commit), mv.Missing, pinned))
			continue
		}
		dir := "later"
		if mv.Now < mv.PinnedAt {
			dir = "earlier"
		}
		out = append(out, finding(mv.Pos, programme.Warning, UpstreamMoved, mv.Successor,
			"%s depends on %s, which moved from %s (pinned %s) to %s (%s at %s), %s %s",
			mv.Successor, mv.Pred, mv.PinnedAt, pinned, mv.Now, programmeOf(mv.Pred), short(mv.Commit),
			programme.Plural(abs(mv.Now.Sub(mv.PinnedAt)), "day"), dir))
	}
	return out
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
