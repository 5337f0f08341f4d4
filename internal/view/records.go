// Package view holds what each command shows, as plain data: the records
// -o json and -o yaml print, the dashboard, a listing's rows, an item with
// its links, a milestone's dependencies, the critical path. Nothing here
// prints; render draws these and cli wires the two together.
package view

import (
	"strings"

	"github.com/ocotool/oco/internal/programme"
	"github.com/ocotool/oco/internal/schedule"
)

// The records below are what every command prints for an item of each
// kind, in -o json and -o yaml: the file format's own field names, absent
// optional fields left out, then the derived fields. Scripts depend on these
// shapes, so they are spelled out here rather than derived from the model by
// reflection: a change to the model cannot silently change them. Each kind
// has one record, and every command that prints the kind prints it.

// Dep is one depends_on link. It is always written as a mapping, with
// the lag always given, so scripts read every link the same way.
type Dep struct {
	ID   string `json:"id" yaml:"id"`
	Type string `json:"type,omitempty" yaml:"type,omitempty"` // ss, ff or sf; fs is left out
	Lag  string `json:"lag" yaml:"lag"`                       // "10d" (weeks in days), "5wd" in working days
	link programme.Dep
}

type Milestone struct {
	ID         string         `json:"id" yaml:"id"`
	Title      string         `json:"title" yaml:"title"`
	Phase      string         `json:"phase,omitempty" yaml:"phase,omitempty"`
	Workstream string         `json:"workstream,omitempty" yaml:"workstream,omitempty"`
	Owner      string         `json:"owner,omitempty" yaml:"owner,omitempty"`
	Start      programme.Date `json:"start,omitempty" yaml:"start,omitempty"`
	Due        programme.Date `json:"due,omitempty" yaml:"due,omitempty"` // absent where missing or invalid
	Forecast   programme.Date `json:"forecast,omitempty" yaml:"forecast,omitempty"`
	Done       programme.Date `json:"done,omitempty" yaml:"done,omitempty"`
	DependsOn  []Dep          `json:"depends_on,omitempty" yaml:"depends_on,omitempty"`
	Decision   string         `json:"decision,omitempty" yaml:"decision,omitempty"`
	Notes      string         `json:"notes,omitempty" yaml:"notes,omitempty"`
	Source     string         `json:"source,omitempty" yaml:"source,omitempty"`

	// Derived.
	Status   string         `json:"status,omitempty" yaml:"status,omitempty"` // absent with no valid date
	RAG      string         `json:"rag,omitempty" yaml:"rag,omitempty"`
	Expected programme.Date `json:"expected,omitempty" yaml:"expected,omitempty"` // absent with no valid date
	Slack    *int           `json:"slack,omitempty" yaml:"slack,omitempty"`
}

