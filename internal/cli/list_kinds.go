package cli

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/ocotool/oco/internal/programme"
	"github.com/ocotool/oco/internal/render"
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
		statuses: [][]string{
			{"done", "late", "overdue", "due-soon", "open"},
			{"red", "amber", "green"},
		},
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
		statuses: [][]string{
			{"open", "closed", "occurred"},
			{"red", "amber", "green", "unassessed"},
		},
		example: `  oco risks --status open,red
  oco risks --matrix
  oco risks --matrix --target --owner ceo`,
		dated:  "review_by",
		scoped: true, owned: true, matrix: true,
		run: listRisks,
	},
	{
		use: "assumptions", kind: programme.KindAssumption,
		short: "List assumptions and when to validate them",
		long:  `List assumptions in file order with their status and validation date.`,
		statuses: [][]string{
			{"unverified", "valid", "invalid"},
		},
		dated:  "validate_by",
		scoped: true, owned: true,
		run: listAssumptions,
	},
	{
		use: "issues", kind: programme.KindIssue,
		short: "List issues",
		long:  `List issues in file order with their priority, status and dates.`,
		statuses: [][]string{
			{"open", "closed"},
			{"low", "medium", "high", "critical"},
		},
		dated:  "resolve_by",
		scoped: true, owned: true,
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
		short: "List benefits and the milestones that enable them",
		long:  `List benefits in file order with their owner, dates and enabling milestones.`,
		statuses: [][]string{
			{"realised", "unrealised"},
		},
		dated:  "by",
		scoped: true, owned: true,
		run: listBenefits,
	},
}

