package schedule

import (
	"cmp"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/ocotool/oco/internal/programme"
)

// Spread is how far a task's own date may fall from its planned date in
// a run: a triangular draw from Early before it, through the date, to Late
// after (SPEC 7.4). For an activity it is the spread of its length.
type Spread struct {
	Early, Late int // days, or working days of the task's calendar
	Working     bool
}

// Risk is a risk with a schedule impact: in each run it occurs with
// Probability, and then delays every task it affects by one triangular
// draw from Min through Likely to Max.
type Risk struct {
	ID                string
	Probability       float64
	Min, Likely, Max  int // days, or working days of each task's calendar
	Working           bool
	Tasks             []int // indexes into Input.Tasks
	noDelay, disabled bool
}

// Simulation is what a Monte Carlo forecast runs over.
type Simulation struct {
	Input
	Spreads    []Spread // indexed like Tasks; a zero Spread does not vary
	Risks      []Risk
	Iterations int
	Seed       uint64
	// Workers is how many goroutines share the runs; 0 uses every core.
	// The answer does not depend on it.
	Workers int
	// Tornado asks for each risk's effect on the programme end, which costs
	// one more simulation per risk.
	Tornado bool
	// Deterministic is the schedule of Input without variation, where the
	// caller has built it already; Simulate computes it otherwise.
	Deterministic *Result
	// EndOnly asks for the programme end's distribution alone: the
	// forecast's per-task figures are left empty, and each run costs less.
	EndOnly bool
}

// Forecast is the outcome of a simulation, indexed like the tasks.
type Forecast struct {
	Iterations    int
	Expected      []programme.Date // the deterministic schedule
	P50, P80, P95 []programme.Date
	OnTime        []float64 // share of runs finishing on or before Due
	Criticality   []float64 // share of runs on the critical path
	End           Distribution
	Risks         []RiskEffect // with Tornado: most days first
}

// Distribution is how the runs spread over dates: Counts[k] runs ended on
// From + k days.
type Distribution struct {
	P50, P80, P95 programme.Date
	From          programme.Date
	Counts        []int
}

// RiskEffect is how many days a risk adds to the programme end at P80:
// the end's P80 less its P80 in a simulation without the risk, run on the
// same random draws.
type RiskEffect struct {
	Risk       int // index into Simulation.Risks
	EndDaysP80 int
	P80Without programme.Date
}

// Simulate runs the Monte Carlo forecast of SPEC 7.4. Each run draws from
// its own stream, seeded by the seed and the run's number, so the answer
// is the same on every machine and for any number of workers.
func Simulate(s Simulation) *Forecast {
	det := s.Deterministic
	if det == nil {
		det = Compute(s.Input)
	}
	net := newSimNet(s, det)
	n := max(s.Iterations, 1)
	f := &Forecast{Iterations: n, Expected: det.Expected}
	total := net.run(n, s.Seed, s.Workers, -1, !s.EndOnly)
	if !s.EndOnly {
		f.P50 = make([]programme.Date, len(s.Tasks))
		f.P80 = make([]programme.Date, len(s.Tasks))
		f.P95 = make([]programme.Date, len(s.Tasks))
		f.OnTime = make([]float64, len(s.Tasks))
		f.Criticality = make([]float64, len(s.Tasks))
	}
	for t := range f.P50 {
		h := &total.tasks[t]
		f.P50[t], f.P80[t], f.P95[t] = h.quantile(50, n), h.quantile(80, n), h.quantile(95, n)
		f.OnTime[t] = float64(total.onTime[t]) / float64(n)
		f.Criticality[t] = float64(total.critical[t]) / float64(n)
	}
	f.End = total.end.distribution(n)
	if s.Tornado {
		for i, rk := range net.risks {
			if rk.disabled {
				continue
			}
			without := net.run(n, s.Seed, s.Workers, i, false)
			p80 := without.end.quantile(80, n)
			f.Risks = append(f.Risks, RiskEffect{Risk: i, EndDaysP80: f.End.P80.Sub(p80), P80Without: p80})
		}
		slices.SortStableFunc(f.Risks, func(a, b RiskEffect) int { return cmp.Compare(b.EndDaysP80, a.EndDaysP80) })
	}
	return f
}

