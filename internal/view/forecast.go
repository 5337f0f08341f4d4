package view

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/ocotool/oco/internal/programme"
	"github.com/ocotool/oco/internal/render"
	"github.com/ocotool/oco/internal/schedule"
)

// ForecastRow is one milestone of `oco forecast`, as -o json prints it.
type ForecastRow struct {
	ID          string         `json:"id"`
	Title       string         `json:"title"`
	Due         programme.Date `json:"due"`
	Expected    programme.Date `json:"expected"`
	P50         programme.Date `json:"p50"`
	P80         programme.Date `json:"p80"`
	P95         programme.Date `json:"p95"`
	OnTime      float64        `json:"on_time"`
	Criticality float64        `json:"criticality"`
}

// ForecastRows are the forecast of the milestones chosen, by their index
// in plan.
func ForecastRows(plan *schedule.Plan, fc *schedule.Forecast, chosen []int) []ForecastRow {
	rows := make([]ForecastRow, 0, len(chosen))
	for _, i := range chosen {
		m := plan.Milestones[i]
		rows = append(rows, ForecastRow{ID: m.ID, Title: m.Title, Due: m.Due, Expected: fc.Expected[i],
			P50: fc.P50[i], P80: fc.P80[i], P95: fc.P95[i], OnTime: fc.OnTime[i], Criticality: fc.Criticality[i]})
	}
	return rows
}

// ForecastTable is the forecast as a table, or (csv) as -o csv prints it.
func ForecastTable(rows []ForecastRow, csv bool) render.Table {
	if csv {
		tb := flatTable("id", "title", "due", "expected", "p50", "p80", "p95", "on_time", "criticality")
		for _, r := range rows {
			tb.Rows = append(tb.Rows, render.Cells(r.ID, r.Title, r.Due.String(), r.Expected.String(), r.P50.String(), r.P80.String(), r.P95.String(),
				strconv.FormatFloat(r.OnTime, 'f', -1, 64), strconv.FormatFloat(r.Criticality, 'f', -1, 64)))
		}
		return tb
	}
	tb := render.Table{Columns: []render.Column{{Header: "ID"}, {Header: "MILESTONE", Flex: true}, {Header: "DUE"}, {Header: "EXPECTED"},
		{Header: "P50"}, {Header: "P80"}, {Header: "P95"}, {Header: "ON TIME", Align: render.Right}, {Header: "CRITICAL", Align: render.Right}}}
	for _, r := range rows {
		p80 := render.Cell{Text: r.P80.String()}
		if r.P80 > r.Due {
			p80.Style = render.Amber
		}
		onTime := render.Cell{Text: percent(r.OnTime)}
		if r.OnTime < 0.5 {
			onTime.Style = render.Red
		}
		tb.Rows = append(tb.Rows, []render.Cell{{Text: r.ID}, {Text: r.Title}, {Text: r.Due.String()}, {Text: r.Expected.String()},
			{Text: r.P50.String()}, p80, {Text: r.P95.String()}, onTime, {Text: percent(r.Criticality)}})
	}
	return tb
}

// TornadoRow is one risk of `oco forecast --risks`, as -o json prints it.
type TornadoRow struct {
	ID          string  `json:"id"`
	Title       string  `json:"title"`
	Probability float64 `json:"probability"`
	EndDaysP80  int     `json:"end_days_p80"`
}

// TornadoRows are the risks of a forecast by the days they add to the
// programme end at P80.
func TornadoRows(p *programme.Programme, sim schedule.Simulation, fc *schedule.Forecast) []TornadoRow {
	rows := make([]TornadoRow, 0, len(fc.Risks))
	for _, e := range fc.Risks {
		rk := sim.Risks[e.Risk]
		title := ""
		if r, ok := p.Lookup(rk.ID); ok {
			if risk, ok := r.Item.(*programme.Risk); ok {
				title = risk.Title
			}
		}
		rows = append(rows, TornadoRow{ID: rk.ID, Title: title, Probability: rk.Probability, EndDaysP80: e.EndDaysP80})
	}
	return rows
}

