package schedule

import (
	"slices"
	"testing"

	"github.com/ocotool/oco/internal/programme"
)

// oddWeeks is a calendar unlike the built-in ones: three working days a
// week and a holiday early in the test calendar.
var oddWeeks = (&programme.Programme{Calendars: []*programme.Calendar{{
	ID: "odd", Workdays: []string{"mon", "wed", "fri"}, Holidays: []programme.Holiday{{Date: d(9)}, {Date: d(20)}},
}}}).WorkCalendar("odd")

// network builds a small network from fuzz bytes: out-of-range and
// self-links, negative lags, loops, start after due and missing dates all
// occur, because the caller passes whatever the user wrote.
func network(data []byte) Input {
	next := func() int {
		if len(data) == 0 {
			return 0
		}
		b := data[0]
		data = data[1:]
		return int(b)
	}
	n := next() % 24
	in := Input{AsOf: d(next() % 64)}
	if e := next(); e != 255 {
		in.End = d(e % 128)
	}
	in.Tasks = make([]Task, n)
	for i := range in.Tasks {
		t := &in.Tasks[i]
		due, flags, x := next(), next(), next()
		if due != 255 {
			t.Due = d(1 + due%64)
		}
		if flags&1 != 0 {
			t.Forecast = t.Due.AddDays(x%32 - 8)
		}
		if flags&2 != 0 {
			t.Start = t.Due.AddDays(-(x % 16))
		}
		if flags&4 != 0 {
			t.Start = t.Due.AddDays(x%5 + 1)
		}
		if flags&8 != 0 {
			t.Done = d(x % 64)
		}
		switch {
		case flags&16 != 0:
			t.Cal = england
		case flags&32 != 0:
			t.Cal = oddWeeks
		}
	}
	for n > 0 && len(data) >= 4 {
		t, p, lag, kind := next()%n, int(int8(next()))%(n+2), int(int8(next()))%20, next()
		in.Tasks[t].Preds = append(in.Tasks[t].Preds, Link{Pred: p, Lag: lag, Type: LinkType(kind & 3), Working: kind&4 != 0})
	}
	return in
}

// The reference schedule below steps a day at a time, as a person
// counting on a calendar would, to check the tables Compute uses.

func refNext(cal *programme.WorkCalendar, x programme.Date) programme.Date {
	for cal != nil && !cal.Works(x) {
		x++
	}
	return x
}

func refAdd(cal *programme.WorkCalendar, x programme.Date, n int) programme.Date {
	if cal == nil {
		return x + programme.Date(n)
	}
	for ; n > 0; n-- {
		for x++; !cal.Works(x); x++ {
		}
	}
	for ; n < 0; n++ {
		for x--; !cal.Works(x); x-- {
		}
	}
	return x
}

func refWork(t Task) int {
	if t.Start == 0 || t.Due < t.Start {
		return 0
	}
	if t.Cal == nil {
		return t.Due.Sub(t.Start)
	}
	n := 0
	for x := t.Start + 1; x <= t.Due; x++ {
		if t.Cal.Works(x) {
			n++
		}
	}
	return n
}

// refBound is where link l puts task i, given the expected dates.
func refBound(tasks []Task, expected []programme.Date, i int, l Link) programme.Date {
	p, t := tasks[l.Pred], tasks[i]
	ref := expected[l.Pred]
	if l.Type == SS || l.Type == SF {
		ref = refAdd(p.Cal, ref, -refWork(p))
	}
	x := ref + programme.Date(l.Lag)
	if l.Working {
		x = refAdd(t.Cal, ref, l.Lag)
	}
	if l.Type == FS || l.Type == SS {
		x = refAdd(t.Cal, x, refWork(t))
	}
	return refNext(t.Cal, x)
}

