package view

import (
	"testing"
	"testing/fstest"

	"github.com/ocotool/oco/internal/programme"
	"github.com/ocotool/oco/internal/render"
)

func timelineProgramme(t *testing.T, files map[string]string) *programme.Programme {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, src := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(src)}
	}
	return programme.Load(fsys, "demo")
}

func timelineDate(t *testing.T, s string) programme.Date {
	t.Helper()
	d, err := programme.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

const timelineDemo = `programme: {id: demo, name: Demo, start: 2024-01-01, end: 2024-12-31}
phases:
  - {id: p2, name: Delivery, start: 2024-04-01, end: 2024-09-30}
  - {id: p1, name: Discovery, start: 2024-01-01, end: 2024-03-31}
milestones:
  - {id: m-10, title: Ten, phase: p1, due: 2024-02-01}
  - {id: m-2, title: Two, phase: p1, due: 2024-02-01, done: 2024-02-01}
  - {id: m-3, title: Late, phase: p2, due: 2024-05-01}
  - {id: m-4, title: Loose, due: 2024-11-01}
`

// Phases come in date order, each with its milestones by date then id
// (m-2 before m-10), and milestones of no phase last; each state has its
// glyph.
func TestTimeline(t *testing.T) {
	p := timelineProgramme(t, map[string]string{"programme.yaml": timelineDemo})
	gc, ok := Timeline(p, timelineDate(t, "2024-06-01"), TimelineOptions{})
	if !ok {
		t.Fatal("nothing to draw")
	}
	var labels []string
	var glyphs []rune
	for _, r := range gc.Rows {
		labels = append(labels, r.Label)
		for _, m := range r.Marks {
			glyphs = append(glyphs, m.Glyph)
		}
	}
	want := []string{"p1 Discovery", "m-2 Two", "m-10 Ten", "p2 Delivery", "m-3 Late", "(no phase)", "m-4 Loose"}
	if len(labels) != len(want) {
		t.Fatalf("rows %q, want %q", labels, want)
	}
	for i := range want {
		if labels[i] != want[i] {
			t.Errorf("row %d is %q, want %q", i, labels[i], want[i])
		}
	}
	if string(glyphs) != string([]rune{render.TimelineDone, render.TimelineOverdue, render.TimelineOverdue, render.TimelineOpen}) {
		t.Errorf("glyphs %q", string(glyphs))
	}
	if gc.From != timelineDate(t, "2024-01-01") || gc.To != timelineDate(t, "2024-12-31") {
		t.Errorf("span %s to %s, want the programme's", gc.From, gc.To)
	}

	// Zoomed to the autumn, only m-4 draws anything; its heading comes too.
	gc, _ = Timeline(p, timelineDate(t, "2024-06-01"), TimelineOptions{From: timelineDate(t, "2024-10-01"), To: timelineDate(t, "2024-11-30")})
	if len(gc.Rows) != 2 || gc.Rows[0].Label != "(no phase)" || gc.Rows[1].Label != "m-4 Loose" {
		t.Errorf("zoomed rows: %+v", gc.Rows)
	}
}

func TestTimelineNothingToDraw(t *testing.T) {
	p := timelineProgramme(t, map[string]string{"programme.yaml": "programme: {id: demo, name: Demo}\n"})
	if _, ok := Timeline(p, timelineDate(t, "2024-06-01"), TimelineOptions{}); ok {
		t.Error("a programme with no dates drew a chart")
	}
}
