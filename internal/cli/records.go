package cli

import (
	"fmt"

	"github.com/ocotool/oco/internal/programme"
	"github.com/ocotool/oco/internal/schedule"
)

// The records below are what `-o json` and `-o yaml` print for each kind:
// the file format's own field names, absent optional fields left out, then
// the derived fields. Scripts depend on these shapes, so they are spelled
// out here rather than derived from the model by reflection: a change to the
// model cannot silently change them.

// depRecord is one depends_on link. It is always written as a mapping, with
// the lag always given, so scripts read every link the same way.
type depRecord struct {
	ID  string `json:"id" yaml:"id"`
	Lag string `json:"lag" yaml:"lag"` // "10d": lags are kept in days
}

type milestoneRecord struct {
	ID         string         `json:"id" yaml:"id"`
	Title      string         `json:"title" yaml:"title"`
	Phase      string         `json:"phase,omitempty" yaml:"phase,omitempty"`
	Workstream string         `json:"workstream,omitempty" yaml:"workstream,omitempty"`
	Owner      string         `json:"owner,omitempty" yaml:"owner,omitempty"`
	Start      programme.Date `json:"start,omitempty" yaml:"start,omitempty"`
	Due        programme.Date `json:"due" yaml:"due"`
	Forecast   programme.Date `json:"forecast,omitempty" yaml:"forecast,omitempty"`
	Done       programme.Date `json:"done,omitempty" yaml:"done,omitempty"`
	DependsOn  []depRecord    `json:"depends_on,omitempty" yaml:"depends_on,omitempty"`
	Decision   string         `json:"decision,omitempty" yaml:"decision,omitempty"`
	Notes      string         `json:"notes,omitempty" yaml:"notes,omitempty"`
	Source     string         `json:"source,omitempty" yaml:"source,omitempty"`

	// Derived.
	Status   string         `json:"status" yaml:"status"`
	RAG      string         `json:"rag" yaml:"rag"`
	Expected programme.Date `json:"expected" yaml:"expected"`
	Slack    int            `json:"slack" yaml:"slack"`
}

type phaseRecord struct {
	ID        string         `json:"id" yaml:"id"`
	Name      string         `json:"name" yaml:"name"`
	Start     programme.Date `json:"start" yaml:"start"`
	End       programme.Date `json:"end" yaml:"end"`
	Goal      string         `json:"goal,omitempty" yaml:"goal,omitempty"`
	DependsOn []string       `json:"depends_on,omitempty" yaml:"depends_on,omitempty"`

	// Derived: its milestones, how many are done, the worst rating among
	// those not done, and whether its window holds the reporting date.
	Milestones int    `json:"milestones" yaml:"milestones"`
	Done       int    `json:"done" yaml:"done"`
	RAG        string `json:"rag,omitempty" yaml:"rag,omitempty"`
	Current    bool   `json:"current" yaml:"current"`
}

type targetRecord struct {
	Likelihood int `json:"likelihood,omitempty" yaml:"likelihood,omitempty"`
	Impact     int `json:"impact,omitempty" yaml:"impact,omitempty"`
}

type riskRecord struct {
	ID          string         `json:"id" yaml:"id"`
	Title       string         `json:"title" yaml:"title"`
	Description string         `json:"description,omitempty" yaml:"description,omitempty"`
	Cause       string         `json:"cause,omitempty" yaml:"cause,omitempty"`
	Effect      string         `json:"effect,omitempty" yaml:"effect,omitempty"`
	Owner       string         `json:"owner,omitempty" yaml:"owner,omitempty"`
	Likelihood  int            `json:"likelihood,omitempty" yaml:"likelihood,omitempty"`
	Impact      int            `json:"impact,omitempty" yaml:"impact,omitempty"`
	Score       int            `json:"score,omitempty" yaml:"score,omitempty"` // derived: likelihood × impact; absent when unassessed
	Status      string         `json:"status" yaml:"status"`
	Response    string         `json:"response,omitempty" yaml:"response,omitempty"`
	Mitigation  string         `json:"mitigation,omitempty" yaml:"mitigation,omitempty"`
	Target      *targetRecord  `json:"target,omitempty" yaml:"target,omitempty"`
	Affects     []string       `json:"affects,omitempty" yaml:"affects,omitempty"`
	Raised      programme.Date `json:"raised,omitempty" yaml:"raised,omitempty"`
	ReviewBy    programme.Date `json:"review_by,omitempty" yaml:"review_by,omitempty"`
	EscalatedTo string         `json:"escalated_to,omitempty" yaml:"escalated_to,omitempty"`
	Issue       string         `json:"issue,omitempty" yaml:"issue,omitempty"`

	// Derived: the score's band; absent when unassessed.
	RAG string `json:"rag,omitempty" yaml:"rag,omitempty"`
}

