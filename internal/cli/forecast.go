package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/ocotool/oco/internal/render"
	"github.com/ocotool/oco/internal/schedule"
	"github.com/ocotool/oco/internal/view"
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
		rows := view.TornadoRows(s.p, sim, fc)
		if f == render.FormatJSON {
			return render.JSON(t.Out, rows)
		}
		if f == render.FormatTable && len(rows) == 0 {
			_, err := fmt.Fprintln(t.Out, "No open risk has a schedule impact: give risks schedule: {min, likely, max} to rank them.")
			return err
		}
		if err := t.Output(f, view.TornadoTable(rows, f != render.FormatTable), rows); err != nil {
			return err
		}
		if f == render.FormatTable {
			return forecastFooter(t, s, fc, o)
		}
		return nil
	}

	rows := view.ForecastRows(plan, fc, chosen)
	switch f {
	case render.FormatJSON:
		return render.JSON(t.Out, rows)
	case render.FormatCSV:
		return render.CSV(t.Out, view.ForecastTable(rows, true))
	case render.FormatMarkdown:
		return render.Markdown(t.Out, view.ForecastTable(rows, false))
	}
	if len(rows) > 0 {
		if err := t.Table(view.ForecastTable(rows, false)); err != nil {
			return err
		}
	}
	return forecastFooter(t, s, fc, o)
}

// forecastFooter prints the footer, and the histogram when asked for.
func forecastFooter(t render.Term, s *session, fc *schedule.Forecast, o *forecastOptions) error {
	if _, err := fmt.Fprint(t.Out, view.ForecastFooter(s.p, fc, o.seed)); err != nil {
		return err
	}
	if !o.chart {
		return nil
	}
	_, err := fmt.Fprint(t.Out, "\n"+view.EndChart(fc.End, fc.Iterations, max(t.Width, 60)))
	return err
}