type Phase struct {
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

type Target struct {
	Likelihood int `json:"likelihood,omitempty" yaml:"likelihood,omitempty"`
	Impact     int `json:"impact,omitempty" yaml:"impact,omitempty"`
}

type Risk struct {
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
	Target      *Target        `json:"target,omitempty" yaml:"target,omitempty"`
	Affects     []string       `json:"affects,omitempty" yaml:"affects,omitempty"`
	Raised      programme.Date `json:"raised,omitempty" yaml:"raised,omitempty"`
	ReviewBy    programme.Date `json:"review_by,omitempty" yaml:"review_by,omitempty"`
	EscalatedTo string         `json:"escalated_to,omitempty" yaml:"escalated_to,omitempty"`
	Issue       string         `json:"issue,omitempty" yaml:"issue,omitempty"`

	// Derived: the score's band; absent when unassessed.
	RAG string `json:"rag,omitempty" yaml:"rag,omitempty"`
}

type Assumption struct {
	ID         string         `json:"id" yaml:"id"`
	Statement  string         `json:"statement" yaml:"statement"`
	Owner      string         `json:"owner,omitempty" yaml:"owner,omitempty"`
	Status     string         `json:"status" yaml:"status"`
	ValidateBy programme.Date `json:"validate_by,omitempty" yaml:"validate_by,omitempty"`
	Risk       string         `json:"risk,omitempty" yaml:"risk,omitempty"`
	Affects    []string       `json:"affects,omitempty" yaml:"affects,omitempty"`
}

type Issue struct {
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

type Decision struct {
	ID      string         `json:"id" yaml:"id"`
	Title   string         `json:"title" yaml:"title"`
	Date    programme.Date `json:"date" yaml:"date"`
	By      string         `json:"by,omitempty" yaml:"by,omitempty"`
	Summary string         `json:"summary,omitempty" yaml:"summary,omitempty"`
	Affects []string       `json:"affects,omitempty" yaml:"affects,omitempty"`
}

type Benefit struct {
	ID        string         `json:"id" yaml:"id"`
	Title     string         `json:"title" yaml:"title"`
	Owner     string         `json:"owner,omitempty" yaml:"owner,omitempty"`
	Measure   string         `json:"measure,omitempty" yaml:"measure,omitempty"`
	Target    string         `json:"target,omitempty" yaml:"target,omitempty"`
	By        programme.Date `json:"by,omitempty" yaml:"by,omitempty"`
	Realised  programme.Date `json:"realised,omitempty" yaml:"realised,omitempty"`
	EnabledBy []string       `json:"enabled_by,omitempty" yaml:"enabled_by,omitempty"`
}

type Person struct {
	ID   string `json:"id" yaml:"id"`
	Name string `json:"name" yaml:"name"`
	Role string `json:"role,omitempty" yaml:"role,omitempty"`
	Org  string `json:"org,omitempty" yaml:"org,omitempty"`
}

type Body struct {
	ID        string   `json:"id" yaml:"id"`
	Name      string   `json:"name" yaml:"name"`
	Chair     string   `json:"chair,omitempty" yaml:"chair,omitempty"`
	Members   []string `json:"members,omitempty" yaml:"members,omitempty"`
	ReportsTo string   `json:"reports_to,omitempty" yaml:"reports_to,omitempty"`
}

type Workstream struct {
	ID          string `json:"id" yaml:"id"`
	Name        string `json:"name" yaml:"name"`
	Lead        string `json:"lead,omitempty" yaml:"lead,omitempty"`
	Body        string `json:"body,omitempty" yaml:"body,omitempty"`
	Description string `json:"description,omitempty" yaml:"description,omitempty"`
}

type Programme struct {
	ID          string         `json:"id" yaml:"id"`
	Name        string         `json:"name" yaml:"name"`
	Description string         `json:"description,omitempty" yaml:"description,omitempty"`
	Start       programme.Date `json:"start" yaml:"start"`
	End         programme.Date `json:"end" yaml:"end"`
	AsOf        programme.Date `json:"as_of,omitempty" yaml:"as_of,omitempty"`
	Owner       string         `json:"owner,omitempty" yaml:"owner,omitempty"`
	Tolerances  Tolerances     `json:"tolerances" yaml:"tolerances"`
	RiskBands   RiskBands      `json:"risk_bands" yaml:"risk_bands"`
}

// Tolerances and RiskBands carry the values in force, defaults
// filled in.
type Tolerances struct {
	AmberDays   int `json:"amber_days" yaml:"amber_days"`
	RedDays     int `json:"red_days" yaml:"red_days"`
	DueSoonDays int `json:"due_soon_days" yaml:"due_soon_days"`
}

type RiskBands struct {
	Amber int `json:"amber" yaml:"amber"`
	Red   int `json:"red" yaml:"red"`
}

// NewMilestone converts the i-th milestone, with its state and schedule.
func NewMilestone(p *programme.Programme, plan *schedule.Plan, i int, asOf programme.Date) Milestone {
	m := p.Milestones[i]
	st := MilestoneState(p, plan, i, asOf)
	r := Milestone{
		ID: m.ID, Title: m.Title, Phase: m.Phase, Workstream: m.Workstream, Owner: m.Owner,
		Start: m.Start, Due: m.Due, Forecast: m.Forecast, Done: m.Done,
		Decision: m.Decision, Notes: m.Notes, Source: m.Source,
		Status: st.Status, RAG: st.RAG,
	}
	for _, d := range m.DependsOn {
		r.DependsOn = append(r.DependsOn, linkOf(d))
	}
	// A milestone with no date of its own (missing or invalid) and not done
	// has no expected date or slack: nothing is derived from a missing date.
	if i < len(plan.Expected) && (!m.Date().IsZero() || !m.Done.IsZero()) {
		r.Expected, r.Slack = plan.Expected[i], &plan.Slack[i]
	}
	return r
}

// SlackDays is the milestone's slack, 0 where it has none.
func (m Milestone) SlackDays() int {
	if m.Slack == nil {
		return 0
	}
	return *m.Slack
}

// NewPhase converts a phase, given its state (programme.PhaseState).
func NewPhase(ph *programme.Phase, st programme.PhaseState) Phase {
	return Phase{
		ID: ph.ID, Name: ph.Name, Start: ph.Start, End: ph.End, Goal: ph.Goal,
		DependsOn: ph.DependsOn, Milestones: st.Total, Done: st.Done, RAG: st.RAG, Current: st.Current,
	}
}

// NewRisk converts a risk, with its score and band.
func NewRisk(p *programme.Programme, x *programme.Risk) Risk {
	r := Risk{
		ID: x.ID, Title: x.Title, Description: x.Description, Cause: x.Cause, Effect: x.Effect,
		Owner: x.Owner, Likelihood: x.Likelihood, Impact: x.Impact, Status: x.Status,
		Response: x.Response, Mitigation: x.Mitigation, Affects: x.Affects,
		Raised: x.Raised, ReviewBy: x.ReviewBy, EscalatedTo: x.EscalatedTo, Issue: x.Issue,
	}
	if x.Target != nil {
		r.Target = &Target{Likelihood: x.Target.Likelihood, Impact: x.Target.Impact}
	}
	if x.Assessed() {
		r.Score = x.Score()
		r.RAG = p.RAG(r.Score)
	}
	return r
}

func NewAssumption(x *programme.Assumption) Assumption {
	return Assumption{ID: x.ID, Statement: x.Statement, Owner: x.Owner, Status: x.Status,
		ValidateBy: x.ValidateBy, Risk: x.Risk, Affects: x.Affects}
}

func NewIssue(x *programme.Issue) Issue {
	return Issue{ID: x.ID, Title: x.Title, Owner: x.Owner, Raised: x.Raised, Priority: x.Priority,
		Status: x.Status, ResolveBy: x.ResolveBy, Affects: x.Affects, Notes: x.Notes}
}

func NewDecision(x *programme.Decision) Decision {
	return Decision{ID: x.ID, Title: x.Title, Date: x.Date, By: x.By, Summary: x.Summary, Affects: x.Affects}
}

func NewBenefit(x *programme.Benefit) Benefit {
	return Benefit{ID: x.ID, Title: x.Title, Owner: x.Owner, Measure: x.Measure, Target: x.Target,
		By: x.By, Realised: x.Realised, EnabledBy: x.EnabledBy}
}

func NewProgramme(p *programme.Programme) Programme {
	h := p.Header
	t, b := p.Tolerances(), p.RiskBands()
	return Programme{ID: h.ID, Name: h.Name, Description: h.Description, Start: h.Start, End: h.End,
		AsOf: h.AsOf, Owner: h.Owner,
		Tolerances: Tolerances{AmberDays: t.AmberDays, RedDays: t.RedDays, DueSoonDays: t.DueSoonDays},
		RiskBands:  RiskBands{Amber: b.Amber, Red: b.Red}}
}

func NewPerson(x *programme.Person) Person {
	return Person{ID: x.ID, Name: x.Name, Role: x.Role, Org: x.Org}
}

func NewBody(x *programme.Body) Body {
	return Body{ID: x.ID, Name: x.Name, Chair: x.Chair, Members: x.Members, ReportsTo: x.ReportsTo}
}

func NewWorkstream(x *programme.Workstream) Workstream {
	return Workstream{ID: x.ID, Name: x.Name, Lead: x.Lead, Body: x.Body, Description: x.Description}
}

// MilestoneState is the i-th milestone's state, rated by where the
// schedule expects it to land (SPEC section 4). plan may be nil: then its
// own dates alone.
func MilestoneState(p *programme.Programme, plan *schedule.Plan, i int, asOf programme.Date) programme.MilestoneState {
	var exp programme.Date
	if plan != nil && i < len(plan.Expected) {
		exp = plan.Expected[i]
	}
	return p.StateExpected(p.Milestones[i], asOf, exp)
}

// expectedDates are plan's expected dates, indexed like the milestones;
// nil for no plan.
func expectedDates(plan *schedule.Plan) []programme.Date {
	if plan == nil {
		return nil
	}
	return plan.Expected
}

// ExpectedText says where the schedule expects the i-th milestone to land
// and why: "2018-06-29, 90 days late, pushed by M-42". A milestone pushed
// through a chain names the link that pushes it and, when another, the
// milestone whose slip started the chain.
// With asOf, it also says how far off that is.
func ExpectedText(plan *schedule.Plan, i int, asOf programme.Date) string {
	m, exp := plan.Milestones[i], plan.Expected[i]
	parts := []string{exp.String()}
	if asOf != 0 && m.Done.IsZero() {
		switch d := exp.Sub(asOf); {
		case d > 0:
			parts[0] += " (in " + programme.Plural(d, "day") + ")"
		case d == 0:
			parts[0] += " (the reporting date)"
		}
	}
	if m.Done.IsZero() && !m.Due.IsZero() {
		switch d := exp.Sub(m.Due); {
		case d > 0:
			parts = append(parts, programme.Plural(d, "day")+" late")
		case d < 0:
			parts = append(parts, programme.Plural(-d, "day")+" early")
		default:
			parts = append(parts, "on its due date")
		}
	}
	if by, from := PushedBy(plan, i); by != "" {
		pushed := "pushed by " + by
		if from != by {
			pushed += " (the slip starts at " + from + ")"
		}
		parts = append(parts, pushed)
	}
	return strings.Join(parts, ", ")
}

// PushedBy names the predecessor that pushes the i-th milestone past its
// own date, and the milestone at the start of that chain of pushes; both
// "" when nothing pushes it.
func PushedBy(plan *schedule.Plan, i int) (by, from string) {
	j, ok := pushing(plan, i)
	if !ok {
		return "", ""
	}
	by = plan.Milestones[j].ID
	for k := 0; k < len(plan.Milestones); k++ { // a loop cannot run on for ever
		next, ok := pushing(plan, j)
		if !ok {
			break
		}
		j = next
	}
	return by, plan.Milestones[j].ID
}

// pushing is the predecessor that sets the i-th milestone's expected date
// when that is after its own date.
func pushing(plan *schedule.Plan, i int) (int, bool) {
	m := plan.Milestones[i]
	d := plan.Driver[i]
	if d < 0 || !m.Done.IsZero() || plan.Expected[i] <= m.Date() {
		return 0, false
	}
	return d, true
}

// linkOf is a link as every output prints it: its type where it is not
// finish-to-start, its lag in its own unit.
func linkOf(d programme.Dep) Dep {
	l := Dep{ID: d.ID, Lag: d.LagSpan().String(), link: d}
	if d.LinkType() != "fs" {
		l.Type = d.LinkType()
	}
	return l
}
