package programme

// Milestone statuses, as `oco milestones --status` and `-o json` name them.
const (
	StatusDone    = "done"
	StatusLate    = "late" // done, after its due date
	StatusOverdue = "overdue"
	StatusDueSoon = "due-soon"
	StatusOpen    = "open"
)

// RAG ratings.
const (
	Red   = "red"
	Amber = "amber"
	Green = "green"
)

// MilestoneState is a milestone's status as of a reporting date (SPEC
// section 4).
type MilestoneState struct {
	Status  string
	RAG     string
	Date    Date // forecast, else due
	Slip    int  // days from due to Date
	DueSoon bool
	Left    int // days from the reporting date to Date (negative when late)

	// Expected is the schedule's date for it where one was given, and
	// Pushed how many days that is after Date (0 when not after).
	Expected Date
	Pushed   int
}

// Date is the milestone's current date: its forecast, else its due date.
func (m *Milestone) Date() Date {
	if !m.Forecast.IsZero() {
		return m.Forecast
	}
	return m.Due
}

// State derives the milestone's status on the reporting date asOf, from
// its own dates alone.
func (p *Programme) State(m *Milestone, asOf Date) MilestoneState {
	return p.StateExpected(m, asOf, 0)
}

// StateExpected derives the milestone's status on asOf given the date the
// schedule expects it (0: none). Its rating comes from the later of its
// own date and the expected one: a milestone a predecessor pushes late is
// rated by where it will land (SPEC section 4).
func (p *Programme) StateExpected(m *Milestone, asOf, expected Date) MilestoneState {
	tol := p.Tolerances()
	s := MilestoneState{Date: m.Date(), Expected: expected}
	if s.Date.IsZero() || m.Due.IsZero() {
		// A date that is missing or invalid is missing: it makes no
		// status, rating or slip (never "739038 days late").
		if !m.Done.IsZero() {
			s.Status, s.RAG = StatusDone, Green
		}
		return s
	}
	s.Slip = s.Date.Sub(m.Due)
	s.Left = s.Date.Sub(asOf)
	switch {
	case !m.Done.IsZero():
		s.Status, s.RAG = StatusDone, Green
		if m.Done > m.Due {
			s.Status, s.RAG = StatusLate, Amber
		}
		return s
	case s.Date < asOf:
		s.Status, s.RAG = StatusOverdue, Red
	default:
		s.Status = StatusOpen
		slip := s.Slip
		if expected > s.Date {
			s.Pushed = expected.Sub(s.Date)
			slip = expected.Sub(m.Due)
		}
		switch {
		case slip > tol.RedDays:
			s.RAG = Red
		case slip > tol.AmberDays:
			s.RAG = Amber
		default:
			s.RAG = Green
		}
	}
	if s.Status == StatusOpen && s.Left <= tol.DueSoonDays {
		s.DueSoon = true
		s.Status = StatusDueSoon
	}
	return s
}

// Tolerances are the programme's, with defaults filled in.
func (p *Programme) Tolerances() Tolerances {
	if p.Header.Tolerances == nil {
		return DefaultTolerances
	}
	return *p.Header.Tolerances
}

// RiskBands are the programme's, with defaults filled in.
func (p *Programme) RiskBands() RiskBands {
	if p.Header.RiskBands == nil {
		return DefaultRiskBands
	}
	return *p.Header.RiskBands
}

// Assessed reports whether the risk has both likelihood and impact.
func (r *Risk) Assessed() bool { return r.Likelihood > 0 && r.Impact > 0 }

// Score is likelihood × impact, or 0 when the risk is not assessed.
func (r *Risk) Score() int { return r.Likelihood * r.Impact }

// RAG rates a score against the programme's risk bands.
func (p *Programme) RAG(score int) string {
	b := p.RiskBands()
	switch {
	case score <= 0:
		return ""
	case score >= b.Red:
		return Red
	case score >= b.Amber:
		return Amber
	}
	return Green
}

// Open reports whether the risk is still open, as written or by default.
func (r *Risk) Open() bool { return hasStatus(&r.Item, r.Status, RiskOpen, RiskOpen) }

