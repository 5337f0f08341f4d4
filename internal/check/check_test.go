package check

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/ocotool/oco/internal/programme"
)

// header is prepended to each case: the programme runs through 2017 and
// 2018, is reported on 2017-06-01, and has one person, P-1. A case's own
// YAML therefore starts on line 10.
const header = `programme:
  id: OCO
  name: Test programme
  start: 2017-01-01
  end: 2018-12-31
  as_of: 2017-06-01
people:
  - id: P-1
    name: Ann
`

// check loads src as programme.yaml and runs every rule as of the
// programme's own reporting date, returning the findings as printed.
func check(t testing.TB, src string) []string {
	t.Helper()
	p := programme.Load(fstest.MapFS{"programme.yaml": {Data: []byte(src)}}, "programme")
	var out []string
	for _, f := range Run(p, Options{AsOf: p.Header.AsOf}) {
		out = append(out, f.String())
	}
	return out
}

type ruleCase struct {
	rule string // the rule the case is about
	name string
	raw  bool // src is the whole file, without header
	src  string
	want []string
}

var ruleCases = []ruleCase{
	{rule: "duplicate-id", name: "one item twice through an alias", src: `
milestones:
  - &m {id: M-1, title: A, owner: P-1, due: 2017-09-01}
  - *m
`, want: []string{
		"programme/programme.yaml:11:5: error: M-1 is listed twice: an alias repeats the item defined at programme/programme.yaml:11:9 [duplicate-id]",
	}},
	{rule: "duplicate-id", name: "same kind", src: `
milestones:
  - id: M-1
    title: A
    owner: P-1
    due: 2017-09-01
  - id: M-1
    title: B
    owner: P-1
    due: 2017-09-01
`, want: []string{
		"programme/programme.yaml:15:5: error: M-1 is also defined at programme/programme.yaml:11:5 [duplicate-id]",
	}},
	{rule: "duplicate-id", name: "across kinds", src: `
bodies:
  - id: P-1
    name: Board
`, want: []string{
		"programme/programme.yaml:11:5: error: P-1 is also defined at programme/programme.yaml:8:5 [duplicate-id]",
	}},
	{rule: "duplicate-id", name: "three times, each later one", src: `
phases:
  - {id: X, name: A, start: 2017-01-01, end: 2017-12-31}
  - {id: X, name: B, start: 2017-01-01, end: 2017-12-31}
  - {id: X, name: C, start: 2017-01-01, end: 2017-12-31}
milestones:
  - {id: M-1, title: A, owner: P-1, phase: X, due: 2017-09-01}
`, want: []string{
		"programme/programme.yaml:12:6: error: X is also defined at programme/programme.yaml:11:6 [duplicate-id]",
		"programme/programme.yaml:13:6: error: X is also defined at programme/programme.yaml:11:6 [duplicate-id]",
	}},
	{rule: "id-case", name: "differs by case", src: `
milestones:
  - id: M-1
    title: A
    owner: P-1
    due: 2017-09-01
  - id: m-1
    title: B
    owner: P-1
    due: 2017-09-01
`, want: []string{
		"programme/programme.yaml:15:5: warning: m-1 differs only by case from M-1 (programme/programme.yaml:11:5) [id-case]",
	}},
	{rule: "id-case", name: "across kinds", src: `
bodies:
  - id: p-1
    name: Board
`, want: []string{
		"programme/programme.yaml:11:5: warning: p-1 differs only by case from P-1 (programme/programme.yaml:8:5) [id-case]",
	}},
	{rule: "unknown-ref", name: "no such id, with suggestions", src: `
milestones:
  - id: M-1
    title: A
    owner: P-2
    due: 2017-09-01
    depends_on: [M-2]
`, want: []string{
		"programme/programme.yaml:13:5: error: milestone M-1: owner \"P-2\" is not the id of any person or body; did you mean \"P-1\"? [unknown-ref]",
		"programme/programme.yaml:15:18: error: milestone M-1: depends_on \"M-2\" is not the id of any milestone; did you mean \"M-1\"? [unknown-ref]",
	}},
	{rule: "unknown-ref", name: "wrong kind", src: `
phases:
  - id: PH-1
    name: One
    start: 2017-01-01
    end: 2017-12-31
milestones:
  - id: M-1
    title: A
    owner: P-1
    phase: M-1
    due: 2017-09-01
    decision: PH-1
`, want: []string{
		"programme/programme.yaml:11:5: warning: phase PH-1 has no milestones [empty-phase]",
		"programme/programme.yaml:19:5: error: milestone M-1: phase \"M-1\" is a milestone, not a phase; did you mean \"PH-1\"? [unknown-ref]",
		"programme/programme.yaml:21:5: error: milestone M-1: decision \"PH-1\" is a phase, not a decision [unknown-ref]",
	}},
	{rule: "unknown-ref", name: "list entries at the entry", src: `
bodies:
  - id: B-1
    name: Board
    chair: B-1
    members:
      - P-1
      - [P-1]
      - P-9
    reports_to: P-1
risks:
  - id: R-1
    title: Risk
    owner: B-1
    likelihood: 1
    impact: 1
    affects: [P-1, B-1, X]
    escalated_to: B-1
    issue: R-1
assumptions:
  - id: A-1
    statement: S
    owner: B-1
    risk: R-1
    affects: [R-1, Q-1]
benefits:
  - id: BN-1
    title: B
    owner: B-2
    enabled_by: [R-1]
`, want: []string{
		"programme/programme.yaml:13:5: error: body B-1: chair \"B-1\" is a body, not a person; did you mean \"P-1\"? [unknown-ref]",
		"programme/programme.yaml:16:9: error: body B-1: each entry of members must be an id, not a list [type]",
		"programme/programme.yaml:17:9: error: body B-1: members \"P-9\" is not the id of any person; did you mean \"P-1\"? [unknown-ref]",
		"programme/programme.yaml:18:5: error: body B-1: reports_to \"P-1\" is a person, not a body; did you mean \"B-1\"? [unknown-ref]",
		"programme/programme.yaml:25:15: error: risk R-1: affects \"P-1\" is a person, not a milestone, phase or workstream [unknown-ref]",
		"programme/programme.yaml:25:20: error: risk R-1: affects \"B-1\" is a body, not a milestone, phase or workstream [unknown-ref]",
		"programme/programme.yaml:25:25: error: risk R-1: affects \"X\" is not the id of any milestone, phase or workstream [unknown-ref]",
		"programme/programme.yaml:27:5: error: risk R-1: issue \"R-1\" is a risk, not an issue [unknown-ref]",
		"programme/programme.yaml:33:20: error: assumption A-1: affects \"Q-1\" is not the id of any item; did you mean \"P-1\", \"B-1\" or \"R-1\"? [unknown-ref]",
		"programme/programme.yaml:37:5: error: benefit BN-1: owner \"B-2\" is not the id of any person or body; did you mean \"B-1\" or \"P-1\"? [unknown-ref]",
		"programme/programme.yaml:38:18: error: benefit BN-1: enabled_by \"R-1\" is a risk, not a milestone [unknown-ref]",
	}},
	{rule: "unknown-ref", name: "programme owner, phases, workstreams, lags", raw: true, src: `programme:
  id: OCO
  name: Test programme
  start: 2017-01-01
  end: 2018-12-31
  owner: NOBODY
workstreams:
  - id: W-1
    name: Finance
    lead: W-1
    body: W-1
phases:
  - id: PH-1
    name: One
    start: 2017-01-01
    end: 2017-12-31
    depends_on: [PH-0]
milestones:
  - id: M-1
    title: A
    owner: W-1
    workstream: PH-1
    phase: PH-1
    due: 2017-09-01
    depends_on:
      - {id: M-0, lag: 2w}
`, want: []string{
		"programme/programme.yaml:6:3: error: programme OCO: owner \"NOBODY\" is not the id of any person or body [unknown-ref]",
		"programme/programme.yaml:10:5: error: workstream W-1: lead \"W-1\" is a workstream, not a person or body [unknown-ref]",
		"programme/programme.yaml:11:5: error: workstream W-1: body \"W-1\" is a workstream, not a body [unknown-ref]",
		"programme/programme.yaml:17:18: error: phase PH-1: depends_on \"PH-0\" is not the id of any phase; did you mean \"PH-1\"? [unknown-ref]",
		"programme/programme.yaml:21:5: error: milestone M-1: owner \"W-1\" is a workstream, not a person or body [unknown-ref]",
		"programme/programme.yaml:22:5: error: milestone M-1: workstream \"PH-1\" is a phase, not a workstream; did you mean \"W-1\"? [unknown-ref]",
		"programme/programme.yaml:26:9: error: milestone M-1: depends_on \"M-0\" is not the id of any milestone; did you mean \"M-1\"? [unknown-ref]",
	}},
	{rule: "unknown-ref", name: "good refs are quiet", src: `
bodies:
  - id: B-1
    name: Board
    chair: P-1
    members: [P-1]
workstreams:
  - {id: W-1, name: Finance, lead: B-1, body: B-1}
phases:
  - {id: PH-1, name: One, start: 2017-01-01, end: 2017-12-31}
  - {id: PH-2, name: Two, start: 2018-01-01, end: 2018-12-31, depends_on: [PH-1]}
decisions:
  - {id: D-1, title: Approve, date: 2017-02-01, by: B-1, affects: [M-1, PH-1, P-1]}
milestones:
  - {id: M-1, title: A, owner: B-1, phase: PH-1, workstream: W-1, due: 2017-09-01, decision: D-1}
  - {id: M-2, title: B, owner: P-1, phase: PH-2, due: 2018-09-01, depends_on: [M-1]}
risks:
  - {id: R-1, title: R, owner: P-1, likelihood: 2, impact: 2, affects: [M-1, PH-1, W-1], escalated_to: B-1, issue: I-1}
issues:
  - {id: I-1, title: I, owner: P-1, affects: [R-1]}
assumptions:
  - {id: A-1, statement: S, owner: P-1, risk: R-1, affects: [D-1]}
benefits:
  - {id: BN-1, title: B, owner: B-1, enabled_by: [M-1, M-2]}
`, want: nil},
	{rule: "date-order", name: "programme", raw: true, src: `programme:
  id: OCO
  name: Test programme
  start: 2018-01-01
  end: 2017-12-31
  as_of: 2017-06-01
`, want: []string{
		"programme/programme.yaml:5:3: error: programme ends 2017-12-31, before it starts (2018-01-01) [date-order]",
	}},
	{rule: "date-order", name: "phase and activity", src: `
phases:
  - id: PH-1
    name: One
    start: 2017-06-01
    end: 2017-05-31
milestones:
  - id: M-1
    title: A
    owner: P-1
    phase: PH-1
    start: 2017-10-01
    due: 2017-09-01
  - id: M-2
    title: Same day is fine
    owner: P-1
    start: 2017-09-01
    due: 2017-09-01
`, want: []string{
		"programme/programme.yaml:14:5: error: phase PH-1 ends 2017-05-31, before it starts (2017-06-01) [date-order]",
		"programme/programme.yaml:21:5: error: M-1 is due 2017-09-01, before it starts (2017-10-01) [date-order]",
	}},
	{rule: "outside-programme", name: "every kind of date", src: `
phases:
  - {id: PH-1, name: One, start: 2016-12-01, end: 2019-01-01}
milestones:
  - id: M-1
    title: A
    owner: P-1
    phase: PH-1
    start: 2016-12-31
    due: 2017-02-01
    forecast: 2019-01-01
risks:
  - {id: R-1, title: R, owner: P-1, likelihood: 1, impact: 1, raised: 2016-01-01, review_by: 2019-02-01}
decisions:
  - {id: D-1, title: D, date: 2016-11-30}
benefits:
  - {id: BN-1, title: B, owner: P-1, by: 2019-06-30}
assumptions:
  - {id: A-1, statement: S, owner: P-1, validate_by: 2020-01-01}
issues:
  - {id: I-1, title: I, owner: P-1, raised: 2016-05-05, resolve_by: 2019-05-05}
`, want: []string{
		"programme/programme.yaml:11:27: error: phase PH-1: start 2016-12-01 is before the programme starts (2017-01-01) [outside-programme]",
		"programme/programme.yaml:11:46: error: phase PH-1: end 2019-01-01 is after the programme ends (2018-12-31) [outside-programme]",
		"programme/programme.yaml:17:5: error: milestone M-1: start 2016-12-31 is before the programme starts (2017-01-01) [outside-programme]",
		"programme/programme.yaml:19:5: warning: M-1 is expected 2019-01-01, 1 day after the programme ends (2018-12-31), as forecast [negative-slack]",
		"programme/programme.yaml:19:5: warning: M-1 is forecast for 2019-01-01, 699 days after its due date 2017-02-01 (tolerance 14 days) [slipped]",
		"programme/programme.yaml:21:63: error: risk R-1: raised 2016-01-01 is before the programme starts (2017-01-01) [outside-programme]",
		"programme/programme.yaml:21:83: error: risk R-1: review_by 2019-02-01 is after the programme ends (2018-12-31) [outside-programme]",
		"programme/programme.yaml:23:25: error: decision D-1: date 2016-11-30 is before the programme starts (2017-01-01) [outside-programme]",
		"programme/programme.yaml:27:41: error: assumption A-1: validate_by 2020-01-01 is after the programme ends (2018-12-31) [outside-programme]",
		"programme/programme.yaml:29:37: error: issue I-1: raised 2016-05-05 is before the programme starts (2017-01-01) [outside-programme]",
		"programme/programme.yaml:29:57: error: issue I-1: resolve_by 2019-05-05 is after the programme ends (2018-12-31) [outside-programme]",
	}},
	{rule: "outside-programme", name: "reporting date after the end is fine", raw: true, src: `programme:
  id: OCO
  name: Test programme
  start: 2017-01-01
  end: 2018-12-31
  as_of: 2019-06-01
milestones:
  - {id: M-1, title: A, owner: OCO-BOARD, due: 2018-12-31, done: 2018-12-31}
bodies:
  - {id: OCO-BOARD, name: Board}
`, want: nil},
	{rule: "outside-programme", name: "no check without a programme start", raw: true, src: `programme:
  id: OCO
  name: Test programme
  start: 2017-02-30
  end: 2018-12-31
  as_of: 2017-06-01
milestones:
  - {id: M-1, title: A, owner: B, due: 2016-01-01, done: 2016-01-01}
bodies:
  - {id: B, name: Board}
`, want: []string{
		"programme/programme.yaml:4:10: error: programme OCO: start \"2017-02-30\" is not a real calendar date [invalid-date]",
	}},
	{rule: "outside-phase", name: "before and after", src: `
phases:
  - id: PH-1
    name: One
    start: 2017-03-01
    end: 2017-08-31
milestones:
  - {id: M-1, title: A, owner: P-1, phase: PH-1, due: 2017-02-28, done: 2017-02-28}
  - {id: M-2, title: B, owner: P-1, phase: PH-1, due: 2017-09-01}
  - {id: M-3, title: C, owner: P-1, phase: PH-1, due: 2017-08-31, start: 2017-01-01}
`, want: []string{
		"programme/programme.yaml:16:50: error: M-1 is due 2017-02-28, before its phase PH-1 starts (2017-03-01) [outside-phase]",
		"programme/programme.yaml:17:50: error: M-2 is due 2017-09-01, after its phase PH-1 ends (2017-08-31) [outside-phase]",
	}},
	{rule: "self-dependency", name: "milestone and phase", src: `
phases:
  - {id: PH-1, name: One, start: 2017-01-01, end: 2017-12-31, depends_on: [PH-1]}
milestones:
  - id: M-1
    title: A
    owner: P-1
    phase: PH-1
    due: 2017-09-01
    depends_on:
      - M-1
`, want: []string{
		"programme/programme.yaml:11:76: error: phase PH-1 depends on itself [self-dependency]",
		"programme/programme.yaml:19:9: error: M-1 depends on itself [self-dependency]",
	}},
	{rule: "duplicate-dependency", name: "milestone and phase", src: `
phases:
  - {id: PH-1, name: One, start: 2017-01-01, end: 2017-06-30}
  - {id: PH-2, name: Two, start: 2017-07-01, end: 2017-12-31, depends_on: [PH-1, PH-1]}
milestones:
  - {id: M-1, title: A, owner: P-1, phase: PH-1, due: 2017-06-30}
  - id: M-2
    title: B
    owner: P-1
    phase: PH-2
    due: 2017-09-01
    depends_on:
      - M-1
      - {id: M-1, lag: 1w}
`, want: []string{
		"programme/programme.yaml:12:82: error: phase PH-2 lists PH-1 twice in depends_on (first at line 12, column 76) [duplicate-dependency]",
		"programme/programme.yaml:22:9: error: M-2 lists M-1 twice in depends_on (first at line 21) [duplicate-dependency]",
	}},
	{rule: "dependency-cycle", name: "each loop once, from the first defined", src: `
milestones:
  - {id: M-6, title: Z, owner: P-1, due: 2017-09-01, depends_on: [M-1]}
  - {id: M-1, title: A, owner: P-1, due: 2017-09-01, depends_on: [M-2]}
  - {id: M-2, title: B, owner: P-1, due: 2017-09-01, depends_on: [M-3]}
  - id: M-3
    title: C
    owner: P-1
    due: 2017-09-01
    depends_on:
      - M-1
  - {id: M-5, title: E, owner: P-1, due: 2017-09-01, depends_on: [M-4]}
  - {id: M-4, title: D, owner: P-1, due: 2017-09-01, depends_on: [M-5]}
`, want: []string{
		"programme/programme.yaml:12:67: error: dependency loop: M-1 -> M-2 -> M-3 -> M-1 [dependency-cycle]",
		"programme/programme.yaml:20:67: error: dependency loop: M-5 -> M-4 -> M-5 [dependency-cycle]",
	}},
	{rule: "dependency-cycle", name: "one loop per tangle, shortest", src: `
phases:
  - {id: PH-1, name: One, start: 2017-01-01, end: 2017-12-31, depends_on: [PH-2]}
  - {id: PH-2, name: Two, start: 2017-01-01, end: 2017-12-31, depends_on: [PH-1]}
milestones:
  - {id: M-0, title: Z, owner: P-1, phase: PH-1, due: 2017-09-01, depends_on: [M-2]}
  - {id: M-1, title: A, owner: P-1, phase: PH-2, due: 2017-09-01, depends_on: [M-3]}
  - {id: M-2, title: B, owner: P-1, phase: PH-1, due: 2017-09-01, depends_on: [M-0, M-1]}
  - {id: M-3, title: C, owner: P-1, phase: PH-1, due: 2017-09-01, depends_on: [M-2]}
`, want: []string{
		"programme/programme.yaml:11:76: error: phase dependency loop: PH-1 -> PH-2 -> PH-1 [dependency-cycle]",
		"programme/programme.yaml:14:80: error: dependency loop: M-0 -> M-2 -> M-0 [dependency-cycle]",
	}},
	{rule: "dependency-order", name: "due, start and lag", src: `
milestones:
  - {id: M-40, title: A, owner: P-1, due: 2017-10-01}
  - id: M-12
    title: B
    owner: P-1
    due: 2017-07-31
    depends_on: [M-40]
  - id: M-13
    title: C
    owner: P-1
    start: 2017-10-01
    due: 2017-12-01
    depends_on: [M-40]
  - id: M-14
    title: D
    owner: P-1
    due: 2017-10-10
    depends_on: [{id: M-40, lag: 10d}]
  - id: M-15
    title: E
    owner: P-1
    due: 2017-10-15
    depends_on: [{id: M-40, lag: 2w}]
  - id: M-16
    title: F
    owner: P-1
    start: 2017-09-30
    due: 2017-12-01
    depends_on: [M-40]
`, want: []string{
		"programme/programme.yaml:15:5: error: M-12 is due 2017-07-31, before its predecessor M-40 (2017-10-01) [dependency-order]",
		"programme/programme.yaml:26:5: error: M-14 is due 2017-10-10, before its predecessor M-40 (2017-10-01) plus a lag of 10 days (2017-10-11) [dependency-order]",
		"programme/programme.yaml:36:5: error: M-16 starts 2017-09-30, before its predecessor M-40 (2017-10-01) [dependency-order]",
	}},
	{rule: "done-before-dependency", name: "predecessor not done, or done later", src: `
milestones:
  - {id: M-1, title: A, owner: P-1, due: 2017-05-01, done: 2017-05-10}
  - {id: M-2, title: B, owner: P-1, due: 2017-08-01}
  - id: M-3
    title: C
    owner: P-1
    due: 2017-08-01
    done: 2017-05-05
    depends_on: [M-1, M-2]
  - id: M-4
    title: D
    owner: P-1
    due: 2017-08-01
    done: 2017-05-11
    depends_on: [{id: M-1, lag: 2w}]
`, want: []string{
		"programme/programme.yaml:17:5: error: M-3 is marked done (2017-05-05) while its predecessor M-2 is not done [done-before-dependency]",
		"programme/programme.yaml:17:5: error: M-3 was done on 2017-05-05, before its predecessor M-1 (done 2017-05-10) [done-before-dependency]",
	}},
	{rule: "done-in-future", name: "after the reporting date", src: `
milestones:
  - {id: M-1, title: A, owner: P-1, due: 2017-06-02, done: 2017-06-02}
  - {id: M-2, title: B, owner: P-1, due: 2017-06-01, done: 2017-06-01}
`, want: []string{
		"programme/programme.yaml:11:54: error: M-1 is marked done on 2017-06-02, after the reporting date 2017-06-01 [done-in-future]",
	}},
	{rule: "score-mismatch", name: "stated score", src: `
risks:
  - id: R-1
    title: A
    owner: P-1
    likelihood: 3
    impact: 4
    score: 10
  - {id: R-2, title: B, owner: P-1, likelihood: 3, impact: 4, score: 12}
  - {id: R-3, title: C, owner: P-1, likelihood: 3, score: 12}
  - {id: R-4, title: D, owner: P-1, likelihood: 3, impact: 9, score: 12}
`, want: []string{
		"programme/programme.yaml:16:5: error: risk R-1: score 10 is not likelihood × impact (3 × 4 = 12) [score-mismatch]",
		"programme/programme.yaml:18:5: warning: risk R-3 is open and has no impact [unassessed]",
		"programme/programme.yaml:19:60: error: risk R-4: impact 9 is outside 1..5 [invalid-value]",
	}},
	{rule: "overdue", name: "due, forecast, done", src: `
milestones:
  - id: M-1
    title: A
    owner: P-1
    due: 2017-05-01
  - id: M-2
    title: B
    owner: P-1
    due: 2017-05-01
    forecast: 2017-05-10
  - {id: M-3, title: C, owner: P-1, due: 2017-05-01, done: 2017-05-02}
  - {id: M-4, title: D, owner: P-1, due: 2017-06-01}
`, want: []string{
		"programme/programme.yaml:14:5: warning: M-1 was due 2017-05-01 and is not done (31 days overdue) [overdue]",
		"programme/programme.yaml:19:5: warning: M-2 was forecast for 2017-05-10 and is not done (22 days overdue) [overdue]",
		"programme/programme.yaml:19:5: warning: M-2 has a forecast of 2017-05-10, before the reporting date 2017-06-01 [stale-forecast]",
	}},
	{rule: "slipped", name: "beyond amber tolerance", src: `
milestones:
  - id: M-1
    title: A
    owner: P-1
    due: 2017-09-01
    forecast: 2017-09-16
  - {id: M-2, title: B, owner: P-1, due: 2017-09-01, forecast: 2017-09-15}
`, want: []string{
		"programme/programme.yaml:15:5: warning: M-1 is forecast for 2017-09-16, 15 days after its due date 2017-09-01 (tolerance 14 days) [slipped]",
	}},
	{rule: "slipped", name: "programme tolerance", raw: true, src: `programme:
  id: OCO
  name: Test programme
  start: 2017-01-01
  end: 2018-12-31
  as_of: 2017-06-01
  owner: B-1
  tolerances: {amber_days: 3}
bodies:
  - {id: B-1, name: Board}
milestones:
  - {id: M-1, title: A, owner: B-1, due: 2017-09-01, forecast: 2017-09-05}
`, want: []string{
		"programme/programme.yaml:12:54: warning: M-1 is forecast for 2017-09-05, 4 days after its due date 2017-09-01 (tolerance 3 days) [slipped]",
	}},
	{rule: "stale-forecast", name: "forecast in the past", src: `
milestones:
  - id: M-1
    title: A
    owner: P-1
    due: 2017-05-01
    forecast: 2017-05-10
  - {id: M-2, title: B, owner: P-1, due: 2017-05-01, forecast: 2017-05-10, done: 2017-05-12}
`, want: []string{
		"programme/programme.yaml:15:5: warning: M-1 was forecast for 2017-05-10 and is not done (22 days overdue) [overdue]",
		"programme/programme.yaml:15:5: warning: M-1 has a forecast of 2017-05-10, before the reporting date 2017-06-01 [stale-forecast]",
	}},
	{rule: "unowned", name: "milestone, open risk, open issue, assumption", src: `
milestones:
  - {id: M-1, title: A, due: 2017-09-01}
risks:
  - {id: R-1, title: A, likelihood: 1, impact: 1}
  - {id: R-2, title: Closed, likelihood: 1, impact: 1, status: closed}
issues:
  - {id: I-1, title: A}
  - {id: I-2, title: Closed, status: closed}
assumptions:
  - {id: A-1, statement: S, status: valid}
  - {id: A-2, statement: S, owner: ""}
  - {id: A-3, statement: S, owner: [P-1]}
`, want: []string{
		"programme/programme.yaml:11:5: warning: milestone M-1 has no owner [unowned]",
		"programme/programme.yaml:13:5: warning: risk R-1 has no owner [unowned]",
		"programme/programme.yaml:16:5: warning: issue I-1 has no owner [unowned]",
		"programme/programme.yaml:19:5: warning: assumption A-1 has no owner [unowned]",
		"programme/programme.yaml:20:5: warning: assumption A-2 has no owner [unowned]",
		"programme/programme.yaml:21:36: error: assumption A-3: owner must be an id, not a list [type]",
	}},
	{rule: "unassessed", name: "open risks only", src: `
risks:
  - {id: R-1, title: A, owner: P-1}
  - {id: R-2, title: B, owner: P-1, likelihood: 2}
  - {id: R-3, title: C, owner: P-1, impact: 2}
  - {id: R-4, title: D, owner: P-1, status: closed}
  - {id: R-5, title: E, owner: P-1, likelihood: 0}
`, want: []string{
		"programme/programme.yaml:11:5: warning: risk R-1 is open and has no likelihood or impact [unassessed]",
		"programme/programme.yaml:12:5: warning: risk R-2 is open and has no impact [unassessed]",
		"programme/programme.yaml:13:5: warning: risk R-3 is open and has no likelihood [unassessed]",
		"programme/programme.yaml:15:49: error: risk R-5: likelihood 0 is outside 1..5 [invalid-value]",
	}},
	{rule: "review-overdue", name: "open risks only", src: `
risks:
  - id: R-1
    title: A
    owner: P-1
    likelihood: 1
    impact: 1
    review_by: 2017-05-31
  - {id: R-2, title: B, owner: P-1, likelihood: 1, impact: 1, review_by: 2017-06-01}
  - {id: R-3, title: C, owner: P-1, likelihood: 1, impact: 1, review_by: 2017-01-01, status: closed}
`, want: []string{
		"programme/programme.yaml:16:5: warning: risk R-1 was due for review by 2017-05-31 (1 day ago) [review-overdue]",
	}},
	{rule: "assumption-overdue", name: "unverified only", src: `
assumptions:
  - id: A-1
    statement: S
    owner: P-1
    validate_by: 2017-05-01
  - {id: A-2, statement: S, owner: P-1, validate_by: 2017-05-01, status: valid}
  - {id: A-3, statement: S, owner: P-1, validate_by: 2017-06-01}
  - {id: A-4, statement: S, owner: P-1, validate_by: 2017-05-01, status: maybe}
`, want: []string{
		"programme/programme.yaml:14:5: warning: assumption A-1 is still unverified; it was to be validated by 2017-05-01 (31 days ago) [assumption-overdue]",
		"programme/programme.yaml:17:74: error: assumption A-4: status \"maybe\" is not one of unverified, valid, invalid [invalid-value]",
	}},
	{rule: "invalid-assumption", name: "no risk raised", src: `
risks:
  - {id: R-1, title: A, owner: P-1, likelihood: 1, impact: 1}
assumptions:
  - id: A-1
    statement: S
    owner: P-1
    status: invalid
  - {id: A-2, statement: S, owner: P-1, status: invalid, risk: R-1}
`, want: []string{
		"programme/programme.yaml:16:5: warning: assumption A-1 is marked invalid but names no risk it has become [invalid-assumption]",
	}},
	{rule: "empty-phase", name: "no milestones", src: `
phases:
  - id: PH-1
    name: One
    start: 2017-01-01
    end: 2017-06-30
  - {id: PH-2, name: Two, start: 2017-07-01, end: 2017-12-31}
milestones:
  - {id: M-1, title: A, owner: P-1, phase: PH-2, due: 2017-09-01}
`, want: []string{
		"programme/programme.yaml:11:5: warning: phase PH-1 has no milestones [empty-phase]",
	}},
	// The loader's own rules, through Run, so that every rule is seen.
	{rule: "syntax", name: "not YAML", raw: true, src: "programme: [unclosed\n", want: []string{
		"programme/programme.yaml:1:1: error: not valid YAML: did not find expected ',' or ']'; the programme section (line 1) is lost [syntax]",
	}},
	{rule: "syntax", name: "one item lost of a list", src: `
milestones:
  - id: M-1
    title: A
    owner: P-1
    due: 2017-09-01
  - id: M-2
    title: "B
    owner: P-1
    due: 2017-09-01
  - id: M-3
    title: C
    owner: P-1
    due: 2017-09-02
    depends_on: [M-1, M-2]
`, want: []string{
		"programme/programme.yaml:15:3: warning: 1 reference to M-2 could not be checked: this file did not parse whole [unchecked-ref]",
		"programme/programme.yaml:16:5: error: not valid YAML: found unexpected end of stream; milestone M-2 (line 15) is lost [syntax]",
	}},
	{rule: "unchecked-ref", name: "lost item without an id", src: `
milestones:
  - id: M-1
    title: A
    owner: P-1
    due: 2017-09-01
    depends_on: [M-9]
  - title: [B
risks:
  - {id: R-1, title: R, owner: P-1, likelihood: 1, impact: 1, affects: [M-8, M-9]}
`, want: []string{
		"programme/programme.yaml:16:3: error: not valid YAML: did not find expected ',' or ']'; milestone (line 16) is lost [syntax]",
		"programme/programme.yaml:16:3: warning: 3 references to M-9, M-8 could not be checked: this file did not parse whole [unchecked-ref]",
	}},
	{rule: "unknown-field", name: "typo", src: `
milestones:
  - {id: M-1, titel: A, owner: P-1, due: 2017-09-01}
`, want: []string{
		"programme/programme.yaml:11:5: error: milestone M-1 has no title [missing-field]",
		"programme/programme.yaml:11:15: error: milestone M-1 has no field \"titel\"; did you mean \"title\"? [unknown-field]",
	}},
	{rule: "type", name: "a mapping where a list belongs", src: `
milestones:
  id: M-1
`, want: []string{
		"programme/programme.yaml:11:3: error: milestones must be a list of items (each starting `- id: ...`), not a mapping [type]",
	}},
	{rule: "missing-field", name: "no due", src: `
milestones:
  - {id: M-1, title: A, owner: P-1}
`, want: []string{
		"programme/programme.yaml:11:5: error: milestone M-1 has no due [missing-field]",
	}},
	{rule: "invalid-id", name: "starts with a digit", src: `
milestones:
  - {id: 1-M, title: A, owner: P-1, due: 2017-09-01}
`, want: []string{
		"programme/programme.yaml:11:10: error: milestone 1-M: \"1-M\" is not a valid id (letters, digits, - _ . ; starting with a letter; at most 64 characters) [invalid-id]",
	}},
	{rule: "invalid-date", name: "no such day, and no cascade", src: `
milestones:
  - {id: M-1, title: A, owner: P-1, due: 2017-09-01, forecast: 2017-02-30, done: 2017-13-01}
`, want: []string{
		"programme/programme.yaml:11:64: error: milestone M-1: forecast \"2017-02-30\" is not a real calendar date [invalid-date]",
		"programme/programme.yaml:11:82: error: milestone M-1: done \"2017-13-01\" is not a real calendar date [invalid-date]",
	}},
	{rule: "invalid-value", name: "lag in months", src: `
milestones:
  - {id: M-1, title: A, owner: P-1, due: 2017-09-01}
  - {id: M-2, title: B, owner: P-1, due: 2017-09-01, depends_on: [{id: M-1, lag: 3m}]}
`, want: []string{
		"programme/programme.yaml:12:82: error: milestone M-2 depends_on entry: lag \"3m\" must be a whole number of days or weeks, such as 10d or 2w [invalid-value]",
	}},
	{rule: "duplicate-section", name: "no such section", src: `
milestone:
  - {id: M-1, title: A, owner: P-1, due: 2017-09-01}
`, want: []string{
		"programme/programme.yaml:10:1: error: \"milestone\" is not a section; did you mean \"milestones\"? [duplicate-section]",
	}},
}

