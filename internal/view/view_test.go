package view

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/ocotool/oco/internal/programme"
	"github.com/ocotool/oco/internal/schedule"
)

const testProgramme = `programme:
  id: P
  name: Small programme
  start: 2017-01-01
  end: 2017-12-31
  as_of: 2017-06-01
people:
  - {id: ann, name: Ann}
phases:
  - {id: P1, name: Planning, start: 2017-01-01, end: 2017-12-31}
  - {id: P2, name: Delivery, start: 2017-04-01, end: 2017-09-30, depends_on: [P1]}
milestones:
  - {id: M-1, title: Plan agreed, phase: P1, owner: ann, due: 2017-02-01, done: 2017-02-01}
  - {id: M-2, title: Consult staff, phase: P2, owner: ann, due: 2017-05-01}
  - {id: M-3, title: Go live, phase: P2, owner: ann, due: 2017-06-20, depends_on: [{id: M-2, lag: 2w}]}
risks:
  - {id: R-1, title: Funding, owner: ann, likelihood: 4, impact: 5}
assumptions:
  - {id: A-1, statement: Staff stay, owner: ann, validate_by: 2017-05-01}
`

func load(t *testing.T) (*programme.Programme, *schedule.Plan, programme.Date) {
	t.Helper()
	p := programme.Load(fstest.MapFS{"programme.yaml": {Data: []byte(testProgramme)}}, "")
	if e, _ := programme.Count(p.Findings); e > 0 {
		t.Fatalf("the test programme does not load: %v", p.Findings)
	}
	return p, schedule.Build(p, p.Header.AsOf), p.Header.AsOf
}

func jsonOf(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// One record per kind: the dashboard, the listings and show print the
// same one for the same item.
func TestOneRecordPerKind(t *testing.T) {
	p, plan, asOf := load(t)
	d := NewDashboard(p, plan, asOf, nil)
	if len(d.Overdue) != 1 || d.Overdue[0].ID != "M-2" {
		t.Fatalf("overdue = %+v, want M-2", d.Overdue)
	}
	var listed Milestone
	for _, m := range Milestones(p, plan, asOf, &Filter{}) {
		if m.ID == "M-2" {
			listed = m
		}
	}
	shown, ok := NewShow(p, func() *schedule.Plan { return plan }, asOf, "M-2")
	if !ok {
		t.Fatal("show M-2: not found")
	}
	want := jsonOf(t, listed)
	if got := jsonOf(t, d.Overdue[0].Milestone); got != want {
		t.Errorf("dashboard's M-2:\n%s\nlisting's:\n%s", got, want)
	}
	if got := jsonOf(t, shown.Item); got != want {
		t.Errorf("show's M-2:\n%s\nlisting's:\n%s", got, want)
	}

	if len(d.Risks) != 1 || jsonOf(t, d.Risks[0]) != jsonOf(t, Risks(p, &Filter{})[0]) {
		t.Errorf("dashboard's risks %+v are not the listing's", d.Risks)
	}
	phases := Phases(p, plan, asOf)
	for i, ph := range d.Phases {
		if jsonOf(t, ph.Phase) != jsonOf(t, phases[i]) {
			t.Errorf("dashboard's %s is not the listing's", ph.ID)
		}
	}
	if d.CurrentPhase != "P2" || !phases[1].Current || phases[0].Current {
		t.Errorf("current phase: dashboard %s, listing %+v", d.CurrentPhase, phases)
	}
	if len(d.Assumptions) != 1 || !Assumptions(p, asOf, &Filter{})[0].Overdue {
		t.Errorf("A-1 is due for validation and overdue: dashboard %+v", d.Assumptions)
	}
}

// A lag is written the one way everywhere: the listing's depends_on,
// deps, the critical path and show.
func TestLagPrintedOneWay(t *testing.T) {
	p, plan, asOf := load(t)
	var m3 Milestone
	for _, m := range Milestones(p, plan, asOf, &Filter{}) {
		if m.ID == "M-3" {
			m3 = m
		}
	}
	if len(m3.DependsOn) != 1 || m3.DependsOn[0].Lag != "14d" {
		t.Errorf("listing: depends_on %+v, want M-2 with lag 14d", m3.DependsOn)
	}
	deps := MilestoneDeps(p, plan, asOf, "M-3", false)
	if len(deps.DependsOn) != 1 || deps.DependsOn[0].Lag != "14d" {
		t.Errorf("deps: %+v, want lag 14d", deps.DependsOn)
	}
	shown, _ := NewShow(p, func() *schedule.Plan { return plan }, asOf, "M-3")
	if l := shown.Links["depends_on"]; len(l) != 1 || l[0].Lag != "14d" {
		t.Errorf("show: depends_on %+v, want lag 14d", l)
	}
	for _, st := range CriticalPath(p, plan, asOf) {
		if _, err := programme.ParseLag(st.Lag); err != nil {
			t.Errorf("critical path: %s's lag %q is not written as a lag: %v", st.ID, st.Lag, err)
		}
	}
}

func TestDashboardListsAreNeverNull(t *testing.T) {
	p := programme.Load(fstest.MapFS{"programme.yaml": {Data: []byte("programme: {id: P, name: Empty, start: 2017-01-01, end: 2017-12-31}\n")}}, "")
	d := NewDashboard(p, schedule.Build(p, 0), 0, nil)
	got := jsonOf(t, d)
	for _, key := range []string{`"phases":[]`, `"overdue":[]`, `"due_soon":[]`, `"slips_next":[]`, `"risks":[]`, `"assumptions":[]`} {
		if !strings.Contains(got, key) {
			t.Errorf("missing %s in %s", key, got)
		}
	}
}

func TestDocumentHasEveryList(t *testing.T) {
	p, plan, asOf := load(t)
	got := jsonOf(t, NewDocument(p, plan, asOf))
	for _, key := range []string{`"people":[{`, `"bodies":[]`, `"milestones":[{`, `"issues":[]`, `"benefits":[]`} {
		if !strings.Contains(got, key) {
			t.Errorf("missing %s in %s", key, got)
		}
	}
}

// A tree as deep as a 20,000-long chain is indented only so far: each line
// past that says its depth, so the output grows with the chain, not with
// its square.
func TestDepsTreeIndentIsBounded(t *testing.T) {
	for _, depth := range []int{1, maxIndent, maxIndent + 1, 20_000} {
		id := DepsEntry{ID: "M-1", Depth: depth}.treeID()
		if len(id) > 2*maxIndent+len("… depth 20000 M-1") {
			t.Errorf("depth %d: %d bytes: %q", depth, len(id), id)
		}
		if depth > maxIndent && !strings.Contains(id, fmt.Sprintf("depth %d M-1", depth)) {
			t.Errorf("depth %d: %q does not say its depth", depth, id)
		}
	}
}
