package view

import (
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/ocotool/oco/internal/programme"
	"github.com/ocotool/oco/internal/schedule"
)

// Two links on one predecessor with one lag but different types each have
// their own slack: the start-to-start link counts from M-1's start.
func TestDepsSlackOfEachLink(t *testing.T) {
	p := programme.Load(fstest.MapFS{"programme.yaml": {Data: []byte(`programme: {id: A, name: A, start: 2017-01-01, end: 2017-12-31, as_of: 2017-01-01}
people: [{id: p, name: P}]
milestones:
  - {id: M-1, title: One, owner: p, start: 2017-02-01, due: 2017-03-01}
  - {id: M-2, title: Two, owner: p, due: 2017-04-01, depends_on: [{id: M-1, type: ss}, {id: M-1}]}
`)}}, "")
	plan := schedule.Build(p, p.Header.AsOf)
	d := MilestoneDeps(p, plan, p.Header.AsOf, "M-2", false)
	var got []string
	for _, e := range d.DependsOn {
		got = append(got, e.label+"="+strconv.Itoa(*e.Slack))
	}
	if want := "ss 0d=59 0d=31"; strings.Join(got, " ") != want {
		t.Errorf("links %q, want %s", got, want)
	}
}
