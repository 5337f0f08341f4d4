package render

import (
	"fmt"
	"html/template"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/ocotool/oco/internal/programme"
)

// Charts are inline SVG drawn here in Go: each chart works out its shapes,
// and one html/template writes them, escaping every text. No script, no
// font or image to fetch: the page stays whole when printed or mailed.

// Chart is a chart of a report: an SVG drawing and the same facts in
// words, for a screen reader and for markdown.
type Chart interface {
	SVG() (template.HTML, error)
	Alt() string
}

// svgDoc is a drawing: its size, title, description and shapes.
type svgDoc struct {
	ID, Class     string
	W, H          int
	Title, Desc   string
	Els           []svgEl
	Arrow, Legend bool
}

// svgEl is one shape. K is its element: rect, line, circle, path,
// polyline or text. Tip, where set, is a tooltip (an SVG title).
type svgEl struct {
	K, C               string
	X, Y, W, H, X2, Y2 string
	R                  string
	D                  string // path data, or polyline points
	Text, Anchor       string
	Tip                string
	Arrow              bool
	// Data names what a mark stands for, for a script reading the chart:
	// data-id, and for a move data-from and data-to ("likelihood,impact").
	DataID, DataFrom, DataTo string
}

func num(f float64) string {
	s := fmt.Sprintf("%.1f", f)
	return strings.TrimSuffix(s, ".0")
}

func (d *svgDoc) rect(class string, x, y, w, h float64, tip string) {
	d.Els = append(d.Els, svgEl{K: "rect", C: class, X: num(x), Y: num(y), W: num(max(w, 0.5)), H: num(h), Tip: tip})
}

func (d *svgDoc) line(class string, x1, y1, x2, y2 float64, tip string) {
	d.Els = append(d.Els, svgEl{K: "line", C: class, X: num(x1), Y: num(y1), X2: num(x2), Y2: num(y2), Tip: tip})
}

func (d *svgDoc) arrow(class string, x1, y1, x2, y2 float64, tip string) {
	d.Arrow = true
	d.Els = append(d.Els, svgEl{K: "line", C: class, X: num(x1), Y: num(y1), X2: num(x2), Y2: num(y2), Tip: tip, Arrow: true})
}

func (d *svgDoc) circle(class string, x, y, r float64, tip string) {
	d.Els = append(d.Els, svgEl{K: "circle", C: class, X: num(x), Y: num(y), R: num(r), Tip: tip})
}

func (d *svgDoc) path(class, data, tip string) {
	d.Els = append(d.Els, svgEl{K: "path", C: class, D: data, Tip: tip})
}

func (d *svgDoc) polyline(class string, pts []float64, tip string) {
	var b strings.Builder
	for i := 0; i+1 < len(pts); i += 2 {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(num(pts[i]) + "," + num(pts[i+1]))
	}
	d.Els = append(d.Els, svgEl{K: "polyline", C: class, D: b.String(), Tip: tip})
}

// tag names the last mark drawn, for a script reading the chart.
func (d *svgDoc) tag(id, from, to string) {
	e := &d.Els[len(d.Els)-1]
	e.DataID, e.DataFrom, e.DataTo = id, from, to
}

func (d *svgDoc) text(class string, x, y float64, anchor, s string) {
	d.Els = append(d.Els, svgEl{K: "text", C: class, X: num(x), Y: num(y), Anchor: anchor, Text: s})
}

// diamond is the path of a diamond of half-width r at x, y.
func diamond(x, y, r float64) string {
	return fmt.Sprintf("M%s %sL%s %sL%s %sL%s %sZ", num(x), num(y-r), num(x+r), num(y), num(x), num(y+r), num(x-r), num(y))
}

// tick is the path of a tick mark centred at x, y.
func tick(x, y, r float64) string {
	return fmt.Sprintf("M%s %sL%s %sL%s %s", num(x-r), num(y), num(x-r/3), num(y+r*0.8), num(x+r), num(y-r))
}

// square is the path of a square of half-width r at x, y.
func square(x, y, r float64) string {
	return fmt.Sprintf("M%s %sh%sv%sh-%sZ", num(x-r), num(y-r), num(2*r), num(2*r), num(2*r))
}

// triangle is the path of a triangle of half-width r at x, y.
func triangle(x, y, r float64) string {
	return fmt.Sprintf("M%s %sL%s %sL%s %sZ", num(x), num(y-r), num(x+r), num(y+r), num(x-r), num(y+r))
}

