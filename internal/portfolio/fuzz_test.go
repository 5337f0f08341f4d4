package portfolio

import (
	"strings"
	"testing"

	"github.com/ocotool/oco/internal/programme"
)

// FuzzParse: no bytes in portfolio.yaml crash oco, and what parses names
// each programme once, with a valid id and a repository.
func FuzzParse(f *testing.F) {
	f.Add([]byte("portfolio: {id: bury, name: Bury, as_of: 2017-06-30}\nprogrammes:\n  - {id: oco, repo: ../oco, ref: main, dir: programme}\n"))
	f.Add([]byte("portfolio: &a {id: x}\nprogrammes: [*a, {id: y, repo: r}]\n"))
	f.Add([]byte("programmes:\n  - {id: a, repo: r}\n  - {id: a, repo: r}\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		pf, bad := Parse("portfolio.yaml", src)
		seen := map[string]bool{}
		for _, e := range pf.Programmes {
			if seen[e.ID] || e.Repo == "" || strings.Contains(e.ID, ":") {
				t.Fatalf("entry %+v kept (findings %v)", e, bad)
			}
			seen[e.ID] = true
		}
	})
}

// FuzzBuild: no pair of programmes, however broken or linked, crashes
// the portfolio's schedule, checks or roll-up.
func FuzzBuild(f *testing.F) {
	f.Add("programme: {id: a, name: A, start: 2017-01-01, end: 2017-12-31}\nmilestones:\n  - {id: A-1, title: t, due: 2017-06-01, depends_on: [b:B-1, a:A-1]}\n",
		"programme: {id: b, name: B, start: 2017-01-01, end: 2017-03-31}\nmilestones:\n  - {id: B-1, title: t, due: 2017-06-01, start: 2017-07-01, depends_on: [{id: a:A-1, type: ss, lag: -5wd}]}\n")
	f.Fuzz(func(t *testing.T, a, b string) {
		pf := Build("p", "P", []*Member{member("a", a), member("b", b)}, programme.NewDate(2017, 6, 1))
		fs := pf.Findings()
		pf.Status(fs)
	})
}
