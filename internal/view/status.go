package view

import (
	"cmp"
	"slices"

	"github.com/ocotool/oco/internal/check"
	"github.com/ocotool/oco/internal/programme"
	"github.com/ocotool/oco/internal/schedule"
)

// Dashboard is where the programme stands, as `oco status` shows it and
// -o json prints it; the highlight report is drawn from it too.
type Dashboard struct {
	Programme    string           `json:"programme" yaml:"programme"`
	Name         string           `json:"name" yaml:"name"`
	Start        programme.Date   `json:"start" yaml:"start"`
	End          programme.Date   `json:"end" yaml:"end"`
	AsOf         programme.Date   `json:"as_of" yaml:"as_of"`
	CurrentPhase string           `json:"current_phase" yaml:"current_phase"`
	Phases       []PhaseLine      `json:"phases" yaml:"phases"`
	Overdue      []MilestoneLine  `json:"overdue" yaml:"overdue"`
	DueSoon      []MilestoneLine  `json:"due_soon" yaml:"due_soon"`
	SlipsNext    []MilestoneLine  `json:"slips_next" yaml:"slips_next"`
	Risks        []RiskLine       `json:"risks" yaml:"risks"`
	Assumptions  []AssumptionLine `json:"assumptions" yaml:"assumptions"`
	Findings     map[string]int   `json:"findings" yaml:"findings"`
}

// The dashboard lists each item as the kind's one record, as every other
// command prints it, with what the dashboard adds.

// PhaseLine is a phase on the dashboard.
type PhaseLine struct {
	Phase `yaml:",inline"`
	Total int `json:"-" yaml:"-"` // its milestones: Phase.Milestones, under the name the report reads
}

// MilestoneLine is a milestone overdue, due soon or pushed by a
// predecessor.
type MilestoneLine struct {
	Milestone `yaml:",inline"`
	Date      programme.Date `json:"date" yaml:"date"` // its date; for a slip, the date it is pushed to
	Days      int            `json:"days" yaml:"days"` // left (negative: late), or the knock-on
	By        string         `json:"by,omitempty" yaml:"by,omitempty"`
}

// RiskLine is an open red or amber risk.
type RiskLine = Risk

// AssumptionLine is an assumption due for validation.
type AssumptionLine struct {
	Assumption `yaml:",inline"`
	Days       int `json:"days" yaml:"days"` // to its validate_by date (negative: past)
}

// NewDashboard gathers the dashboard from the programme, its schedule and
// the checks' findings, as of asOf.
func NewDashboard(p *programme.Programme, plan *schedule.Plan, asOf programme.Date, fs []programme.Finding) *Dashboard {
	d := &Dashboard{Programme: p.Header.ID, Name: p.Header.Name, Start: p.Header.Start, End: p.Header.End, AsOf: asOf,
		// Lists, even empty, so that scripts never meet null where a list belongs.
		Phases: []PhaseLine{}, Overdue: []MilestoneLine{}, DueSoon: []MilestoneLine{}, SlipsNext: []MilestoneLine{},
		Risks: []RiskLine{}, Assumptions: []AssumptionLine{}}
	if ph := p.CurrentPhase(asOf); ph != nil {
		d.CurrentPhase = ph.ID
	}
	slips := map[int]check.Slip{}
	for _, sl := range check.Slips(plan) {
		slips[sl.Milestone] = sl
	}
	for i, m := range p.Milestones {
		st := p.State(m, asOf)
		sl, slipped := slips[i]
		if st.Status != programme.StatusOverdue && st.Status != programme.StatusDueSoon && !slipped {
			continue
		}
		line := MilestoneLine{Milestone: NewMilestone(p, plan, i, asOf), Date: st.Date, Days: st.Left}
		switch st.Status {
		case programme.StatusOverdue:
			d.Overdue = append(d.Overdue, line)
			continue
		case programme.StatusDueSoon:
			d.DueSoon = append(d.DueSoon, line)
		}
		if slipped {
			line.Days, line.By = sl.Days, plan.Milestones[sl.Driver].ID
			line.Date = plan.Expected[i]
			d.SlipsNext = append(d.SlipsNext, line)
		}
	}
	for i, st := range p.PhaseStates(asOf) {
		ph := p.Phases[i]
		d.Phases = append(d.Phases, PhaseLine{Phase: NewPhase(ph, st), Total: st.Total})
	}
	for _, r := range p.Risks {
		if rag := p.RAG(r.Score()); r.Open() && (rag == programme.Red || rag == programme.Amber) {
			d.Risks = append(d.Risks, NewRisk(p, r))
		}
	}
	slices.SortStableFunc(d.Risks, func(a, b RiskLine) int { return cmp.Compare(b.Score, a.Score) })
	for _, a := range p.Assumptions {
		if p.AssumptionDue(a, asOf) {
			d.Assumptions = append(d.Assumptions, AssumptionLine{Assumption: NewAssumption(a), Days: a.ValidateBy.Sub(asOf)})
		}
	}
	byDate := func(a, b MilestoneLine) int { return cmp.Or(cmp.Compare(a.Date, b.Date), cmp.Compare(a.ID, b.ID)) }
	slices.SortStableFunc(d.Overdue, byDate)
	slices.SortStableFunc(d.DueSoon, byDate)
	slices.SortStableFunc(d.SlipsNext, byDate)
	slices.SortStableFunc(d.Assumptions, func(a, b AssumptionLine) int { return cmp.Compare(a.ValidateBy, b.ValidateBy) })
	d.Findings = Counts(fs)
	return d
}

// Counts is how many errors and warnings the checks found, as the
// dashboard and validate's summary give them.
func Counts(fs []programme.Finding) map[string]int {
	s := Summarise(fs, programme.Error)
	return map[string]int{"errors": s.Errors, "warnings": s.Warnings}
}