// simNet is the simulation's read-only view of the schedule: tasks in
// dependency order with the links that count for dates.
type simNet struct {
	s        Simulation
	order    []int32
	predOff  []int32 // links of order[k] are links[predOff[k]:predOff[k+1]]
	links    []Link
	work     []int32
	own      []programme.Date
	expected []programme.Date // the deterministic schedule
	risks    []Risk
	spread   []int32 // task indexes with a spread, in index order
}

func newSimNet(s Simulation, det *Result) *simNet {
	n := len(s.Tasks)
	net := &simNet{s: s, work: det.work, own: make([]programme.Date, n), expected: det.Expected}
	net.predOff = make([]int32, 1, n+1)
	for _, t := range det.Order {
		net.order = append(net.order, int32(t))
		for _, l := range s.Tasks[t].Preds {
			if usable(l.Pred, t, n) && det.comp[l.Pred] != det.comp[t] {
				net.links = append(net.links, l)
			}
		}
		net.predOff = append(net.predOff, int32(len(net.links)))
	}
	for t := range s.Tasks {
		net.own[t] = s.Tasks[t].Date()
		if t < len(s.Spreads) && s.Spreads[t] != (Spread{}) && s.Tasks[t].Done == 0 {
			net.spread = append(net.spread, int32(t))
		}
	}
	net.risks = slices.Clone(s.Risks)
	for i := range net.risks {
		rk := &net.risks[i]
		rk.Tasks = slices.DeleteFunc(slices.Clone(rk.Tasks), func(t int) bool { return t < 0 || t >= n || s.Tasks[t].Done != 0 })
		slices.Sort(rk.Tasks)
		rk.Tasks = slices.Compact(rk.Tasks)
		rk.noDelay = rk.Min == 0 && rk.Likely == 0 && rk.Max == 0
		rk.disabled = !(rk.Probability > 0) || len(rk.Tasks) == 0 || rk.noDelay
	}
	return net
}

// tally is what runs add up to; each worker keeps its own and they are
// summed, so the order in which runs finish does not matter.
type tally struct {
	tasks    []histogram
	onTime   []int32
	critical []int32
	end      histogram
}

// run simulates iterations 0..n-1 over the workers, leaving out risk skip
// (-1 for none). Without full only the programme end is tallied.
func (net *simNet) run(n int, seed uint64, workers, skip int, full bool) *tally {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	const chunk = 64
	workers = max(1, min(workers, (n+chunk-1)/chunk))
	tallies := make([]*tally, workers)
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			st := net.newState(full)
			for {
				from := int(next.Add(chunk)) - chunk
				if from >= n {
					break
				}
				for it := from; it < min(from+chunk, n); it++ {
					st.iterate(seed, uint64(it), skip)
				}
			}
			tallies[w] = st.tally
		}()
	}
	wg.Wait()
	total := tallies[0]
	for _, t := range tallies[1:] {
		total.add(t)
	}
	return total
}

func (t *tally) add(o *tally) {
	for i := range t.tasks {
		t.tasks[i].merge(&o.tasks[i])
	}
	for i := range t.onTime {
		t.onTime[i] += o.onTime[i]
		t.critical[i] += o.critical[i]
	}
	t.end.merge(&o.end)
}

// state is one worker's scratch space.
type state struct {
	net      *simNet
	full     bool
	pcg      *rand.PCG
	rng      *rand.Rand
	finish   []programme.Date
	start    []programme.Date
	driver   []int32
	mark     []uint32 // iteration stamp: on this run's critical path
	stamp    uint32
	calDelay []float64
	wdDelay  []float64
	shift    []float64 // the spread drawn for each task this run
	tally    *tally
}