func TestRules(t *testing.T) { runRuleCases(t, ruleCases) }

// runRuleCases loads each case's programme and compares its findings,
// printing what it got in a form that pastes back into the table.
func runRuleCases(t *testing.T, cases []ruleCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.rule+"/"+tc.name, func(t *testing.T) {
			src := tc.src
			if !tc.raw {
				src = header + strings.TrimPrefix(src, "\n")
			}
			got := check(t, src)
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				var b strings.Builder
				for _, g := range got {
					b.WriteString("\t\t\"" + strings.ReplaceAll(g, `"`, `\"`) + "\",\n")
				}
				t.Errorf("findings differ\ngot:\n%s\nwant:\n\t\t%s", b.String(), strings.Join(tc.want, "\n\t\t"))
			}
		})
	}
}

// TestSixMistakes checks that one file with six different mistakes gives
// six findings: every problem in one run, none hiding another.
func TestSixMistakes(t *testing.T) {
	src := header + `milestones:
  - {id: M-1, title: A, owner: P-9, due: 2017-09-01}
  - {id: M-1, title: B, owner: P-1, due: 2017-09-01}
  - {id: M-2, title: C, owner: P-1, due: 2017-02-30}
  - {id: M-3, title: D, owner: P-1, due: 2017-08-01, depends_on: [M-4]}
  - {id: M-4, title: E, owner: P-1, due: 2017-09-01, done: 2017-07-01}
risks:
  - {id: R-1, title: R, owner: P-1, likelihood: 2, impact: 2, score: 5}
`
	want := []string{
		`programme/programme.yaml:11:25: error: milestone M-1: owner "P-9" is not the id of any person or body; did you mean "P-1"? [unknown-ref]`,
		`programme/programme.yaml:12:6: error: M-1 is also defined at programme/programme.yaml:11:6 [duplicate-id]`,
		`programme/programme.yaml:13:42: error: milestone M-2: due "2017-02-30" is not a real calendar date [invalid-date]`,
		`programme/programme.yaml:14:37: error: M-3 is due 2017-08-01, before its predecessor M-4 (2017-09-01) [dependency-order]`,
		`programme/programme.yaml:15:54: error: M-4 is marked done on 2017-07-01, after the reporting date 2017-06-01 [done-in-future]`,
		`programme/programme.yaml:17:63: error: risk R-1: score 5 is not likelihood × impact (2 × 2 = 4) [score-mismatch]`,
	}
	got := check(t, src)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	p := programme.Load(fstest.MapFS{"programme.yaml": {Data: []byte(src)}}, "programme")
	for _, f := range Run(p, Options{AsOf: p.Header.AsOf}) {
		if f.ID == "" {
			t.Errorf("%s: no item id", f)
		}
	}
}

