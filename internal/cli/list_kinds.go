package cli

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/ocotool/oco/internal/programme"
	"github.com/ocotool/oco/internal/render"
	"github.com/ocotool/oco/internal/view"
)

// listings are the listing commands, one per kind, in the order help shows
// them.
var listings = []*listing{
	{
		use: "phases", kind: programme.KindPhase,
		short: "List the phases with their progress",
		long: `List the phases in order of their start: window, the phases each depends
on, how many of its milestones are done, and its rating (the worst of its
milestones still to do). The current phase, whose window holds the
reporting date, is marked.`,
		run: listPhases,
	},
	{
		use: "milestones", kind: programme.KindMilestone,
		short: "List milestones and activities with their status",
		long: `List milestones by date (forecast, else due), then id, with their status as
of the reporting date, coloured by rating: done, late (done after its due
date), overdue, due-soon or open. As a filter, --status done takes in
late, and open everything not done (due-soon and overdue too).

-o json and -o yaml add the derived status, rag, expected (the date the
schedule expects, given predecessors) and slack (days).`,
		statuses: view.Statuses[programme.KindMilestone],
		example: `  oco milestones --status overdue,due-soon
  oco milestones --phase P5 --owner coo -o csv > p5.csv
  oco milestones -o json | jq -r '.[] | select(.slack < 0) | .id'`,
		dated:  "date (its forecast, else due)",
		scoped: true, owned: true,
		run: listMilestones,
	},
	{
		use: "risks", kind: programme.KindRisk,
		short: "List risks by score, or draw the risk matrix",
		long: `List risks by score, highest first, then id, with likelihood (L), impact
(I), score and its band.

--matrix draws the 5×5 likelihood × impact grid instead: impact across,
likelihood up, each cell with its count and ids, shaded by band on a colour
terminal. It shows open risks unless --all or --status says otherwise;
--target places them at their target (residual) positions. Risks not
assessed, or without a target, are listed under the grid.`,
		statuses: view.Statuses[programme.KindRisk],
		example: `  oco risks --status open,red
  oco risks --matrix
  oco risks --matrix --target --owner ceo`,
		dated:  "review_by",
		scoped: true, owned: true, matrix: true,
		run: listRisks,
	},
	{
		use: "assumptions", kind: programme.KindAssumption,
		short:    "List assumptions and when to validate them",
		long:     `List assumptions in file order with their status and validation date.`,
		statuses: view.Statuses[programme.KindAssumption],
		dated:    "validate_by",
		scoped:   true, owned: true,
		run: listAssumptions,
	},
	{
		use: "issues", kind: programme.KindIssue,
		short:    "List issues",
		long:     `List issues in file order with their priority, status and dates.`,
		statuses: view.Statuses[programme.KindIssue],
		dated:    "resolve_by",
		scoped:   true, owned: true,
		run: listIssues,
	},
	{
		use: "decisions", kind: programme.KindDecision,
		short: "List decisions by date",
		long: `List decisions by date, then file order, with the body that took each and
what it affects. --owner matches the body that took it (by).`,
		dated:  "date",
		scoped: true, owned: true,
		run: listDecisions,
	},
	{
		use: "benefits", kind: programme.KindBenefit,
		short:    "List benefits and the milestones that enable them",
		long:     `List benefits in file order with their owner, dates and enabling milestones.`,
		statuses: view.Statuses[programme.KindBenefit],
		dated:    "by",
		scoped:   true, owned: true,
		run: listBenefits,
	},
}

func listPhases(s *session, _ *view.Filter) listOutput {
	recs := view.Phases(s.p, s.asOf)
	tb := render.Table{Columns: []render.Column{{Header: "ID"}, {Header: "PHASE", Flex: true}, {Header: "START"}, {Header: "END"},
		{Header: "DEPENDS ON"}, {Header: "DONE", Align: render.Right}, {Header: "PROGRESS"}, {Header: "RAG"}}}
	csv := listCSV("id", "name", "start", "end", "goal", "depends_on", "milestones", "done", "rag", "current")
	for _, r := range recs {
		name := r.Name
		if r.Current {
			name += " (current)"
		}
		tb.Rows = append(tb.Rows, []render.Cell{{Text: r.ID}, {Text: name}, listDateCell(r.Start), listDateCell(r.End),
			{Text: joinListIDs(r.DependsOn)}, {Text: fmt.Sprintf("%d/%d", r.Done, r.Milestones)},
			{Text: render.Bar(r.Done, r.Milestones, 10)}, listRAGCell(r.RAG, r.RAG)})
		csv.Rows = append(csv.Rows, render.Cells(r.ID, r.Name, r.Start.String(), r.End.String(), r.Goal, joinListIDs(r.DependsOn),
			strconv.Itoa(r.Milestones), strconv.Itoa(r.Done), r.RAG, strconv.FormatBool(r.Current)))
	}
	return listOutput{records: recs, table: tb, csv: csv, rows: len(recs)}
}

