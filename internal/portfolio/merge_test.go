package portfolio

import (
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
