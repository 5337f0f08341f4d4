package render

import (
	"fmt"
	"html/template"
	"math"
	"strings"
	"time"

	"github.com/ocotool/oco/internal/programme"
)

// TimelineChart is the programme on one page: phases as bands, each
// milestone at its approved due date (hollow) and its expected date
// (filled), done ones ticked, the critical path in its own colour, and a
// line at the reporting date.
type TimelineChart struct {
	Title          string
	From, To, AsOf programme.Date
	Rows           []TimelineRow
}

// TimelineRow is a phase (or the milestones of no phase) and its marks.
type TimelineRow struct {
	Label      string
	RAG        string
	Start, End programme.Date // the band; zero for no band
	Marks      []TimelineMark
}

// TimelineMark is one milestone on the timeline.
type TimelineMark struct {
	ID, Title           string
	Due, Expected, Done programme.Date
	Critical            bool
}

// ragLetter carries a rating without colour.
func ragLetter(rag string) string {
	switch rag {
	case programme.Red:
		return "R"
	case programme.Amber:
		return "A"
	case programme.Green:
		return "G"
	}
	return ""
}

// Alt says what the timeline shows, in words.
func (c TimelineChart) Alt() string {
	var done, open, late, crit int
	for _, r := range c.Rows {
		for _, m := range r.Marks {
			switch {
			case !m.Done.IsZero():
				done++
			default:
				open++
				if m.Expected > m.Due {
					late++
				}
				if m.Critical {
					crit++
				}
			}
		}
	}
	return fmt.Sprintf("Timeline from %s to %s in %s: %d milestones done, %d to come, of which %d expected after their approved date and %d on the critical path; reporting date %s.",
		c.From, c.To, programme.Plural(len(c.Rows), "row"), done, open, late, crit, c.AsOf)
}

