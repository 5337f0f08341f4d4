package view

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/ocotool/oco/internal/programme"
	"github.com/ocotool/oco/internal/render"
	"github.com/ocotool/oco/internal/schedule"
)

// Board is what the highlight report takes from the dashboard (`oco
// status`), so that both say the same of the phases, the milestones overdue
// and due soon, and the risks.
type Board struct {
	CurrentPhase     string
	Phases           []BoardPhase
	Overdue, DueSoon []BoardMilestone // Days: left, negative when late
	Risks            []BoardRisk      // open red and amber risks, worst first
}

// BoardPhase is a phase's progress and rating.
type BoardPhase struct {
	ID, Name    string
	Start, End  programme.Date
	Done, Total int
	RAG         string
}

// BoardMilestone is a milestone overdue or due soon.
type BoardMilestone struct {
	ID, Title, Owner string
	Date             programme.Date
	Days             int
}

// BoardRisk is an open red or amber risk.
type BoardRisk struct {
	ID, Title, Owner string
	Score            int
	RAG              string
}

// Highlight is the board's highlight report: a headline, the RAG summary,
// the phases with their progress, milestones overdue and due soon, slips
// against the approved plan, the top risks, the recent decisions and the
// checks' counts.
func Highlight(p *programme.Programme, asOf programme.Date, fs []programme.Finding, b Board) render.Report {
	return HighlightPlanned(p, nil, asOf, fs, b)
}