type assumptionRecord struct {
	ID         string         `json:"id" yaml:"id"`
	Statement  string         `json:"statement" yaml:"statement"`
	Owner      string         `json:"owner,omitempty" yaml:"owner,omitempty"`
	Status     string         `json:"status" yaml:"status"`
	ValidateBy programme.Date `json:"validate_by,omitempty" yaml:"validate_by,omitempty"`
	Risk       string         `json:"risk,omitempty" yaml:"risk,omitempty"`
	Affects    []string       `json:"affects,omitempty" yaml:"affects,omitempty"`
}

type issueRecord struct {
	ID        string         `json:"id" yaml:"id"`
	Title     string         `json:"title" yaml:"title"`
	Owner     string         `json:"owner,omitempty" yaml:"owner,omitempty"`
	Raised    programme.Date `json:"raised,omitempty" yaml:"raised,omitempty"`
	Priority  string         `json:"priority,omitempty" yaml:"priority,omitempty"`
	Status    string         `json:"status" yaml:"status"`
	ResolveBy programme.Date `json:"resolve_by,omitempty" yaml:"resolve_by,omitempty"`
	Affects   []string       `json:"affects,omitempty" yaml:"affects,omitempty"`
	Notes     string         `json:"notes,omitempty" yaml:"notes,omitempty"`
}

type decisionRecord struct {
	ID      string         `json:"id" yaml:"id"`
	Title   string         `json:"title" yaml:"title"`
	Date    programme.Date `json:"date" yaml:"date"`
	By      string         `json:"by,omitempty" yaml:"by,omitempty"`
	Summary string         `json:"summary,omitempty" yaml:"summary,omitempty"`
	Affects []string       `json:"affects,omitempty" yaml:"affects,omitempty"`
}

type benefitRecord struct {
	ID        string         `json:"id" yaml:"id"`
	Title     string         `json:"title" yaml:"title"`
	Owner     string         `json:"owner,omitempty" yaml:"owner,omitempty"`
	Measure   string         `json:"measure,omitempty" yaml:"measure,omitempty"`
	Target    string         `json:"target,omitempty" yaml:"target,omitempty"`
	By        programme.Date `json:"by,omitempty" yaml:"by,omitempty"`
	Realised  programme.Date `json:"realised,omitempty" yaml:"realised,omitempty"`
	EnabledBy []string       `json:"enabled_by,omitempty" yaml:"enabled_by,omitempty"`
}

type personRecord struct {
	ID   string `json:"id" yaml:"id"`
	Name string `json:"name" yaml:"name"`
	Role string `json:"role,omitempty" yaml:"role,omitempty"`
	Org  string `json:"org,omitempty" yaml:"org,omitempty"`
}

type bodyRecord struct {
	ID        string   `json:"id" yaml:"id"`
	Name      string   `json:"name" yaml:"name"`
	Chair     string   `json:"chair,omitempty" yaml:"chair,omitempty"`
	Members   []string `json:"members,omitempty" yaml:"members,omitempty"`
	ReportsTo string   `json:"reports_to,omitempty" yaml:"reports_to,omitempty"`
}

type workstreamRecord struct {
	ID          string `json:"id" yaml:"id"`
	Name        string `json:"name" yaml:"name"`
	Lead        string `json:"lead,omitempty" yaml:"lead,omitempty"`
	Body        string `json:"body,omitempty" yaml:"body,omitempty"`
	Description string `json:"description,omitempty" yaml:"description,omitempty"`
}

type programmeRecord struct {
	ID          string          `json:"id" yaml:"id"`
	Name        string          `json:"name" yaml:"name"`
	Description string          `json:"description,omitempty" yaml:"description,omitempty"`
	Start       programme.Date  `json:"start" yaml:"start"`
	End         programme.Date  `json:"end" yaml:"end"`
	AsOf        programme.Date  `json:"as_of,omitempty" yaml:"as_of,omitempty"`
	Owner       string          `json:"owner,omitempty" yaml:"owner,omitempty"`
	Tolerances  toleranceRecord `json:"tolerances" yaml:"tolerances"`
	RiskBands   bandRecord      `json:"risk_bands" yaml:"risk_bands"`
}

// toleranceRecord and bandRecord carry the values in force, defaults
// filled in.
type toleranceRecord struct {
	AmberDays   int `json:"amber_days" yaml:"amber_days"`
	RedDays     int `json:"red_days" yaml:"red_days"`
	DueSoonDays int `json:"due_soon_days" yaml:"due_soon_days"`
}

type bandRecord struct {
	Amber int `json:"amber" yaml:"amber"`
	Red   int `json:"red" yaml:"red"`
}

// lagOf writes a lag as the format does, in days.
func lagOf(l programme.Lag) string { return fmt.Sprintf("%dd", int(l)) }

