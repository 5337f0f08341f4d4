package view

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/ocotool/oco/internal/check"
	"github.com/ocotool/oco/internal/compare"
	"github.com/ocotool/oco/internal/programme"
	"github.com/ocotool/oco/internal/render"
	"github.com/ocotool/oco/internal/schedule"
	"github.com/ocotool/oco/internal/trend"
)

// Period is what git says of the time since the last board.
type Period struct {
	// Since names the revision the last board saw, as given or found.
	Since string
	// Old is the programme at Since, read at its own reporting date, and
	// Changes what happened from it to now; both nil where there is no
	// revision to compare with, and Why says why.
	Old     *programme.Programme
	OldAsOf programme.Date
	Changes *compare.Result
	Why     string
	// History is the programme across git history, oldest first, with the
	// programme now as its last point: the milestone trend chart's data.
	History []trend.Point
}

// Board is the input of the highlight report.
type Board struct {
	P          *programme.Programme
	AsOf, Next programme.Date
	Plan       *schedule.Plan
	Findings   []programme.Finding
	Period     Period
}

// rowsMax bounds each table, so that the report stays a board paper on a
// programme of thousands of milestones; what is cut is counted.
const rowsMax = 15

// keyMax bounds the lines of the trend chart.
const keyMax = 8

// Highlight is the board's highlight report in the shape of a PRINCE2
// highlight report: the headline, then this period, the next, the
// tolerances, the risks and issues, benefits at risk and lessons.
func Highlight(b Board) render.Report {
	p, asOf := b.P, b.AsOf
	name := cmp.Or(p.Header.Name, p.Header.ID)
	e, w := programme.Count(b.Findings)
	sub := []string{"Reporting date " + asOf.String()}
	if b.Period.Old != nil {
		sub = append(sub, fmt.Sprintf("this period since %s (%s)", b.Period.Since, b.Period.OldAsOf))
	}
	sub = append(sub, "next period to "+b.Next.String(), fmt.Sprintf("programme %s to %s", p.Header.Start, p.Header.End),
		fmt.Sprintf("checks: %s, %s", programme.Plural(e, "error"), programme.Plural(w, "warning")))
	h := render.Report{Title: name + ": highlight report", Subtitle: strings.Join(sub, " · ")}
	h.Overall, h.Headline = headline(p, b.Plan, asOf)
	h.Confidence, h.ConfidenceRating = confidence(p, b.Plan, asOf)

	add := func(s render.ReportSection) { h.Sections = append(h.Sections, s) }
	add(tolerances(p, b.Plan, asOf))
	for _, s := range thisPeriod(b) {
		add(s)
	}
	add(nextPeriod(b))
	add(render.ReportSection{Title: "Timeline", Chart: timeline(b)})
	add(render.ReportSection{Title: "Risk heat map", Chart: heatMap(b), Half: true})
	add(render.ReportSection{Title: "Delivery confidence", Chart: confidenceChart(p, asOf), Half: true})
	add(topRisks(b))
	add(openIssues(b))
	add(requestsForChange(b))
	add(render.ReportSection{Title: "Milestone trend", Chart: mta(b)})
	add(benefitsAtRisk(b))
	add(lessons(b))
	return h
}

// who is the name of the person or body id names.
func who(p *programme.Programme, id string) string { return p.DisplayName(id) }

// cap cuts a table to rowsMax rows, and says how many were cut.
func capRows(s *render.ReportSection, more string) {
	if n := len(s.Table.Rows) - rowsMax; n > 0 {
		s.Table.Rows = s.Table.Rows[:rowsMax]
		s.More = fmt.Sprintf("and %d more%s", n, more)
	}
}

// ids lists up to three ids, then how many more: "R-1, R-2 and R-3".
func ids(list []string) string {
	switch n := len(list); {
	case n > 3:
		return strings.Join(list[:3], ", ") + fmt.Sprintf(" and %d more", n-3)
	case n > 1:
		return strings.Join(list[:n-1], ", ") + " and " + list[n-1]
	}
	return strings.Join(list, "")
}