// PhaseProgress counts a phase's milestones and those done.
func (p *Programme) PhaseProgress(ph *Phase) (done, total int) {
	for _, m := range p.Milestones {
		if m.Phase == ph.ID {
			total++
			if !m.Done.IsZero() {
				done++
			}
		}
	}
	return done, total
}

// CurrentPhase is the phase whose window holds the reporting date; where
// windows overlap, the one that started last.
func (p *Programme) CurrentPhase(asOf Date) *Phase {
	var cur *Phase
	for _, ph := range p.Phases {
		if ph.Start <= asOf && asOf <= ph.End && (cur == nil || ph.Start >= cur.Start) {
			cur = ph
		}
	}
	return cur
}

// ragRank ranks the ratings, worst highest; "" (no rating) is below all.
var ragRank = map[string]int{"": 0, Green: 1, Amber: 2, Red: 3}

// WorseRAG returns the worse of two ratings; "" is better than any. It is
// the one ranking of ratings: a phase's, the programme's, a board's.
func WorseRAG(a, b string) string {
	if ragRank[b] > ragRank[a] {
		return b
	}
	return a
}

// Finished reports whether the milestone is done, on time or late.
func (s MilestoneState) Finished() bool { return s.Status == StatusDone || s.Status == StatusLate }

// Is reports whether a --status value describes the milestone: done takes
// in late (done after its due date), open everything not finished, and a
// rating matches the milestone's rating.
func (s MilestoneState) Is(v string) bool {
	switch v {
	case StatusDone:
		return s.Finished()
	case StatusOpen:
		return !s.Finished()
	case Red, Amber, Green:
		return s.RAG == v
	}
	return s.Status == v
}

// PhaseState is a phase's progress and rating as of a reporting date.
type PhaseState struct {
	Done, Total int    // its milestones, and how many are done
	RAG         string // the worst rating of its milestones still to do; green when all are done; "" when it has none
	Current     bool   // it is the programme's CurrentPhase
}

// PhaseState derives a phase's progress and rating on asOf. A phase is as
// bad as its worst milestone still to do; one with every milestone done
// is green.
func (p *Programme) PhaseState(ph *Phase, asOf Date) PhaseState {
	return p.PhaseStateExpected(ph, asOf, nil)
}

// PhaseStateExpected is PhaseState with the schedule's expected dates,
// indexed like p.Milestones (nil: none), rating milestones as
// StateExpected does.
func (p *Programme) PhaseStateExpected(ph *Phase, asOf Date, expected []Date) PhaseState {
	var s PhaseState
	for i, m := range p.Milestones {
		if m.Phase == ph.ID {
			s.add(p.StateExpected(m, asOf, at(expected, i)), m)
		}
	}
	return s.finish(ph == p.CurrentPhase(asOf))
}

// at is expected[i], or 0 beyond its end.
func at(expected []Date, i int) Date {
	if i < len(expected) {
		return expected[i]
	}
	return 0
}

// PhaseStates derives every phase's state in one pass over the milestones,
// indexed like p.Phases.
func (p *Programme) PhaseStates(asOf Date) []PhaseState { return p.PhaseStatesExpected(asOf, nil) }

// PhaseStatesExpected is PhaseStates with the schedule's expected dates,
// as PhaseStateExpected takes them.
func (p *Programme) PhaseStatesExpected(asOf Date, expected []Date) []PhaseState {
	byID := make(map[string]*PhaseState, len(p.Phases))
	out := make([]PhaseState, len(p.Phases))
	for i, ph := range p.Phases {
		if _, dup := byID[ph.ID]; !dup {
			byID[ph.ID] = &out[i]
		}
	}
	for i, m := range p.Milestones {
		if s := byID[m.Phase]; s != nil {
			s.add(p.StateExpected(m, asOf, at(expected, i)), m)
		}
	}
	cur := p.CurrentPhase(asOf)
	for i, ph := range p.Phases {
		s := *byID[ph.ID] // a repeated id counts as the first: same milestones
		out[i] = s.finish(ph == cur)
	}
	return out
}

func (s *PhaseState) add(st MilestoneState, m *Milestone) {
	s.Total++
	if !m.Done.IsZero() {
		s.Done++
	}
	if !st.Finished() {
		s.RAG = WorseRAG(s.RAG, st.RAG)
	}
}

