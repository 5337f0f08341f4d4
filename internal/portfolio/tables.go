package portfolio

import (
	"fmt"
	"strconv"

	"github.com/ocotool/oco/internal/programme"
	"github.com/ocotool/oco/internal/render"
	"github.com/ocotool/oco/internal/view"
)

// StatusTable is the roll-up, one row per programme.
func StatusTable(s *Status) render.Table {
	tb := render.Table{Columns: []render.Column{{Header: "PROGRAMME"}, {Header: "NAME", Flex: true}, {Header: "REF"},
		{Header: "RAG"}, {Header: "ASSESSMENT"}, {Header: "END"}, {Header: "EXPECTED END"}, {Header: "DAYS", Align: render.Right},
		{Header: "SLIPS", Align: render.Right}, {Header: "RED RISKS", Align: render.Right}, {Header: "LINKS AT RISK", Align: render.Right}}}
	for _, r := range s.Programmes {
		ref := r.Ref
		if ref == "" {
			ref = "HEAD"
		}
		days := render.Cell{Text: fmt.Sprintf("%+d", r.EndDays)}
		if r.EndDays > 0 {
			days.Style = render.Red
		}
		assess := r.Assessment
		if assess == "" {
			assess = "-"
		}
		tb.Rows = append(tb.Rows, []render.Cell{{Text: r.Programme}, {Text: r.Name}, {Text: ref + " " + r.Commit},
			{Text: r.RAG, Style: render.RAGStyle(r.RAG)}, {Text: assess}, {Text: r.End.String()}, {Text: r.ExpectedEnd.String()}, days,
			{Text: strconv.Itoa(r.Slips)}, {Text: strconv.Itoa(r.RedRisks)}, {Text: strconv.Itoa(r.LinksAtRisk)}})
	}
	return tb
}

// StatusCSV is the roll-up under the JSON field names.
func StatusCSV(s *Status) render.Table {
	tb := render.Table{}
	for _, h := range []string{"programme", "name", "ref", "commit", "rag", "assessment", "end", "expected_end", "end_days", "slips", "red_risks", "links_at_risk"} {
		tb.Columns = append(tb.Columns, render.Column{Header: h})
	}
	for _, r := range s.Programmes {
		tb.Rows = append(tb.Rows, render.Cells(r.Programme, r.Name, r.Ref, r.Commit, r.RAG, r.Assessment, r.End.String(), r.ExpectedEnd.String(),
			strconv.Itoa(r.EndDays), strconv.Itoa(r.Slips), strconv.Itoa(r.RedRisks), strconv.Itoa(r.LinksAtRisk)))
	}
	return tb
}

// MovesTable lists the links to pinned programmes whose date moved.
func MovesTable(moves []Move) render.Table {
	tb := render.Table{Columns: []render.Column{{Header: "MILESTONE"}, {Header: "DEPENDS ON"}, {Header: "PINNED"}, {Header: "DATE THEN"},
		{Header: "DATE NOW"}, {Header: "DAYS", Align: render.Right}}}
	for _, mv := range moves {
		if !mv.Moved() {
			continue
		}
		then, days := mv.PinnedAt.String(), ""
		if mv.Missing != "" {
			then = "-"
		} else {
			days = fmt.Sprintf("%+d", mv.Now.Sub(mv.PinnedAt))
		}
		tb.Rows = append(tb.Rows, render.Cells(mv.Successor, mv.Pred, short(mv.Pinned), then, mv.Now.String(), days))
	}
	return tb
}

// Report is the portfolio's highlight report: the roll-up, the critical
// path across programmes, moved pins and the findings.
func Report(s *Status, moves []Move, fs []programme.Finding) render.Report {
	overall := programme.Green
	for _, r := range s.Programmes {
		overall = programme.WorseRAG(overall, r.RAG)
	}
	ft := render.Table{Columns: []render.Column{{Header: "Where"}, {Header: "Severity"}, {Header: "Finding"}, {Header: "Rule"}}}
	for _, f := range fs {
		ft.Rows = append(ft.Rows, render.Cells(f.Pos.String(), f.Severity.String(), f.Message, f.Rule))
	}
	return render.Report{
		Title:    s.Name,
		Subtitle: fmt.Sprintf("Portfolio %s, as of %s: %s", s.Portfolio, s.AsOf, programme.Plural(len(s.Programmes), "programme")),
		Headline: fmt.Sprintf("Overall %s; %d errors, %d warnings", overall, s.Findings["errors"], s.Findings["warnings"]),
		Overall:  overall,
		Sections: []render.ReportSection{
			{Title: "Programmes", Table: StatusTable(s), Empty: "No programmes."},
			{Title: "Critical path across programmes", Table: view.CriticalPathTable(s.CriticalPath), Empty: "No milestones."},
			{Title: "Upstream moved since pinned", Table: MovesTable(moves), Empty: "No pinned date has moved."},
			{Title: "Findings", Table: ft, Empty: "No findings."},
		},
	}
}

// MoveRecord is one link to a pinned programme, as `oco upstream status
// -o json` prints it.
type MoveRecord struct {
	Milestone  string         `json:"milestone" yaml:"milestone"`
	DependsOn  string         `json:"depends_on" yaml:"depends_on"`
	Pinned     string         `json:"pinned" yaml:"pinned"`
	DatePinned programme.Date `json:"date_pinned" yaml:"date_pinned"`
	Commit     string         `json:"commit" yaml:"commit"`
	DateNow    programme.Date `json:"date_now" yaml:"date_now"`
	Days       int            `json:"days" yaml:"days"`
	Moved      bool           `json:"moved" yaml:"moved"`
	Note       string         `json:"note,omitempty" yaml:"note,omitempty"`
}

// MovesView is every link to a pinned programme, moved or not: the
// records, the table people read, and the CSV.
func MovesView(moves []Move) (records []MoveRecord, tb, csv render.Table) {
	tb = render.Table{Columns: []render.Column{{Header: "MILESTONE"}, {Header: "DEPENDS ON"}, {Header: "PINNED"}, {Header: "DATE THEN"},
		{Header: "NOW"}, {Header: "DATE NOW"}, {Header: "DAYS", Align: render.Right}}}
	for _, h := range []string{"milestone", "depends_on", "pinned", "date_pinned", "commit", "date_now", "days", "moved"} {
		csv.Columns = append(csv.Columns, render.Column{Header: h})
	}
	records = []MoveRecord{}
	for _, mv := range moves {
		r := MoveRecord{Milestone: mv.Successor, DependsOn: mv.Pred, Pinned: mv.Pinned, DatePinned: mv.PinnedAt, Commit: mv.Commit,
			DateNow: mv.Now, Moved: mv.Moved(), Note: mv.Missing}
		if mv.Missing == "" {
			r.Days = mv.Now.Sub(mv.PinnedAt)
		}
		records = append(records, r)
		days := render.Cell{Text: fmt.Sprintf("%+d", r.Days)}
		if r.Moved {
			days.Style = render.Red
		}
		then := r.DatePinned.String()
		if mv.Missing != "" {
			then, days.Text = "-", mv.Missing
		}
		tb.Rows = append(tb.Rows, []render.Cell{{Text: r.Milestone}, {Text: r.DependsOn}, {Text: short(r.Pinned)}, {Text: then},
			{Text: short(r.Commit)}, {Text: r.DateNow.String()}, days})
		csv.Rows = append(csv.Rows, render.Cells(r.Milestone, r.DependsOn, r.Pinned, r.DatePinned.String(), r.Commit, r.DateNow.String(),
			strconv.Itoa(r.Days), strconv.FormatBool(r.Moved)))
	}
	return records, tb, csv
}
