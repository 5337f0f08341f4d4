package view

import (
	"testing"

	"github.com/ocotool/oco/internal/programme"
	"github.com/ocotool/oco/internal/schedule"
)

// A chain pushed by a slip: m-1 is forecast 40 days late, which pushes m-2
// 21 days (amber, though its own date is green) and, through it, m-3. Each is rated where it will land (SPEC section 4),
// its phase too, and the words say what pushes it and where the slip
// starts.
func TestRatedWhereExpected(t *testing.T) {
	p := timelineProgramme(t, map[string]string{"programme.yaml": `programme: {id: demo, name: Demo, start: 2024-01-01, end: 2024-12-31}
phases:
  - {id: p1, name: Build, start: 2024-01-01, end: 2024-12-31}
milestones:
  - {id: m-1, title: One, phase: p1, due: 2024-03-01, forecast: 2024-04-10}
  - {id: m-2, title: Two, phase: p1, due: 2024-03-20, depends_on: [m-1]}
  - {id: m-3, title: Three, phase: p1, due: 2024-06-01, depends_on: [{id: m-2, lag: 60d}]}
  - {id: m-4, title: Four, phase: p1, due: 2024-09-01}
`})
	asOf := timelineDate(t, "2024-02-01")
	plan := schedule.Build(p, asOf)

	for _, tc := range []struct {
		id, rag, text string
	}{
		{"m-1", programme.Red, "2024-04-10, 40 days late"},
		{"m-2", programme.Amber, "2024-04-10, 21 days late, pushed by m-1"},
		{"m-3", programme.Green, "2024-06-09, 8 days late, pushed by m-2 (the slip starts at m-1)"},
		{"m-4", programme.Green, "2024-09-01, on its due date"},
	} {
		i, _ := plan.Index(tc.id)
		if own := p.State(p.Milestones[i], asOf); tc.id == "m-2" && own.RAG != programme.Green {
			t.Errorf("m-2 on its own dates is %s, want green", own.RAG)
		}
		if st := MilestoneState(p, plan, i, asOf); st.RAG != tc.rag {
			t.Errorf("%s is %s, want %s", tc.id, st.RAG, tc.rag)
		}
		if got := NewMilestone(p, plan, i, asOf).RAG; got != tc.rag {
			t.Errorf("%s's record is %s, want %s", tc.id, got, tc.rag)
		}
		if got := ExpectedText(plan, i, 0); got != tc.text {
			t.Errorf("%s: %q, want %q", tc.id, got, tc.text)
		}
	}
	if got := Phases(p, plan, asOf)[0].RAG; got != programme.Red {
		t.Errorf("p1 is %s, want red", got)
	}
	red := &Filter{Status: [][]string{{programme.Red, programme.Amber}}}
	if got := len(Milestones(p, plan, asOf, red)); got != 2 {
		t.Errorf("--status red,amber lists %d milestones, want 2 (m-1, m-2)", got)
	}
}
