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
}

// Date is the milestone's current date: its forecast, else its due date.
func (m *Milestone) Date() Date {
	if !m.Forecast.IsZero() {
		return m.Forecast
	}
	return m.Due
}

// State derives the milestone's status on the reporting date asOf.
func (p *Programme) State(m *Milestone, asOf Date) MilestoneState {
	tol := p.Tolerances()
	s := MilestoneState{Date: m.Date()}
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
		switch {
		case s.Slip > tol.RedDays:
			s.RAG = Red
		case s.Slip > tol.AmberDays:
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

// Open reports whether the risk is still open.
func (r *Risk) Open() bool { return r.Status == "" || r.Status == "open" }

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