// headline is the overall rating and its reason, in one sentence: what
// makes it red or amber, so that the board sees why at once.
func headline(p *programme.Programme, plan *schedule.Plan, asOf programme.Date) (string, string) {
	var redMs, amberMs, overdue []string
	done := 0
	for i := range p.Milestones {
		m := p.Milestones[i]
		st := MilestoneState(p, plan, i, asOf)
		switch {
		case st.Finished():
			done++
		case st.Status == programme.StatusOverdue:
			overdue = append(overdue, m.ID)
		case st.RAG == programme.Red:
			redMs = append(redMs, m.ID)
		case st.RAG == programme.Amber:
			amberMs = append(amberMs, m.ID)
		}
	}
	var redRs, amberRs []string
	for _, r := range p.Risks {
		if !r.Open() {
			continue
		}
		switch p.RAG(r.Score()) {
		case programme.Red:
			redRs = append(redRs, r.ID)
		case programme.Amber:
			amberRs = append(amberRs, r.ID)
		}
	}
	overall := p.RatingExpected(asOf, expectedDates(plan))
	var why []string
	say := func(list []string, one, many string) {
		if len(list) == 1 {
			why = append(why, fmt.Sprintf("%s %s", list[0], one))
		} else if len(list) > 1 {
			why = append(why, fmt.Sprintf("%s %s", ids(list), many))
		}
	}
	switch overall {
	case programme.Red:
		say(overdue, "is overdue", "are overdue")
		say(redMs, "is expected beyond the red tolerance", "are expected beyond the red tolerance")
		say(redRs, "is a red risk", "are red risks")
	case programme.Amber:
		say(amberMs, "is expected beyond the amber tolerance", "are expected beyond the amber tolerance")
		say(amberRs, "is an amber risk", "are amber risks")
		for _, m := range p.Milestones {
			if st := p.State(m, asOf); st.Status == programme.StatusLate && len(why) == 0 {
				why = append(why, "milestones were done late")
				break
			}
		}
	}
	reason := strings.Join(why, " and ")
	if reason == "" {
		reason = "no milestone is late and no risk is amber or red"
	}
	msAll := len(overdue) + len(redMs) + len(amberMs)
	if overall != programme.Green && msAll == 0 {
		reason += ", while every milestone is on track"
	} else if overall != programme.Green && len(redRs)+len(amberRs) == 0 {
		reason += ", while no risk is amber or red"
	}
	progress := fmt.Sprintf("%d of %d milestones done", done, len(p.Milestones))
	if ph := p.CurrentPhase(asOf); ph != nil {
		progress += ", current phase " + ph.ID + " " + ph.Name
	}
	end := check.ExpectedEnd(plan)
	if !end.IsZero() && !p.Header.End.IsZero() {
		if d := end.Sub(p.Header.End); d > 0 {
			progress += fmt.Sprintf(", expected to end %s, %s late", end, programme.Plural(d, "day"))
		} else {
			progress += fmt.Sprintf(", expected to end by %s", p.Header.End)
		}
	}
	return overall, fmt.Sprintf("Overall %s because %s; %s.", strings.ToUpper(overall), reason, progress)
}