func listPhases(s *session, _ *listFilter, _ *listOptions) (listOutput, error) {
	phases := slices.Clone(s.p.Phases)
	slices.SortStableFunc(phases, func(a, b *programme.Phase) int { return cmp.Compare(a.Start, b.Start) })
	recs := make([]phaseRecord, 0, len(phases))
	tb := render.Table{Columns: []render.Column{{Header: "ID"}, {Header: "PHASE", Flex: true}, {Header: "START"}, {Header: "END"},
		{Header: "DEPENDS ON"}, {Header: "DONE", Align: render.Right}, {Header: "PROGRESS"}, {Header: "RAG"}}}
	csv := listCSV("id", "name", "start", "end", "goal", "depends_on", "milestones", "done", "rag", "current")
	for _, ph := range phases {
		r := phaseRec(s.p, ph, s.asOf)
		recs = append(recs, r)
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
	return listOutput{records: recs, table: tb, csv: csv, rows: len(recs)}, nil
}

func listMilestones(s *session, f *listFilter, _ *listOptions) (listOutput, error) {
	p := s.p
	var idx []int
	for i, m := range p.Milestones {
		st := p.State(m, s.asOf)
		has := func(v string) bool { return milestoneIs(st, v) }
		if f.milestone(m) && f.owner(m.Owner) && f.date(st.Date) && f.statusIs(has) {
			idx = append(idx, i)
		}
	}
	slices.SortStableFunc(idx, func(i, j int) int {
		a, b := p.Milestones[i], p.Milestones[j]
		return cmp.Or(cmp.Compare(a.Date(), b.Date()), idOrder(a.ID, b.ID))
	})
	plan := s.plan()
	recs := make([]milestoneRecord, 0, len(idx))
	tb := render.Table{Columns: []render.Column{{Header: "ID"}, {Header: "MILESTONE", Flex: true}, {Header: "PHASE"},
		{Header: "OWNER"}, {Header: "DUE"}, {Header: "FORECAST/DONE"}, {Header: "STATUS"}}}
	csv := listCSV("id", "title", "phase", "workstream", "owner", "start", "due", "forecast", "done",
		"depends_on", "decision", "status", "rag", "expected", "slack", "notes", "source")
	for _, i := range idx {
		r := milestoneRec(p, plan, i, s.asOf)
		recs = append(recs, r)
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
	return listOutput{records: recs, table: tb, csv: csv, rows: len(recs)}, nil
}

// milestoneIs tells whether a --status value describes a milestone. done
// takes in late (done after its due date), and open everything not done.
func milestoneIs(st programme.MilestoneState, v string) bool {
	finished := st.Status == programme.StatusDone || st.Status == programme.StatusLate
	switch v {
	case programme.StatusDone:
		return finished
	case programme.StatusOpen:
		return !finished
	case programme.Red, programme.Amber, programme.Green:
		return st.RAG == v
	}
	return st.Status == v
}

// listDepsCell writes depends_on in one cell: "M-1, M-2+10d".
func listDepsCell(deps []depRecord) string {
	parts := make([]string, len(deps))
	for i, d := range deps {
		parts[i] = d.ID
		if d.Lag != "0d" {
			parts[i] += "+" + d.Lag
		}
	}
	return strings.Join(parts, ", ")
}

func listRisks(s *session, f *listFilter, _ *listOptions) (listOutput, error) {
	var risks []*programme.Risk
	for _, r := range s.p.Risks {
		if riskPasses(s.p, f, r) {
			risks = append(risks, r)
		}
	}
	slices.SortStableFunc(risks, func(a, b *programme.Risk) int {
		return cmp.Or(cmp.Compare(b.Score(), a.Score()), idOrder(a.ID, b.ID))
	})
	recs := make([]riskRecord, 0, len(risks))
	tb := render.Table{Columns: []render.Column{{Header: "ID"}, {Header: "RISK", Flex: true}, {Header: "OWNER"},
		{Header: "L", Align: render.Right}, {Header: "I", Align: render.Right}, {Header: "SCORE", Align: render.Right},
		{Header: "RAG"}, {Header: "STATUS"}, {Header: "RESPONSE"}, {Header: "REVIEW BY"}}}
	csv := listCSV("id", "title", "owner", "likelihood", "impact", "score", "rag", "status", "response",
		"raised", "review_by", "escalated_to", "issue", "affects", "target_likelihood", "target_impact",
		"description", "cause", "effect", "mitigation")
	for _, x := range risks {
		r := riskRec(s.p, x)
		recs = append(recs, r)
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
	return listOutput{records: recs, table: tb, csv: csv, rows: len(recs)}, nil
}

// riskPasses applies the filters to a risk; the matrix uses it too.
func riskPasses(p *programme.Programme, f *listFilter, r *programme.Risk) bool {
	rag := p.RAG(r.Score())
	has := func(v string) bool {
		switch v {
		case "unassessed":
			return !r.Assessed()
		case programme.Red, programme.Amber, programme.Green:
			return r.Assessed() && rag == v
		}
		return r.Status == v
	}
	return f.affects(r.Affects) && f.owner(r.Owner) && f.date(r.ReviewBy) && f.statusIs(has)
}

// listNum writes a number, or nothing for zero: a risk not assessed has
// no likelihood, not a likelihood of 0.
func listNum(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

func listAssumptions(s *session, f *listFilter, _ *listOptions) (listOutput, error) {
	recs := []assumptionRecord{}
	tb := render.Table{Columns: []render.Column{{Header: "ID"}, {Header: "ASSUMPTION", Flex: true}, {Header: "OWNER"},
		{Header: "STATUS"}, {Header: "VALIDATE BY"}, {Header: "RISK"}}}
	csv := listCSV("id", "statement", "owner", "status", "validate_by", "risk", "affects")
	for _, x := range s.p.Assumptions {
		has := func(v string) bool { return x.Status == v }
		if !(f.affects(x.Affects) && f.owner(x.Owner) && f.date(x.ValidateBy) && f.statusIs(has)) {
			continue
		}
		r := assumptionRec(x)
		recs = append(recs, r)
		when := listDateCell(r.ValidateBy)
		if r.Status == "unverified" && !r.ValidateBy.IsZero() && r.ValidateBy < s.asOf {
			when.Style = render.Red // validation is overdue
		}
		tb.Rows = append(tb.Rows, []render.Cell{{Text: r.ID}, {Text: r.Statement}, {Text: r.Owner},
			listRAGCell(r.Status, r.Status), when, {Text: r.Risk}})
		csv.Rows = append(csv.Rows, render.Cells(r.ID, r.Statement, r.Owner, r.Status, r.ValidateBy.String(), r.Risk, joinListIDs(r.Affects)))
	}
	return listOutput{records: recs, table: tb, csv: csv, rows: len(recs)}, nil
}

func listIssues(s *session, f *listFilter, _ *listOptions) (listOutput, error) {
	recs := []issueRecord{}
	tb := render.Table{Columns: []render.Column{{Header: "ID"}, {Header: "ISSUE", Flex: true}, {Header: "OWNER"},
		{Header: "PRIORITY"}, {Header: "STATUS"}, {Header: "RAISED"}, {Header: "RESOLVE BY"}}}
	csv := listCSV("id", "title", "owner", "raised", "priority", "status", "resolve_by", "affects", "notes")
	for _, x := range s.p.Issues {
		has := func(v string) bool { return x.Status == v || x.Priority == v }
		if !(f.affects(x.Affects) && f.owner(x.Owner) && f.date(x.ResolveBy) && f.statusIs(has)) {
			continue
		}
		r := issueRec(x)
		recs = append(recs, r)
		when := listDateCell(r.ResolveBy)
		if r.Status == "open" && !r.ResolveBy.IsZero() && r.ResolveBy < s.asOf {
			when.Style = render.Red
		}
		tb.Rows = append(tb.Rows, []render.Cell{{Text: r.ID}, {Text: r.Title}, {Text: r.Owner},
			listRAGCell(r.Priority, r.Priority), listRAGCell(r.Status, r.Status), listDateCell(r.Raised), when})
		csv.Rows = append(csv.Rows, render.Cells(r.ID, r.Title, r.Owner, r.Raised.String(), r.Priority, r.Status,
			r.ResolveBy.String(), joinListIDs(r.Affects), r.Notes))
	}
	return listOutput{records: recs, table: tb, csv: csv, rows: len(recs)}, nil
}

func listDecisions(s *session, f *listFilter, _ *listOptions) (listOutput, error) {
	var ds []*programme.Decision
	for _, x := range s.p.Decisions {
		if f.affects(x.Affects) && f.owner(x.By) && f.date(x.Date) {
			ds = append(ds, x)
		}
	}
	slices.SortStableFunc(ds, func(a, b *programme.Decision) int { return cmp.Compare(a.Date, b.Date) })
	recs := make([]decisionRecord, 0, len(ds))
	tb := render.Table{Columns: []render.Column{{Header: "ID"}, {Header: "DECISION", Flex: true}, {Header: "DATE"},
		{Header: "BY"}, {Header: "AFFECTS", Flex: true}}}
	csv := listCSV("id", "title", "date", "by", "summary", "affects")
	for _, x := range ds {
		r := decisionRec(x)
		recs = append(recs, r)
		tb.Rows = append(tb.Rows, []render.Cell{{Text: r.ID}, {Text: r.Title}, listDateCell(r.Date), {Text: r.By}, {Text: joinListIDs(r.Affects)}})
		csv.Rows = append(csv.Rows, render.Cells(r.ID, r.Title, r.Date.String(), r.By, r.Summary, joinListIDs(r.Affects)))
	}
	return listOutput{records: recs, table: tb, csv: csv, rows: len(recs)}, nil
}

func listBenefits(s *session, f *listFilter, _ *listOptions) (listOutput, error) {
	recs := []benefitRecord{}
	tb := render.Table{Columns: []render.Column{{Header: "ID"}, {Header: "BENEFIT", Flex: true}, {Header: "OWNER"},
		{Header: "BY"}, {Header: "REALISED"}, {Header: "ENABLED BY", Flex: true}}}
	csv := listCSV("id", "title", "owner", "measure", "target", "by", "realised", "enabled_by")
	for _, x := range s.p.Benefits {
		has := func(v string) bool { return (v == "realised") == !x.Realised.IsZero() }
		if !(f.affects(x.EnabledBy) && f.owner(x.Owner) && f.date(x.By) && f.statusIs(has)) {
			continue
		}
		r := benefitRec(x)
		recs = append(recs, r)
		realised := listDateCell(r.Realised)
		realised.Style = render.Green
		tb.Rows = append(tb.Rows, []render.Cell{{Text: r.ID}, {Text: r.Title}, {Text: r.Owner},
			listDateCell(r.By), realised, {Text: joinListIDs(r.EnabledBy)}})
		csv.Rows = append(csv.Rows, render.Cells(r.ID, r.Title, r.Owner, r.Measure, r.Target, r.By.String(),
			r.Realised.String(), joinListIDs(r.EnabledBy)))
	}
	return listOutput{records: recs, table: tb, csv: csv, rows: len(recs)}, nil
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
