package render

import (
	"errors"
	"io"
	"strings"
	"time"

	"github.com/ocotool/oco/internal/programme"
)

// Gantt is a text Gantt chart over the dates From..To.
type Gantt struct {
	From, To programme.Date
	Today    programme.Date // zero or outside From..To: no today line
	End      programme.Date // the programme's end, marked when inside From..To; zero: none
	Width    int            // total width in columns; 0 means the terminal's
	Rows     []GanttRow
}

// GanttRow is one labelled line of the chart.
type GanttRow struct {
	Label  string
	Bar    *Span // a phase or activity; nil for none
	Marks  []Mark
	Indent int // levels of two spaces before the label
}

// Span is a bar from Start to End, both days included.
type Span struct {
	Start, End programme.Date
	Style      Style
}

// Mark is a single date drawn as a glyph, such as a milestone's due date.
type Mark struct {
	Date  programme.Date
	Glyph rune
	Style Style
	// From, if set, draws a gap line from From to Date: a slip from the due
	// date to the forecast, say.
	From programme.Date
}

// Glyphs of the chart. Piped output keeps them (only colour is dropped):
// oco's output is UTF-8 either way, and the chart reads the same in a file.
const (
	ganttBar   = '█'
	ganttGap   = '·'
	ganttToday = '│'
	ganttTick  = '┬'
	ganttAxis  = '─'
	ganttEnd   = '┆'
)

// ganttLabelShare caps the label column as a share of the width, so the
// chart keeps most of the line.
const ganttLabelShare = 3 // at most a third

// Gantt prints g: a label column, then a chart mapping From..To linearly
// onto the remaining columns, with month labels and ticks along the top, a
// │ at Today on every row, bars, gap lines and marks. Marks are drawn over
// the today line, which is drawn over bars and gaps. Dates outside From..To
// are clipped. No line is longer than the width; labels are cut to fit.
func (t Term) Gantt(g Gantt) error {
	if g.To < g.From || g.From.IsZero() {
		return errors.New("gantt: the chart needs From on or before To")
	}
	width := g.Width
	if width <= 0 {
		width = t.width()
	}
	labelW := 0
	for _, r := range g.Rows {
		labelW = max(labelW, 2*max(r.Indent, 0)+Width(oneLine(r.Label)))
	}
	labelW = min(labelW, width/ganttLabelShare)
	chartW := width - labelW - 1
	if labelW == 0 || chartW < 1 {
		labelW, chartW = 0, width
	}
	if chartW < 1 {
		return nil
	}
	c := ganttChart{from: g.From, to: g.To, width: chartW}

	var out []string
	gutter := ""
	if labelW > 0 {
		gutter = strings.Repeat(" ", labelW+1)
	}
	labels, ticks := c.header(g.Today, g.End)
	out = append(out, gutter+t.line(labels), gutter+t.line(ticks))

	for _, r := range g.Rows {
		line := c.blank()
		if r.Bar != nil {
			c.fill(line, r.Bar.Start, r.Bar.End, ganttBar, r.Bar.Style)
		}
		for _, m := range r.Marks {
			if !m.From.IsZero() && m.From != m.Date {
				c.fill(line, min(m.From, m.Date), max(m.From, m.Date), ganttGap, m.Style)
			}
		}
		c.set(line, g.End, ganttEnd, Grey)
		c.set(line, g.Today, ganttToday, Blue)
		for _, m := range r.Marks {
			glyph := m.Glyph
			if glyph == 0 {
				glyph = '◆'
			}
			c.set(line, m.Date, glyph, m.Style)
		}
		label := ""
		if labelW > 0 {
			label = pad(Cut(strings.Repeat("  ", max(r.Indent, 0))+oneLine(r.Label), labelW), labelW) + " "
		}
		out = append(out, label+t.line(line))
	}
	for i := range out {
		out[i] = trimRight(out[i]) + "\n"
	}
	_, err := io.WriteString(t.Out, strings.Join(out, ""))
	return err
}

// ganttChart maps dates to columns of the chart area.
type ganttChart struct {
	from, to programme.Date
	width    int
}

