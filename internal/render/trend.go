package render

import (
	"fmt"
	"strings"

	"github.com/ocotool/oco/internal/programme"
)

// Trend is the data of a milestone trend chart: reporting dates down the
// side, and for each milestone its date as it stood at each of them.
type Trend struct {
	Reports []programme.Date // ascending
	Lines   []TrendLine
}

// TrendLine is one milestone's date at each reporting date; zero where it
// did not exist.
type TrendLine struct {
	ID    string
	Title string
	Dates []programme.Date // indexed like Trend.Reports
}

// trendSymbols mark the milestones, one each, in legend order.
const trendSymbols = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

// TrendChart draws a milestone trend chart. Each milestone is a letter; a
// column of letters straight down is a date held, a drift right is a slip.
// A dot marks the reporting date itself on each row: where a milestone
// meets it, it is due. Two milestones in one place show as *.
func (t Term) TrendChart(tr Trend) error {
	var b strings.Builder
	if len(tr.Reports) == 0 || len(tr.Lines) == 0 {
		_, err := fmt.Fprintln(t.Out, "no milestone dates in the history")
		return err
	}
	lines := tr.Lines
	if len(lines) > len(trendSymbols) {
		lines = lines[:len(trendSymbols)]
	}
	var lo, hi programme.Date
	for _, l := range lines {
		for _, d := range l.Dates {
			if d == 0 {
				continue
			}
			if lo == 0 || d < lo {
				lo = d
			}
			hi = max(hi, d)
		}
	}
	const label = 12 // "2017-03-01  "
	cols := max(t.width()-label, 20)
	span := max(hi.Sub(lo), 1)
	col := func(d programme.Date) (int, bool) {
		if d < lo || d > hi {
			return 0, false
		}
		return d.Sub(lo) * (cols - 1) / span, true
	}
	// The axis: a month's label where it fits, a tick under each.
	axis := []rune(strings.Repeat(" ", cols+len(lo.String())))
	ticks := []rune(strings.Repeat(" ", cols))
	next := 0
	y, m, _ := lo.Time().Date()
	for d := programme.NewDate(y, m, 1); d <= hi; {
		if c, ok := col(d); ok && c >= next {
			copy(axis[c:], []rune(d.String()[:7]))
			ticks[c] = '|'
			next = c + 8
		}
		m++
		d = programme.NewDate(y, m, 1)
	}
	b.WriteString(strings.Repeat(" ", label) + strings.TrimRight(string(axis), " ") + "\n")
	b.WriteString(strings.Repeat(" ", label) + strings.TrimRight(string(ticks), " ") + "\n")
	for i, rep := range tr.Reports {
		row := []rune(strings.Repeat(" ", cols))
		styles := make([]Style, cols)
		if c, ok := col(rep); ok {
			row[c], styles[c] = '·', Dim
		}
		for k, l := range lines {
			if c, ok := col(l.Dates[i]); ok && l.Dates[i] != 0 {
				if row[c] != ' ' && row[c] != '·' {
					row[c] = '*'
				} else {
					row[c] = rune(trendSymbols[k])
				}
				styles[c] = Bold
			}
		}
		b.WriteString(rep.String() + "  ")
		var line strings.Builder
		for c, r := range row {
			if styles[c] != None {
				line.WriteString(t.Paint(string(r), styles[c]))
			} else {
				line.WriteRune(r)
			}
		}
		b.WriteString(strings.TrimRight(line.String(), " ") + "\n")
	}
	b.WriteString("\n")
	for k, l := range lines {
		fmt.Fprintf(&b, "  %c  %s  %s\n", trendSymbols[k], l.ID, oneLine(l.Title))
	}
	if n := len(tr.Lines) - len(lines); n > 0 {
		fmt.Fprintf(&b, "  and %d more milestones not drawn: name one with 'oco history ID --chart'\n", n)
	}
	_, err := fmt.Fprint(t.Out, b.String())
	return err
}
