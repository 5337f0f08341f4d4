package view

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/ocotool/oco/internal/programme"
	"github.com/ocotool/oco/internal/render"
	"github.com/ocotool/oco/internal/schedule"
)

// Listing is a listing in every shape it prints: records for JSON and
// YAML, the table people read (also the markdown), and a flat table under
// the format's field names for CSV.
type Listing struct {
	Records any
	Table   render.Table
	CSV     render.Table
	Rows    int
}

// PhaseListing is `oco phases`.
func PhaseListing(p *programme.Programme, plan *schedule.Plan, asOf programme.Date) Listing {
	recs := Phases(p, plan, asOf)
	tb := render.Table{Columns: []render.Column{{Header: "ID"}, {Header: "PHASE", Flex: true}, {Header: "START"}, {Header: "END"},
		{Header: "DEPENDS ON", Drop: 1}, {Header: "DONE", Align: render.Right}, {Header: "PROGRESS", Drop: 2}, {Header: "RAG"}}}
	csv := flatTable("id", "name", "start", "end", "goal", "depends_on", "milestones", "done", "rag", "current")
	for _, r := range recs {
		tb.Rows = append(tb.Rows, []render.Cell{{Text: r.ID}, phaseCell(r), dateCell(r.Start), dateCell(r.End),
			{Text: idList(r.DependsOn)}, {Text: fmt.Sprintf("%d/%d", r.Done, r.Milestones)},
			{Text: render.Bar(r.Done, r.Milestones, 10)}, ragCell(r.RAG, r.RAG)})
		csv.Rows = append(csv.Rows, render.Cells(r.ID, r.Name, r.Start.String(), r.End.String(), r.Goal, idList(r.DependsOn),
			strconv.Itoa(r.Milestones), strconv.Itoa(r.Done), r.RAG, strconv.FormatBool(r.Current)))
	}
	return Listing{Records: recs, Table: tb, CSV: csv, Rows: len(recs)}
}

// MilestoneListing is `oco milestones`.
func MilestoneListing(p *programme.Programme, plan *schedule.Plan, asOf programme.Date, f *Filter) Listing {
	recs := Milestones(p, plan, asOf, f)
	// On a narrow terminal slack, then the expected date, owner and phase
	// give way before the title is cut short; status and rating stay.
	tb := render.Table{Columns: []render.Column{{Header: "ID"}, {Header: "MILESTONE", Flex: true}, {Header: "PHASE", Drop: 1},
		{Header: "OWNER", Drop: 2}, {Header: "DUE"}, {Header: "FORECAST/DONE"}, {Header: "EXPECTED", Drop: 3},
		{Header: "SLACK", Align: render.Right, Drop: 4}, {Header: "STATUS"}, {Header: "RAG"}}}
	csv := flatTable("id", "title", "phase", "workstream", "owner", "start", "due", "forecast", "done",
		"depends_on", "decision", "status", "rag", "expected", "slack", "notes", "source")
	for _, r := range recs {
		actual, slack, slackText := r.Forecast, render.Cell{}, "" // no date: no slack either
		if r.Slack != nil {
			slack, slackText = slackCell(*r.Slack), strconv.Itoa(*r.Slack)
		}
		if !r.Done.IsZero() {
			actual, slack = r.Done, render.Cell{}
		}
		tb.Rows = append(tb.Rows, []render.Cell{{Text: r.ID}, {Text: r.Title}, {Text: r.Phase}, {Text: r.Owner},
			dateCell(r.Due), dateCell(actual), expectedCell(r), slack, ragCell(r.Status, r.RAG), ragCell(r.RAG, r.RAG)})
		csv.Rows = append(csv.Rows, render.Cells(r.ID, r.Title, r.Phase, r.Workstream, r.Owner, r.Start.String(),
			r.Due.String(), r.Forecast.String(), r.Done.String(), depsCell(r.DependsOn), r.Decision,
			r.Status, r.RAG, r.Expected.String(), slackText, r.Notes, r.Source))
	}
	return Listing{Records: recs, Table: tb, CSV: csv, Rows: len(recs)}
}

// depsCell writes depends_on in one cell: "M-1, M-2+10d".
func depsCell(deps []Dep) string {
	parts := make([]string, len(deps))
	for i, d := range deps {
		parts[i] = d.link.LinkText()
	}
	return strings.Join(parts, ", ")
}

// RiskListing is `oco risks`.
func RiskListing(p *programme.Programme, f *Filter) Listing {
	recs := Risks(p, f)
	tb := render.Table{Columns: []render.Column{{Header: "ID"}, {Header: "RISK", Flex: true}, {Header: "OWNER", Drop: 1},
		{Header: "L", Align: render.Right}, {Header: "I", Align: render.Right}, {Header: "SCORE", Align: render.Right},
		{Header: "RAG"}, {Header: "STATUS"}, {Header: "RESPONSE", Drop: 3}, {Header: "REVIEW BY", Drop: 2}}}
	csv := flatTable("id", "title", "owner", "likelihood", "impact", "score", "rag", "status", "response",
		"raised", "review_by", "escalated_to", "issue", "affects", "target_likelihood", "target_impact",
		"description", "cause", "effect", "mitigation")
	for _, r := range recs {
		var tl, ti int
		if r.Target != nil {
			tl, ti = r.Target.Likelihood, r.Target.Impact
		}
		tb.Rows = append(tb.Rows, []render.Cell{{Text: r.ID}, {Text: r.Title}, {Text: r.Owner},
			{Text: number(r.Likelihood)}, {Text: number(r.Impact)}, {Text: number(r.Score)},
			ragCell(r.RAG, r.RAG), ragCell(r.Status, r.Status), {Text: r.Response}, dateCell(r.ReviewBy)})
		csv.Rows = append(csv.Rows, render.Cells(r.ID, r.Title, r.Owner, number(r.Likelihood), number(r.Impact),
			number(r.Score), r.RAG, r.Status, r.Response, r.Raised.String(), r.ReviewBy.String(), r.EscalatedTo,
			r.Issue, idList(r.Affects), number(tl), number(ti), r.Description, r.Cause, r.Effect, r.Mitigation))
	}
	return Listing{Records: recs, Table: tb, CSV: csv, Rows: len(recs)}
}