func listMilestones(s *session, f *view.Filter) listOutput {
	recs := view.Milestones(s.p, s.plan(), s.asOf, f)
	tb := render.Table{Columns: []render.Column{{Header: "ID"}, {Header: "MILESTONE", Flex: true}, {Header: "PHASE"},
		{Header: "OWNER"}, {Header: "DUE"}, {Header: "FORECAST/DONE"}, {Header: "STATUS"}}}
	csv := listCSV("id", "title", "phase", "workstream", "owner", "start", "due", "forecast", "done",
		"depends_on", "decision", "status", "rag", "expected", "slack", "notes", "source")
	for _, r := range recs {
		actual := r.Forecast
		if !r.Done.IsZero() {
			actual = r.Done
		}
		tb.Rows = append(tb.Rows, []render.Cell{{Text: r.ID}, {Text: r.Title}, {Text: r.Phase}, {Text: r.Owner},
			listDateCell(r.Due), listDateCell(actual), listRAGCell(r.Status, r.RAG)})
		csv.Rows = append(csv.Rows, render.Cells(r.ID, r.Title, r.Phase, r.Workstream, r.Owner, r.Start.String(),
			r.Due.String(), r.Forecast.String(), r.Done.String(), listDepsCell(r.DependsOn), r.Decision,
			r.Status, r.RAG, r.Expected.String(), strconv.Itoa(r.Slack), r.Notes, r.Source))
	}
	return listOutput{records: recs, table: tb, csv: csv, rows: len(recs)}
}

// listDepsCell writes depends_on in one cell: "M-1, M-2+10d".
func listDepsCell(deps []view.Dep) string {
	parts := make([]string, len(deps))
	for i, d := range deps {
		parts[i] = d.ID
		if d.Lag != programme.Lag(0).String() {
			parts[i] += "+" + d.Lag
		}
	}
	return strings.Join(parts, ", ")
}

func listRisks(s *session, f *view.Filter) listOutput {
	recs := view.Risks(s.p, f)
	tb := render.Table{Columns: []render.Column{{Header: "ID"}, {Header: "RISK", Flex: true}, {Header: "OWNER"},
		{Header: "L", Align: render.Right}, {Header: "I", Align: render.Right}, {Header: "SCORE", Align: render.Right},
		{Header: "RAG"}, {Header: "STATUS"}, {Header: "RESPONSE"}, {Header: "REVIEW BY"}}}
	csv := listCSV("id", "title", "owner", "likelihood", "impact", "score", "rag", "status", "response",
		"raised", "review_by", "escalated_to", "issue", "affects", "target_likelihood", "target_impact",
		"description", "cause", "effect", "mitigation")
	for _, r := range recs {
		var tl, ti int
		if r.Target != nil {
			tl, ti = r.Target.Likelihood, r.Target.Impact
		}
		tb.Rows = append(tb.Rows, []render.Cell{{Text: r.ID}, {Text: r.Title}, {Text: r.Owner},
			{Text: listNum(r.Likelihood)}, {Text: listNum(r.Impact)}, {Text: listNum(r.Score)},
			listRAGCell(r.RAG, r.RAG), listRAGCell(r.Status, r.Status), {Text: r.Response}, listDateCell(r.ReviewBy)})
		csv.Rows = append(csv.Rows, render.Cells(r.ID, r.Title, r.Owner, listNum(r.Likelihood), listNum(r.Impact),
			listNum(r.Score), r.RAG, r.Status, r.Response, r.Raised.String(), r.ReviewBy.String(), r.EscalatedTo,
			r.Issue, joinListIDs(r.Affects), listNum(tl), listNum(ti), r.Description, r.Cause, r.Effect, r.Mitigation))
	}
	return listOutput{records: recs, table: tb, csv: csv, rows: len(recs)}
}

// riskPasses applies the filters to a risk, as the listing does.
func riskPasses(p *programme.Programme, f *view.Filter, r *programme.Risk) bool {
	return view.RiskPasses(p, f, r)
}