// confidence is the latest delivery confidence assessment and its trend.
func confidence(p *programme.Programme, plan *schedule.Plan, asOf programme.Date) (string, string) {
	as := p.Assessed(asOf)
	if len(as) == 0 {
		return "Delivery confidence: not assessed (no entry in assessments).", ""
	}
	a := as[len(as)-1]
	s := fmt.Sprintf("Delivery confidence %s (%s) on %s", strings.ToUpper(a.Rating), programme.DCALetter(a.Rating), a.Date)
	if a.By != "" {
		s += ", by " + who(p, a.By)
	}
	if len(as) == 1 {
		s += "; the first assessment"
	} else {
		prev := as[len(as)-2]
		switch d := programme.DCARank(a.Rating) - programme.DCARank(prev.Rating); {
		case d < 0:
			s += fmt.Sprintf("; improved from %s on %s", prev.Rating, prev.Date)
		case d > 0:
			s += fmt.Sprintf("; worse than %s on %s", prev.Rating, prev.Date)
		default:
			s += fmt.Sprintf("; unchanged since %s", prev.Date)
		}
	}
	if a.Rationale != "" {
		s += ": " + cut(oneLine(a.Rationale), 400)
	}
	if why := check.DCAConflicts(p, plan, a, asOf); len(why) > 0 {
		s += fmt.Sprintf(". It does not agree with the facts: %s", ids(why))
	}
	return strings.TrimSuffix(s, ".") + ".", a.Rating
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// cut shortens s to about n runes, at a word, with an ellipsis.
func cut(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	t := string(r[:n-1])
	if i := strings.LastIndexByte(t, ' '); i > n/2 {
		t = t[:i]
	}
	return strings.TrimRight(t, " ,;:") + "…"
}

// tolerances is each board tolerance with its figure, exceptions first.
func tolerances(p *programme.Programme, plan *schedule.Plan, asOf programme.Date) render.ReportSection {
	return render.ReportSection{Title: "Tolerances", Table: toleranceTable(check.Tolerances(p, plan, asOf))}
}

// toleranceTable is the tolerances ts, exceptions first.
func toleranceTable(ts []check.Tolerance) render.Table {
	slices.SortStableFunc(ts, func(a, b check.Tolerance) int {
		rank := func(t check.Tolerance) int {
			switch {
			case t.Breached:
				return 0
			case t.Set():
				return 1
			}
			return 2
		}
		return rank(a) - rank(b)
	})
	tb := render.Table{Columns: []render.Column{{Header: "Tolerance"}, {Header: "Limit", Drop: 1}, {Header: "Now", Flex: true}, {Header: "State"}}}
	for _, t := range ts {
		limit, state := "not set", "no tolerance set"
		if t.Set() {
			switch t.Key {
			case "end_days":
				limit = programme.Plural(int(t.Limit), "day") + " past the end"
			case "cost_percent":
				limit = fmt.Sprintf("%d%% over budget", t.Limit)
			default:
				limit = "at most " + strconv.Itoa(int(t.Limit))
			}
			switch {
			case t.Breached:
				state = "exception"
			case !t.Known:
				state = "cannot be measured"
			default:
				state = "within"
			}
		}
		tb.Rows = append(tb.Rows, render.Cells(t.Name, limit, t.Text, state))
	}
	return tb
}

// changeRows makes the rows of one kind's changes in the period.
func changeRows(p *programme.Programme, changes []compare.Change, kind programme.Kind, keep func(compare.Change) bool) render.Table {
	tb := render.Table{Columns: []render.Column{{Header: "ID"}, {Header: "Title", Flex: true}, {Header: "What happened", Flex: true}}}
	for _, c := range changes {
		if c.Kind != kind || !keep(c) {
			continue
		}
		d := compare.Describe(c)
		if c.Kind == programme.KindDecision && c.What == compare.Added {
			d = "taken"
			if dec := p.Decision(c.ID); dec != nil {
				d = fmt.Sprintf("taken on %s", dec.Date)
				if dec.By != "" {
					d += " by " + who(p, dec.By)
				}
			}
		}
		tb.Rows = append(tb.Rows, render.Cells(c.ID, c.Title, d))
	}
	return tb
}

// thisPeriod is what happened since the last board, from git: milestones
// completed, slipped and re-baselined, decisions taken, risks raised,
// closed and moved.
func thisPeriod(b Board) []render.ReportSection {
	per := b.Period
	title := "This period"
	if per.Changes == nil {
		return []render.ReportSection{{Title: title, Empty: per.Why}}
	}
	title = fmt.Sprintf("This period: since %s (%s)", per.Since, per.OldAsOf)
	more := ": oco diff " + per.Since
	ms := changeRows(b.P, per.Changes.Changes, programme.KindMilestone, func(c compare.Change) bool {
		switch c.What {
		case compare.Done, compare.Slipped, compare.Recovered, compare.Rebaselined, compare.Added, compare.Removed, compare.Reopened:
			return true
		}
		return false
	})
	// Re-baselines and slips first, what the board acts on; then the rest.
	rank := map[string]int{compare.Rebaselined: 0, compare.Slipped: 1, compare.Reopened: 2, compare.Recovered: 3, compare.Added: 4, compare.Removed: 5, compare.Done: 6}
	var whats []string
	for _, c := range per.Changes.Changes {
		if c.Kind == programme.KindMilestone {
			if _, ok := rank[c.What]; ok {
				whats = append(whats, c.What)
			}
		}
	}
	order := slices.Clone(whats)
	idx := make([]int, len(ms.Rows))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return rank[order[a]] - rank[order[b]] })
	rows := make([][]render.Cell, len(idx))
	for i, j := range idx {
		rows[i] = ms.Rows[j]
	}
	ms.Rows = rows
	intro := "Milestones completed, slipped and re-baselined, from the git history"
	if counts := periodCounts(whats); counts != "" {
		intro += ": " + counts
	}
	out := []render.ReportSection{{Title: title, Level: 2, Intro: intro + ".", Table: ms, Empty: "No milestone was completed, slipped or re-baselined."}}
	capRows(&out[0], more)
	dec := render.ReportSection{Title: "Decisions taken", Level: 3, Table: changeRows(b.P, per.Changes.Changes, programme.KindDecision, func(c compare.Change) bool { return c.What == compare.Added }), Empty: "No decision recorded."}
	capRows(&dec, more)
	risks := render.ReportSection{Title: "Risks raised, closed and moved", Level: 3, Table: changeRows(b.P, per.Changes.Changes, programme.KindRisk, func(c compare.Change) bool {
		switch c.What {
		case compare.Added, compare.Closed, compare.Occurred, compare.Reopened, compare.Rescored, compare.RAGChanged, compare.Removed:
			return true
		}
		return false
	}), Empty: "No risk was raised, closed or re-scored."}
	capRows(&risks, more)
	return append(out, dec, risks)
}

