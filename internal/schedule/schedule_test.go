package schedule

import (
	"slices"
	"testing"
	"time"

	"github.com/ocotool/oco/internal/programme"
)

var base = programme.NewDate(2017, time.January, 1)

// d is day k of the test calendar, so the worked answers stay small numbers.
func d(k int) programme.Date { return base.AddDays(k) }

func days(ds []programme.Date) []int {
	out := make([]int, len(ds))
	for i, x := range ds {
		out[i] = x.Sub(base)
	}
	return out
}

type knock struct{ driver, days int }

func TestCompute(t *testing.T) {
	tests := []struct {
		name      string
		asOf, end int // days; end 0 means no end given
		tasks     []Task
		expected  []int
		slack     []int
		driver    []int
		path      []int
		knockOn   map[int]knock // every other task must report none
		negative  []int         // tasks past the end
		cycles    [][]int
		inCycle   []int
		linkSlack [][4]int // pred, succ, lag, want
	}{
		{
			// 0 (10) -5d-> 1 (15) -5d-> 2 (20); end 30.
			// Each link is exactly met, so nothing drives and all is critical.
			// Slack: 0 and 1 would move their successor at once (link slack
			// 0); 2 has 30-20 = 10 days before the end.
			name: "chain", asOf: 1, end: 30,
			tasks: []Task{
				{ID: "A", Due: d(10)},
				{ID: "B", Due: d(15), Preds: []Link{{Pred: 0, Lag: 5}}},
				{ID: "C", Due: d(20), Preds: []Link{{Pred: 1, Lag: 5}}},
			},
			expected: []int{10, 15, 20},
			slack:    []int{0, 0, 10},
			driver:   []int{-1, -1, -1},
			path:     []int{0, 1, 2},
		},
		{
			// 2 (20) waits for 0 (10)+5 = 15 and 1 (12)+5 = 17: its own
			// date decides. Slack of 0: 20-(10+5) = 5; of 1: 20-(12+5) = 3.
			// No link into 2 is tight, so the path is 2 alone.
			name: "fan-in", asOf: 1, end: 30,
			tasks: []Task{
				{ID: "A", Due: d(10)},
				{ID: "B", Due: d(12)},
				{ID: "C", Due: d(20), Preds: []Link{{Pred: 0, Lag: 5}, {Pred: 1, Lag: 5}}},
			},
			expected:  []int{10, 12, 20},
			slack:     []int{5, 3, 10},
			driver:    []int{-1, -1, -1},
			path:      []int{2},
			linkSlack: [][4]int{{0, 2, 5, 5}, {1, 2, 5, 3}},
		},
		{
			// As fan-in, but 1 forecasts 18: 18+5 = 23 pushes 2 (due 20)
			// by 3 days. Slack: 2: 30-23 = 7; 1: 23-23 = 0; 0: 23-15 = 8.
			name: "forecast slip knocks on", asOf: 1, end: 30,
			tasks: []Task{
				{ID: "A", Due: d(10)},
				{ID: "B", Due: d(12), Forecast: d(18)},
				{ID: "C", Due: d(20), Preds: []Link{{Pred: 0, Lag: 5}, {Pred: 1, Lag: 5}}},
			},
			expected: []int{10, 18, 23},
			slack:    []int{8, 0, 7},
			driver:   []int{-1, -1, 1},
			path:     []int{1, 2},
			knockOn:  map[int]knock{2: {1, 3}},
		},
		{
			// 0 (10) feeds 1 (20, lag 0) and 2 (15, lag 3). Slack of 0:
			// min(30-10, 20-10, 15-13) = 2, set by 2.
			name: "fan-out", asOf: 1, end: 30,
			tasks: []Task{
				{ID: "A", Due: d(10)},
				{ID: "B", Due: d(20), Preds: []Link{{Pred: 0, Lag: 0}}},
				{ID: "C", Due: d(15), Preds: []Link{{Pred: 0, Lag: 3}}},
			},
			expected: []int{10, 20, 15},
			slack:    []int{2, 10, 15},
			driver:   []int{-1, -1, -1},
			path:     []int{1},
		},
		{
			// A two-week lag: 10+14 = 24 pushes 1 (due 12) by 12 days.
			// Slack: 1: 30-24 = 6; 0: 24-(10+14) = 0.
			name: "lag in days", asOf: 1, end: 30,
			tasks: []Task{
				{ID: "A", Due: d(10)},
				{ID: "B", Due: d(12), Preds: []Link{{Pred: 0, Lag: 14}}},
			},
			expected:  []int{10, 24},
			slack:     []int{0, 6},
			driver:    []int{-1, 0},
			path:      []int{0, 1},
			knockOn:   map[int]knock{1: {0, 12}},
			linkSlack: [][4]int{{0, 1, 14, 0}},
		},
		{
			// 1 is an activity of 8 days (12..20) that may start 5 days
			// after 0 (10): it cannot finish before 10+5+8 = 23. 2 runs 4
			// days (16..20): 10+5+4 = 19 leaves its due date standing.
			// Slack of 0: min(23-(10+5+8), 20-(10+5+4)) = 0.
			name: "activity with a start", asOf: 1, end: 30,
			tasks: []Task{
				{ID: "A", Due: d(10)},
				{ID: "B", Start: d(12), Due: d(20), Preds: []Link{{Pred: 0, Lag: 5}}},
				{ID: "C", Start: d(16), Due: d(20), Preds: []Link{{Pred: 0, Lag: 5}}},
			},
			expected:  []int{10, 23, 20},
			slack:     []int{0, 7, 10},
			driver:    []int{-1, 0, -1},
			path:      []int{0, 1},
			knockOn:   map[int]knock{1: {0, 3}},
			linkSlack: [][4]int{{0, 1, 5, 0}, {0, 2, 5, 1}},
		},
		{
			// 0 was done late on 14, which pushes 1 (due 12) to 14: slack
			// of 0 is 0. 2 was done on 16 and can no longer move, so it
			// bounds nothing: 1 has 30-14 = 16 days before the end.
			// The last expected is 2, whose link from 1 has 2 days spare.
			name: "done predecessors and successors", asOf: 1, end: 30,
			tasks: []Task{
				{ID: "A", Due: d(10), Done: d(14)},
				{ID: "B", Due: d(12), Preds: []Link{{Pred: 0, Lag: 0}}},
				{ID: "C", Due: d(30), Done: d(16), Preds: []Link{{Pred: 1, Lag: 0}}},
			},
			expected:  []int{14, 14, 16},
			slack:     []int{0, 16, 14},
			driver:    []int{-1, 0, -1},
			path:      []int{2},
			knockOn:   map[int]knock{1: {0, 2}},
			linkSlack: [][4]int{{1, 2, 0, 2}},
		},
		{
			// 1 was done on 15 although 0 is not done and cannot finish
			// before the reporting date 20: the link is 5 days short. 1 is
			// done and cannot move, so 0's slack is 30-20 = 10 to the end.
			// A done task is never knocked on.
			name: "done before its predecessor", asOf: 20, end: 30,
			tasks: []Task{
				{ID: "A", Due: d(10)},
				{ID: "B", Due: d(16), Done: d(15), Preds: []Link{{Pred: 0, Lag: 0}}},
			},
			expected:  []int{20, 15},
			slack:     []int{10, 15},
			driver:    []int{-1, -1},
			path:      []int{0},
			linkSlack: [][4]int{{0, 1, 0, -5}},
		},
		{
			// Reporting date 25: 0 (due 10) cannot finish before 25, and
			// that is the reporting date's doing, not a knock-on. 1 (due
			// 20) then waits for 25+2 = 27: a knock-on of 7 days from 0.
			// 2 is done on 5 and stays there.
			name: "reporting date pushes work not done", asOf: 25, end: 30,
			tasks: []Task{
				{ID: "A", Due: d(10)},
				{ID: "B", Due: d(20), Preds: []Link{{Pred: 0, Lag: 2}}},
				{ID: "C", Due: d(5), Done: d(5)},
			},
			expected: []int{25, 27, 5},
			slack:    []int{0, 3, 25},
			driver:   []int{-1, 0, -1},
			path:     []int{0, 1},
			knockOn:  map[int]knock{1: {0, 7}},
		},
		{
			// End 20. 0 forecasts 18, so 1 (due 19) waits for 18+5 = 23,
			// three days past the end: slack -3. 0 drives 1: slack 0.
			name: "negative slack past the end", asOf: 1, end: 20,
			tasks: []Task{
				{ID: "A", Due: d(10), Forecast: d(18)},
				{ID: "B", Due: d(19), Preds: []Link{{Pred: 0, Lag: 5}}},
			},
			expected: []int{18, 23},
			slack:    []int{0, -3},
			driver:   []int{-1, 0},
			path:     []int{0, 1},
			knockOn:  map[int]knock{1: {0, 4}},
			negative: []int{1},
		},
		{
			// 0 (10) -10d-> 1 (20) -20d-> 2 (40) -5d-> 4 (45)
			// 0 (10) -5d->  3 (15) ------------5d-> 4 (45); end 45.
			// Latest: 4: 45; 2: 40; 3: 40 (slack 25); 1: 40-20 = 20;
			// 0: min(20-10, 40-5) = 10. The short branch floats 25 days.
			name: "parallel branch with float", asOf: 1, end: 45,
			tasks: []Task{
				{ID: "S", Due: d(10)},
				{ID: "L1", Due: d(20), Preds: []Link{{Pred: 0, Lag: 10}}},
				{ID: "L2", Due: d(40), Preds: []Link{{Pred: 1, Lag: 20}}},
				{ID: "H1", Due: d(15), Preds: []Link{{Pred: 0, Lag: 5}}},
				{ID: "F", Due: d(45), Preds: []Link{{Pred: 2, Lag: 5}, {Pred: 3, Lag: 5}}},
			},
			expected: []int{10, 20, 40, 15, 45},
			slack:    []int{0, 0, 0, 25, 0},
			driver:   []int{-1, -1, -1, -1, -1},
			path:     []int{0, 1, 2, 4},
		},
		{
			// Two equal branches 0 -> 1 -> 3 and 0 -> 2 -> 3, each link
			// exactly met, and 4 expected as late as 3. The path starts at
			// the lower index of 3 and 4, and takes the lower index of 1
			// and 2 although 3 lists 2 first.
			name: "critical path through ties", asOf: 1, end: 30,
			tasks: []Task{
				{ID: "S", Due: d(10)},
				{ID: "A", Due: d(20), Preds: []Link{{Pred: 0, Lag: 10}}},
				{ID: "B", Due: d(20), Preds: []Link{{Pred: 0, Lag: 10}}},
				{ID: "F", Due: d(30), Preds: []Link{{Pred: 2, Lag: 10}, {Pred: 1, Lag: 10}}},
				{ID: "G", Due: d(30)},
			},
			expected: []int{10, 20, 20, 30, 30},
			slack:    []int{0, 0, 0, 0, 0},
			driver:   []int{-1, -1, -1, -1, -1},
			path:     []int{0, 1, 3},
		},
		{
			// S (10) -10d-> A (20) -10d-> F (30) and S -15d-> B (25) -5d-> F;
			// end 24. Every link is exactly met, so S, A and B would each
			// move F at once; B is also a day past the end (slack -1) and F
			// six (-6). Both links into F are tight; the path prefers B for
			// its lower slack although A has the lower index.
			name: "critical path prefers lower slack", asOf: 1, end: 24,
			tasks: []Task{
				{ID: "S", Due: d(10)},
				{ID: "A", Due: d(20), Preds: []Link{{Pred: 0, Lag: 10}}},
				{ID: "B", Due: d(25), Preds: []Link{{Pred: 0, Lag: 15}}},
				{ID: "F", Due: d(30), Preds: []Link{{Pred: 1, Lag: 10}, {Pred: 2, Lag: 5}}},
			},
			expected: []int{10, 20, 25, 30},
			slack:    []int{0, 0, -1, -6},
			driver:   []int{-1, -1, -1, -1},
			path:     []int{0, 2, 3},
			negative: []int{2, 3},
		},
		{
			// C (index 0) and B are both expected on 20; B ends a chain of
			// tight links from A, C stands alone. The path ends at B.
			name: "tied last tasks: the longer chain wins", asOf: 1, end: 30,
			tasks: []Task{
				{ID: "C", Due: d(20)},
				{ID: "A", Due: d(10)},
				{ID: "B", Due: d(20), Preds: []Link{{Pred: 1, Lag: 10}}},
			},
			expected: []int{20, 10, 20},
			slack:    []int{10, 0, 10},
			driver:   []int{-1, -1, -1},
			path:     []int{1, 2},
		},
		{
			// A successor done early cannot move, so it bounds nothing,
			// though the link itself is 2 days short: X waits 10 days for
			// B (20) but was done on 28.
			name: "done successor sets no bound", asOf: 1, end: 30,
			tasks: []Task{
				{ID: "B", Due: d(20)},
				{ID: "X", Due: d(28), Done: d(28), Preds: []Link{{Pred: 0, Lag: 10}}},
			},
			expected:  []int{20, 28},
			slack:     []int{10, 2},
			driver:    []int{-1, -1},
			path:      []int{1},
			linkSlack: [][4]int{{0, 1, 10, -2}},
		},
		{
			// Two predecessors push 2 equally (10+5 = 12+3 = 15): the lower
			// index drives, whatever the order they are listed in.
			name: "driver ties", asOf: 1, end: 30,
			tasks: []Task{
				{ID: "A", Due: d(10)},
				{ID: "B", Due: d(12)},
				{ID: "C", Due: d(11), Preds: []Link{{Pred: 1, Lag: 3}, {Pred: 0, Lag: 5}}},
			},
			expected: []int{10, 12, 15},
			driver:   []int{-1, -1, 0},
			knockOn:  map[int]knock{2: {0, 4}},
		},
		{
			// 1 -> 3 -> 2 -> 1 (each depends on the next), reached first
			// from 0, which depends on 3. The loop is reported once, from
			// its lowest index. Links inside it are ignored for dates, but
			// 3 still waits for 4 (10)+5 = 15, and 0 for 3.
			name: "cycle of three", asOf: 1, end: 30,
			tasks: []Task{
				{ID: "T", Due: d(12), Preds: []Link{{Pred: 3, Lag: 0}}},
				{ID: "A", Due: d(12), Preds: []Link{{Pred: 3, Lag: 0}}},
				{ID: "B", Due: d(12), Preds: []Link{{Pred: 1, Lag: 0}}},
				{ID: "C", Due: d(12), Preds: []Link{{Pred: 2, Lag: 0}, {Pred: 4, Lag: 5}}},
				{ID: "O", Due: d(10)},
			},
			expected: []int{15, 12, 12, 15, 10},
			driver:   []int{3, -1, -1, 4, -1},
			cycles:   [][]int{{1, 3, 2, 1}},
			inCycle:  []int{1, 2, 3},
			knockOn:  map[int]knock{0: {3, 3}, 3: {4, 3}},
		},
		{
			// 0 <-> 1 and 3 -> 5 -> 4 -> 3, with 2 between them.
			name: "two separate cycles", asOf: 1, end: 30,
			tasks: []Task{
				{Due: d(10), Preds: []Link{{Pred: 1, Lag: 0}}},
				{Due: d(10), Preds: []Link{{Pred: 0, Lag: 0}}},
				{Due: d(10), Preds: []Link{{Pred: 1, Lag: 0}}},
				{Due: d(10), Preds: []Link{{Pred: 5, Lag: 0}, {Pred: 2, Lag: 0}}},
				{Due: d(10), Preds: []Link{{Pred: 3, Lag: 0}}},
				{Due: d(10), Preds: []Link{{Pred: 4, Lag: 0}}},
			},
			expected: []int{10, 10, 10, 10, 10, 10},
			cycles:   [][]int{{0, 1, 0}, {3, 5, 4, 3}},
			inCycle:  []int{0, 1, 3, 4, 5},
		},
		{
			// 0 -> 1 -> 2 -> 3 -> 1, and 4 depends on 0: the tail leads
			// into the loop but is not part of it.
			name: "cycle with a tail", asOf: 1, end: 30,
			tasks: []Task{
				{Due: d(10), Preds: []Link{{Pred: 1, Lag: 0}}},
				{Due: d(10), Preds: []Link{{Pred: 2, Lag: 0}}},
				{Due: d(10), Preds: []Link{{Pred: 3, Lag: 0}}},
				{Due: d(10), Preds: []Link{{Pred: 1, Lag: 0}}},
				{Due: d(10), Preds: []Link{{Pred: 0, Lag: 0}}},
			},
			expected: []int{10, 10, 10, 10, 10},
			cycles:   [][]int{{1, 2, 3, 1}},
			inCycle:  []int{1, 2, 3},
		},
		{
			// 0 <-> 1 <-> 2 is one group with two loops: one is enough,
			// the shortest from 0.
			name: "one loop per group", asOf: 1, end: 30,
			tasks: []Task{
				{Due: d(10), Preds: []Link{{Pred: 1, Lag: 0}}},
				{Due: d(10), Preds: []Link{{Pred: 2, Lag: 0}, {Pred: 0, Lag: 0}}},
				{Due: d(10), Preds: []Link{{Pred: 1, Lag: 0}}},
			},
			expected: []int{10, 10, 10},
			cycles:   [][]int{{0, 1, 0}},
			inCycle:  []int{0, 1, 2},
		},
		{
			// A self-link is another rule's business: no loop, no effect.
			name: "self-links ignored", asOf: 1, end: 30,
			tasks: []Task{
				{Due: d(10), Preds: []Link{{Pred: 0, Lag: 50}}},
				{Due: d(20), Preds: []Link{{Pred: 1, Lag: 5}, {Pred: 0, Lag: 0}}},
			},
			expected: []int{10, 20},
			slack:    []int{10, 10},
			driver:   []int{-1, -1},
			path:     []int{1},
		},
		{
			// Links to tasks that do not exist are reported by the caller.
			name: "out-of-range preds ignored", asOf: 1, end: 30,
			tasks: []Task{
				{Due: d(10), Preds: []Link{{Pred: -1, Lag: 0}, {Pred: 2, Lag: 0}}},
				{Due: d(20), Preds: []Link{{Pred: 99, Lag: 5}, {Pred: 0, Lag: 0}}},
			},
			expected: []int{10, 20},
			slack:    []int{10, 10},
			driver:   []int{-1, -1},
			path:     []int{1},
		},
		{
			// Without an end, slack runs to the last expected date (20).
			name: "no end given", asOf: 1, end: 0,
			tasks: []Task{
				{Due: d(10)},
				{Due: d(20), Preds: []Link{{Pred: 0, Lag: 5}}},
			},
			expected: []int{10, 20},
			slack:    []int{5, 0},
		},
		{
			name: "empty", asOf: 1, end: 30,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			end := programme.Date(0)
			if tt.end != 0 {
				end = d(tt.end)
			}
			r := Compute(Input{Tasks: tt.tasks, AsOf: d(tt.asOf), End: end})
			if got := days(r.Expected); tt.expected != nil && !slices.Equal(got, tt.expected) {
				t.Errorf("Expected = %v, want %v", got, tt.expected)
			}
			if tt.slack != nil && !slices.Equal(r.Slack, tt.slack) {
				t.Errorf("Slack = %v, want %v", r.Slack, tt.slack)
			}
			if tt.driver != nil && !slices.Equal(r.Driver, tt.driver) {
				t.Errorf("Driver = %v, want %v", r.Driver, tt.driver)
			}
			if tt.path != nil && !slices.Equal(r.CriticalPath, tt.path) {
				t.Errorf("CriticalPath = %v, want %v", r.CriticalPath, tt.path)
			}
			for i := range tt.tasks {
				if r.Critical[i] != slices.Contains(r.CriticalPath, i) {
					t.Errorf("Critical[%d] = %v, disagrees with the path %v", i, r.Critical[i], r.CriticalPath)
				}
				drv, n, ok := r.KnockOn(i)
				want, wantOK := tt.knockOn[i]
				if ok != wantOK || (ok && (drv != want.driver || n != want.days)) {
					t.Errorf("KnockOn(%d) = %d, %d, %v; want %d, %d, %v", i, drv, n, ok, want.driver, want.days, wantOK)
				}
				if got := r.NegativeSlack(i); got != slices.Contains(tt.negative, i) {
					t.Errorf("NegativeSlack(%d) = %v", i, got)
				}
				if got := r.InCycle[i]; got != slices.Contains(tt.inCycle, i) {
					t.Errorf("InCycle[%d] = %v", i, got)
				}
			}
			if !slices.EqualFunc(r.Cycles, tt.cycles, slices.Equal) {
				t.Errorf("Cycles = %v, want %v", r.Cycles, tt.cycles)
			}
			for _, ls := range tt.linkSlack {
				// The link of ls[1] on ls[0] with lag ls[2].
				k := slices.IndexFunc(r.Predecessors(ls[1]), func(l Link) bool { return l.Pred == ls[0] && l.Lag == ls[2] })
				if k < 0 {
					t.Fatalf("task %d has no link on %d with lag %d", ls[1], ls[0], ls[2])
				}
				if got := r.LinkSlackOf(ls[1], r.Predecessors(ls[1])[k]); got != ls[3] {
					t.Errorf("LinkSlackOf(%d, link on %d lag %d) = %d, want %d", ls[1], ls[0], ls[2], got, ls[3])
				}
			}
			checkOrder(t, tt.tasks, r)
		})
	}
}

