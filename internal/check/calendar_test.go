package check

// calendarCases exercise the calendar and link-type rules of SPEC 7.2.
// 2017-04-01 was a Saturday; Easter 2017 ran from Good Friday 14 April to
// Easter Monday 17 April.
var calendarCases = []ruleCase{
	{rule: "non-working-day", name: "weekends and holidays of the milestone's calendar, named", src: `
milestones:
  - id: M-1
    title: A Saturday
    owner: P-1
    due: 2017-07-01
    calendar: england-and-wales
  - id: M-2
    title: Holidays
    owner: P-1
    start: 2017-08-28
    due: 2017-09-08
    forecast: 2017-12-25
    calendar: england-and-wales
  - id: M-3
    title: No calendar, every day works
    owner: P-1
    due: 2017-07-01
  - id: M-4
    title: Scotland's summer holiday is earlier
    owner: P-1
    due: 2017-08-28
    calendar: scotland
`, want: []string{
		"programme/programme.yaml:14:5: warning: M-1: due 2017-07-01 is a Saturday, not a working day of calendar england-and-wales (next: 2017-07-03) [non-working-day]",
		"programme/programme.yaml:19:5: warning: M-2: start 2017-08-28 is a holiday (Summer bank holiday), not a working day of calendar england-and-wales (next: 2017-08-29) [non-working-day]",
		"programme/programme.yaml:21:5: warning: M-2: forecast 2017-12-25 is a holiday (Christmas Day), not a working day of calendar england-and-wales (next: 2017-12-27) [non-working-day]",
		"programme/programme.yaml:21:5: warning: M-2 is forecast for 2017-12-25, 108 days after its due date 2017-09-08 (tolerance 14 days) [slipped]",
	}},
	{rule: "non-working-day", name: "a calendar of the programme's own, extending a built-in one", raw: true, src: `
programme: {id: OCO, name: T, start: 2017-01-01, end: 2018-12-31, as_of: 2017-06-01, calendar: office}
people: [{id: P-1, name: Ann}]
calendars:
  - id: office
    name: Office days
    extends: england-and-wales
    workdays: [mon, tue, wed, thu]
    holidays: [2017-07-03, {date: 2017-07-04, name: Away day}]
milestones:
  - {id: M-1, title: A, owner: P-1, due: 2017-07-03}
  - {id: M-2, title: B, owner: P-1, due: 2017-07-04}
  - {id: M-3, title: C, owner: P-1, due: 2017-07-07}
  - {id: M-4, title: D, owner: P-1, due: 2017-07-06}
`, want: []string{
		"programme/programme.yaml:11:37: warning: M-1: due 2017-07-03 is a holiday, not a working day of calendar office (next: 2017-07-05) [non-working-day]",
		"programme/programme.yaml:12:37: warning: M-2: due 2017-07-04 is a holiday (Away day), not a working day of calendar office (next: 2017-07-05) [non-working-day]",
		"programme/programme.yaml:13:37: warning: M-3: due 2017-07-07 is a Friday, not a working day of calendar office (next: 2017-07-10) [non-working-day]",
	}},
	{rule: "dependency-cycle", name: "calendars that extend each other", src: `
calendars:
  - {id: a, extends: b}
  - {id: b, extends: c}
  - {id: c, extends: a}
  - {id: d, extends: d}
`, want: []string{
		"programme/programme.yaml:11:13: error: calendars extend each other in a loop: a -> b -> c -> a [dependency-cycle]",
		"programme/programme.yaml:14:13: error: calendar d extends itself [self-dependency]",
	}},
	{rule: "dependency-order", name: "each link type bounds its own end", src: `
milestones:
  - id: A
    title: Build
    owner: P-1
    start: 2017-07-03
    due: 2017-07-14
  - id: SS
    title: Starts with it
    owner: P-1
    start: 2017-07-07
    due: 2017-07-20
    calendar: england-and-wales
    depends_on: [{id: A, type: ss, lag: 5wd}]
  - id: FF
    title: Finishes after it
    owner: P-1
    start: 2017-07-01
    due: 2017-07-13
    depends_on: [{id: A, type: ff}]
  - id: FF-LEAD
    title: May finish two days before it
    owner: P-1
    due: 2017-07-12
    depends_on: [{id: A, type: ff, lag: -2d}]
  - id: SF
    title: Finishes once it starts
    owner: P-1
    due: 2017-07-02
    depends_on: [{id: A, type: sf}]
  - id: FS-OK
    title: Starts on its start, which ss allows
    owner: P-1
    due: 2017-07-03
    depends_on: [{id: A, type: ss}]
`, want: []string{
		"programme/programme.yaml:19:5: error: SS starts 2017-07-07, before the start of its predecessor A (2017-07-03) plus a lag of 5 working days (2017-07-10), a start-to-start link [dependency-order]",
		"programme/programme.yaml:27:5: error: FF is due 2017-07-13, before its predecessor A (2017-07-14), a finish-to-finish link [dependency-order]",
		"programme/programme.yaml:37:5: error: SF is due 2017-07-02, before the start of its predecessor A (2017-07-03), a start-to-finish link [dependency-order]",
	}},
	{rule: "done-before-dependency", name: "only finish links say a predecessor must finish first", src: `
milestones:
  - id: A
    title: Build
    owner: P-1
    start: 2017-05-01
    due: 2017-07-14
  - id: B
    title: Started alongside
    owner: P-1
    due: 2017-05-10
    done: 2017-05-10
    depends_on: [{id: A, type: ss}]
  - id: C
    title: Finished alongside
    owner: P-1
    due: 2017-07-20
    done: 2017-05-10
    depends_on: [{id: A, type: ff}]
`, want: []string{
		"programme/programme.yaml:26:5: error: C is marked done (2017-05-10) while its predecessor A is not done [done-before-dependency]",
	}},
	{rule: "knock-on", name: "a working-day lag over Christmas, and a start-to-start link", src: `
milestones:
  - id: A
    title: Build
    owner: P-1
    start: 2017-12-01
    due: 2017-12-15
    forecast: 2017-12-20
  - id: B
    title: Test, three working days after
    owner: P-1
    due: 2017-12-22
    calendar: england-and-wales
    depends_on: [{id: A, lag: 3wd}]
  - id: C
    title: Starts with the build
    owner: P-1
    due: 2017-12-04
    depends_on: [{id: A, type: ss}]
`, want: []string{
		// A's forecast moves its start to 2017-12-06, and C with it.
		"programme/programme.yaml:20:5: warning: B is expected 2017-12-27, 5 days after its due date 2017-12-22, pushed by A (expected 2017-12-20) plus a lag of 3 working days [knock-on]",
		"programme/programme.yaml:26:5: warning: C is expected 2017-12-06, 2 days after its due date 2017-12-04, pushed by A (expected 2017-12-20), a start-to-start link [knock-on]",
	}},
}

func init() { ruleCases = append(ruleCases, calendarCases...) }