// milestoneRec converts the i-th milestone, with its state and schedule.
func milestoneRec(p *programme.Programme, plan *schedule.Plan, i int, asOf programme.Date) milestoneRecord {
	m := p.Milestones[i]
	st := p.State(m, asOf)
	r := milestoneRecord{
		ID: m.ID, Title: m.Title, Phase: m.Phase, Workstream: m.Workstream, Owner: m.Owner,
		Start: m.Start, Due: m.Due, Forecast: m.Forecast, Done: m.Done,
		Decision: m.Decision, Notes: m.Notes, Source: m.Source,
		Status: st.Status, RAG: st.RAG,
	}
	for _, d := range m.DependsOn {
		r.DependsOn = append(r.DependsOn, depRecord{ID: d.ID, Lag: lagOf(d.Lag)})
	}
	if i < len(plan.Expected) {
		r.Expected, r.Slack = plan.Expected[i], plan.Slack[i]
	}
	return r
}

func phaseRec(p *programme.Programme, ph *programme.Phase, asOf programme.Date) phaseRecord {
	done, total := p.PhaseProgress(ph)
	r := phaseRecord{
		ID: ph.ID, Name: ph.Name, Start: ph.Start, End: ph.End, Goal: ph.Goal,
		DependsOn: ph.DependsOn, Milestones: total, Done: done,
		Current: ph.Start <= asOf && asOf <= ph.End,
	}
	// A phase is as bad as its worst milestone still to do; one with every
	// milestone done is green.
	for _, m := range p.Milestones {
		if m.Phase != ph.ID {
			continue
		}
		st := p.State(m, asOf)
		if st.Status == programme.StatusDone || st.Status == programme.StatusLate {
			continue
		}
		r.RAG = worseRating(r.RAG, st.RAG)
	}
	if r.RAG == "" && total > 0 {
		r.RAG = programme.Green
	}
	return r
}

func riskRec(p *programme.Programme, x *programme.Risk) riskRecord {
	r := riskRecord{
		ID: x.ID, Title: x.Title, Description: x.Description, Cause: x.Cause, Effect: x.Effect,
		Owner: x.Owner, Likelihood: x.Likelihood, Impact: x.Impact, Status: x.Status,
		Response: x.Response, Mitigation: x.Mitigation, Affects: x.Affects,
		Raised: x.Raised, ReviewBy: x.ReviewBy, EscalatedTo: x.EscalatedTo, Issue: x.Issue,
	}
	if x.Target != nil {
		r.Target = &targetRecord{Likelihood: x.Target.Likelihood, Impact: x.Target.Impact}
	}
	if x.Assessed() {
		r.Score = x.Score()
		r.RAG = p.RAG(r.Score)
	}
	return r
}

func assumptionRec(x *programme.Assumption) assumptionRecord {
	return assumptionRecord{ID: x.ID, Statement: x.Statement, Owner: x.Owner, Status: x.Status,
		ValidateBy: x.ValidateBy, Risk: x.Risk, Affects: x.Affects}
}

func issueRec(x *programme.Issue) issueRecord {
	return issueRecord{ID: x.ID, Title: x.Title, Owner: x.Owner, Raised: x.Raised, Priority: x.Priority,
		Status: x.Status, ResolveBy: x.ResolveBy, Affects: x.Affects, Notes: x.Notes}
}

func decisionRec(x *programme.Decision) decisionRecord {
	return decisionRecord{ID: x.ID, Title: x.Title, Date: x.Date, By: x.By, Summary: x.Summary, Affects: x.Affects}
}

func benefitRec(x *programme.Benefit) benefitRecord {
	return benefitRecord{ID: x.ID, Title: x.Title, Owner: x.Owner, Measure: x.Measure, Target: x.Target,
		By: x.By, Realised: x.Realised, EnabledBy: x.EnabledBy}
}

// worseRating returns the worse of two ratings; "" is better than any.
func worseRating(a, b string) string {
	rank := func(s string) int {
		switch s {
		case programme.Red:
			return 3
		case programme.Amber:
			return 2
		case programme.Green:
			return 1
		}
		return 0
	}
	if rank(b) > rank(a) {
		return b
	}
	return a
}

func programmeRec(p *programme.Programme) programmeRecord {
	h := p.Header
	t, b := p.Tolerances(), p.RiskBands()
	return programmeRecord{ID: h.ID, Name: h.Name, Description: h.Description, Start: h.Start, End: h.End,
		AsOf: h.AsOf, Owner: h.Owner,
		Tolerances: toleranceRecord{AmberDays: t.AmberDays, RedDays: t.RedDays, DueSoonDays: t.DueSoonDays},
		RiskBands:  bandRecord{Amber: b.Amber, Red: b.Red}}
}

func personRec(x *programme.Person) personRecord {
	return personRecord{ID: x.ID, Name: x.Name, Role: x.Role, Org: x.Org}
}

func bodyRec(x *programme.Body) bodyRecord {
	return bodyRecord{ID: x.ID, Name: x.Name, Chair: x.Chair, Members: x.Members, ReportsTo: x.ReportsTo}
}

func workstreamRec(x *programme.Workstream) workstreamRecord {
	return workstreamRecord{ID: x.ID, Name: x.Name, Lead: x.Lead, Body: x.Body, Description: x.Description}
}