// SVG draws the timeline.
func (c TimelineChart) SVG() (template.HTML, error) {
	const (
		width  = 760.0
		labelW = 190.0
		laneH  = 10.0
		top    = 22.0
	)
	// Up to four lanes a row, fewer on a programme of many phases, so
	// that the chart fits an A4 page with its heading.
	lanes := max(1, min(4, int((640/float64(max(len(c.Rows), 1))-8)/laneH)))
	ax := dateAxis{lo: c.From, hi: c.To, left: labelW, right: width - 12}
	d := &svgDoc{ID: "timeline", Class: "timeline", Title: c.Title, Desc: c.Alt()}
	// Lay out rows: each mark in the first lane free at its place.
	type placed struct {
		m    TimelineMark
		lane int
	}
	var rows [][]placed
	y := top
	var heights []float64
	for _, r := range c.Rows {
		ends := make([]float64, 0, lanes)
		var ps []placed
		for i, m := range r.Marks {
			lo, hi := m.Due, m.Expected
			if !m.Done.IsZero() {
				lo, hi = m.Done, m.Done
			}
			if hi < lo || hi.IsZero() {
				hi = lo
			}
			if lo.IsZero() {
				lo = hi
			}
			x0, x1 := ax.x(lo)-5, ax.x(hi)+5
			lane := -1
			for k, e := range ends {
				if e < x0 {
					lane = k
					break
				}
			}
			switch {
			case lane >= 0:
				ends[lane] = x1
			case len(ends) < lanes:
				lane = len(ends)
				ends = append(ends, x1)
			default:
				lane = i % lanes
				ends[lane] = max(ends[lane], x1)
			}
			ps = append(ps, placed{m, lane})
		}
		rows = append(rows, ps)
		h := float64(max(len(ends), 1))*laneH + 8
		heights = append(heights, h)
		y += h
	}
	bottom := y
	d.H = int(bottom + 30)
	d.W = int(width)
	ax.months(d, top-4, bottom, top-8)
	y = top
	for i, r := range c.Rows {
		h := heights[i]
		d.rect("row", 0, y, width, h, "")
		if !r.Start.IsZero() && !r.End.IsZero() {
			d.rect("band rag-"+r.RAG, ax.x(max(r.Start, c.From)), y+2, ax.x(min(r.End, c.To))-ax.x(max(r.Start, c.From)), h-4, r.Label)
		}
		label := cut(r.Label, 30)
		if l := ragLetter(r.RAG); l != "" {
			label += " (" + l + ")"
		}
		d.text("rowlabel", 4, y+h/2+3, "", label)
		for _, p := range rows[i] {
			m := p.m
			my := y + 4 + float64(p.lane)*laneH + laneH/2
			crit := ""
			if m.Critical {
				crit = " crit"
			}
			if !m.Done.IsZero() {
				d.path("ms done", tick(ax.x(m.Done), my, 3.5), fmt.Sprintf("%s %s: done %s (due %s)", m.ID, oneLine(m.Title), m.Done, m.Due))
				continue
			}
			tip := fmt.Sprintf("%s %s: due %s, expected %s", m.ID, oneLine(m.Title), m.Due, m.Expected)
			if m.Critical {
				tip += ", on the critical path"
			}
			if m.Expected != m.Due && !m.Expected.IsZero() {
				d.line("slip"+crit, ax.x(m.Due), my, ax.x(m.Expected), my, "")
			}
			d.circle("ms due"+crit, ax.x(m.Due), my, 3.2, tip)
			if !m.Expected.IsZero() {
				d.path("ms exp"+crit, diamond(ax.x(m.Expected), my, 3.6), tip)
			}
		}
		y += h
	}
	if c.AsOf >= c.From && c.AsOf <= c.To {
		x := ax.x(c.AsOf)
		d.line("asof", x, top-4, x, bottom+4, "reporting date "+c.AsOf.String())
		d.text("asoflabel", x, bottom+14, "middle", "reporting date "+c.AsOf.String())
	}
	// The legend says what each shape means, so no colour has to.
	ly := bottom + 26
	d.circle("ms due legend", 8, ly-3, 3.2, "")
	d.text("legend", 14, ly, "", "approved due date")
	d.path("ms exp legend", diamond(118, ly-3, 3.6), "")
	d.text("legend", 124, ly, "", "expected date")
	d.path("ms done legend", tick(210, ly-3, 3.5), "")
	d.text("legend", 216, ly, "", "done")
	d.path("ms exp crit legend", diamond(258, ly-3, 3.6), "")
	d.text("legend", 264, ly, "", "critical path")
	return d.render()
}

// HeatMapChart is the 5×5 risk grid: each open risk where it stands now,
// with an arrow from where it stood at the last board.
type HeatMapChart struct {
	Title          string
	Since          string // what the arrows start from: "board-2017-05"
	AmberAt, RedAt int    // the risk bands
	Risks          []HeatRisk
}

// HeatRisk is a risk's place on the grid now and at the last board; From
// is zero where the risk was not there (new) or not assessed.
type HeatRisk struct {
	ID, Title    string
	L, I         int
	FromL, FromI int
	New          bool
}

// Moved reports whether the risk changed cell since the last board.
func (r HeatRisk) Moved() bool {
	return r.FromL > 0 && r.FromI > 0 && (r.FromL != r.L || r.FromI != r.I)
}

// Alt says where the risks are, in words.
func (c HeatMapChart) Alt() string {
	var parts []string
	for _, r := range c.Risks {
		s := fmt.Sprintf("%s at likelihood %d, impact %d", r.ID, r.L, r.I)
		switch {
		case r.Moved():
			s += fmt.Sprintf(" (from %d, %d)", r.FromL, r.FromI)
		case r.New:
			s += " (new)"
		}
		parts = append(parts, s)
	}
	if len(parts) == 0 {
		return "Risk heat map: no open assessed risks."
	}
	return "Risk heat map, likelihood by impact: " + strings.Join(parts, "; ") + "."
}