// HighlightPlanned is Highlight with the schedule, so that milestones are
// rated where plan expects them to land, as every other view rates them
// (SPEC section 4); nil rates them by their own dates.
func HighlightPlanned(p *programme.Programme, plan *schedule.Plan, asOf programme.Date, fs []programme.Finding, b Board) render.Report {
	name := p.Header.Name
	if name == "" {
		name = p.Header.ID
	}
	h := render.Report{Title: name + ": highlight report", Subtitle: fmt.Sprintf("Reporting date %s · programme %s to %s", asOf, p.Header.Start, p.Header.End)}
	add := func(title string, tb render.Table, empty string) {
		h.Sections = append(h.Sections, render.ReportSection{Title: title, Table: tb, Empty: empty})
	}

	// The RAG summary: open milestones by rating, open risks by rating.
	mRAG := map[string]int{}
	done := 0
	var slips []*programme.Milestone
	for i, m := range p.Milestones {
		st := MilestoneState(p, plan, i, asOf)
		if st.Status == programme.StatusDone || st.Status == programme.StatusLate {
			done++
			continue
		}
		mRAG[st.RAG]++
		if st.Slip > 0 {
			slips = append(slips, m)
		}
	}
	rRAG := map[string]int{}
	for _, r := range p.Risks {
		if r.Open() {
			rRAG[cmp.Or(p.RAG(r.Score()), "unassessed")]++
		}
	}
	h.Overall = p.RatingExpected(asOf, expectedDates(plan))
	var news []string
	news = append(news, fmt.Sprintf("%d of %d milestones done", done, len(p.Milestones)))
	if n := len(b.Overdue); n > 0 {
		news = append(news, programme.Plural(n, "milestone")+" overdue")
	}
	if n := len(slips); n > 0 {
		news = append(news, programme.Plural(n, "milestone")+" forecast late")
	}
	if n := rRAG[programme.Red]; n > 0 {
		news = append(news, programme.Plural(n, "red risk"))
	}
	if ph := p.Phase(b.CurrentPhase); ph != nil {
		news = append(news, "current phase "+ph.ID+" "+ph.Name)
	}
	h.Headline = fmt.Sprintf("Overall %s: %s.", strings.ToUpper(h.Overall), strings.Join(news, "; "))

	ragTable := render.Table{Columns: []render.Column{{Header: "Rating"}, {Header: "Open milestones", Align: render.Right}, {Header: "Open risks", Align: render.Right}}}
	for _, rag := range []string{programme.Red, programme.Amber, programme.Green} {
		ragTable.Rows = append(ragTable.Rows, render.Cells(rag, strconv.Itoa(mRAG[rag]), strconv.Itoa(rRAG[rag])))
	}
	if n := rRAG["unassessed"]; n > 0 {
		ragTable.Rows = append(ragTable.Rows, render.Cells("not assessed", "", strconv.Itoa(n)))
	}
	add("RAG summary", ragTable, "")

	phases := render.Table{Columns: []render.Column{{Header: "Phase"}, {Header: "Name"}, {Header: "Window"}, {Header: "Done", Align: render.Right}, {Header: "Progress"}, {Header: "RAG"}}}
	for _, ph := range b.Phases {
		nm := ph.Name
		if ph.ID == b.CurrentPhase {
			nm += " (current)"
		}
		phases.Rows = append(phases.Rows, render.Cells(ph.ID, nm, ph.Start.String()+" to "+ph.End.String(),
			fmt.Sprintf("%d/%d", ph.Done, ph.Total), render.Bar(ph.Done, ph.Total, 10), ph.RAG))
	}
	add("Phases", phases, "No phases.")

	ms := func(lines []BoardMilestone, last string, cell func(BoardMilestone) string) render.Table {
		tb := render.Table{Columns: []render.Column{{Header: "ID"}, {Header: "Milestone"}, {Header: "Owner"}, {Header: "Date"}, {Header: last}}}
		for _, m := range lines {
			tb.Rows = append(tb.Rows, render.Cells(m.ID, m.Title, m.Owner, m.Date.String(), cell(m)))
		}
		return tb
	}
	add("Overdue", ms(b.Overdue, "Late", func(m BoardMilestone) string { return programme.Plural(-m.Days, "day") }), "Nothing overdue.")
	add(fmt.Sprintf("Due in the next %d days", p.Tolerances().DueSoonDays), ms(b.DueSoon, "Left", func(m BoardMilestone) string { return programme.Plural(m.Days, "day") }), "Nothing due soon.")

	slices.SortStableFunc(slips, func(a, b *programme.Milestone) int { return cmp.Compare(b.Date().Sub(b.Due), a.Date().Sub(a.Due)) })
	st := render.Table{Columns: []render.Column{{Header: "ID"}, {Header: "Milestone"}, {Header: "Due"}, {Header: "Forecast"}, {Header: "Slip", Align: render.Right}, {Header: "RAG"}}}
	for _, m := range slips {
		stt := MilestoneState(p, plan, slices.Index(p.Milestones, m), asOf)
		st.Rows = append(st.Rows, render.Cells(m.ID, m.Title, m.Due.String(), m.Date().String(), programme.Plural(stt.Slip, "day"), stt.RAG))
	}
	add("Slips against the approved plan", st, "No milestone is forecast after its due date.")

	rt := render.Table{Columns: []render.Column{{Header: "ID"}, {Header: "Risk"}, {Header: "Owner"}, {Header: "Score", Align: render.Right}, {Header: "RAG"}}}
	for i, r := range b.Risks {
		if i == 5 {
			break
		}
		rt.Rows = append(rt.Rows, render.Cells(r.ID, r.Title, r.Owner, strconv.Itoa(r.Score), r.RAG))
	}
	add("Top risks", rt, "No red or amber risks.")

	decisions := slices.Clone(p.Decisions)
	slices.SortStableFunc(decisions, func(a, b *programme.Decision) int { return cmp.Compare(b.Date, a.Date) })
	dt := render.Table{Columns: []render.Column{{Header: "ID"}, {Header: "Date"}, {Header: "By"}, {Header: "Decision"}}}
	for i, dec := range decisions {
		if i == 5 {
			break
		}
		dt.Rows = append(dt.Rows, render.Cells(dec.ID, dec.Date.String(), dec.By, dec.Title))
	}
	add("Recent decisions", dt, "No decisions recorded.")

	e, w := programme.Count(fs)
	chk := render.Table{Columns: []render.Column{{Header: "Errors", Align: render.Right}, {Header: "Warnings", Align: render.Right}}}
	chk.Rows = append(chk.Rows, render.Cells(strconv.Itoa(e), strconv.Itoa(w)))
	add("Checks (oco validate)", chk, "")
	return h
}
