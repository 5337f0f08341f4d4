package render

import (
	"bytes"
	"strings"
	"testing"

	"github.com/ocotool/oco/internal/programme"
)

func docDate(s string) programme.Date {
	d, err := programme.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// testGraph has what trips the graph formats up: ids that collide once
// cleaned (M-1, M_1), a keyword (end), quotes, markup and line breaks in
// labels, and a loose group after a boxed one.
func testGraph() Graph {
	return Graph{
		Nodes: []GraphNode{
			{ID: "M-1", Title: `Say "hello"`, Done: true},
			{ID: "M_1", Title: "A <b> & c\nsecond line", Critical: true},
			{ID: "end", Title: "The end", Done: true, Critical: true},
		},
		Groups: []GraphGroup{
			{Boxed: true, ID: "P-1", Name: "Phase #1", Nodes: []int{0, 1}},
			{Nodes: []int{2}},
		},
		Edges: []GraphEdge{
			{From: 0, To: 1, Label: "5d"},
			{From: 1, To: 2, Critical: true},
		},
	}
}

func TestGraphMermaid(t *testing.T) {
	var b bytes.Buffer
	if err := GraphMermaid(&b, testGraph()); err != nil {
		t.Fatal(err)
	}
	golden(t, "graph.mmd.golden", b.Bytes())
}

func TestGraphDOT(t *testing.T) {
	var b bytes.Buffer
	if err := GraphDOT(&b, testGraph()); err != nil {
		t.Fatal(err)
	}
	golden(t, "graph.dot.golden", b.Bytes())
}

func TestMermaidGantt(t *testing.T) {
	c := MermaidChart{Title: "Plan: one; two #3", Sections: []MermaidSection{
		{Name: "P1 Discovery", Tasks: []MermaidTask{
			{ID: "M-1", Name: "M-1 Kick-off", End: docDate("2024-01-10"), Done: true, Red: true},
			{ID: "M.2", Name: "M.2 Build: phase one", Start: docDate("2024-02-01"), End: docDate("2024-03-01"), Red: true},
			{ID: "M-3", Name: "M-3 Same day", Start: docDate("2024-03-05"), End: docDate("2024-03-05")},
		}},
		{Name: "P2 Empty"},
		{Name: "Other milestones", Tasks: []MermaidTask{{ID: "M-9", Name: "M-9 Loose", End: docDate("2024-04-01")}}},
	}}
	var b bytes.Buffer
	if err := MermaidGantt(&b, c); err != nil {
		t.Fatal(err)
	}
	golden(t, "gantt.mmd.golden", b.Bytes())
}

func TestICS(t *testing.T) {
	c := Calendar{Name: "Bury, OCO; plan", ProdID: "-//ocotool//oco test//EN", Stamp: docDate("2024-06-01"), Events: []Event{
		{UID: "M-1@demo.oco", Day: docDate("2024-01-10"), Summary: "M-1 Kick-off", Description: "Status: done (green). Due 2024-01-10.", Category: "P1"},
		{UID: "M-2@demo.oco", Day: docDate("2024-12-31"), Summary: "M-2 " + strings.Repeat("Long title ", 10), Description: "Line one\nline two, with \\ and ;."},
	}}
	var b bytes.Buffer
	if err := ICS(&b, c); err != nil {
		t.Fatal(err)
	}
	golden(t, "calendar.ics.golden", b.Bytes())
}

func testReport() Report {
	tb := Table{Columns: []Column{{Header: "ID"}, {Header: "Score", Align: Right}, {Header: "RAG"}}}
	tb.Rows = append(tb.Rows, Cells("R-1", "20", "red"), Cells("R_2 *x*", "9", "amber"))
	return Report{Title: "Demo: highlight report", Subtitle: "Reporting date 2024-06-01", Headline: "Overall RED: 1 of 2 done <b>.", Overall: "red",
		Sections: []ReportSection{{Title: "Top risks", Table: tb}, {Title: "Recent decisions", Table: Table{Columns: tb.Columns}, Empty: "No decisions recorded."}}}
}

func TestReportMarkdown(t *testing.T) {
	var b bytes.Buffer
	if err := ReportMarkdown(&b, testReport()); err != nil {
		t.Fatal(err)
	}
	golden(t, "report.md.golden", b.Bytes())
}

func TestReportHTML(t *testing.T) {
	var b bytes.Buffer
	if err := ReportHTML(&b, testReport()); err != nil {
		t.Fatal(err)
	}
	golden(t, "report.html.golden", b.Bytes())
}

// The legend names each glyph with the colour its mark has on the chart.
func TestTimelineLegend(t *testing.T) {
	g := Gantt{From: docDate("2024-01-01"), To: docDate("2024-03-31"), Today: docDate("2024-02-15"), Width: 60,
		Rows: []GanttRow{
			{Label: "P1 Discovery", Bar: &Span{Start: docDate("2024-01-01"), End: docDate("2024-02-28"), Style: Cyan}},
			{Label: "M-1 Done", Indent: 1, Marks: []Mark{{Date: docDate("2024-01-20"), Glyph: TimelineDone, Style: Green}}},
			{Label: "M-2 Overdue", Indent: 1, Marks: []Mark{{Date: docDate("2024-02-01"), Glyph: TimelineOverdue, Style: Red, From: docDate("2024-02-15")}}},
		}}
	var b bytes.Buffer
	if err := (Term{Out: &b, Color: true, IsTerminal: true, Width: 60}).Timeline(g); err != nil {
		t.Fatal(err)
	}
	golden(t, "timeline_term60.golden", b.Bytes())
}
