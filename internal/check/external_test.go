package check

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/ocotool/oco/internal/programme"
)

// TestExternalLinks: a link to another programme's milestone cannot be
// checked alone; it is one unchecked-ref warning per other programme, at
// its first link, and never unknown-ref. A malformed one still is.
func TestExternalLinks(t *testing.T) {
	src := `programme: {id: oco, name: OCO, start: 2017-01-01, end: 2017-12-31, as_of: 2017-06-30}
people: [{id: p, name: P}]
milestones:
  - {id: M-1, title: One, owner: p, due: 2017-09-01, depends_on: [{id: lco:M-12, lag: 5d}, lco:M-3, nwp:X-1]}
  - {id: M-2, title: Two, owner: p, due: 2017-09-02, depends_on: [lco:M-12, M-1, "lco:", ":M-1", M-9]}
`
	p := programme.Load(fstest.MapFS{"p.yaml": {Data: []byte(src)}}, "")
	fs := Run(p, Options{AsOf: p.Header.AsOf})
	var got []string
	for _, f := range fs {
		got = append(got, f.Pos.String()+" "+f.Rule+" "+f.Message)
	}
	want := []string{
		`p.yaml:4:67 unchecked-ref 3 links to programme lco (lco:M-12, lco:M-3) not checked here`,
		`p.yaml:4:101 unchecked-ref 1 link to programme nwp (nwp:X-1) not checked here`,
		`p.yaml:5:82 unknown-ref milestone M-2: depends_on "lco:" is not the id of any milestone`,
		`p.yaml:5:90 unknown-ref milestone M-2: depends_on ":M-1" is not the id of any milestone`,
		`p.yaml:5:98 unknown-ref milestone M-2: depends_on "M-9" is not the id of any milestone`,
	}
	if len(got) != len(want) {
		t.Fatalf("got %d findings, want %d:\n%s", len(got), len(want), strings.Join(got, "\n"))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("finding %d:\n got %s\nwant %s...", i, got[i], want[i])
		}
	}
}
