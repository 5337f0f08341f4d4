package check

import "testing"

// boardHeader is a programme with every board tolerance at its tightest.
const boardHeader = `programme:
  id: OCO
  name: Test programme
  start: 2017-01-01
  end: 2018-12-31
  as_of: 2017-06-01
  budget: 100000
  forecast_cost: 112000
  tolerances:
    end_days: 0
    cost_percent: 10
    red_risks: 0
    benefits_at_risk: 0
people:
  - id: P-1
    name: Ann
bodies:
  - id: B-1
    name: Board
`

// boardCases are the rules of the board cycle (SPEC 7.3).
var boardCases = []ruleCase{
	{rule: "tolerance-breach", name: "every tolerance exceeded", raw: true, src: boardHeader + `milestones:
  - {id: M-1, title: A, owner: P-1, due: 2018-12-20}
  - {id: M-2, title: B, owner: P-1, due: 2018-12-30, depends_on: [{id: M-1, lag: 20d}]}
  - {id: M-3, title: C, owner: P-1, due: 2018-06-01, forecast: 2018-09-01}
risks:
  - {id: R-1, title: Red, owner: P-1, likelihood: 5, impact: 5}
benefits:
  - {id: B-9, title: Savings, owner: P-1, by: 2018-06-30, enabled_by: [M-3]}
`, want: []string{
		"programme/programme.yaml:9:3: warning: the benefits at risk tolerance is exceeded: 1 benefit at risk (B-9) (tolerance 0) [tolerance-breach]",
		"programme/programme.yaml:9:3: warning: the cost tolerance is exceeded: forecast GBP 112,000 against budget GBP 100,000, 12% over (tolerance 10%) [tolerance-breach]",
		"programme/programme.yaml:9:3: warning: the red risks tolerance is exceeded: 1 open red risk (R-1) (tolerance 0) [tolerance-breach]",
		"programme/programme.yaml:9:3: warning: the time tolerance is exceeded: expected end 2019-01-09, 9 days after the end 2018-12-31 (tolerance 0 days) [tolerance-breach]",
		"programme/programme.yaml:22:37: error: M-2 is due 2018-12-30, before its predecessor M-1 (2018-12-20) plus a lag of 20 days (2019-01-09) [dependency-order]",
		"programme/programme.yaml:22:37: warning: M-2 is expected 2019-01-09, 9 days after the programme ends (2018-12-31), pushed by M-1 (expected 2018-12-20) [negative-slack]",
		"programme/programme.yaml:23:54: warning: M-3 is forecast for 2018-09-01, 92 days after its due date 2018-06-01 (tolerance 14 days) [slipped]",
		"programme/programme.yaml:27:59: warning: benefit B-9 is at risk: M-3 is expected 2018-09-01, 63 days after the benefit's date 2018-06-30 [benefit-at-risk]",
	}},
	{rule: "tolerance-breach", name: "within every tolerance", raw: true, src: `programme:
  id: OCO
  name: Test programme
  start: 2017-01-01
  end: 2018-12-31
  as_of: 2017-06-01
  budget: 100000
  forecast_cost: 110000
  tolerances: {end_days: 0, cost_percent: 10, red_risks: 1, benefits_at_risk: 0}
people:
  - {id: P-1, name: Ann}
milestones:
  - {id: M-1, title: A, owner: P-1, due: 2018-12-31}
risks:
  - {id: R-1, title: Red, owner: P-1, likelihood: 5, impact: 5}
`, want: nil},
	{rule: "dca-inconsistent", name: "green while a red risk is open", src: `
bodies:
  - {id: B-1, name: Board}
risks:
  - {id: R-1, title: Red, owner: P-1, likelihood: 4, impact: 5}
assessments:
  - {id: A-1, date: 2017-04-30, rating: red, by: B-1}
  - {id: A-2, date: 2017-05-31, rating: amber-green, by: B-1}
  - {id: A-3, date: 2017-07-31, rating: amber, by: B-1}
`, want: []string{
		"programme/programme.yaml:16:33: warning: assessment A-2 rates delivery confidence amber-green on 2017-05-31, but risk R-1 is open and red (score 20) [dca-inconsistent]",
	}},
	{rule: "dca-inconsistent", name: "green while a critical-path milestone is overdue", src: `
milestones:
  - {id: M-1, title: A, owner: P-1, due: 2017-05-01}
  - {id: M-2, title: B, owner: P-1, due: 2017-06-10, depends_on: [{id: M-1, lag: 15d}]}
assessments:
  - {id: A-1, date: 2017-06-01, rating: green}
`, want: []string{
		"programme/programme.yaml:11:37: warning: M-1 was due 2017-05-01 and is not done (31 days overdue) [overdue]",
		"programme/programme.yaml:12:37: warning: M-2 is expected 2017-06-16, 6 days after its due date 2017-06-10, pushed by M-1 (expected 2017-06-01) plus a lag of 15 days [knock-on]",
		"programme/programme.yaml:14:33: warning: assessment A-1 rates delivery confidence green on 2017-06-01, but critical-path milestone M-1 is overdue [dca-inconsistent]",
	}},
	{rule: "dca-inconsistent", name: "amber with a red risk open is consistent", src: `
risks:
  - {id: R-1, title: Red, owner: P-1, likelihood: 4, impact: 5}
assessments:
  - {id: A-1, date: 2017-06-01, rating: amber}
`, want: nil},
	{rule: "benefit-at-risk", name: "an enabling milestone expected after the benefit's date", src: `
milestones:
  - {id: M-1, title: A, owner: P-1, due: 2018-03-01}
  - {id: M-2, title: B, owner: P-1, due: 2018-03-10, depends_on: [{id: M-1, lag: 60d}]}
  - {id: M-3, title: C, owner: P-1, due: 2018-01-01}
benefits:
  - {id: B-1, title: Savings, owner: P-1, by: 2018-03-31, enabled_by: [M-3, M-2]}
  - {id: B-2, title: Realised, owner: P-1, by: 2018-03-31, realised: 2017-05-01, enabled_by: [M-2]}
  - {id: B-3, title: On time, owner: P-1, by: 2018-12-31, enabled_by: [M-2]}
`, want: []string{
		"programme/programme.yaml:12:37: error: M-2 is due 2018-03-10, before its predecessor M-1 (2018-03-01) plus a lag of 60 days (2018-04-30) [dependency-order]",
		"programme/programme.yaml:15:59: warning: benefit B-1 is at risk: M-2 is expected 2018-04-30, 30 days after the benefit's date 2018-03-31 [benefit-at-risk]",
	}},
	{rule: "benefit-at-risk", name: "an enabling milestone overdue", src: `
milestones:
  - {id: M-1, title: A, owner: P-1, due: 2017-05-01}
benefits:
  - {id: B-1, title: Savings, owner: P-1, enabled_by: [M-1]}
`, want: []string{
		"programme/programme.yaml:11:37: warning: M-1 was due 2017-05-01 and is not done (31 days overdue) [overdue]",
		"programme/programme.yaml:13:43: warning: benefit B-1 is at risk: M-1 is overdue (2017-05-01, 31 days late) [benefit-at-risk]",
	}},
}

func TestBoardRules(t *testing.T) { runRuleCases(t, boardCases) }
