package check

import (
	"strconv"
	"testing"

	"github.com/ocotool/oco/internal/programme"
)

// scheduleCases exercise knock-on and negative-slack through Run, so that
// they also show what the other rules say, or do not say, beside them.
// Each case's YAML starts on line 10, after header.
var scheduleCases = []ruleCase{
	{rule: "knock-on", name: "a forecast pushes its successors, each named by its own driver", src: `
milestones:
  - id: M-12
    title: Design
    owner: P-1
    due: 2017-07-01
    forecast: 2017-07-22
  - id: M-20
    title: Build
    owner: P-1
    due: 2017-07-15
    depends_on: [{id: M-12, lag: 2w}]
  - id: M-30
    title: Test
    owner: P-1
    due: 2017-08-01
    depends_on: [M-20]
`, want: []string{
		// M-12 slips 21 days, past the amber tolerance of 14.
		"programme/programme.yaml:15:5: warning: M-12 is forecast for 2017-07-22, 21 days after its due date 2017-07-01 (tolerance 14 days) [slipped]",
		// M-20: 2017-07-22 + 14 = 2017-08-05, 21 days after 2017-07-15.
		"programme/programme.yaml:19:5: warning: M-20 is expected 2017-08-05, 21 days after its due date 2017-07-15, pushed by M-12 (expected 2017-07-22) plus a lag of 14 days [knock-on]",
		// M-30 waits for M-20's expected date, not its due date.
		"programme/programme.yaml:24:5: warning: M-30 is expected 2017-08-05, 4 days after its due date 2017-08-01, pushed by M-20 (expected 2017-08-05) [knock-on]",
	}},
	{rule: "knock-on", name: "lateness pushes, reported at the forecast where there is one", src: `
milestones:
  - id: M-5
    title: Late
    owner: P-1
    due: 2017-05-20
  - id: M-21
    title: Next
    owner: P-1
    due: 2017-06-01
    depends_on: [{id: M-5, lag: 1w}]
  - id: M-22
    title: Forecast
    owner: P-1
    due: 2017-05-25
    forecast: 2017-06-05
    depends_on: [M-5]
  - id: M-23
    title: Room to spare
    owner: P-1
    due: 2017-07-01
    depends_on: [M-5]
`, want: []string{
		"programme/programme.yaml:14:5: warning: M-5 was due 2017-05-20 and is not done (12 days overdue) [overdue]",
		// Not done, so expected no earlier than the reporting date 2017-06-01.
		"programme/programme.yaml:18:5: warning: M-21 is expected 2017-06-08, 7 days after its due date 2017-06-01, pushed by M-5 (expected 2017-06-01) plus a lag of 7 days [knock-on]",
		// M-22's own forecast, 2017-06-05, already allows for M-5: no knock-on.
	}},
	{rule: "knock-on", name: "a forecast too early for its predecessor", src: `
milestones:
  - id: M-1
    title: First
    owner: P-1
    due: 2017-07-01
    forecast: 2017-07-10
  - id: M-2
    title: Second
    owner: P-1
    due: 2017-08-01
    forecast: 2017-07-05
    depends_on: [M-1]
`, want: []string{
		"programme/programme.yaml:20:5: warning: M-2 is expected 2017-07-10, 5 days after its forecast 2017-07-05, pushed by M-1 (expected 2017-07-10) [knock-on]",
	}},
	{rule: "knock-on", name: "an activity keeps its length", src: `
milestones:
  - id: M-1
    title: First
    owner: P-1
    due: 2017-07-01
    forecast: 2017-07-11
  - id: M-2
    title: Build
    owner: P-1
    start: 2017-07-01
    due: 2017-07-31
    depends_on: [M-1]
`, want: []string{
		// Starts 2017-07-11, ten days late, and runs its 30 days.
		"programme/programme.yaml:20:5: warning: M-2 is expected 2017-08-10, 10 days after its due date 2017-07-31, pushed by M-1 (expected 2017-07-11) [knock-on]",
	}},
	{rule: "knock-on", name: "not for done work, the approved plan, or links inside a loop", src: `
milestones:
  - id: M-1
    title: Done late
    owner: P-1
    due: 2017-04-01
    done: 2017-04-20
  - id: M-2
    title: Done too
    owner: P-1
    due: 2017-04-10
    done: 2017-04-25
    depends_on: [M-1]
  - id: M-3
    title: Planned too early
    owner: P-1
    due: 2017-07-01
    depends_on: [M-4]
  - id: M-4
    title: On time
    owner: P-1
    due: 2017-08-01
  - id: M-5
    title: Loop A
    owner: P-1
    due: 2017-07-01
    depends_on: [M-6]
  - id: M-6
    title: Loop B
    owner: P-1
    due: 2017-09-01
    depends_on: [M-5]
`, want: []string{
		// M-2 done before M-1 was: a record of the past, not a forecast.
		"programme/programme.yaml:25:5: error: M-3 is due 2017-07-01, before its predecessor M-4 (2017-08-01) [dependency-order]",
		"programme/programme.yaml:35:18: error: dependency loop: M-5 -> M-6 -> M-5 [dependency-cycle]",
	}},
	{rule: "knock-on", name: "a loop pushed from outside", src: `
milestones:
  - id: M-1
    title: Outside
    owner: P-1
    due: 2017-07-01
    forecast: 2017-07-20
  - id: M-5
    title: Loop A
    owner: P-1
    due: 2017-07-10
    depends_on: [M-6, M-1]
  - id: M-6
    title: Loop B
    owner: P-1
    due: 2017-09-01
    depends_on: [M-5]
`, want: []string{
		"programme/programme.yaml:15:5: warning: M-1 is forecast for 2017-07-20, 19 days after its due date 2017-07-01 (tolerance 14 days) [slipped]",
		"programme/programme.yaml:19:5: warning: M-5 is expected 2017-07-20, 10 days after its due date 2017-07-10, pushed by M-1 (expected 2017-07-20) [knock-on]",
		"programme/programme.yaml:20:18: error: dependency loop: M-5 -> M-6 -> M-5 [dependency-cycle]",
	}},
	{rule: "negative-slack", name: "pushed past the end", src: `
milestones:
  - id: M-49
    title: Last but one
    owner: P-1
    due: 2018-12-20
    forecast: 2018-12-28
  - id: M-50
    title: Close
    owner: P-1
    due: 2018-12-27
    depends_on: [{id: M-49, lag: 1w}]
  - id: M-51
    title: After the end
    owner: P-1
    due: 2019-01-15
`, want: []string{
		// 2018-12-28 + 7 = 2019-01-04: 8 days past M-50's date, 4 past the end.
		"programme/programme.yaml:19:5: warning: M-50 is expected 2019-01-04, 8 days after its due date 2018-12-27, pushed by M-49 (expected 2018-12-28) plus a lag of 7 days [knock-on]",
		"programme/programme.yaml:19:5: warning: M-50 is expected 2019-01-04, 4 days after the programme ends (2018-12-31), pushed by M-49 (expected 2018-12-28) [negative-slack]",
		// M-51's own date is past the end: outside-programme says so, once.
		"programme/programme.yaml:24:5: error: milestone M-51: due 2019-01-15 is after the programme ends (2018-12-31) [outside-programme]",
	}},
	{rule: "negative-slack", name: "the programme has ended and work is not done", raw: true, src: `programme:
  id: OCO
  name: Test programme
  start: 2017-01-01
  end: 2017-12-31
  as_of: 2018-01-10
milestones:
  - {id: M-1, title: Open, due: 2017-12-01}
  - {id: M-2, title: Shut, due: 2017-12-01, done: 2017-12-01}
`, want: []string{
		"programme/programme.yaml:8:5: warning: milestone M-1 has no owner [unowned]",
		"programme/programme.yaml:8:28: warning: M-1 is expected 2018-01-10, 10 days after the programme ends (2017-12-31), as it is not done by the reporting date [negative-slack]",
		"programme/programme.yaml:8:28: warning: M-1 was due 2017-12-01 and is not done (40 days overdue) [overdue]",
		"programme/programme.yaml:9:5: warning: milestone M-2 has no owner [unowned]",
	}},
	{rule: "dependency-order", name: "not inside a loop", src: `
milestones:
  - {id: M-1, title: A, owner: P-1, due: 2017-09-01, depends_on: [M-2]}
  - {id: M-2, title: B, owner: P-1, due: 2017-10-01, depends_on: [M-3]}
  - {id: M-3, title: C, owner: P-1, due: 2017-08-01, depends_on: [M-1, M-4]}
  - {id: M-4, title: D, owner: P-1, due: 2017-08-15}
`, want: []string{
		// M-1 -> M-2 and M-3 -> M-1 break date order inside the loop, which
		// dependency-cycle reports whole; M-3 -> M-4 is outside it.
		"programme/programme.yaml:11:67: error: dependency loop: M-1 -> M-2 -> M-3 -> M-1 [dependency-cycle]",
		"programme/programme.yaml:13:37: error: M-3 is due 2017-08-01, before its predecessor M-4 (2017-08-15) [dependency-order]",
	}},
}