// SVG draws the heat map.
func (c HeatMapChart) SVG() (template.HTML, error) {
	const (
		cell = 44.0
		x0   = 30.0
		y0   = 8.0
	)
	d := &svgDoc{ID: "heatmap", Class: "heatmap", Title: c.Title, Desc: c.Alt(), W: int(x0 + 5*cell + 8), H: int(y0 + 5*cell + 34)}
	band := func(score int) string {
		switch {
		case score >= c.RedAt:
			return programme.Red
		case score >= c.AmberAt:
			return programme.Amber
		}
		return programme.Green
	}
	cx := func(i int) float64 { return x0 + (float64(i)-0.5)*cell }
	cy := func(l int) float64 { return y0 + (5.5-float64(l))*cell }
	for l := 1; l <= 5; l++ {
		for i := 1; i <= 5; i++ {
			rag := band(l * i)
			d.rect("cell rag-"+rag, x0+float64(i-1)*cell, y0+float64(5-l)*cell, cell, cell, fmt.Sprintf("likelihood %d × impact %d = %d (%s)", l, i, l*i, rag))
			d.text("cellmark", x0+float64(i)*cell-3, y0+float64(6-l)*cell-3, "end", fmt.Sprintf("%s %d", ragLetter(rag), l*i))
		}
		d.text("axis", x0-5, cy(l)+3, "end", fmt.Sprint(l))
		d.text("axis", cx(l), y0+5*cell+12, "middle", fmt.Sprint(l))
	}
	d.text("axistitle", x0+2.5*cell, y0+5*cell+26, "middle", "impact →")
	d.text("axistitle vertical", 10, y0+2.5*cell, "middle", "likelihood ↑")
	// Slots within a cell, so that up to nine risks stay apart.
	slot := func(k int) (float64, float64) {
		k %= 9
		return float64(k%3-1) * 14, float64(k/3-1) * 14
	}
	now, then := map[[2]int]int{}, map[[2]int]int{}
	type pos struct{ x, y float64 }
	at := make([]pos, len(c.Risks))
	for k, r := range c.Risks {
		key := [2]int{r.L, r.I}
		dx, dy := slot(now[key])
		now[key]++
		at[k] = pos{cx(r.I) + dx, cy(r.L) + dy}
	}
	for k, r := range c.Risks {
		if !r.Moved() {
			continue
		}
		key := [2]int{r.FromL, r.FromI}
		dx, dy := slot(now[key] + then[key])
		then[key]++
		fx, fy := cx(r.FromI)+dx, cy(r.FromL)+dy
		d.circle("was", fx, fy, 4, fmt.Sprintf("%s at the last board: likelihood %d, impact %d", r.ID, r.FromL, r.FromI))
		// Stop the arrow at the edge of the risk's circle.
		tx, ty := at[k].x, at[k].y
		vx, vy := tx-fx, ty-fy
		if n := math.Hypot(vx, vy); n > 12 {
			tx, ty = tx-vx/n*8, ty-vy/n*8
		}
		d.arrow("move", fx, fy, tx, ty, fmt.Sprintf("%s moved from likelihood %d, impact %d to %d, %d", r.ID, r.FromL, r.FromI, r.L, r.I))
		d.tag(r.ID, fmt.Sprintf("%d,%d", r.FromL, r.FromI), fmt.Sprintf("%d,%d", r.L, r.I))
	}
	for k, r := range c.Risks {
		cls := "risk"
		if r.New {
			cls += " new"
		}
		tip := fmt.Sprintf("%s %s: likelihood %d, impact %d, score %d", r.ID, oneLine(r.Title), r.L, r.I, r.L*r.I)
		d.circle(cls, at[k].x, at[k].y, 7, tip)
		d.tag(r.ID, "", fmt.Sprintf("%d,%d", r.L, r.I))
		d.text("risklabel", at[k].x, at[k].y+2.5, "middle", cut(r.ID, 6))
	}
	return d.render()
}