// periodCounts says how many milestones each change befell.
func periodCounts(whats []string) string {
	words := []struct{ what, word string }{
		{compare.Done, "completed"}, {compare.Slipped, "slipped"}, {compare.Rebaselined, "re-baselined"},
		{compare.Recovered, "recovered"}, {compare.Reopened, "re-opened"}, {compare.Added, "added"}, {compare.Removed, "removed"},
	}
	n := map[string]int{}
	for _, w := range whats {
		n[w]++
	}
	var parts []string
	for _, w := range words {
		if n := n[w.what]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, w.word))
		}
	}
	return strings.Join(parts, ", ")
}

// nextPeriod is what falls due before the next board.
func nextPeriod(b Board) render.ReportSection {
	p, asOf := b.P, b.AsOf
	tb := render.Table{Columns: []render.Column{{Header: "ID"}, {Header: "Kind"}, {Header: "Item", Flex: true}, {Header: "Owner"}, {Header: "Date"}}}
	type row struct {
		date  programme.Date
		cells []render.Cell
	}
	var rows []row
	for _, m := range p.Milestones {
		st := p.State(m, asOf)
		if st.Finished() || st.Date > b.Next {
			continue
		}
		what := "milestone"
		if st.Status == programme.StatusOverdue {
			what = "milestone, overdue"
		}
		rows = append(rows, row{st.Date, render.Cells(m.ID, what, m.Title, who(p, m.Owner), st.Date.String())})
	}
	for _, a := range p.Assumptions {
		if a.Unverified() && !a.ValidateBy.IsZero() && a.ValidateBy <= b.Next {
			rows = append(rows, row{a.ValidateBy, render.Cells(a.ID, "assumption to validate", a.Statement, who(p, a.Owner), a.ValidateBy.String())})
		}
	}
	for _, r := range p.Risks {
		if r.Open() && !r.ReviewBy.IsZero() && r.ReviewBy <= b.Next {
			rows = append(rows, row{r.ReviewBy, render.Cells(r.ID, "risk review", r.Title, who(p, r.Owner), r.ReviewBy.String())})
		}
	}
	slices.SortStableFunc(rows, func(x, y row) int { return cmp.Compare(x.date, y.date) })
	for _, r := range rows {
		tb.Rows = append(tb.Rows, r.cells)
	}
	s := render.ReportSection{Title: "Next period: to " + b.Next.String(), Intro: "Milestones due, assumptions to validate and risk reviews due before the next board.", Table: tb, Empty: "Nothing falls due before " + b.Next.String() + "."}
	capRows(&s, ": oco milestones --status due-soon")
	return s
}