// TestSplitProgramme checks findings in a programme split across files
// name the right file, and that ids are unique across files.
func TestSplitProgramme(t *testing.T) {
	fsys := fstest.MapFS{
		"programme.yaml": {Data: []byte(header + `milestones:
  - {id: M-1, title: A, owner: P-1, workstream: W-FIN, due: 2017-09-01}
`)},
		"workstreams/finance.yaml": {Data: []byte(`workstreams:
  - {id: W-FIN, name: Finance, lead: P-1}
milestones:
  - id: M-1
    title: Budget
    owner: P-1
    due: 2017-10-01
    depends_on: [M-1]
`)},
	}
	p := programme.Load(fsys, "programme")
	var got []string
	for _, f := range Run(p, Options{AsOf: p.Header.AsOf}) {
		got = append(got, f.String())
	}
	want := []string{
		"programme/workstreams/finance.yaml:4:5: error: M-1 is also defined at programme/programme.yaml:11:6 [duplicate-id]",
		"programme/workstreams/finance.yaml:8:18: error: M-1 depends on itself [self-dependency]",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestCatalogue checks Rules() against SPEC section 5 and that every rule
// but those reported elsewhere is exercised by a case above.
func TestCatalogue(t *testing.T) {
	warnings := map[string]bool{
		"overdue": true, "slipped": true, "knock-on": true, "negative-slack": true, "stale-forecast": true,
		"unowned": true, "unassessed": true, "review-overdue": true, "assumption-overdue": true,
		"invalid-assumption": true, "empty-phase": true, "rebaselined": true, "id-case": true,
		"unchecked-ref": true, "non-working-day": true,
		"tolerance-breach": true, "dca-inconsistent": true, "benefit-at-risk": true, "upstream-moved": true,
	}
	elsewhere := map[string]bool{"knock-on": true, "negative-slack": true, "rebaselined": true, "upstream-moved": true}
	seen := map[string]bool{}
	for _, tc := range append(ruleCases, boardCases...) {
		for _, w := range tc.want {
			if i := strings.LastIndex(w, " ["); i >= 0 {
				seen[strings.TrimSuffix(w[i+2:], "]")] = true
			}
		}
	}
	rules := Rules()
	if len(rules) != 39 {
		t.Errorf("Rules() has %d rules, want the 38 of SPEC section 5 and unchecked-ref of 7.1", len(rules))
	}
	names := map[string]bool{}
	for _, r := range rules {
		if names[r.Name] {
			t.Errorf("rule %s listed twice", r.Name)
		}
		names[r.Name] = true
		if want := warnings[r.Name]; (r.Severity == programme.Warning) != want {
			t.Errorf("rule %s has severity %s", r.Name, r.Severity)
		}
		if r.Doc == "" {
			t.Errorf("rule %s has no doc", r.Name)
		}
		if !elsewhere[r.Name] && !seen[r.Name] {
			t.Errorf("rule %s is exercised by no test case", r.Name)
		}
	}
	for name := range seen {
		if !names[name] {
			t.Errorf("a case reports rule %s, which Rules() does not list", name)
		}
	}
	for _, tc := range ruleCases {
		if !names[tc.rule] {
			t.Errorf("case %s/%s is about rule %s, which Rules() does not list", tc.rule, tc.name, tc.rule)
		}
	}
}
