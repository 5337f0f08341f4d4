package cli

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/ocotool/oco/internal/programme"
	"github.com/ocotool/oco/internal/render"
	"github.com/ocotool/oco/internal/schedule"
)

type forecastOptions struct {
	iterations int
	seed       uint64
	risks      bool
	chart      bool
}

func newForecastCmd(g *globals) *cobra.Command {
	o := &forecastOptions{}
	cmd := &cobra.Command{
		Use:     "forecast [ID...]",
		GroupID: "plan",
		Short:   "Forecast the schedule's confidence by Monte Carlo simulation",
		Long: `Simulate the schedule many times over and say how confident the plan is:
for each milestone not done (or the milestones named), its deterministic
expected date, the dates by which it finishes in 50, 80 and 95 per cent of
runs (P50, P80, P95), the share of runs in which it finishes by its due
date, and its criticality: the share of runs in which it lies on the
critical path. The programme end's P50, P80 and P95 follow the table.

What varies in each run (SPEC 7.4): a milestone's own date where it has
estimate: {early: LAG, late: LAG} (a triangular draw from date - early
through date to date + late; for an activity, its length), and each open
risk with schedule: {min: LAG, likely: LAG, max: LAG}, which occurs with the
probability of its likelihood (programme.risk_probability, by default
1: 0.05, 2: 0.2, 3: 0.5, 4: 0.7, 5: 0.9) and then delays every milestone it
affects, directly or through their phase or workstream, by one triangular
draw. Every run is scheduled through the dependency network as 'oco deps'
schedules it: link types, lags, calendars and the reporting date. Without
any estimate or risk schedule, every percentile is the expected date.

--risks lists the tornado instead: each risk with a schedule impact, ranked
by the days it adds to the programme end at P80 (measured by running the
same draws without it). --chart adds a text histogram of the end date.
--seed fixes the draws: the same seed gives the same numbers on every
machine, however many cores share the runs.

-o json prints a list of {id, title, due, expected, p50, p80, p95,
on_time, criticality}; with --risks a list of {id, title, probability,
end_days_p80}. -o csv and -o markdown have the same fields as columns.

  oco forecast
  oco forecast M-40 --chart
  oco forecast --risks --iterations 50000 --seed 7`,
		RunE: func(cmd *cobra.Command, args []string) error { return runForecast(g, o, args) },
	}
	fl := cmd.Flags()
	fl.IntVar(&o.iterations, "iterations", 10000, "number of simulated runs")
	fl.Uint64Var(&o.seed, "seed", 1, "seed of the random draws: the same seed, the same answer")
	fl.BoolVar(&o.risks, "risks", false, "list the risks by the days they add to the programme end at P80")
	fl.BoolVar(&o.chart, "chart", false, "add a text histogram of the programme end date")
	g.addOutputFlag(cmd, "table", render.FormatTable, render.FormatJSON, render.FormatCSV, render.FormatMarkdown)
	return cmd
}

