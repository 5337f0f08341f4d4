package render

import (
	"fmt"
	"html/template"
	"io"
	"strings"

	"github.com/ocotool/oco/internal/programme"
)

// Report is a document for people who do not run oco, such as the board's
// highlight report: a headline, then titled sections of one table each.
type Report struct {
	Title    string
	Subtitle string
	Headline string
	Overall  string // red, amber or green: the headline's colour
	Sections []ReportSection
}

// ReportSection is a table, or when it has no rows the line Empty.
type ReportSection struct {
	Title string
	Table Table
	Empty string
}

// ReportMarkdown writes r as markdown, for a wiki or a pull request.
func ReportMarkdown(w io.Writer, r Report) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n%s\n\n**%s**\n", markdownInline(r.Title), markdownInline(r.Subtitle), markdownInline(r.Headline))
	for _, sec := range r.Sections {
		fmt.Fprintf(&b, "\n## %s\n\n", markdownInline(sec.Title))
		if len(sec.Table.Rows) == 0 {
			fmt.Fprintf(&b, "%s\n", markdownInline(sec.Empty))
			continue
		}
		if err := Markdown(&b, sec.Table); err != nil {
			return err
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// markdownInline keeps text from being read as markdown markup.
var markdownInline = strings.NewReplacer("\\", "\\\\", "*", "\\*", "_", "\\_", "`", "\\`", "<", "&lt;", ">", "&gt;", "[", "\\[", "|", "\\|").Replace

// ReportHTML writes r as one page with its style inline, to print or send.
func ReportHTML(w io.Writer, r Report) error {
	return reportPage.Execute(w, r)
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
	"right": func(c Column) bool { return c.Align == Right },
	// class styles a cell: its rating's colour, or right-aligned numbers.
	"class": func(tb Table, i int, text string) string {
		switch text {
		case programme.Red, programme.Amber, programme.Green:
			return text
		}
		if i < len(tb.Columns) && tb.Columns[i].Align == Right {
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
