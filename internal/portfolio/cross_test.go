package portfolio

import (
	"testing"

	"github.com/ocotool/oco/internal/programme"
)

// TestFindingsOnce: what a programme's own checks find is reported once
// in the portfolio, not again by the checks of links across programmes;
// what only the portfolio sees is reported once too.
func TestFindingsOnce(t *testing.T) {
	a := member("a", `programme: {id: a, name: A, start: 2017-01-01, end: 2017-12-31, as_of: 2017-03-01}
milestones:
  - {id: A-1, title: One, due: 2017-06-10}
  - {id: A-2, title: Two, due: 2017-06-01, depends_on: [A-1]}
  - {id: A-3, title: Three, due: 2017-02-01, done: 2017-02-01, depends_on: [A-1]}
  - {id: A-4, title: Four, due: 2017-05-01, depends_on: [b:B-1]}
`)
	b := member("b", `programme: {id: b, name: B, start: 2017-01-01, end: 2017-12-31, as_of: 2017-03-01}
milestones:
  - {id: B-1, title: One, due: 2017-05-20}
`)
	pf := Build("p", "P", []*Member{a, b}, programme.NewDate(2017, 3, 1))
	count := map[string]int{}
	for _, f := range pf.Findings() {
		count[f.Rule+" "+f.ID]++
	}
	for key, want := range map[string]int{
		"dependency-order A-2":         1, // a's own link, found by a's own checks
		"done-before-dependency A-3":   1,
		"dependency-order a:A-4":       1, // across programmes: only the portfolio sees it
		"dependency-order a:A-2":       0, // not again, under the portfolio's name
		"dependency-order a:A-3":       0,
		"done-before-dependency a:A-3": 0,
	} {
		if count[key] != want {
			t.Errorf("%s: %d findings, want %d (all: %v)", key, count[key], want, count)
		}
	}
}