// forecastRow is one milestone of the forecast, as -o json prints it.
type forecastRow struct {
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

// tornadoRow is one risk of the tornado, as -o json prints it.
type tornadoRow struct {
	ID          string  `json:"id"`
	Title       string  `json:"title"`
	Probability float64 `json:"probability"`
	EndDaysP80  int     `json:"end_days_p80"`
}

func runForecast(g *globals, o *forecastOptions, ids []string) error {
	f, err := g.format(render.FormatTable, render.FormatJSON, render.FormatCSV, render.FormatMarkdown)
	if err != nil {
		return err
	}
	if o.chart && f != render.FormatTable {
		return usageError("--chart draws in the table output only, not with -o %s", f)
	}
	if o.iterations < 1 || o.iterations > 10_000_000 {
		return usageError("--iterations must be between 1 and 10000000, not %d", o.iterations)
	}
	s, err := g.load()
	if err != nil {
		return err
	}
	plan := s.plan()
	chosen := make([]int, 0, len(plan.Milestones))
	for _, id := range ids {
		i, ok := plan.Index(id)
		if !ok {
			return usageError("%s is not a milestone", id)
		}
		chosen = append(chosen, i)
	}
	if len(ids) == 0 {
		for i, m := range plan.Milestones {
			if m.Done == 0 {
				chosen = append(chosen, i)
			}
		}
	}
	sim := plan.Simulation(s.p)
	sim.Iterations, sim.Seed, sim.Tornado = o.iterations, o.seed, o.risks
	fc := schedule.Simulate(sim)
	t := g.term()

	if o.risks {
		rows := make([]tornadoRow, 0, len(fc.Risks))
		for _, e := range fc.Risks {
			rk := sim.Risks[e.Risk]
			title := ""
			if r, ok := s.p.Lookup(rk.ID); ok {
				if risk, ok := r.Item.(*programme.Risk); ok {
					title = risk.Title
				}
			}
			rows = append(rows, tornadoRow{ID: rk.ID, Title: title, Probability: rk.Probability, EndDaysP80: e.EndDaysP80})
		}
		if f == render.FormatJSON {
			return render.JSON(t.Out, rows)
		}
		tb := render.Table{Columns: []render.Column{{Header: "ID"}, {Header: "RISK", Flex: true}, {Header: "PROBABILITY", Align: render.Right},
			{Header: "END +DAYS AT P80", Align: render.Right}}}
		if f != render.FormatTable {
			tb.Columns = []render.Column{{Header: "id"}, {Header: "title"}, {Header: "probability"}, {Header: "end_days_p80"}}
		}
		for _, r := range rows {
			tb.Rows = append(tb.Rows, render.Cells(r.ID, r.Title, strconv.FormatFloat(r.Probability, 'f', -1, 64), strconv.Itoa(r.EndDaysP80)))
		}
		if f == render.FormatTable && len(rows) == 0 {
			_, err := fmt.Fprintln(t.Out, "No open risk has a schedule impact: give risks schedule: {min, likely, max} to rank them.")
			return err
		}
		if err := t.Output(f, tb, rows); err != nil {
			return err
		}
		if f == render.FormatTable {
			return forecastFooter(t, s, fc, o)
		}
		return nil
	}

	rows := make([]forecastRow, 0, len(chosen))
	for _, i := range chosen {
		m := plan.Milestones[i]
		rows = append(rows, forecastRow{ID: m.ID, Title: m.Title, Due: m.Due, Expected: fc.Expected[i],
			P50: fc.P50[i], P80: fc.P80[i], P95: fc.P95[i], OnTime: fc.OnTime[i], Criticality: fc.Criticality[i]})
	}
	switch f {
	case render.FormatJSON:
		return render.JSON(t.Out, rows)
	case render.FormatCSV:
		tb := render.Table{Columns: []render.Column{{Header: "id"}, {Header: "title"}, {Header: "due"}, {Header: "expected"},
			{Header: "p50"}, {Header: "p80"}, {Header: "p95"}, {Header: "on_time"}, {Header: "criticality"}}}
		for _, r := range rows {
			tb.Rows = append(tb.Rows, render.Cells(r.ID, r.Title, r.Due.String(), r.Expected.String(), r.P50.String(), r.P80.String(), r.P95.String(),
				strconv.FormatFloat(r.OnTime, 'f', -1, 64), strconv.FormatFloat(r.Criticality, 'f', -1, 64)))
		}
		return render.CSV(t.Out, tb)
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
	if f == render.FormatMarkdown {
		return render.Markdown(t.Out, tb)
	}
	if len(rows) > 0 {
		if err := t.Table(tb); err != nil {
			return err
		}
	}
	return forecastFooter(t, s, fc, o)
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

// forecastFooter says what the table rests on and where the programme
// end lands, with the histogram when asked for.
func forecastFooter(t render.Term, s *session, fc *schedule.Forecast, o *forecastOptions) error {
	end := fc.End
	line := fmt.Sprintf("\nProgramme end: P50 %s, P80 %s, P95 %s", end.P50, end.P80, end.P95)
	if e := s.p.Header.End; e != 0 {
		n := 0
		for k, c := range end.Counts {
			if end.From+programme.Date(k) <= e {
				n += c
			}
		}
		line += fmt.Sprintf("; %s of runs end by %s", percent(float64(n)/float64(fc.Iterations)), e)
	}
	line += fmt.Sprintf(" (%s, seed %d)\n", programme.Plural(fc.Iterations, "run"), o.seed)
	if _, err := fmt.Fprint(t.Out, line); err != nil {
		return err
	}
	if !o.chart {
		return nil
	}
	_, err := fmt.Fprint(t.Out, "\n"+endChart(end, fc.Iterations, max(t.Width, 60)))
	return err
}

// endChart draws the distribution of the programme end as a text
// histogram: one bar per day, or per week where the runs spread over more
// than forty days, with the percentiles marked.
func endChart(d schedule.Distribution, n, width int) string {
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