// checkOrder checks that Order is a permutation that puts every task after
// the predecessors whose links count for dates.
func checkOrder(t *testing.T, tasks []Task, r *Result) {
	t.Helper()
	pos := make([]int, len(tasks))
	for i := range pos {
		pos[i] = -1
	}
	if len(r.Order) != len(tasks) {
		t.Fatalf("Order has %d tasks, want %d", len(r.Order), len(tasks))
	}
	for k, v := range r.Order {
		if v < 0 || v >= len(tasks) || pos[v] >= 0 {
			t.Fatalf("Order %v is not a permutation", r.Order)
		}
		pos[v] = k
	}
	for i, task := range tasks {
		for _, l := range task.Preds {
			p := l.Pred
			if p < 0 || p >= len(tasks) || p == i || (r.InCycle[p] && r.InCycle[i]) {
				continue
			}
			if pos[p] > pos[i] {
				t.Errorf("Order puts %d before its predecessor %d", i, p)
			}
		}
	}
}

func TestChainOrder(t *testing.T) {
	r := Compute(Input{AsOf: d(1), End: d(30), Tasks: []Task{
		{Due: d(10)},
		{Due: d(15), Preds: []Link{{Pred: 0, Lag: 5}}},
		{Due: d(20), Preds: []Link{{Pred: 1, Lag: 5}}},
	}})
	if !slices.Equal(r.Order, []int{0, 1, 2}) {
		t.Errorf("Order = %v, want [0 1 2]", r.Order)
	}
}