// listNum writes a number, or nothing for zero: a risk not assessed has
// no likelihood, not a likelihood of 0.
func listNum(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

func listAssumptions(s *session, f *view.Filter) listOutput {
	rows := view.Assumptions(s.p, s.asOf, f)
	recs := make([]view.Assumption, 0, len(rows))
	tb := render.Table{Columns: []render.Column{{Header: "ID"}, {Header: "ASSUMPTION", Flex: true}, {Header: "OWNER"},
		{Header: "STATUS"}, {Header: "VALIDATE BY"}, {Header: "RISK"}}}
	csv := listCSV("id", "statement", "owner", "status", "validate_by", "risk", "affects")
	for _, row := range rows {
		r := row.Assumption
		recs = append(recs, r)
		when := listDateCell(r.ValidateBy)
		if row.Overdue {
			when.Style = render.Red
		}
		tb.Rows = append(tb.Rows, []render.Cell{{Text: r.ID}, {Text: r.Statement}, {Text: r.Owner},
			listRAGCell(r.Status, r.Status), when, {Text: r.Risk}})
		csv.Rows = append(csv.Rows, render.Cells(r.ID, r.Statement, r.Owner, r.Status, r.ValidateBy.String(), r.Risk, joinListIDs(r.Affects)))
	}
	return listOutput{records: recs, table: tb, csv: csv, rows: len(recs)}
}

func listIssues(s *session, f *view.Filter) listOutput {
	rows := view.Issues(s.p, s.asOf, f)
	recs := make([]view.Issue, 0, len(rows))
	tb := render.Table{Columns: []render.Column{{Header: "ID"}, {Header: "ISSUE", Flex: true}, {Header: "OWNER"},
		{Header: "PRIORITY"}, {Header: "STATUS"}, {Header: "RAISED"}, {Header: "RESOLVE BY"}}}
	csv := listCSV("id", "title", "owner", "raised", "priority", "status", "resolve_by", "affects", "notes")
	for _, row := range rows {
		r := row.Issue
		recs = append(recs, r)
		when := listDateCell(r.ResolveBy)
		if row.Overdue {
			when.Style = render.Red
		}
		tb.Rows = append(tb.Rows, []render.Cell{{Text: r.ID}, {Text: r.Title}, {Text: r.Owner},
			listRAGCell(r.Priority, r.Priority), listRAGCell(r.Status, r.Status), listDateCell(r.Raised), when})
		csv.Rows = append(csv.Rows, render.Cells(r.ID, r.Title, r.Owner, r.Raised.String(), r.Priority, r.Status,
			r.ResolveBy.String(), joinListIDs(r.Affects), r.Notes))
	}
	return listOutput{records: recs, table: tb, csv: csv, rows: len(recs)}
}

func listDecisions(s *session, f *view.Filter) listOutput {
	recs := view.Decisions(s.p, f)
	tb := render.Table{Columns: []render.Column{{Header: "ID"}, {Header: "DECISION", Flex: true}, {Header: "DATE"},
		{Header: "BY"}, {Header: "AFFECTS", Flex: true}}}
	csv := listCSV("id", "title", "date", "by", "summary", "affects")
	for _, r := range recs {
		tb.Rows = append(tb.Rows, []render.Cell{{Text: r.ID}, {Text: r.Title}, listDateCell(r.Date), {Text: r.By}, {Text: joinListIDs(r.Affects)}})
		csv.Rows = append(csv.Rows, render.Cells(r.ID, r.Title, r.Date.String(), r.By, r.Summary, joinListIDs(r.Affects)))
	}
	return listOutput{records: recs, table: tb, csv: csv, rows: len(recs)}
}

func listBenefits(s *session, f *view.Filter) listOutput {
	recs := view.Benefits(s.p, f)
	tb := render.Table{Columns: []render.Column{{Header: "ID"}, {Header: "BENEFIT", Flex: true}, {Header: "OWNER"},
		{Header: "BY"}, {Header: "REALISED"}, {Header: "ENABLED BY", Flex: true}}}
	csv := listCSV("id", "title", "owner", "measure", "target", "by", "realised", "enabled_by")
	for _, r := range recs {
		realised := listDateCell(r.Realised)
		realised.Style = render.Green
		tb.Rows = append(tb.Rows, []render.Cell{{Text: r.ID}, {Text: r.Title}, {Text: r.Owner},
			listDateCell(r.By), realised, {Text: joinListIDs(r.EnabledBy)}})
		csv.Rows = append(csv.Rows, render.Cells(r.ID, r.Title, r.Owner, r.Measure, r.Target, r.By.String(),
			r.Realised.String(), joinListIDs(r.EnabledBy)))
	}
	return listOutput{records: recs, table: tb, csv: csv, rows: len(recs)}
}

// listCSV starts the flat table CSV prints, headed by the format's own
// field names so a spreadsheet's columns match the files and the JSON.
func listCSV(names ...string) render.Table {
	cols := make([]render.Column, len(names))
	for i, n := range names {
		cols[i] = render.Column{Header: n}
	}
	return render.Table{Columns: cols}
}
