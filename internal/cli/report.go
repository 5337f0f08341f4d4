package cli

import (
	"cmp"
	"fmt"
	"html/template"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/ocotool/oco/internal/programme"
	"github.com/ocotool/oco/internal/render"
)

type reportOptions struct {
	format string
}

func newReportCmd(g *globals) *cobra.Command {
	o := &reportOptions{}
	cmd := &cobra.Command{
		Use:     "report",
		GroupID: "git",
		Short:   "Write a highlight report for the programme board",
		Long: `Write a highlight report for the board: a headline, the RAG summary, the
phases with their progress, milestones overdue and due soon, slips against
the approved plan, the top risks and the recent decisions.

--format markdown suits a wiki or a pull request; --format html is one
self-contained page (no scripts, no external files) to print or send.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runReport(g, o) },
	}
	cmd.Flags().StringVar(&o.format, "format", "markdown", "output format: markdown|html")
	return cmd
}

// highlight is a report independent of how it is written out.
type highlight struct {
	Title    string
	Subtitle string
	Headline string
	Overall  string // the programme's RAG
	Sections []reportSection
}

type reportSection struct {
	Title string
	Table render.Table
	Empty string
}

func runReport(g *globals, o *reportOptions) error {
	format := o.format
	if format == "md" {
		format = "markdown"
	}
	if format != "markdown" && format != "html" {
		return usageError("--format %q: must be markdown or html", o.format)
	}
	s, err := g.load()
	if err != nil {
		return err
	}
	h := buildHighlight(s)
	if format == "html" {
		return reportHTML(g.env.Out, h)
	}
	return reportMarkdown(g.env.Out, h)
}

func buildHighlight(s *session) *highlight {
	p, asOf := s.p, s.asOf
	fs := s.findings()
	d := buildDashboard(s, s.plan(), fs)
	name := p.Header.Name
	if name == "" {
		name = p.Header.ID
	}
	h := &highlight{Title: name + ": highlight report", Subtitle: fmt.Sprintf("Reporting date %s · programme %s to %s", asOf, p.Header.Start, p.Header.End)}

	// The RAG summary: open milestones by rating, open risks by rating.
	mRAG := map[string]int{}
	done := 0
	var slips []*programme.Milestone
	for _, m := range p.Milestones {
		st := p.State(m, asOf)
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
	switch {
	case mRAG[programme.Red] > 0 || rRAG[programme.Red] > 0:
		h.Overall = programme.Red
	case mRAG[programme.Amber] > 0 || rRAG[programme.Amber] > 0:
		h.Overall = programme.Amber
	default:
		h.Overall = programme.Green
	}
	var news []string
	news = append(news, fmt.Sprintf("%d of %d milestones done", done, len(p.Milestones)))
	if n := len(d.Overdue); n > 0 {
		news = append(news, programme.Plural(n, "milestone")+" overdue")
	}
	if n := len(slips); n > 0 {
		news = append(news, programme.Plural(n, "milestone")+" forecast late")
	}
	if n := rRAG[programme.Red]; n > 0 {
		news = append(news, programme.Plural(n, "red risk"))
	}
	if ph := p.Phase(d.CurrentPhase); ph != nil {
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
	h.add("RAG summary", ragTable, "")

	phases := render.Table{Columns: []render.Column{{Header: "Phase"}, {Header: "Name"}, {Header: "Window"}, {Header: "Done", Align: render.Right}, {Header: "Progress"}, {Header: "RAG"}}}
	for _, ph := range d.Phases {
		nm := ph.Name
		if ph.ID == d.CurrentPhase {
			nm += " (current)"
		}
		phases.Rows = append(phases.Rows, render.Cells(ph.ID, nm, ph.Start.String()+" to "+ph.End.String(),
			fmt.Sprintf("%d/%d", ph.Done, ph.Total), render.Bar(ph.Done, ph.Total, 10), ph.RAG))
	}
	h.add("Phases", phases, "No phases.")

	ms := func(lines []milestoneLine, last string, cell func(milestoneLine) string) render.Table {
		tb := render.Table{Columns: []render.Column{{Header: "ID"}, {Header: "Milestone"}, {Header: "Owner"}, {Header: "Date"}, {Header: last}}}
		for _, m := range lines {
			tb.Rows = append(tb.Rows, render.Cells(m.ID, m.Title, m.Owner, m.Date.String(), cell(m)))
		}
		return tb
	}
	h.add("Overdue", ms(d.Overdue, "Late", func(m milestoneLine) string { return programme.Plural(-m.Days, "day") }), "Nothing overdue.")
	h.add(fmt.Sprintf("Due in the next %d days", p.Tolerances().DueSoonDays), ms(d.DueSoon, "Left", func(m milestoneLine) string { return programme.Plural(m.Days, "day") }), "Nothing due soon.")

	slices.SortStableFunc(slips, func(a, b *programme.Milestone) int { return cmp.Compare(b.Date().Sub(b.Due), a.Date().Sub(a.Due)) })
	st := render.Table{Columns: []render.Column{{Header: "ID"}, {Header: "Milestone"}, {Header: "Due"}, {Header: "Forecast"}, {Header: "Slip", Align: render.Right}, {Header: "RAG"}}}
	for _, m := range slips {
		stt := p.State(m, asOf)
		st.Rows = append(st.Rows, render.Cells(m.ID, m.Title, m.Due.String(), m.Date().String(), programme.Plural(stt.Slip, "day"), stt.RAG))
	}
	h.add("Slips against the approved plan", st, "No milestone is forecast after its due date.")

	rt := render.Table{Columns: []render.Column{{Header: "ID"}, {Header: "Risk"}, {Header: "Owner"}, {Header: "Score", Align: render.Right}, {Header: "RAG"}}}
	for i, r := range d.Risks {
		if i == 5 {
			break
		}
		rt.Rows = append(rt.Rows, render.Cells(r.ID, r.Title, r.Owner, strconv.Itoa(r.Score), r.RAG))
	}
	h.add("Top risks", rt, "No red or amber risks.")

	decisions := slices.Clone(p.Decisions)
	slices.SortStableFunc(decisions, func(a, b *programme.Decision) int { return cmp.Compare(b.Date, a.Date) })
	dt := render.Table{Columns: []render.Column{{Header: "ID"}, {Header: "Date"}, {Header: "By"}, {Header: "Decision"}}}
	for i, dec := range decisions {
		if i == 5 {
			break
		}
		dt.Rows = append(dt.Rows, render.Cells(dec.ID, dec.Date.String(), dec.By, dec.Title))
	}
	h.add("Recent decisions", dt, "No decisions recorded.")

	e, w := programme.Count(fs)
	chk := render.Table{Columns: []render.Column{{Header: "Errors", Align: render.Right}, {Header: "Warnings", Align: render.Right}}}
	chk.Rows = append(chk.Rows, render.Cells(strconv.Itoa(e), strconv.Itoa(w)))
	h.add("Checks (oco validate)", chk, "")
	return h
}

func (h *highlight) add(title string, tb render.Table, empty string) {
	h.Sections = append(h.Sections, reportSection{Title: title, Table: tb, Empty: empty})
}

func reportMarkdown(out io.Writer, h *highlight) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n%s\n\n**%s**\n", markdownText(h.Title), markdownText(h.Subtitle), markdownText(h.Headline))
	for _, sec := range h.Sections {
		fmt.Fprintf(&b, "\n## %s\n\n", markdownText(sec.Title))
		if len(sec.Table.Rows) == 0 {
			fmt.Fprintf(&b, "%s\n", markdownText(sec.Empty))
			continue
		}
		if err := render.Markdown(&b, sec.Table); err != nil {
			return err
		}
	}
	_, err := io.WriteString(out, b.String())
	return err
}

// reportPage is one page with its style inline: the report is sent and
// printed, so it must not depend on any other file.
var reportPage = template.Must(template.New("report").Funcs(template.FuncMap{
	"rag": func(s string) string {
		switch s {
		case programme.Red, programme.Amber, programme.Green:
			return s
		}
		return ""
	},
	"right": func(c render.Column) bool { return c.Align == render.Right },
	// class styles a cell: its rating's colour, or right-aligned numbers.
	"class": func(tb render.Table, i int, text string) string {
		switch text {
		case programme.Red, programme.Amber, programme.Green:
			return text
		}
		if i < len(tb.Columns) && tb.Columns[i].Align == render.Right {
			return "num"
		}
		return ""
	},
}).Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{{.Title}}</title>
<style>
body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 60em; color: #222; }
h1 { margin-bottom: 0.2em; }
.sub { color: #666; margin-top: 0; }
.headline { font-size: 1.2em; padding: 0.6em 1em; border-left: 0.5em solid #999; background: #f6f6f6; }
.headline.red { border-color: #c62828; } .headline.amber { border-color: #ef8f00; } .headline.green { border-color: #2e7d32; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; }
th, td { border-bottom: 1px solid #ddd; padding: 0.3em 0.8em; text-align: left; vertical-align: top; }
th { background: #f0f0f0; }
td.num, th.num { text-align: right; }
td.red { background: #ffcdd2; } td.amber { background: #ffe0b2; } td.green { background: #c8e6c9; }
.empty { color: #666; font-style: italic; }
</style>
</head>
<body>
<h1>{{.Title}}</h1>
<p class="sub">{{.Subtitle}}</p>
<p class="headline {{rag .Overall}}">{{.Headline}}</p>
{{range $sec := .Sections}}<h2>{{.Title}}</h2>
{{if .Table.Rows}}<table>
<tr>{{range .Table.Columns}}<th{{if right .}} class="num"{{end}}>{{.Header}}</th>{{end}}</tr>
{{range $row := .Table.Rows}}<tr>{{range $i, $cell := $row}}<td{{with class $sec.Table $i $cell.Text}} class="{{.}}"{{end}}>{{$cell.Text}}</td>{{end}}</tr>
{{end}}</table>
{{else}}<p class="empty">{{.Empty}}</p>
{{end}}{{end}}</body>
</html>
`))

func reportHTML(out io.Writer, h *highlight) error {
	return reportPage.Execute(out, h)
}