func TestScheduleRules(t *testing.T) { runRuleCases(t, scheduleCases) }

// TestLinkInLoop checks what keeps date rules off links inside loops: two
// loops joined by a link stay two loops, and a loop of a million
// milestones is found without recursion.
func TestLinkInLoop(t *testing.T) {
	ms := func(deps ...[]string) []*programme.Milestone {
		out := make([]*programme.Milestone, len(deps))
		for i, ds := range deps {
			m := &programme.Milestone{ID: string(rune('A' + i))}
			for _, d := range ds {
				m.DependsOn = append(m.DependsOn, programme.Dep{ID: d})
			}
			out[i] = m
		}
		return out
	}
	// A <-> B, B -> C (C depends on B), C <-> D, E alone.
	p := &programme.Programme{Milestones: ms([]string{"B"}, []string{"A"}, []string{"B", "D"}, []string{"C"}, nil)}
	plan := NewContext(p, Options{}).Plan()
	for _, tc := range []struct {
		i    int
		pred string
		want bool
	}{{0, "B", true}, {1, "A", true}, {2, "B", false}, {2, "D", true}, {3, "C", true}, {4, "A", false}, {0, "X", false}} {
		if got := plan.LinkInLoop(tc.i, tc.pred); got != tc.want {
			t.Errorf("link %s <- %s in a loop = %v, want %v", p.Milestones[tc.i].ID, tc.pred, got, tc.want)
		}
	}

	const n = 1_000_000
	chain := make([]*programme.Milestone, n)
	for i := range chain {
		chain[i] = &programme.Milestone{ID: "M-" + strconv.Itoa(i)}
		if i > 0 {
			chain[i].DependsOn = []programme.Dep{{ID: chain[i-1].ID}}
		}
	}
	chain[0].DependsOn = []programme.Dep{{ID: chain[n-1].ID}} // close it: one loop of a million
	big := NewContext(&programme.Programme{Milestones: chain}, Options{}).Plan()
	for _, i := range []int{0, 1, n / 2, n - 1} {
		if !big.LinkInLoop(i, chain[(i+n-1)%n].ID) {
			t.Fatalf("link into milestone %d not found in the loop of a million", i)
		}
	}
}