// TornadoTable is the tornado as a table, or (flat) with the JSON names
// as headers, for -o csv and markdown.
func TornadoTable(rows []TornadoRow, flat bool) render.Table {
	tb := render.Table{Columns: []render.Column{{Header: "ID"}, {Header: "RISK", Flex: true}, {Header: "PROBABILITY", Align: render.Right},
		{Header: "END +DAYS AT P80", Align: render.Right}}}
	if flat {
		tb.Columns = []render.Column{{Header: "id"}, {Header: "title"}, {Header: "probability"}, {Header: "end_days_p80"}}
	}
	for _, r := range rows {
		tb.Rows = append(tb.Rows, render.Cells(r.ID, r.Title, strconv.FormatFloat(r.Probability, 'f', -1, 64), strconv.Itoa(r.EndDaysP80)))
	}
	return tb
}

// percent prints a share as a whole percentage, never rounding a share
// above 0 down to 0% or one below 1 up to 100%.
func percent(x float64) string {
	p := math.Round(x * 100)
	switch {
	case p == 0 && x > 0:
		return "<1%"
	case p == 100 && x < 1:
		return ">99%"
	}
	return strconv.Itoa(int(p)) + "%"
}

// ForecastFooter says what a forecast rests on and where the programme
// end lands: its percentiles, the share of runs that end by the
// programme's end, the runs and the seed.
func ForecastFooter(p *programme.Programme, fc *schedule.Forecast, seed uint64) string {
	end := fc.End
	line := fmt.Sprintf("\nProgramme end: P50 %s, P80 %s, P95 %s", end.P50, end.P80, end.P95)
	if e := p.Header.End; e != 0 {
		n := 0
		for k, c := range end.Counts {
			if end.From+programme.Date(k) <= e {
				n += c
			}
		}
		line += fmt.Sprintf("; %s of runs end by %s", percent(float64(n)/float64(fc.Iterations)), e)
	}
	return line + fmt.Sprintf(" (%s, seed %d)\n", programme.Plural(fc.Iterations, "run"), seed)
}

// EndChart draws the distribution of the programme end as a text
// histogram: one bar per day, or per week where the runs spread over more
// than forty days, with the percentiles marked.
func EndChart(d schedule.Distribution, n, width int) string {

	if len(d.Counts) == 0 {
		return ""
	}
	bin := 1
	if len(d.Counts) > 40 {
		bin = 7
	}
	type bar struct {
		from  programme.Date
		count int
	}
	var bars []bar
	for k, c := range d.Counts {
		if k%bin == 0 {
			bars = append(bars, bar{from: d.From + programme.Date(k)})
		}
		bars[len(bars)-1].count += c
	}
	most := 0
	for _, b := range bars {
		most = max(most, b.count)
	}
	room := max(width-32, 10)
	var sb strings.Builder
	what := "day"
	if bin == 7 {
		what = "week from"
	}
	fmt.Fprintf(&sb, "Programme end, runs by %s:\n", what)
	for _, b := range bars {
		marks := ""
		last := b.from + programme.Date(bin-1)
		for _, p := range []struct {
			name string
			at   programme.Date
		}{{"P50", d.P50}, {"P80", d.P80}, {"P95", d.P95}} {
			if p.at >= b.from && p.at <= last {
				marks += " " + p.name
			}
		}
		length := 0
		if most > 0 {
			length = int(math.Round(float64(b.count) / float64(most) * float64(room)))
		}
		if b.count > 0 && length == 0 {
			length = 1
		}
		fmt.Fprintf(&sb, "%s %5s %s%s\n", b.from, percent(float64(b.count)/float64(n)), strings.Repeat("#", length), marks)
	}
	return sb.String()
}