func FuzzCompute(f *testing.F) {
	f.Add([]byte{3, 1, 30, 10, 0, 0, 15, 0, 0, 20, 0, 0, 1, 0, 5, 2, 1, 5})
	f.Add([]byte{4, 1, 30, 10, 0, 0, 10, 0, 0, 10, 0, 0, 10, 0, 0, 1, 2, 0, 2, 3, 0, 3, 1, 0, 0, 0, 1})
	f.Add([]byte{5, 20, 255, 10, 15, 3, 12, 8, 5, 10, 4, 1, 40, 0, 0, 9, 1, 0, 1, 0, 253, 2, 1, 3, 3, 200, 4, 4, 2, 7})
	f.Add([]byte{4, 1, 30, 10, 16, 0, 15, 18, 5, 20, 32, 0, 30, 3, 2, 1, 0, 5, 1, 2, 1, 3, 6, 2, 2, 2, 7, 3, 1, 0, 0})
	f.Add([]byte{3, 2, 40, 14, 50, 3, 9, 16, 0, 12, 34, 6, 1, 0, 4, 5, 2, 1, 253, 6, 2, 0, 1, 3})
	f.Fuzz(func(t *testing.T, data []byte) {
		in := network(data)
		r := Compute(in)
		n := len(in.Tasks)
		usable := func(p, t int) bool { return p >= 0 && p < n && p != t }

		// Loops, by brute force: reach[a][b] when a depends on b, however
		// indirectly.
		reach := make([][]bool, n)
		for i := range reach {
			reach[i] = make([]bool, n)
			for _, l := range in.Tasks[i].Preds {
				if usable(l.Pred, i) {
					reach[i][l.Pred] = true
				}
			}
		}
		for k := range n {
			for i := range n {
				if reach[i][k] {
					for j := range n {
						reach[i][j] = reach[i][j] || reach[k][j]
					}
				}
			}
		}
		together := func(a, b int) bool { return a == b || (reach[a][b] && reach[b][a]) }
		groups := 0
		for i := range n {
			inLoop, lowest := false, true
			for j := range n {
				if j != i && together(i, j) {
					inLoop = true
					lowest = lowest && i < j
				}
			}
			if r.InCycle[i] != inLoop {
				t.Fatalf("InCycle[%d] = %v, want %v", i, r.InCycle[i], inLoop)
			}
			if inLoop && lowest {
				groups++
			}
		}
		if len(r.Cycles) != groups {
			t.Fatalf("%d loops reported for %d groups: %v", len(r.Cycles), groups, r.Cycles)
		}
		for k, c := range r.Cycles {
			if len(c) < 3 || c[0] != c[len(c)-1] {
				t.Fatalf("loop %v does not close", c)
			}
			if k > 0 && together(c[0], r.Cycles[k-1][0]) {
				t.Fatalf("loops %v and %v are of one group", r.Cycles[k-1], c)
			}
			seen := map[int]bool{}
			for j, v := range c[:len(c)-1] {
				if seen[v] || v < c[0] || !together(v, c[0]) {
					t.Fatalf("loop %v: %d repeated, below its start, or outside its group", c, v)
				}
				seen[v] = true
				if !slices.ContainsFunc(in.Tasks[v].Preds, func(l Link) bool { return l.Pred == c[j+1] }) {
					t.Fatalf("loop %v: %d does not depend on %d", c, v, c[j+1])
				}
			}
			for j := range n {
				if together(j, c[0]) && j < c[0] {
					t.Fatalf("loop %v does not start at its lowest index %d", c, j)
				}
			}
		}
		phases := Cycles(n, func(i int) []int {
			var ps []int
			for _, l := range in.Tasks[i].Preds {
				ps = append(ps, l.Pred)
			}
			return ps
		})
		if !slices.EqualFunc(phases, r.Cycles, slices.Equal) {
			t.Fatalf("Cycles = %v, Compute found %v", phases, r.Cycles)
		}

		// Order and dates.
		pos := make([]int, n)
		for k, v := range r.Order {
			pos[v] = k
		}
		counts := func(p, t int) bool { return usable(p, t) && !together(p, t) }
		for i, task := range in.Tasks {
			e := r.Expected[i]
			if task.Done != 0 {
				if e != task.Done {
					t.Fatalf("task %d done on %v expected on %v", i, task.Done, e)
				}
			} else {
				if e < task.Date() || e < in.AsOf {
					t.Fatalf("task %d expected %v, before its date %v or the reporting date %v", i, e, task.Date(), in.AsOf)
				}
				want := refNext(task.Cal, max(task.Date(), in.AsOf))
				for _, l := range task.Preds {
					if counts(l.Pred, i) {
						want = max(want, refBound(in.Tasks, r.Expected, i, l))
					}
				}
				if e != want {
					t.Fatalf("task %d expected %v, want %v", i, e, want)
				}
			}
			if drv := r.Driver[i]; drv >= 0 && (!tight(r, in.Tasks, drv, i) || !counts(drv, i)) {
				t.Fatalf("task %d driven by %d, which does not set its date", i, drv)
			}
			// Slack is the room before the end or a successor moves, and
			// no more: it is one of those bounds, exactly.
			bounds := []int{int(r.End) - int(e)}
			for _, sc := range r.Successors(i) {
				if in.Tasks[sc.Task].Done == 0 && counts(i, sc.Task) {
					bounds = append(bounds, r.LinkSlackOf(sc.Task, Link{Pred: i, Lag: sc.Lag, Type: sc.Type, Working: sc.Working}))
				}
			}
			if want := slices.Min(bounds); r.Slack[i] != want {
				t.Fatalf("task %d: slack %d, want %d (bounds %v)", i, r.Slack[i], want, bounds)
			}
			for _, l := range task.Preds {
				if counts(l.Pred, i) && pos[l.Pred] > pos[i] {
					t.Fatalf("Order %v puts %d before its predecessor %d", r.Order, i, l.Pred)
				}
			}
		}

		// With nothing to vary, every run of the simulation is the
		// deterministic schedule.
		fc := Simulate(Simulation{Input: in, Iterations: 3, Workers: 2})
		for i := range in.Tasks {
			if fc.P50[i] != r.Expected[i] || fc.P95[i] != r.Expected[i] {
				t.Fatalf("task %d: simulated %v..%v, expected %v", i, fc.P50[i], fc.P95[i], r.Expected[i])
			}
		}

		// The critical path runs through tight links to the last task.
		if n == 0 {
			return
		}
		p := r.CriticalPath
		if last := p[len(p)-1]; r.Expected[last] != slices.Max(r.Expected) {
			t.Fatalf("critical path %v ends at %d, not the last expected", p, last)
		}
		for k := 1; k < len(p); k++ {
			if !counts(p[k-1], p[k]) || !tight(r, in.Tasks, p[k-1], p[k]) {
				t.Fatalf("critical path %v: %d -> %d is not tight", p, p[k-1], p[k])
			}
		}
	})
}

// tight reports whether some link from pred to succ leaves no slack.
func tight(r *Result, tasks []Task, pred, succ int) bool {
	return slices.ContainsFunc(tasks[succ].Preds, func(l Link) bool {
		return l.Pred == pred && r.LinkSlackOf(succ, l) == 0
	})
}
