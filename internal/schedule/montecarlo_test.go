package schedule

import (
	"fmt"
	"math"
	"reflect"
	"testing"
)

// TestSimulateOneRisk is the analytic check of SPEC 7.4: one risk with
// probability p and a fixed impact on the last milestone, which finishes
// on time exactly when the risk does not occur.
func TestSimulateOneRisk(t *testing.T) {
	for _, p := range []float64{0.05, 0.3, 0.7} {
		s := Simulation{
			Input: Input{AsOf: d(0), Tasks: []Task{
				{Due: d(10)},
				{Due: d(30), Preds: []Link{{Pred: 0, Lag: 5}}},
			}},
			Risks:      []Risk{{ID: "R-1", Probability: p, Min: 10, Likely: 10, Max: 10, Tasks: []int{1}}},
			Iterations: 100_000,
			Seed:       7,
		}
		f := Simulate(s)
		if got := f.OnTime[1]; math.Abs(got-(1-p)) > 0.01 {
			t.Errorf("p=%v: on time %.4f, want %.4f ± 0.01", p, got, 1-p)
		}
		if f.OnTime[0] != 1 {
			t.Errorf("p=%v: the unaffected milestone is on time in %.4f of runs", p, f.OnTime[0])
		}
	}
}

// TestSimulateTriangularMedian checks a triangular estimate's P50 against
// its exact median: early 10, late 30 has its median at 30 - sqrt(600),
// 5.5 days after the date.
func TestSimulateTriangularMedian(t *testing.T) {
	s := Simulation{
		Input:      Input{AsOf: d(0), Tasks: []Task{{Due: d(100)}}},
		Spreads:    []Spread{{Early: 10, Late: 30}},
		Iterations: 100_000,
		Seed:       1,
	}
	f := Simulate(s)
	exact := 100 + 30 - math.Sqrt(600)
	if got := float64(f.P50[0].Sub(base)); math.Abs(got-exact) > 1 {
		t.Errorf("P50 day %v, exact median %.2f", got, exact)
	}
	if !(f.P50[0] <= f.P80[0] && f.P80[0] <= f.P95[0] && f.P95[0] <= d(130)) {
		t.Errorf("percentiles out of order: %s %s %s", f.P50[0], f.P80[0], f.P95[0])
	}
}

// TestSimulateDeterministic: with nothing to vary, every percentile is the
// deterministic date, and the critical path is critical in every run.
func TestSimulateDeterministic(t *testing.T) {
	in := programmeOf(200)
	f := Simulate(Simulation{Input: in, Iterations: 300})
	r := Compute(in)
	for i := range in.Tasks {
		if f.P50[i] != r.Expected[i] || f.P95[i] != r.Expected[i] {
			t.Fatalf("task %d: P50 %s P95 %s, deterministic %s", i, f.P50[i], f.P95[i], r.Expected[i])
		}
	}
	if f.End.P80 != r.Expected[r.CriticalPath[len(r.CriticalPath)-1]] {
		t.Errorf("end P80 %s", f.End.P80)
	}
}

// TestSimulateSameSeed: the same seed gives the same forecast whatever the
// number of workers.
func TestSimulateSameSeed(t *testing.T) {
	s := uncertain(programmeOf(500))
	s.Iterations, s.Seed, s.Tornado = 2000, 42, true
	var first *Forecast
	for _, w := range []int{1, 2, 3, 8} {
		s.Workers = w
		f := Simulate(s)
		if first == nil {
			first = f
			continue
		}
		if !reflect.DeepEqual(f, first) {
			t.Fatalf("%d workers give a different forecast from 1", w)
		}
	}
	s.Seed = 43
	if reflect.DeepEqual(Simulate(s).P80, first.P80) && reflect.DeepEqual(Simulate(s).End, first.End) {
		t.Errorf("another seed gives the very same forecast")
	}
	if len(first.Risks) == 0 || first.Risks[0].EndDaysP80 < first.Risks[len(first.Risks)-1].EndDaysP80 {
		t.Errorf("tornado not ranked: %+v", first.Risks)
	}
}