// timeline is the chart of phases and milestones.
func timeline(b Board) render.TimelineChart {
	p, plan := b.P, b.Plan
	c := render.TimelineChart{Title: "Timeline: phases and milestones, approved due date against expected date", From: p.Header.Start, To: p.Header.End, AsOf: b.AsOf}
	byPhase := map[string]int{}
	phases := slices.Clone(p.Phases)
	slices.SortStableFunc(phases, func(a, b *programme.Phase) int { return cmp.Compare(a.Start, b.Start) })
	states := map[string]string{}
	for _, ph := range p.Phases {
		if _, ok := states[ph.ID]; !ok {
			states[ph.ID] = p.PhaseStateExpected(ph, b.AsOf, expectedDates(plan)).RAG
		}
	}
	for _, ph := range phases {
		if _, dup := byPhase[ph.ID]; dup {
			continue
		}
		byPhase[ph.ID] = len(c.Rows)
		c.Rows = append(c.Rows, render.TimelineRow{Label: ph.ID + " " + ph.Name, RAG: states[ph.ID], Start: ph.Start, End: ph.End})
	}
	other := -1
	for i, m := range plan.Milestones {
		if m.Due.IsZero() {
			continue
		}
		mk := render.TimelineMark{ID: m.ID, Title: m.Title, Due: m.Due, Expected: plan.Expected[i], Done: m.Done, Critical: plan.Critical[i]}
		for _, d := range []programme.Date{mk.Due, mk.Expected, mk.Done} {
			if !d.IsZero() {
				c.From, c.To = minDate(c.From, d), max(c.To, d)
			}
		}
		k, ok := byPhase[m.Phase]
		if !ok {
			if other < 0 {
				other = len(c.Rows)
				c.Rows = append(c.Rows, render.TimelineRow{Label: "Milestones of no phase"})
			}
			k = other
		}
		c.Rows[k].Marks = append(c.Rows[k].Marks, mk)
	}
	for i := range c.Rows {
		slices.SortStableFunc(c.Rows[i].Marks, func(a, b render.TimelineMark) int { return cmp.Compare(markDate(a), markDate(b)) })
	}
	return c
}

func markDate(m render.TimelineMark) programme.Date {
	if !m.Done.IsZero() {
		return m.Done
	}
	return min(m.Due, m.Expected)
}

func minDate(a, b programme.Date) programme.Date {
	if a.IsZero() {
		return b
	}
	return min(a, b)
}

// heatMap is each open assessed risk on the grid, with where it was at
// the last board.
func heatMap(b Board) render.HeatMapChart {
	p := b.P
	bands := p.RiskBands()
	title := "Risk heat map: open risks by likelihood and impact"
	if b.Period.Old != nil {
		title += ", arrows from their place at " + b.Period.Since
	}
	c := render.HeatMapChart{Title: title, Since: b.Period.Since, AmberAt: bands.Amber, RedAt: bands.Red}
	var old map[string]*programme.Risk
	if b.Period.Old != nil {
		old = map[string]*programme.Risk{}
		for _, r := range b.Period.Old.Risks {
			if _, dup := old[r.ID]; !dup {
				old[r.ID] = r
			}
		}
	}
	for _, r := range p.Risks {
		if !r.Open() || !r.Assessed() {
			continue
		}
		hr := render.HeatRisk{ID: r.ID, Title: r.Title, L: r.Likelihood, I: r.Impact}
		if old != nil {
			if o, ok := old[r.ID]; !ok {
				hr.New = true
			} else if o.Assessed() {
				hr.FromL, hr.FromI = o.Likelihood, o.Impact
			}
		}
		c.Risks = append(c.Risks, hr)
	}
	return c
}