func TestSuccessors(t *testing.T) {
	r := Compute(Input{AsOf: d(1), End: d(30), Tasks: []Task{
		{Due: d(10), Preds: []Link{{Pred: 0, Lag: 0}}},                                       // a self-link is not listed
		{Due: d(20), Preds: []Link{{Pred: 0, Lag: 0}, {Pred: 7, Lag: 0}}},                    // nor a link out of range
		{Due: d(15), Preds: []Link{{Pred: 0, Lag: 3}, {Pred: 1, Lag: 2}, {Pred: 3, Lag: 0}}}, // 2 <-> 3: loop links are listed
		{Due: d(15), Preds: []Link{{Pred: 2, Lag: 0}}},
		{Due: d(15), Preds: []Link{{Pred: 3, Lag: 0}, {Pred: 2, Lag: 0}, {Pred: 0, Lag: 1}}},
	}})
	want := map[int][]Successor{
		0: {{Task: 1, Lag: 0}, {Task: 2, Lag: 3}, {Task: 4, Lag: 1}},
		1: {{Task: 2, Lag: 2}},
		2: {{Task: 3, Lag: 0}, {Task: 4, Lag: 0}},
		3: {{Task: 2, Lag: 0}, {Task: 4, Lag: 0}},
		4: nil,
	}
	for i, w := range want {
		if got := r.Successors(i); !slices.Equal(got, w) {
			t.Errorf("Successors(%d) = %v, want %v", i, got, w)
		}
	}
}