// MTAChart is the milestone trend analysis chart: across, each reporting
// date of the history; up, each key milestone's forecast as it stood then.
// A milestone that holds its date runs flat; one that slips climbs; the
// diagonal is where a milestone lands, on the day it is reported done.
type MTAChart struct {
	Title   string
	Reports []programme.Date
	Lines   []TrendLine
}

// Alt says what the trend chart shows, in words.
func (c MTAChart) Alt() string {
	if len(c.Reports) == 0 {
		return "Milestone trend: no reporting dates in the history."
	}
	var parts []string
	for _, l := range c.Lines {
		first, last := programme.Date(0), programme.Date(0)
		for _, d := range l.Dates {
			if d.IsZero() {
				continue
			}
			if first.IsZero() {
				first = d
			}
			last = d
		}
		if first.IsZero() {
			continue
		}
		s := fmt.Sprintf("%s from %s to %s", l.ID, first, last)
		if n := last.Sub(first); n != 0 {
			s += fmt.Sprintf(" (%+d days)", n)
		}
		parts = append(parts, s)
	}
	return fmt.Sprintf("Milestone trend over %s from %s to %s: %s.", programme.Plural(len(c.Reports), "reporting date"),
		c.Reports[0], c.Reports[len(c.Reports)-1], strings.Join(parts, "; "))
}

// markShape draws the k-th line's marker: shapes as well as colours tell
// the lines apart.
func markShape(d *svgDoc, k int, x, y float64, class, tip string) {
	switch k % 4 {
	case 0:
		d.circle(class, x, y, 3.2, tip)
	case 1:
		d.path(class, square(x, y, 3), tip)
	case 2:
		d.path(class, triangle(x, y, 3.6), tip)
	default:
		d.path(class, diamond(x, y, 3.8), tip)
	}
}

// SVG draws the trend chart.
func (c MTAChart) SVG() (template.HTML, error) {
	const (
		width  = 520.0
		height = 200.0
		left   = 62.0
		bottom = 34.0
		top    = 8.0
		legW   = 120.0
	)
	d := &svgDoc{ID: "mta", Class: "mta", Title: c.Title, Desc: c.Alt(), W: int(width + legW), H: int(height)}
	if len(c.Reports) == 0 {
		d.H = 30
		d.text("axis", 4, 18, "", "No reporting dates in the history.")
		return d.render()
	}
	xlo, xhi := c.Reports[0], c.Reports[len(c.Reports)-1]
	if xhi.Sub(xlo) < 30 {
		xlo, xhi = xlo.AddDays(-15), xhi.AddDays(15)
	}
	ylo, yhi := xlo, xhi
	for _, l := range c.Lines {
		for _, v := range l.Dates {
			if !v.IsZero() {
				ylo, yhi = min(ylo, v), max(yhi, v)
			}
		}
	}
	ylo, yhi = ylo.AddDays(-10), yhi.AddDays(10)
	xa := dateAxis{lo: xlo, hi: xhi, left: left, right: width - 10}
	ya := dateAxis{lo: ylo, hi: yhi, left: height - bottom, right: top}
	d.rect("plot", left, top, width-10-left, height-bottom-top, "")
	// y grid: a label every few months.
	yy, ym, _ := ylo.Time().Date()
	step := max(1, (yhi.Sub(ylo)/30+5)/6)
	for i := 0; ; i += step {
		md := programme.NewDate(yy, ym+time.Month(i), 1)
		if md > yhi {
			break
		}
		if md < ylo {
			continue
		}
		y := ya.x(md)
		d.line("grid", left, y, width-10, y, "")
		d.text("axis", left-4, y+3, "end", md.Time().Format("Jan 06"))
	}
	for _, r := range c.Reports {
		x := xa.x(r)
		d.line("grid", x, top, x, height-bottom, "")
	}
	// Label the reporting dates, thinned where they would crowd.
	every := max(1, len(c.Reports)/6)
	for i, r := range c.Reports {
		if i%every == 0 || i == len(c.Reports)-1 {
			d.text("axis", xa.x(r), height-bottom+12, "middle", r.Time().Format("02 Jan 06"))
		}
	}
	d.text("axistitle", left+(width-10-left)/2, height-6, "middle", "reporting date →")
	// The diagonal, where the forecast is the reporting date itself.
	dlo, dhi := max(xlo, ylo), min(xhi, yhi)
	if dlo < dhi {
		d.line("diag", xa.x(dlo), ya.x(dlo), xa.x(dhi), ya.x(dhi), "forecast = reporting date: a milestone lands here")
	}
	for k, l := range c.Lines {
		var pts []float64
		for i, v := range l.Dates {
			if !v.IsZero() {
				pts = append(pts, xa.x(c.Reports[i]), ya.x(v))
			}
		}
		cls := fmt.Sprintf("trend s%d", k%8)
		if len(pts) > 0 {
			d.polyline(cls+" line", pts, l.ID+" "+oneLine(l.Title))
			d.tag(l.ID, "", "")
		}
		for i, v := range l.Dates {
			if !v.IsZero() {
				markShape(d, k, xa.x(c.Reports[i]), ya.x(v), cls+" pt", fmt.Sprintf("%s on %s: %s", l.ID, c.Reports[i], v))
				d.tag(l.ID, c.Reports[i].String(), v.String())
			}
		}
		ly := top + 8 + float64(k)*14
		markShape(d, k, width+6, ly-3, cls+" pt legend", "")
		d.text("legend", width+14, ly, "", cut(l.ID, 16))
	}
	return d.render()
}

