package portfolio

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/ocotool/oco/internal/programme"
)

func member(id, src string) *Member {
	return Local(id, programme.Load(fstest.MapFS{"p.yaml": {Data: []byte(src)}}, id+":."))
}

// TestCalendarsAcrossProgrammes: each programme keeps its own calendar
// across the portfolio, its own definitions and the built-in ones alike.
func TestCalendarsAcrossProgrammes(t *testing.T) {
	a := member("a", `programme: {id: a, name: A, start: 2017-01-01, end: 2017-12-31, as_of: 2017-06-01, calendar: week}
calendars:
  - {id: week, workdays: [mon, tue, wed, thu, fri]}
milestones:
  - {id: A-1, title: One, due: 2017-06-05, depends_on: [{id: b:B-1, lag: 1d}]}
`)
	b := member("b", `programme: {id: b, name: B, start: 2017-01-01, end: 2017-12-31, as_of: 2017-06-01, calendar: england-and-wales}
calendars:
  - {id: week, workdays: [sat]}
milestones:
  - {id: B-1, title: One, due: 2017-06-09}
  - {id: B-2, title: Two, due: 2017-05-29, depends_on: [{id: a:A-1, lag: 0d}]}
`)
	pf := Build("p", "P", []*Member{a, b}, programme.NewDate(2017, 6, 1))
	for _, m := range pf.Members {
		for _, f := range m.P.Findings {
			t.Errorf("%s: %s", m.ID, f)
		}
	}
	want := map[string]string{
		"b:B-1": "2017-06-09", // a Friday
		"a:A-1": "2017-06-12", // Friday + 1 day is a Saturday: a's week moves it to Monday
		"b:B-2": "2017-06-12", // not a bank holiday in England: Monday stays
	}
	for id, date := range want {
		i, ok := pf.Plan.Index(id)
		if !ok {
			t.Fatalf("%s not in the plan", id)
		}
		if got := pf.Plan.Expected[i].String(); got != date {
			t.Errorf("%s expected %s, want %s", id, got, date)
		}
	}
	if c := pf.Merged.Milestone("a:A-1").Calendar; c != "a:week" {
		t.Errorf("a:A-1 keeps calendar %q, want a:week", c)
	}
	if c := pf.Merged.Milestone("b:B-1").Calendar; c != "england-and-wales" {
		t.Errorf("b:B-1 keeps calendar %q, want england-and-wales", c)
	}
}

// TestThreeProgrammes is a portfolio worked by hand: C's late C-1 pushes
// B's B-2, B's forecast B-1 pushes A's A-2, and the critical path ends in
// B, through C. Each milestone's slack runs to its own programme's end.
func TestThreeProgrammes(t *testing.T) {
	a := member("a", `programme: {id: a, name: A, start: 2017-01-01, end: 2017-06-30}
milestones:
  - {id: A-1, title: One, due: 2017-06-10}
  - {id: A-2, title: Two, due: 2017-06-20, depends_on: [A-1, {id: b:B-1, lag: 3d}]}
`)
	b := member("b", `programme: {id: b, name: B, start: 2017-01-01, end: 2017-07-31}
milestones:
  - {id: B-1, title: One, due: 2017-06-12, forecast: 2017-06-18}
  - {id: B-2, title: Two, due: 2017-06-25, depends_on: [c:C-1]}
`)
	c := member("c", `programme: {id: c, name: C, start: 2017-01-01, end: 2017-06-30}
milestones:
  - {id: C-1, title: One, due: 2017-06-05, forecast: 2017-06-28}
`)
	pf := Build("p", "P", []*Member{a, b, c}, programme.NewDate(2017, 6, 1))
	expect := map[string]struct {
		date  string
		slack int
	}{
		"a:A-1": {"2017-06-10", 11}, // A-2 is held by B-1 until 06-21
		"a:A-2": {"2017-06-21", 9},  // B-1 06-18 + 3 days; A ends 06-30
		"b:B-1": {"2017-06-18", 0},  // A-2 moves with it
		"b:B-2": {"2017-06-28", 33}, // C-1's forecast; B ends 07-31
		"c:C-1": {"2017-06-28", 0},  // B-2 moves with it
	}
	for id, want := range expect {
		i, _ := pf.Plan.Index(id)
		if got := pf.Plan.Expected[i].String(); got != want.date || pf.Plan.Slack[i] != want.slack {
			t.Errorf("%s: expected %s slack %d, want %s slack %d", id, got, pf.Plan.Slack[i], want.date, want.slack)
		}
	}
	var path []string
	for _, i := range pf.Plan.CriticalPath {
		path = append(path, pf.Merged.Milestones[i].ID)
	}
	if got := strings.Join(path, " "); got != "c:C-1 b:B-2" {
		t.Errorf("critical path %s, want c:C-1 b:B-2", got)
	}
	fs := pf.Findings()
	var knock []string
	for _, f := range byRule(fs, "knock-on") {
		knock = append(knock, f.ID)
	}
	slices.Sort(knock)
	if got := strings.Join(knock, " "); got != "a:A-2 b:B-2" {
		t.Errorf("knock-on for %s, want a:A-2 b:B-2", got)
	}
	type row struct {
		rag                 string
		slips, days, atRisk int
	}
	want := map[string]row{"a": {"green", 1, -9, 1}, "b": {"green", 2, -33, 1}, "c": {"amber", 1, -2, 0}}
	for _, r := range pf.Status(fs).Programmes {
		if got := (row{r.RAG, r.Slips, r.EndDays, r.LinksAtRisk}); got != want[r.Programme] {
			t.Errorf("%s: %+v, want %+v", r.Programme, got, want[r.Programme])
		}
	}
}

func TestAsOf(t *testing.T) {
	a := member("a", "programme: {id: a, name: A, start: 2017-01-01, end: 2017-12-31, as_of: 2017-06-30}\n")
	b := member("b", "programme: {id: b, name: B, start: 2017-01-01, end: 2017-12-31, as_of: 2017-06-30}\n")
	c := member("c", "programme: {id: c, name: C, start: 2017-01-01, end: 2017-12-31}\n")
	june := programme.NewDate(2017, 6, 30)
	if got := AsOf(&File{}, []*Member{a, b}); got != june {
		t.Errorf("shared as_of: %s", got)
	}
	if got := AsOf(&File{}, []*Member{a, b, c}); got != 0 {
		t.Errorf("as_of not shared: %s", got)
	}
	if got := AsOf(&File{AsOf: june.AddDays(1)}, []*Member{a}); got != june.AddDays(1) {
		t.Errorf("the portfolio's own: %s", got)
	}
}

// TestLinkOutsidePortfolio: a link to a programme the portfolio lacks
// cannot be scheduled: a link at risk, and its one unchecked-ref stays.
func TestLinkOutsidePortfolio(t *testing.T) {
	a := member("a", `programme: {id: a, name: A, start: 2017-01-01, end: 2017-12-31, as_of: 2017-06-01}
milestones:
  - {id: A-1, title: One, due: 2017-06-10, depends_on: [zz:Z-1]}
`)
	pf := Build("p", "P", []*Member{a}, programme.NewDate(2017, 6, 1))
	fs := pf.Findings()
	if r := pf.Status(fs).Programmes[0]; r.LinksAtRisk != 1 {
		t.Errorf("links at risk %d, want 1", r.LinksAtRisk)
	}
	if n := len(byRule(fs, "unchecked-ref")); n != 1 {
		t.Errorf("%d unchecked-ref, want 1: %v", n, fs)
	}
}