func (net *simNet) newState(full bool) *state {
	n := len(net.s.Tasks)
	pcg := rand.NewPCG(0, 0)
	st := &state{
		net: net, full: full, pcg: pcg, rng: rand.New(pcg),
		finish: make([]programme.Date, n), start: make([]programme.Date, n),
		calDelay: make([]float64, n), wdDelay: make([]float64, n), shift: make([]float64, n),
		tally: &tally{},
	}
	if full {
		st.driver = make([]int32, n)
		st.mark = make([]uint32, n)
		// Most runs land near the deterministic date: start each count
		// there, in one block, so that runs rarely have to grow one.
		const before, width = 16, 64
		slab := make([]int32, n*width)
		st.tally.tasks = make([]histogram, n)
		for t := range st.tally.tasks {
			st.tally.tasks[t] = histogram{from: net.expected[t] - before, counts: slab[t*width : (t+1)*width : (t+1)*width]}
		}
		st.tally.onTime = make([]int32, n)
		st.tally.critical = make([]int32, n)
	}
	return st
}

// splitmix spreads consecutive run numbers over the seed space.
func splitmix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// triangular maps u in [0,1) to a triangular draw from a through c to b.
func triangular(u, a, c, b float64) float64 {
	if b <= a {
		return c
	}
	if fc := (c - a) / (b - a); u < fc {
		return a + math.Sqrt(u*(b-a)*(c-a))
	}
	return b - math.Sqrt((1-u)*(b-a)*(b-c))
}

func sorted3(a, b, c int) (float64, float64, float64) {
	x := []int{a, b, c}
	if x[0] > x[2] {
		x[0], x[2] = x[2], x[0]
	}
	x[1] = min(max(x[1], x[0]), x[2])
	return float64(x[0]), float64(x[1]), float64(x[2])
}

// iterate runs one simulation: the draws of SPEC 7.4 in a fixed order
// (each risk's occurrence and delay, then each spread in task order), then
// one pass in dependency order.
func (st *state) iterate(seed, it uint64, skip int) {
	net := st.net
	tasks := net.s.Tasks
	st.pcg.Seed(seed, splitmix(it))
	clear(st.calDelay)
	clear(st.wdDelay)
	for i := range net.risks {
		rk := &net.risks[i]
		if !(st.rng.Float64() < rk.Probability) {
			continue
		}
		a, c, b := sorted3(rk.Min, rk.Likely, rk.Max)
		delay := triangular(st.rng.Float64(), a, c, b)
		if i == skip || rk.disabled {
			continue
		}
		delays := st.calDelay
		if rk.Working {
			delays = st.wdDelay
		}
		for _, t := range rk.Tasks {
			delays[t] += delay
		}
	}
	for _, t := range net.spread {
		sp := net.s.Spreads[t]
		st.shift[t] = triangular(st.rng.Float64(), -float64(max(sp.Early, 0)), 0, float64(max(sp.Late, 0)))
	}

	asOf := float64(net.s.AsOf)
	end := programme.Date(math.MinInt32)
	for k, t32 := range net.order {
		t := int(t32)
		task := &tasks[t]
		cal := task.Cal
		if task.Done != 0 {
			st.finish[t] = task.Done
			st.start[t] = startOf(cal, task.Done, int(net.work[t]))
			if st.full {
				st.driver[t] = -1
			}
			end = max(end, task.Done)
			continue
		}
		var sp Spread
		var delta float64
		hasSpread := t < len(net.s.Spreads) && net.s.Spreads[t] != (Spread{})
		if hasSpread {
			sp, delta = net.s.Spreads[t], st.shift[t]
		}
		// shifted moves a date by the task's drawn spread.
		shifted := func(d programme.Date) float64 {
			switch {
			case !hasSpread:
				return float64(d)
			case sp.Working:
				return float64(cal.Add(d, int(math.Ceil(delta))))
			}
			return float64(d) + delta
		}
		x := max(shifted(net.own[t]), asOf)
		drv := int32(-1)
		for _, l := range net.links[net.predOff[k]:net.predOff[k+1]] {
			ref := st.finish[l.Pred]
			if l.Type.fromStart() {
				ref = st.start[l.Pred]
			}
			var b float64
			if l.Type.toStart() {
				b = shifted(saturate(linkBound(cal, ref, l, int64(net.work[t]))))
			} else {
				b = float64(linkBound(cal, ref, l, 0))
			}
			// A link that ties with the task's own date is tight: its
			// predecessor is on the critical path, as Compute counts it.
			if b > x || (b == x && drv < 0) {
				x, drv = b, int32(l.Pred)
			}
		}
		x += st.calDelay[t]
		fin := saturate(int64(math.Ceil(min(max(x, math.MinInt32), math.MaxInt32))))
		if w := st.wdDelay[t]; w > 0 {
			fin = cal.Add(fin, int(math.Ceil(w)))
		}
		fin = cal.Next(fin)
		st.finish[t] = fin
		st.start[t] = startOf(cal, fin, int(net.work[t]))
		end = max(end, fin)
		if st.full {
			st.driver[t] = drv
		}
	}
	st.tally.end.add(end)
	if !st.full {
		return
	}
	st.stamp++
	for t := range tasks {
		fin := st.finish[t]
		st.tally.tasks[t].add(fin)
		if fin <= tasks[t].Due {
			st.tally.onTime[t]++
		}
	}
	// The critical path of this run: back from every task ending last,
	// through the predecessors that set each date.
	for t := range tasks {
		if st.finish[t] != end {
			continue
		}
		for v := int32(t); v >= 0 && st.mark[v] != st.stamp; v = st.driver[v] {
			st.mark[v] = st.stamp
			st.tally.critical[v]++
		}
	}
}

