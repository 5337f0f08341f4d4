package render

import (
	"fmt"
	"html/template"
	"io"
	"strings"
	"sync"

	"github.com/ocotool/oco/internal/programme"
)

// Report is a document for people who do not run oco, such as the board's
// highlight report: a headline, then titled sections, each a table, a
// chart, or both.
type Report struct {
	Title    string
	Subtitle string
	Headline string
	Overall  string // red, amber or green: the headline's colour
	// Confidence is the latest delivery confidence assessment and its
	// trend, in one sentence; ConfidenceRating its rating, for colour.
	Confidence       string
	ConfidenceRating string
	Sections         []ReportSection
}

// ReportSection is a chart, a table, or when neither has anything the line
// Empty. Level 3 is a subsection of the section before it.
type ReportSection struct {
	Title string
	Level int
	Intro string // a sentence before the table
	Chart Chart
	Table Table
	Empty string
	More  string // said after a table cut short: "and 12 more: oco diff board-5"
	// Half lets the section sit beside another half on a wide page.
	Half bool
}

// ReportMarkdown writes r as markdown, for a wiki or a pull request: the
// same content, each chart given by its text alternative.
func ReportMarkdown(w io.Writer, r Report) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n%s\n\n**%s**\n", markdownInline(r.Title), markdownInline(r.Subtitle), markdownInline(r.Headline))
	if r.Confidence != "" {
		fmt.Fprintf(&b, "\n%s\n", markdownInline(r.Confidence))
	}
	for _, sec := range r.Sections {
		hashes := "##"
		if sec.Level == 3 {
			hashes = "###"
		}
		fmt.Fprintf(&b, "\n%s %s\n\n", hashes, markdownInline(sec.Title))
		if sec.Intro != "" {
			fmt.Fprintf(&b, "%s\n\n", markdownInline(sec.Intro))
		}
		if sec.Chart != nil {
			fmt.Fprintf(&b, "_%s_\n", markdownInline(sec.Chart.Alt()))
			if len(sec.Table.Rows) == 0 && sec.Empty == "" {
				continue
			}
			b.WriteString("\n")
		}
		if len(sec.Table.Rows) == 0 {
			fmt.Fprintf(&b, "%s\n", markdownInline(sec.Empty))
			continue
		}
		if err := Markdown(&b, sec.Table); err != nil {
			return err
		}
		if sec.More != "" {
			fmt.Fprintf(&b, "\n%s\n", markdownInline(sec.More))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// markdownInline keeps text from being read as markdown markup.
var markdownInline = strings.NewReplacer("\\", "\\\\", "*", "\\*", "_", "\\_", "`", "\\`", "<", "&lt;", ">", "&gt;", "[", "\\[", "|", "\\|").Replace

// ReportHTML writes r as one page with its style inline, to print or send.
func ReportHTML(w io.Writer, r Report) error {
	type section struct {
		ReportSection
		SVG  template.HTML
		Keep bool
	}
	page := struct {
		Report
		Sections []section
	}{Report: r}
	for _, s := range r.Sections {
		sec := section{ReportSection: s, Keep: len(s.Table.Rows) <= 12}
		if s.Chart != nil {
			svg, err := s.Chart.SVG()
			if err != nil {
				return err
			}
			sec.SVG = svg
		}
		page.Sections = append(page.Sections, sec)
	}
	return reportPage().Execute(w, page)
}

// ratingClass is the class that colours a cell holding a rating.
func ratingClass(s string) string {
	switch s {
	case programme.Red, programme.Amber, programme.Green:
		return s
	case programme.DCAAmberGreen, programme.DCAAmberRed:
		return s
	case "exception":
		return "red"
	}
	return ""
}

// reportPage is one page with its style inline: the report is sent and
// printed, so it must not depend on any other file. Its policy forbids
// every request, so that nothing in it can reach a network.
var reportPage = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("report").Funcs(template.FuncMap{
		"rag":      ratingClass,
		"chartCSS": func() template.CSS { return template.CSS(chartCSS) },
		"right":    func(c Column) bool { return c.Align == Right },
		// class styles a cell: its rating's colour, or right-aligned numbers.
		"class": func(tb Table, i int, text string) string {
			if c := ratingClass(text); c != "" {
				return c
			}
			if i < len(tb.Columns) && tb.Columns[i].Align == Right {
				return "num"
			}
			if i < len(tb.Columns) && !tb.Columns[i].Flex && i == 0 {
				return "id"
			}
			// A date is never broken across lines: "2017-07-\n07" misreads.
			if _, err := programme.ParseDate(text); err == nil {
				return "id"
			}
			return ""
		},
	}).Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<style>
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; margin: 1.5em auto; max-width: 64em; color: #222; font-size: 14px; line-height: 1.35; }
h1 { font-size: 1.6em; margin: 0 0 0.1em; }
h2 { font-size: 1.15em; margin: 1.1em 0 0.3em; border-bottom: 1px solid #bbb; }
h3 { font-size: 1em; margin: 0.7em 0 0.2em; }
.sub { color: #555; margin: 0 0 0.5em; }
.headline { font-size: 1.1em; padding: 0.4em 0.8em; border-left: 0.5em solid #999; background: #f4f4f4; margin: 0.3em 0; }
.headline.red { border-color: #b2182b; } .headline.amber { border-color: #e08214; } .headline.green { border-color: #1b7837; }
.confidence { margin: 0.3em 0; padding: 0.2em 0.8em; border-left: 0.5em solid #999; }
.confidence.red { border-color: #b2182b; } .confidence.amber-red { border-color: #d6604d; } .confidence.amber { border-color: #e08214; } .confidence.amber-green { border-color: #a6d96a; } .confidence.green { border-color: #1b7837; }
table { border-collapse: collapse; margin: 0.2em 0 0.4em; width: 100%; }
th, td { border-bottom: 1px solid #ddd; padding: 0.15em 0.5em; text-align: left; vertical-align: top; }
th { background: #eee; font-weight: 600; }
td.num, th.num { text-align: right; white-space: nowrap; }
td.id { white-space: nowrap; }
td.red { background: #f4c7c3; } td.amber { background: #fde0b6; } td.green { background: #d5ecd4; }
td.amber-green { background: #e6f2c4; } td.amber-red { background: #f8d0b0; }
.empty, .more, .intro { color: #555; margin: 0.2em 0; }
.empty { font-style: italic; }
section.half { display: inline-block; width: 48.5%; vertical-align: top; margin-right: 1%; }
{{chartCSS}}
@page { size: A4; margin: 11mm 12mm; }
@media print {
  body { margin: 0; max-width: none; font-size: 8pt; line-height: 1.25; }
  h1 { font-size: 14pt; } h2 { font-size: 10.5pt; margin-top: 0.7em; } h3 { font-size: 9pt; margin-top: 0.5em; }
  h1, h2, h3 { break-after: avoid; page-break-after: avoid; }
  section.keep, tr, svg.chart { break-inside: avoid; page-break-inside: avoid; }
  td, th { padding: 0.05em 0.4em; }
  .headline { font-size: 9.5pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
</style>
</head>
<body>
<header>
<h1>{{.Title}}</h1>
<p class="sub">{{.Subtitle}}</p>
<p class="headline {{rag .Overall}}">{{.Headline}}</p>
{{with .Confidence}}<p class="confidence {{rag $.ConfidenceRating}}">{{.}}</p>{{end}}
</header>
{{range $sec := .Sections}}<section class="{{if .Keep}}keep{{end}}{{if .Half}} half{{end}}">
{{if eq .Level 3}}<h3>{{.Title}}</h3>{{else}}<h2>{{.Title}}</h2>{{end}}
{{with .Intro}}<p class="intro">{{.}}</p>
{{end}}{{with .SVG}}{{.}}
{{end}}{{if .Table.Rows}}<table>
<tr>{{range .Table.Columns}}<th{{if right .}} class="num"{{end}}>{{.Header}}</th>{{end}}</tr>
{{range $row := .Table.Rows}}<tr>{{range $i, $cell := $row}}<td{{with class $sec.Table $i $cell.Text}} class="{{.}}"{{end}}>{{$cell.Text}}</td>{{end}}</tr>
{{end}}</table>
{{with .More}}<p class="more">{{.}}</p>
{{end}}{{else if .Empty}}<p class="empty">{{.Empty}}</p>
{{end}}</section>
{{end}}</body>
</html>
`))
})

// chartCSS styles the charts, in a page or in an SVG file of their own.
const chartCSS = `svg.chart { max-width: 100%; height: auto; display: block; font-family: inherit; }
svg .row { fill: none; stroke: #eee; }
svg .band { fill: #ececec; stroke: #bbb; }
svg .band.rag-red { fill: #f6d3cf; } svg .band.rag-amber { fill: #fbe6c8; } svg .band.rag-green { fill: #dcefdb; }
svg .grid { stroke: #ddd; stroke-width: 0.5; }
svg text { font-size: 9px; fill: #333; }
svg .rowlabel { font-size: 9px; }
svg .axis, svg .legend, svg .asoflabel { font-size: 8px; fill: #444; }
svg .axistitle { font-size: 9px; fill: #222; }
svg .vertical { writing-mode: vertical-rl; }
svg .ms { stroke-width: 1.2; }
svg .ms.due { fill: #fff; stroke: #0072b2; }
svg .ms.exp { fill: #0072b2; stroke: #0072b2; }
svg .ms.done { fill: none; stroke: #333; stroke-width: 1.6; }
svg .ms.crit.due { stroke: #d55e00; } svg .ms.crit.exp { fill: #d55e00; stroke: #000; }
svg .slip { stroke: #0072b2; stroke-width: 1; } svg .slip.crit { stroke: #d55e00; }
svg .asof { stroke: #000; stroke-width: 1.2; stroke-dasharray: 4 2; }
svg .cell { stroke: #fff; stroke-width: 2; }
svg .cell.rag-red { fill: #f4a09a; } svg .cell.rag-amber { fill: #fcd19c; } svg .cell.rag-green { fill: #b8dfb5; }
svg .cellmark { font-size: 7px; fill: #555; }
svg .risk { fill: #fff; stroke: #222; stroke-width: 1.2; } svg .risk.new { stroke-dasharray: 2 1.5; }
svg .risklabel { font-size: 6.5px; fill: #000; }
svg .was { fill: none; stroke: #222; stroke-dasharray: 1.5 1.5; }
svg .move { stroke: #222; stroke-width: 1.3; } svg .arrowhead { fill: #222; }
svg .plot { fill: #fafafa; stroke: #999; }
svg .diag { stroke: #000; stroke-width: 1; stroke-dasharray: 5 3; }
svg .trend.line { fill: none; stroke-width: 1.5; }
svg .trend.pt { stroke-width: 1; }
svg .s0 { stroke: #0072b2; fill: #0072b2; } svg .s1 { stroke: #d55e00; fill: #d55e00; } svg .s2 { stroke: #009e73; fill: #009e73; } svg .s3 { stroke: #cc79a7; fill: #cc79a7; }
svg .s4 { stroke: #e69f00; fill: #e69f00; } svg .s5 { stroke: #56b4e9; fill: #56b4e9; } svg .s6 { stroke: #000; fill: #000; } svg .s7 { stroke: #999; fill: #999; }
svg .trend.line.s0, svg .trend.line.s1, svg .trend.line.s2, svg .trend.line.s3, svg .trend.line.s4, svg .trend.line.s5, svg .trend.line.s6, svg .trend.line.s7 { fill: none; }
svg .level { stroke: #fff; } svg .level.dca-green { fill: #d5ecd4; } svg .level.dca-amber-green { fill: #e6f2c4; } svg .level.dca-amber { fill: #fde0b6; } svg .level.dca-amber-red { fill: #f8d0b0; } svg .level.dca-red { fill: #f4c7c3; }
svg .dcaline { fill: none; stroke: #333; stroke-width: 1.2; }
svg .dcapt { fill: #fff; stroke: #222; stroke-width: 1.2; }
svg .dcaletter { font-size: 7px; font-weight: bold; }
`