// confidenceChart is the delivery confidence assessments over time.
func confidenceChart(p *programme.Programme, asOf programme.Date) render.ConfidenceChart {
	c := render.ConfidenceChart{Title: "Delivery confidence assessment by board"}
	for _, a := range p.Assessed(asOf) {
		c.Points = append(c.Points, render.ConfidencePoint{Date: a.Date, Rating: a.Rating})
	}
	return c
}

// topRisks are the open red and amber risks, worst first, with their
// movement since the last board.
func topRisks(b Board) render.ReportSection {
	p := b.P
	var open []*programme.Risk
	for _, r := range p.Risks {
		if r.Open() && r.Assessed() && p.RAG(r.Score()) != programme.Green {
			open = append(open, r)
		}
	}
	slices.SortStableFunc(open, func(a, b *programme.Risk) int { return b.Score() - a.Score() })
	var old *programme.Programme
	if b.Period.Old != nil {
		old = b.Period.Old
	}
	tb := render.Table{Columns: []render.Column{{Header: "ID"}, {Header: "Risk", Flex: true}, {Header: "Owner"}, {Header: "L×I"}, {Header: "Score", Align: render.Right}, {Header: "RAG"}, {Header: "Since the last board"}}}
	for _, r := range open {
		move := "no comparison"
		if old != nil {
			move = "new"
			if o := old.Risk(r.ID); o != nil {
				switch {
				case !o.Assessed():
					move = "newly assessed"
				case o.Score() < r.Score():
					move = fmt.Sprintf("up from %d×%d", o.Likelihood, o.Impact)
				case o.Score() > r.Score():
					move = fmt.Sprintf("down from %d×%d", o.Likelihood, o.Impact)
				case o.Likelihood != r.Likelihood:
					move = fmt.Sprintf("moved from %d×%d", o.Likelihood, o.Impact)
				default:
					move = "unchanged"
				}
			}
		}
		row := render.Cells(r.ID, r.Title, who(p, r.Owner), fmt.Sprintf("%d×%d", r.Likelihood, r.Impact), strconv.Itoa(r.Score()), p.RAG(r.Score()))
		if old != nil {
			row = append(row, render.Cell{Text: move})
		}
		tb.Rows = append(tb.Rows, row)
	}
	if old == nil {
		tb.Columns = tb.Columns[:len(tb.Columns)-1]
	}
	s := render.ReportSection{Title: "Top risks", Table: tb, Empty: "No open red or amber risk."}
	if n := len(tb.Rows) - 8; n > 0 {
		s.Table.Rows = s.Table.Rows[:8]
		s.More = fmt.Sprintf("and %d more amber or red: oco risks", n)
	}
	return s
}

var priorityRank = map[string]int{"critical": 0, "high": 1, "medium": 2, "low": 3, "": 4}

// openIssues are the open issues, highest priority first.
func openIssues(b Board) render.ReportSection {
	p := b.P
	var open []*programme.Issue
	for _, i := range p.Issues {
		if i.Open() {
			open = append(open, i)
		}
	}
	slices.SortStableFunc(open, func(a, b *programme.Issue) int { return priorityRank[a.Priority] - priorityRank[b.Priority] })
	tb := render.Table{Columns: []render.Column{{Header: "ID"}, {Header: "Issue", Flex: true}, {Header: "Owner"}, {Header: "Priority"}, {Header: "Resolve by"}}}
	for _, i := range open {
		by := ""
		if !i.ResolveBy.IsZero() {
			by = i.ResolveBy.String()
		}
		tb.Rows = append(tb.Rows, render.Cells(i.ID, i.Title, who(p, i.Owner), cmp.Or(i.Priority, "not set"), by))
	}
	s := render.ReportSection{Title: "Open issues by priority", Table: tb, Empty: "No open issue."}
	capRows(&s, ": oco issues")
	return s
}