// AssumptionListing is `oco assumptions`.
func AssumptionListing(p *programme.Programme, asOf programme.Date, f *Filter) Listing {
	rows := Assumptions(p, asOf, f)
	recs := make([]Assumption, 0, len(rows))
	tb := render.Table{Columns: []render.Column{{Header: "ID"}, {Header: "ASSUMPTION", Flex: true}, {Header: "OWNER", Drop: 2},
		{Header: "STATUS"}, {Header: "VALIDATE BY"}, {Header: "RISK", Drop: 1}}}
	csv := flatTable("id", "statement", "owner", "status", "validate_by", "risk", "affects")
	for _, row := range rows {
		r := row.Assumption
		recs = append(recs, r)
		when := dateCell(r.ValidateBy)
		if row.Overdue {
			when.Style, when.Tail = render.Red, " overdue" // said, not only painted
		}
		tb.Rows = append(tb.Rows, []render.Cell{{Text: r.ID}, {Text: r.Statement}, {Text: r.Owner},
			ragCell(r.Status, r.Status), when, {Text: r.Risk}})
		csv.Rows = append(csv.Rows, render.Cells(r.ID, r.Statement, r.Owner, r.Status, r.ValidateBy.String(), r.Risk, idList(r.Affects)))
	}
	return Listing{Records: recs, Table: tb, CSV: csv, Rows: len(recs)}
}

// IssueListing is `oco issues`.
func IssueListing(p *programme.Programme, asOf programme.Date, f *Filter) Listing {
	rows := Issues(p, asOf, f)
	recs := make([]Issue, 0, len(rows))
	tb := render.Table{Columns: []render.Column{{Header: "ID"}, {Header: "ISSUE", Flex: true}, {Header: "OWNER", Drop: 1},
		{Header: "PRIORITY"}, {Header: "STATUS"}, {Header: "RAISED", Drop: 2}, {Header: "RESOLVE BY"}}}
	csv := flatTable("id", "title", "owner", "raised", "priority", "status", "resolve_by", "affects", "notes")
	for _, row := range rows {
		r := row.Issue
		recs = append(recs, r)
		when := dateCell(r.ResolveBy)
		if row.Overdue {
			when.Style, when.Tail = render.Red, " overdue"
		}
		tb.Rows = append(tb.Rows, []render.Cell{{Text: r.ID}, {Text: r.Title}, {Text: r.Owner},
			ragCell(r.Priority, r.Priority), ragCell(r.Status, r.Status), dateCell(r.Raised), when})
		csv.Rows = append(csv.Rows, render.Cells(r.ID, r.Title, r.Owner, r.Raised.String(), r.Priority, r.Status,
			r.ResolveBy.String(), idList(r.Affects), r.Notes))
	}
	return Listing{Records: recs, Table: tb, CSV: csv, Rows: len(recs)}
}

// DecisionListing is `oco decisions`.
func DecisionListing(p *programme.Programme, f *Filter) Listing {
	recs := Decisions(p, f)
	tb := render.Table{Columns: []render.Column{{Header: "ID"}, {Header: "DECISION", Flex: true}, {Header: "DATE"},
		{Header: "BY"}, {Header: "AFFECTS", Flex: true}}}
	csv := flatTable("id", "title", "date", "by", "summary", "affects")
	for _, r := range recs {
		tb.Rows = append(tb.Rows, []render.Cell{{Text: r.ID}, {Text: r.Title}, dateCell(r.Date), {Text: r.By}, {Text: idList(r.Affects)}})
		csv.Rows = append(csv.Rows, render.Cells(r.ID, r.Title, r.Date.String(), r.By, r.Summary, idList(r.Affects)))
	}
	return Listing{Records: recs, Table: tb, CSV: csv, Rows: len(recs)}
}

// BenefitListing is `oco benefits`.
func BenefitListing(p *programme.Programme, f *Filter) Listing {
	recs := Benefits(p, f)
	tb := render.Table{Columns: []render.Column{{Header: "ID"}, {Header: "BENEFIT", Flex: true}, {Header: "OWNER", Drop: 1},
		{Header: "BY"}, {Header: "REALISED"}, {Header: "ENABLED BY", Flex: true}}}
	csv := flatTable("id", "title", "owner", "measure", "target", "by", "realised", "enabled_by")
	for _, r := range recs {
		realised := dateCell(r.Realised)
		realised.Style = render.Green
		tb.Rows = append(tb.Rows, []render.Cell{{Text: r.ID}, {Text: r.Title}, {Text: r.Owner},
			dateCell(r.By), realised, {Text: idList(r.EnabledBy)}})
		csv.Rows = append(csv.Rows, render.Cells(r.ID, r.Title, r.Owner, r.Measure, r.Target, r.By.String(),
			r.Realised.String(), idList(r.EnabledBy)))
	}
	return Listing{Records: recs, Table: tb, CSV: csv, Rows: len(recs)}
}
