package view

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"

	"github.com/ocotool/oco/internal/check"
	"github.com/ocotool/oco/internal/programme"
	"github.com/ocotool/oco/internal/render"
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

	// The board's view (SPEC 7.3): the latest delivery confidence
	// assessment and what it says, and each tolerance's state.
	Assessment string       `json:"assessment,omitempty" yaml:"assessment,omitempty"`
	Confidence string       `json:"confidence,omitempty" yaml:"confidence,omitempty"`
	Tolerances render.Table `json:"-" yaml:"-"`
	// EndP80 is the date by which the programme's last milestone finishes
	// in 80% of simulated runs (SPEC 7.4), where anything can vary.
	EndP80 programme.Date `json:"end_p80,omitempty" yaml:"end_p80,omitempty"`
	Runs   int            `json:"end_p80_runs,omitempty" yaml:"end_p80_runs,omitempty"`
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
	// Only what the programme uses: an assessment made, a tolerance set.
	board := BoardStatus(p, plan, asOf)
	if board.Rating != "" {
		d.Assessment, d.Confidence = board.Rating, board.Confidence
	}
	d.Tolerances = toleranceTable(slices.DeleteFunc(check.Tolerances(p, plan, asOf), func(t check.Tolerance) bool { return !t.Set() }))
	if sim := plan.Simulation(p); sim.Varies() && len(plan.Milestones) > 0 {
		// Enough runs for a steady P80, bounded so that the dashboard of
		// a large programme stays quick; oco forecast runs as many as asked.
		sim.Iterations = min(1000, max(100, 1_000_000/len(plan.Milestones)))
		sim.Seed, sim.EndOnly = 1, true
		fc := schedule.Simulate(sim)
		d.EndP80, d.Runs = fc.End.P80, fc.Iterations
	}
	slips := map[int]check.Slip{}
	for _, sl := range check.Slips(plan) {
		slips[sl.Milestone] = sl
	}
	for i := range p.Milestones {
		st := MilestoneState(p, plan, i, asOf)
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
	for i, st := range p.PhaseStatesExpected(asOf, plan.Expected) {
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

// Page is the dashboard as `oco status` prints it. asOfFrom says where the
// reporting date came from ("--as-of", "today", ...); dueSoonDays is the
// programme's tolerance, named in a heading.
func (d *Dashboard) Page(asOfFrom string, dueSoonDays int) render.Page {
	var pg render.Page
	name := d.Name
	if name == "" {
		name = d.Programme
	}
	pg.Add(render.Block{Line: []render.Cell{{Text: name, Style: render.Bold}}})
	pg.Add(render.Block{Wrap: true, Line: render.Cells(fmt.Sprintf("%s to %s · reporting date %s (%s)", d.Start, d.End, d.AsOf, asOfFrom))})
	if k := slices.IndexFunc(d.Phases, func(ph PhaseLine) bool { return ph.Current }); k >= 0 {
		ph := d.Phases[k]
		pg.Add(render.Block{Wrap: true, Line: render.Cells(fmt.Sprintf("Current phase: %s %s, %s to %s", ph.ID, ph.Name, ph.Start, ph.End))},
			render.Block{Bar: &render.Progress{Indent: "  ", Done: ph.Done, Total: ph.Total, Width: 20,
				Label: fmt.Sprintf("  %d of %d milestones done", ph.Done, ph.Total)}})
	} else {
		pg.Text("Current phase: none holds the reporting date")
	}

	pt := render.Table{Columns: []render.Column{{Header: "ID"}, {Header: "PHASE", Flex: true}, {Header: "START"}, {Header: "END"},
		{Header: "DONE", Align: render.Right}, {Header: "PROGRESS", Drop: 1}, {Header: "RAG"}}}
	for _, ph := range d.Phases {
		pt.Rows = append(pt.Rows, []render.Cell{{Text: ph.ID}, phaseCell(ph.Phase), dateCell(ph.Start), dateCell(ph.End),
			{Text: fmt.Sprintf("%d/%d", ph.Done, ph.Total)}, {Text: render.Bar(ph.Done, ph.Total, 10)}, ragCell(ph.RAG, ph.RAG)})
	}
	pg.Section("Phases", pt, "no phases")

	pg.Section("Overdue", milestoneLines(d.Overdue, "LATE", func(m MilestoneLine) render.Cell {
		return render.Cell{Text: programme.Plural(-m.Days, "day") + " late", Style: render.Red}
	}), "nothing overdue")
	pg.Section(fmt.Sprintf("Due in the next %d days", dueSoonDays), milestoneLines(d.DueSoon, "LEFT", func(m MilestoneLine) render.Cell {
		return render.Cell{Text: programme.Plural(m.Days, "day"), Style: render.Amber}
	}), "nothing due soon")
	pg.Section("Slips next: pushed past their dates by a predecessor", milestoneLines(d.SlipsNext, "PUSHED", func(m MilestoneLine) render.Cell {
		return render.Cell{Text: fmt.Sprintf("+%s by %s", programme.Plural(m.Days, "day"), m.By), Style: render.Amber}
	}), "no knock-on slips")

	rt := render.Table{Columns: []render.Column{{Header: "ID"}, {Header: "RISK", Flex: true}, {Header: "OWNER"},
		{Header: "SCORE", Align: render.Right}, {Header: "RAG"}}}
	for _, r := range d.Risks {
		rt.Rows = append(rt.Rows, []render.Cell{{Text: r.ID}, {Text: r.Title}, {Text: r.Owner}, {Text: strconv.Itoa(r.Score)}, ragCell(r.RAG, r.RAG)})
	}
	pg.Section("Red and amber risks", rt, "no red or amber risks")

	at := render.Table{Columns: []render.Column{{Header: "ID"}, {Header: "ASSUMPTION", Flex: true}, {Header: "OWNER"},
		{Header: "VALIDATE BY"}, {Header: "WHEN"}}}
	for _, a := range d.Assumptions {
		when := render.Cell{Text: "in " + programme.Plural(a.Days, "day"), Style: render.Amber}
		if a.Days < 0 {
			when = render.Cell{Text: programme.Plural(-a.Days, "day") + " ago", Style: render.Red}
		}
		at.Rows = append(at.Rows, []render.Cell{{Text: a.ID}, {Text: a.Statement}, {Text: a.Owner}, dateCell(a.ValidateBy), when})
	}
	pg.Section("Assumptions to validate", at, "none due for validation")

	if d.Confidence != "" || len(d.Tolerances.Rows) > 0 || !d.EndP80.IsZero() {
		pg.Add(render.Block{Heading: "Board"})
		if d.Confidence != "" {
			pg.Add(render.Block{Wrap: true, Line: []render.Cell{ragCell(d.Confidence, d.Assessment)}})
		}
		if !d.EndP80.IsZero() {
			pg.Add(render.Block{Wrap: true, Line: render.Cells(fmt.Sprintf("End P80 %s (%d simulated runs; oco forecast for more)", d.EndP80, d.Runs))})
		}
		if len(d.Tolerances.Rows) > 0 {
			pg.Add(render.Block{Table: &d.Tolerances})
		}
	}

	pg.Add(render.Block{Heading: "Checks"})
	e, wn := d.Findings["errors"], d.Findings["warnings"]
	summary := render.Cell{Text: fmt.Sprintf("%s, %s", programme.Plural(e, "error"), programme.Plural(wn, "warning")), Style: render.Green}
	switch {
	case e > 0:
		summary.Style = render.Red
	case wn > 0:
		summary.Style = render.Amber
	}
	line := []render.Cell{summary}
	if e+wn > 0 {
		line = append(line, render.Cell{Text: ": run 'oco validate' for the details"})
	}
	pg.Add(render.Block{Line: line})
	return pg
}

// milestoneLines is a table of milestones with a last column of last's
// making.
func milestoneLines(ms []MilestoneLine, last string, cell func(MilestoneLine) render.Cell) render.Table {
	tb := render.Table{Columns: []render.Column{{Header: "ID"}, {Header: "MILESTONE", Flex: true}, {Header: "OWNER"}, {Header: "DATE"}, {Header: last}}}
	for _, m := range ms {
		tb.Rows = append(tb.Rows, []render.Cell{{Text: m.ID}, {Text: m.Title}, {Text: m.Owner}, dateCell(m.Date), cell(m)})
	}
	return tb
}