// requestsForChange are the approved dates moved in the period with no
// decision to approve them: changes the board is asked to approve.
func requestsForChange(b Board) render.ReportSection {
	s := render.ReportSection{Title: "Requests for change", Intro: "Approved due dates moved this period without a decision: for the board to approve or refuse."}
	if b.Period.Changes == nil {
		s.Intro, s.Empty = "", "Not known without a previous board to compare with."
		return s
	}
	tb := render.Table{Columns: []render.Column{{Header: "ID"}, {Header: "Milestone", Flex: true}, {Header: "Due was"}, {Header: "Due now"}, {Header: "Moved", Align: render.Right}}}
	for _, c := range b.Period.Changes.Changes {
		if c.Kind == programme.KindMilestone && c.What == compare.Rebaselined {
			m := b.P.Milestone(c.ID)
			if c.By == "" || (m != nil && b.Period.Old != nil && b.Period.Old.Milestone(c.ID) != nil && b.Period.Old.Milestone(c.ID).Decision == c.By) {
				tb.Rows = append(tb.Rows, render.Cells(c.ID, c.Title, c.From, c.To, fmt.Sprintf("%+d days", c.Days)))
			}
		}
	}
	s.Table, s.Empty = tb, "No due date moved without a decision."
	capRows(&s, ": oco diff "+b.Period.Since)
	return s
}

// mta is the milestone trend analysis chart of the key milestones: those
// on the critical path and those whose dates moved in the history.
func mta(b Board) render.MTAChart {
	ids := keyMilestones(b)
	r := trend.ReportingOf(b.Period.History, ids)
	c := render.MTAChart{Title: "Milestone trend: forecast of each key milestone at each reporting date", Reports: r.Dates}
	for _, l := range r.Lines {
		c.Lines = append(c.Lines, render.TrendLine{ID: l.ID, Title: l.Title, Dates: l.Dates})
	}
	return c
}

// keyMilestones are the milestones the trend chart follows: every one of
// a small programme; else those not done on the critical path, then those
// whose date moved in the history, up to keyMax.
func keyMilestones(b Board) []string {
	p, plan := b.P, b.Plan
	if len(p.Milestones) <= keyMax {
		var out []string
		for _, m := range p.Milestones {
			out = append(out, m.ID)
		}
		return out
	}
	var out []string
	seen := map[string]bool{}
	keep := func(id string) {
		if !seen[id] && len(out) < keyMax && p.Milestone(id) != nil {
			seen[id] = true
			out = append(out, id)
		}
	}
	for i, m := range plan.Milestones {
		if plan.Critical[i] && m.Done.IsZero() {
			keep(m.ID)
		}
	}
	if len(out) == keyMax {
		return out // reading the whole history's changes would add nothing
	}
	moved := map[string]int{}
	for _, c := range trend.Changes(b.Period.History) {
		if c.What == trend.Slipped || c.What == trend.Rebaselined || c.What == trend.Recovered {
			moved[c.ID]++
		}
	}
	var ms []string
	for id := range moved {
		ms = append(ms, id)
	}
	slices.SortFunc(ms, func(a, b string) int { return cmp.Or(moved[b]-moved[a], strings.Compare(a, b)) })
	for _, id := range ms {
		keep(id)
	}
	// Then the next milestones to fall due, so the chart is never empty.
	next := slices.Clone(p.Milestones)
	slices.SortStableFunc(next, func(a, b *programme.Milestone) int { return cmp.Compare(a.Date(), b.Date()) })
	for _, m := range next {
		if m.Done.IsZero() && m.Date() >= b.AsOf {
			keep(m.ID)
		}
	}
	return out
}