func TestCyclesFunc(t *testing.T) {
	// Phases: p0 <- p1 <- p2 <- p0 (a loop), p3 depends on itself and on a
	// phase that does not exist, p4 on p3.
	deps := [][]int{{2}, {0}, {1}, {3, 9}, {3}}
	got := Cycles(len(deps), func(i int) []int { return deps[i] })
	want := [][]int{{0, 2, 1, 0}}
	if !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("Cycles = %v, want %v", got, want)
	}
	if got := Cycles(0, nil); got != nil {
		t.Errorf("Cycles of nothing = %v", got)
	}
}

// TestLongChain runs a million-task chain both ways round: listed
// predecessors first, and listed last first, which makes the search for
// loops go a million deep.
func TestLongChain(t *testing.T) {
	if testing.Short() {
		t.Skip("long chain")
	}
	const n = 1_000_000
	for _, reversed := range []bool{false, true} {
		tasks := chain(n, reversed)
		start := time.Now()
		r := Compute(Input{Tasks: tasks, AsOf: d(1), End: d(2 * n)})
		if len(r.Cycles) != 0 {
			t.Fatalf("reversed=%v: found loops in a chain", reversed)
		}
		first, last := 0, n-1
		if reversed {
			first, last = n-1, 0
		}
		// Each task is due the day after its predecessor, with a lag of 1:
		// every link is exactly met.
		if got := r.Expected[last].Sub(base); got != n+9 {
			t.Errorf("reversed=%v: last expected on day %d, want %d", reversed, got, n+9)
		}
		if len(r.CriticalPath) != n || r.CriticalPath[0] != first || r.CriticalPath[n-1] != last {
			t.Errorf("reversed=%v: critical path of %d tasks from %d", reversed, len(r.CriticalPath), r.CriticalPath[0])
		}
		if r.Slack[first] != 0 || r.Slack[last] != n-9 {
			t.Errorf("reversed=%v: slack of the first = %d, of the last = %d, want 0 and %d", reversed, r.Slack[first], r.Slack[last], n-9)
		}
		t.Logf("reversed=%v: %v", reversed, time.Since(start))
	}
}

// chain makes n tasks, each due a day after the one before and depending
// on it with a lag of a day; reversed numbers them from the end.
func chain(n int, reversed bool) []Task {
	tasks := make([]Task, n)
	links := make([]Link, n)
	for k := range n {
		i, p := k, k-1
		if reversed {
			i, p = n-1-k, n-k
		}
		tasks[i].Due = d(10 + k)
		if k > 0 {
			links[i] = Link{Pred: p, Lag: 1}
			tasks[i].Preds = links[i : i+1 : i+1]
		}
	}
	return tasks
}