// histogram counts runs by date.
type histogram struct {
	from   programme.Date
	counts []int32
}

func (h *histogram) add(d programme.Date) {
	switch {
	case len(h.counts) == 0:
		h.from = d
		h.counts = append(h.counts, 0)
	case d < h.from:
		// Grow by at least half again, so that a spreading distribution
		// costs few copies.
		grow := max(int(h.from-d), len(h.counts)/2)
		h.counts = append(make([]int32, grow, grow+len(h.counts)), h.counts...)
		h.from -= programme.Date(grow)
	case int(d-h.from) >= len(h.counts):
		grow := max(int(d-h.from)-len(h.counts)+1, len(h.counts)/2)
		h.counts = append(h.counts, make([]int32, grow)...)
	}
	h.counts[d-h.from]++
}

func (h *histogram) merge(o *histogram) {
	if len(o.counts) == 0 {
		return
	}
	h.add(o.from)
	h.counts[o.from-h.from]--
	h.add(o.from + programme.Date(len(o.counts)-1))
	h.counts[int(o.from-h.from)+len(o.counts)-1]--
	for i, c := range o.counts {
		h.counts[int(o.from-h.from)+i] += c
	}
}

// quantile is the earliest date on or before which at least q% of the n
// runs finish.
func (h *histogram) quantile(q, n int) programme.Date {
	cum := 0
	for i, c := range h.counts {
		cum += int(c)
		if cum*100 >= q*n {
			return h.from + programme.Date(i)
		}
	}
	return h.from + programme.Date(len(h.counts)-1)
}

func (h *histogram) distribution(n int) Distribution {
	d := Distribution{P50: h.quantile(50, n), P80: h.quantile(80, n), P95: h.quantile(95, n)}
	lo, hi := 0, len(h.counts)
	for lo < hi && h.counts[lo] == 0 {
		lo++
	}
	for hi > lo && h.counts[hi-1] == 0 {
		hi--
	}
	d.From = h.from + programme.Date(lo)
	d.Counts = make([]int, hi-lo)
	for i, c := range h.counts[lo:hi] {
		d.Counts[i] = int(c)
	}
	return d
}