// benefitsAtRisk are the benefits a milestone's date endangers.
func benefitsAtRisk(b Board) render.ReportSection {
	p := b.P
	tb := render.Table{Columns: []render.Column{{Header: "ID"}, {Header: "Benefit", Flex: true}, {Header: "Owner"}, {Header: "By"}, {Header: "Why", Flex: true}}}
	for _, br := range check.BenefitsAtRisk(p, b.Plan, b.AsOf) {
		by := ""
		if !br.Benefit.By.IsZero() {
			by = br.Benefit.By.String()
		}
		tb.Rows = append(tb.Rows, render.Cells(br.Benefit.ID, br.Benefit.Title, who(p, br.Benefit.Owner), by, br.Why))
	}
	s := render.ReportSection{Title: "Benefits at risk", Table: tb, Empty: "No benefit is at risk: every milestone that enables one is expected by the benefit's date."}
	capRows(&s, ": oco validate")
	return s
}

// lessons are the lessons log, newest first.
func lessons(b Board) render.ReportSection {
	p := b.P
	ls := slices.Clone(p.Lessons)
	slices.SortStableFunc(ls, func(a, b *programme.Lesson) int { return cmp.Compare(b.Date, a.Date) })
	tb := render.Table{Columns: []render.Column{{Header: "ID"}, {Header: "Lesson", Flex: true}, {Header: "Owner"}, {Header: "Date"}}}
	for _, l := range ls {
		d := ""
		if !l.Date.IsZero() {
			d = l.Date.String()
		}
		title := l.Title
		if l.Detail != "" {
			title += ": " + cut(oneLine(l.Detail), 160)
		}
		tb.Rows = append(tb.Rows, render.Cells(l.ID, title, who(p, l.Owner), d))
	}
	s := render.ReportSection{Title: "Lessons", Table: tb, Empty: "No lesson recorded."}
	capRows(&s, "")
	return s
}

// trendKeyMax bounds the lines of a trend chart drawn on its own.
const trendKeyMax = 12

// TrendChart is the milestone trend chart of the milestones ids across
// points: those that moved most when there are more than a chart can
// show, then the first named.
func TrendChart(points []trend.Point, ids []string) render.MTAChart {
	if len(ids) > trendKeyMax {
		moved := map[string]int{}
		for _, c := range trend.Changes(points) {
			if c.What == trend.Slipped || c.What == trend.Rebaselined || c.What == trend.Recovered {
				moved[c.ID]++
			}
		}
		order := map[string]int{}
		for i, id := range ids {
			order[id] = i
		}
		ids = slices.Clone(ids)
		slices.SortStableFunc(ids, func(a, b string) int { return cmp.Or(moved[b]-moved[a], order[a]-order[b]) })
		ids = ids[:trendKeyMax]
	}
	r := trend.ReportingOf(points, ids)
	c := render.MTAChart{Title: "Milestone trend: forecast of each milestone at each reporting date", Reports: r.Dates}
	for _, l := range r.Lines {
		c.Lines = append(c.Lines, render.TrendLine{ID: l.ID, Title: l.Title, Dates: l.Dates})
	}
	return c
}

// BoardSummary is what `oco status` shows of the board cycle, the same as
// the report says: each tolerance with its figure and state, exceptions
// first, and the latest delivery confidence assessment with its trend.
type BoardSummary struct {
	Tolerances render.Table
	Confidence string // one sentence
	Rating     string // the latest assessment's rating, "" where none
}

// BoardStatus is the board summary of p on asOf.
func BoardStatus(p *programme.Programme, plan *schedule.Plan, asOf programme.Date) BoardSummary {
	s := BoardSummary{Tolerances: tolerances(p, plan, asOf).Table}
	s.Confidence, s.Rating = confidence(p, plan, asOf)
	return s
}