// glyph is one column of a chart line.
type glyph struct {
	r  rune
	st Style
}

// col maps a date to a column: the chart's days split evenly over its
// columns, From in the first column and To in the last. ok is false for a
// date outside the chart.
func (c ganttChart) col(d programme.Date) (int, bool) {
	if d.IsZero() || d < c.from || d > c.to {
		return 0, false
	}
	days := c.to.Sub(c.from) + 1
	return d.Sub(c.from) * c.width / days, true
}

func (c ganttChart) blank() []glyph {
	line := make([]glyph, c.width)
	for i := range line {
		line[i].r = ' '
	}
	return line
}

func (c ganttChart) set(line []glyph, d programme.Date, r rune, st Style) {
	if i, ok := c.col(d); ok {
		line[i] = glyph{r, st}
	}
}

// fill draws r over start..end, clipped to the chart; a span entirely
// outside draws nothing.
func (c ganttChart) fill(line []glyph, start, end programme.Date, r rune, st Style) {
	if start.IsZero() || end.IsZero() || end < start || end < c.from || start > c.to {
		return
	}
	a, _ := c.col(max(start, c.from))
	b, _ := c.col(min(end, c.to))
	for i := a; i <= b; i++ {
		line[i] = glyph{r, st}
	}
}

// header returns the month labels and the tick line. Months are labelled
// "Sep16" every step months, the step the smallest of 1, 2, 3, 4, 6, 12...
// that keeps labels a space apart; each month gets a tick when ticks do not
// run together, else only labelled months do.
func (c ganttChart) header(today, end programme.Date) (labels, ticks []glyph) {
	type month struct {
		col   int
		t     time.Time
		index int // months since year 0, to pick every step-th month
	}
	var months []month
	start := c.from.Time()
	m := time.Date(start.Year(), start.Month(), 1, 0, 0, 0, 0, time.UTC)
	if m.Before(start) {
		m = m.AddDate(0, 1, 0)
	}
	for ; ; m = m.AddDate(0, 1, 0) {
		d := programme.DateOf(m)
		col, ok := c.col(d)
		if !ok {
			break
		}
		months = append(months, month{col, m, m.Year()*12 + int(m.Month()) - 1})
	}

	const labelW = 5 // "Sep16"
	step := 1
	for _, s := range []int{1, 2, 3, 4, 6, 12, 24, 60, 120} {
		step = s
		last := -labelW - 1
		fits := true
		for _, mo := range months {
			if mo.index%s != 0 {
				continue
			}
			if mo.col-last < labelW+1 {
				fits = false
				break
			}
			last = mo.col
		}
		if fits {
			break
		}
	}
	spaced := true
	for i := 1; i < len(months); i++ {
		if months[i].col-months[i-1].col < 2 {
			spaced = false
		}
	}

	labels, ticks = c.blank(), c.blank()
	for i := range ticks {
		ticks[i] = glyph{ganttAxis, Grey}
	}
	for _, mo := range months {
		labelled := mo.index%step == 0
		if labelled || spaced {
			ticks[mo.col] = glyph{ganttTick, Grey}
		}
		if !labelled || mo.col+labelW > c.width {
			continue
		}
		for i, r := range mo.t.Format("Jan06") {
			labels[mo.col+i] = glyph{r, None}
		}
	}
	c.set(ticks, end, '┴', Grey)
	c.set(ticks, today, '┼', Blue)
	return labels, ticks
}

// line renders glyphs, painting runs of one style together. Trailing
// blanks are dropped first, so none hide inside a painted run.
func (t Term) line(g []glyph) string {
	for len(g) > 0 && g[len(g)-1].r == ' ' {
		g = g[:len(g)-1]
	}
	var b, run strings.Builder
	cur := None
	flush := func() {
		b.WriteString(t.Paint(run.String(), cur))
		run.Reset()
	}
	for _, x := range g {
		if x.st != cur && x.r != ' ' {
			flush()
			cur = x.st
		}
		run.WriteRune(x.r)
	}
	flush()
	return b.String()
}