var svgTemplate = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("svg").Parse(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {{.W}} {{.H}}" width="{{.W}}" height="{{.H}}" role="img" aria-labelledby="{{.ID}}-t {{.ID}}-d" class="chart {{.Class}}" id="{{.ID}}">
<title id="{{.ID}}-t">{{.Title}}</title>
<desc id="{{.ID}}-d">{{.Desc}}</desc>
{{- if .Arrow}}
<defs><marker id="{{.ID}}-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse"><path d="M0 0L10 5L0 10Z" class="arrowhead"/></marker></defs>
{{- end}}
{{- $id := .ID}}
{{range .Els}}{{if .Tip}}<g><title>{{.Tip}}</title>{{end -}}
{{if eq .K "rect"}}<rect class="{{.C}}" x="{{.X}}" y="{{.Y}}" width="{{.W}}" height="{{.H}}"/>
{{- else if eq .K "line"}}<line class="{{.C}}" x1="{{.X}}" y1="{{.Y}}" x2="{{.X2}}" y2="{{.Y2}}"{{template "data" .}}{{if .Arrow}} marker-end="url(#{{$id}}-arrow)"{{end}}/>
{{- else if eq .K "circle"}}<circle class="{{.C}}" cx="{{.X}}" cy="{{.Y}}" r="{{.R}}"{{template "data" .}}/>
{{- else if eq .K "path"}}<path class="{{.C}}" d="{{.D}}"{{template "data" .}}/>
{{- else if eq .K "polyline"}}<polyline class="{{.C}}" points="{{.D}}"{{template "data" .}}/>
{{- else if eq .K "text"}}<text class="{{.C}}" x="{{.X}}" y="{{.Y}}"{{with .Anchor}} text-anchor="{{.}}"{{end}}>{{.Text}}</text>
{{- end}}{{if .Tip}}</g>{{end}}
{{end}}</svg>
{{- define "data"}}{{with .DataID}} data-id="{{.}}"{{end}}{{with .DataFrom}} data-from="{{.}}"{{end}}{{with .DataTo}} data-to="{{.}}"{{end}}{{end}}`))
})

func (d *svgDoc) render() (template.HTML, error) {
	var b strings.Builder
	if err := svgTemplate().Execute(&b, d); err != nil {
		return "", err
	}
	return template.HTML(b.String()), nil
}

// cut shortens s to n runes with an ellipsis.
func cut(s string, n int) string {
	r := []rune(oneLine(s))
	if len(r) <= n {
		return string(r)
	}
	return string(r[:n-1]) + "…"
}

// dateAxis maps dates onto x between left and right.
type dateAxis struct {
	lo, hi      programme.Date
	left, right float64
}

func (a dateAxis) x(d programme.Date) float64 {
	span := float64(max(a.hi.Sub(a.lo), 1))
	return a.left + float64(d.Sub(a.lo))/span*(a.right-a.left)
}

// months draws a tick and label at each month start (every few months
// where they would crowd), from y0 down to y1, labels at ly.
func (a dateAxis) months(d *svgDoc, y0, y1, ly float64) {
	y, m, _ := a.lo.Time().Date()
	months := (a.hi.Sub(a.lo)) / 30
	step := 1
	for months/step > 12 {
		step++
	}
	for i := 0; ; i += step {
		md := programme.NewDate(y, m+time.Month(i), 1)
		if md > a.hi {
			break
		}
		if md < a.lo {
			continue
		}
		x := a.x(md)
		d.line("grid", x, y0, x, y1, "")
		d.text("axis", x+2, ly, "", md.Time().Format("Jan 06"))
	}
}

// ChartSVG writes a chart as an SVG file of its own, styled inside: `oco
// history --chart -o svg` for a slide or a wiki page.
func ChartSVG(w io.Writer, c Chart) error {
	svg, err := c.SVG()
	if err != nil {
		return err
	}
	s := string(svg)
	// The style is this package's constant, never data: nothing to escape.
	if i := strings.Index(s, ">"); i >= 0 {
		s = s[:i+1] + "\n<style>\nsvg.chart { background: #fff; font-family: \"DejaVu Sans\", \"Liberation Sans\", Arial, sans-serif; }\n" + chartCSS + "</style>" + s[i+1:]
	}
	_, err = io.WriteString(w, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"+s+"\n")
	return err
}