// ConfidenceChart is the delivery confidence assessments, oldest first.
type ConfidenceChart struct {
	Title  string
	Points []ConfidencePoint
}

// ConfidencePoint is one assessment.
type ConfidencePoint struct {
	Date   programme.Date
	Rating string // on the five-point scale
}

// Alt says what the assessments were, in words.
func (c ConfidenceChart) Alt() string {
	if len(c.Points) == 0 {
		return "Delivery confidence: no assessment recorded."
	}
	var parts []string
	for _, p := range c.Points {
		parts = append(parts, p.Date.String()+" "+p.Rating)
	}
	return "Delivery confidence by board: " + strings.Join(parts, ", ") + "."
}

// SVG draws the delivery confidence trend.
func (c ConfidenceChart) SVG() (template.HTML, error) {
	const (
		width = 300.0
		left  = 34.0
		top   = 6.0
		row   = 18.0
	)
	h := top + 5*row + 26
	d := &svgDoc{ID: "dca", Class: "dca", Title: c.Title, Desc: c.Alt(), W: int(width), H: int(h)}
	for i, r := range programme.DCAScale {
		y := top + float64(i)*row
		d.rect("level dca-"+r, left, y, width-left-6, row, r)
		d.text("axis", left-4, y+row/2+3, "end", programme.DCALetter(r))
	}
	n := len(c.Points)
	if n == 0 {
		d.text("axis", left+8, top+2.5*row+3, "", "no assessment recorded")
		return d.render()
	}
	x := func(i int) float64 {
		if n == 1 {
			return left + (width-left-6)/2
		}
		return left + 20 + float64(i)*(width-left-46)/float64(n-1)
	}
	y := func(r string) float64 { return top + (float64(programme.DCARank(r))+0.5)*row }
	var pts []float64
	for i, p := range c.Points {
		pts = append(pts, x(i), y(p.Rating))
	}
	if n > 1 {
		d.polyline("dcaline", pts, "")
	}
	every := max(1, n/5)
	for i, p := range c.Points {
		d.circle("dcapt dca-"+p.Rating, x(i), y(p.Rating), 8, p.Date.String()+": "+p.Rating)
		d.text("dcaletter", x(i), y(p.Rating)+3, "middle", programme.DCALetter(p.Rating))
		if i%every == 0 || i == n-1 {
			d.text("axis", x(i), top+5*row+14, "middle", p.Date.Time().Format("Jan 06"))
		}
	}
	return d.render()
}