// TestSimulateLinkTypes: every link type and a calendar go through the
// simulation as they do through Compute.
func TestSimulateLinkTypes(t *testing.T) {
	for typ := FS; typ <= SF; typ++ {
		in := Input{AsOf: day(2017, 1, 1), Tasks: []Task{
			{Start: day(2017, 4, 3), Due: day(2017, 4, 12)},
			{Start: day(2017, 4, 10), Due: day(2017, 4, 13), Cal: england, Preds: []Link{{Pred: 0, Lag: 3, Type: typ, Working: true}}},
			{Due: day(2017, 4, 1), Cal: england, Preds: []Link{{Pred: 1, Lag: -1, Type: typ}}},
		}}
		f := Simulate(Simulation{Input: in, Iterations: 10})
		r := Compute(in)
		for i := range in.Tasks {
			if f.P50[i] != r.Expected[i] {
				t.Errorf("%s: task %d P50 %s, deterministic %s", typ, i, f.P50[i], r.Expected[i])
			}
		}
	}
}

// uncertain gives a generated network estimates on every third task and
// a risk on every fiftieth.
func uncertain(in Input) Simulation {
	s := Simulation{Input: in, Spreads: make([]Spread, len(in.Tasks))}
	for i := range in.Tasks {
		if i%3 == 0 {
			s.Spreads[i] = Spread{Early: 3, Late: 10}
		}
		if i%50 == 0 {
			s.Risks = append(s.Risks, Risk{ID: fmt.Sprint("R-", i), Probability: 0.3, Min: 5, Likely: 10 + i%20, Max: 40, Tasks: []int{i, i + 1}})
		}
	}
	return s
}

// BenchmarkSimulate measures one run of the simulation on the generated
// 10,000-milestone programme (ns/run), and its cost in deterministic
// schedule passes of the same network (passes/run): go test
// ./internal/schedule -run X -bench "Compute/tasks=10000$|Simulate" -cpu 1,2
func BenchmarkSimulate(b *testing.B) {
	const runs = 10_000
	s := uncertain(programmeOf(10_000))
	s.Iterations = runs
	// The cost of a run in deterministic passes is measured in CPU time,
	// which a busy machine disturbs far less than the wall clock; it sums
	// every worker, so it is the cost, not the wait.
	const passes = 200
	var computeCPU, simCPU int64
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		c0 := cpuTime()
		for range passes {
			Compute(s.Input)
		}
		computeCPU += cpuTime() - c0
		b.StartTimer()
		c1 := cpuTime()
		Simulate(s)
		simCPU += cpuTime() - c1
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/runs, "ns/run")
	if computeCPU > 0 {
		b.ReportMetric(float64(simCPU)/runs/(float64(computeCPU)/passes), "passes/run")
	}
}

func TestSimulationVaries(t *testing.T) {
	in := programmeOf(10)
	if (Simulation{Input: in}).Varies() {
		t.Error("a plain network varies")
	}
	if !uncertain(in).Varies() {
		t.Error("a network with estimates and risks does not vary")
	}
	if (Simulation{Input: in, Risks: []Risk{{Probability: 0, Max: 5, Tasks: []int{1}}}}).Varies() {
		t.Error("a risk that cannot occur varies")
	}
}

// The end alone comes out the same whether or not the per-task figures
// are tallied with it.
func TestSimulateEndOnly(t *testing.T) {
	sim := uncertain(programmeOf(500))
	sim.Iterations, sim.Seed = 300, 7
	full := Simulate(sim)
	sim.EndOnly = true
	end := Simulate(sim)
	if !reflect.DeepEqual(full.End, end.End) {
		t.Errorf("end only: %+v, with every task: %+v", end.End, full.End)
	}
	if end.P80 != nil || len(full.P80) == 0 {
		t.Errorf("per-task P80: %d with EndOnly, %d without", len(end.P80), len(full.P80))
	}
}