func (s PhaseState) finish(current bool) PhaseState {
	if s.RAG == "" && s.Total > 0 {
		s.RAG = Green
	}
	s.Current = current
	return s
}

// Rating is the programme's overall rating on asOf: the worst of its
// milestones still to do and its open risks; green when none is rated.
func (p *Programme) Rating(asOf Date) string { return p.RatingExpected(asOf, nil) }

// RatingExpected is Rating with the schedule's expected dates, indexed
// like p.Milestones (nil: none), rating milestones as StateExpected does.
func (p *Programme) RatingExpected(asOf Date, expected []Date) string {
	rag := Green
	for i, m := range p.Milestones {
		if st := p.StateExpected(m, asOf, at(expected, i)); !st.Finished() {
			rag = WorseRAG(rag, st.RAG)
		}
	}
	for _, r := range p.Risks {
		if r.Open() {
			rag = WorseRAG(rag, p.RAG(r.Score()))
		}
	}
	return rag
}

// Statuses of risks, assumptions and issues, as the files write them; the
// first of each kind is its default.
const (
	RiskOpen     = "open"
	RiskClosed   = "closed"
	RiskOccurred = "occurred"

	AssumptionUnverified = "unverified"
	AssumptionValid      = "valid"
	AssumptionInvalid    = "invalid"

	IssueOpen   = "open"
	IssueClosed = "closed"

	// Unassessed is the --status value of a risk with no likelihood or
	// impact; Realised and Unrealised those of benefits.
	Unassessed = "unassessed"
	Realised   = "realised"
	Unrealised = "unrealised"
)

// hasStatus reports whether an item's status is want, as written or, when
// the file leaves it out, by default. A status the loader rejected leaves
// "" behind with the key present, which must not be taken for the default.
func hasStatus(it *Item, status, want, def string) bool {
	if status == "" && it.Blank("status") {
		status = def
	}
	return status == want
}

// Unverified reports whether the assumption still waits to be validated.
func (a *Assumption) Unverified() bool {
	return hasStatus(&a.Item, a.Status, AssumptionUnverified, AssumptionUnverified)
}

// Overdue reports whether the assumption is unverified and its validate_by
// date is before asOf.
func (a *Assumption) Overdue(asOf Date) bool {
	return a.Unverified() && !a.ValidateBy.IsZero() && a.ValidateBy < asOf
}

// AssumptionDue reports whether the assumption is unverified and to be validated
// within the programme's due-soon days of asOf, or already overdue: the
// dashboard lists these.
func (p *Programme) AssumptionDue(a *Assumption, asOf Date) bool {
	return a.Unverified() && !a.ValidateBy.IsZero() && a.ValidateBy.Sub(asOf) <= p.Tolerances().DueSoonDays
}

// Open reports whether the issue is open.
func (i *Issue) Open() bool { return hasStatus(&i.Item, i.Status, IssueOpen, IssueOpen) }

// Overdue reports whether the issue is open and its resolve_by date is
// before asOf.
func (i *Issue) Overdue(asOf Date) bool {
	return i.Open() && !i.ResolveBy.IsZero() && i.ResolveBy < asOf
}

// ReviewOverdue reports whether the risk is open and its review_by date is
// before asOf.
func (r *Risk) ReviewOverdue(asOf Date) bool {
	return r.Open() && !r.ReviewBy.IsZero() && r.ReviewBy < asOf
}

// RiskIs reports whether a --status value describes the risk: its status, its
// band, or "unassessed".
func (p *Programme) RiskIs(r *Risk, v string) bool {
	switch v {
	case Unassessed:
		return !r.Assessed()
	case Red, Amber, Green:
		return r.Assessed() && p.RAG(r.Score()) == v
	}
	return r.Status == v
}

// Is reports whether a --status value describes the assumption.
func (a *Assumption) Is(v string) bool { return a.Status == v }

// Is reports whether a --status value describes the issue: its status or
// its priority.
func (i *Issue) Is(v string) bool { return i.Status == v || i.Priority == v }

// Is reports whether a --status value describes the benefit: realised or
// unrealised.
func (b *Benefit) Is(v string) bool { return (v == Realised) == !b.Realised.IsZero() }
