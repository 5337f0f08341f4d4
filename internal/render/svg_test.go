package render

import (
	"strings"
	"testing"

	"github.com/ocotool/oco/internal/programme"
)

func svgOf(t *testing.T, c Chart) string {
	t.Helper()
	h, err := c.SVG()
	if err != nil {
		t.Fatal(err)
	}
	return string(h)
}

// Each chart has its title, a text alternative and one mark per thing it
// shows; text from the files is escaped.
func TestCharts(t *testing.T) {
	d := docDate
	tl := TimelineChart{Title: "Timeline <b>", From: d("2024-01-01"), To: d("2024-12-31"), AsOf: d("2024-06-01"), Rows: []TimelineRow{
		{Label: "P1 <script>", RAG: programme.Red, Start: d("2024-01-01"), End: d("2024-06-30"), Marks: []TimelineMark{
			{ID: "M-1", Title: "a & b", Due: d("2024-02-01"), Done: d("2024-02-03")},
			{ID: "M-2", Title: "c", Due: d("2024-05-01"), Expected: d("2024-07-01"), Critical: true},
			{ID: "M-3", Title: "d", Due: d("2024-06-15"), Expected: d("2024-06-15")},
		}},
	}}
	hm := HeatMapChart{Title: "Heat", AmberAt: 5, RedAt: 15, Risks: []HeatRisk{
		{ID: "R-1", L: 4, I: 5, FromL: 2, FromI: 5},
		{ID: "R-2", L: 3, I: 3, FromL: 3, FromI: 3},
		{ID: "R-3", L: 1, I: 2, New: true},
	}}
	mta := MTAChart{Title: "Trend", Reports: []programme.Date{d("2024-01-31"), d("2024-02-29"), d("2024-03-31")}, Lines: []TrendLine{
		{ID: "M-1", Dates: []programme.Date{d("2024-05-01"), d("2024-05-15"), d("2024-06-01")}},
		{ID: "M-2", Dates: []programme.Date{0, d("2024-04-01"), d("2024-03-20")}},
	}}
	dca := ConfidenceChart{Title: "DCA", Points: []ConfidencePoint{{d("2024-01-31"), "amber"}, {d("2024-02-29"), "amber-red"}}}
	for _, tc := range []struct {
		chart Chart
		marks map[string]int
	}{
		{tl, map[string]int{`class="ms done"`: 1, `class="ms due"`: 1, `class="ms due crit"`: 1, `class="ms exp crit"`: 1, `class="ms exp"`: 1, `class="asof"`: 1, `class="band rag-red"`: 1}},
		{hm, map[string]int{`class="risk"`: 2, `class="risk new"`: 1, `class="move"`: 1, `class="cell `: 25}},
		{mta, map[string]int{`trend s0 line`: 1, `trend s1 line`: 1, `trend s0 pt"`: 3, `trend s1 pt"`: 2, `class="diag"`: 1}},
		{dca, map[string]int{`class="dcapt `: 2, `class="dcaline"`: 1}},
	} {
		s := svgOf(t, tc.chart)
		if !strings.Contains(s, "<title id=") || !strings.Contains(s, "<desc id=") || !strings.Contains(s, `role="img"`) {
			t.Errorf("%T: no title, description or role", tc.chart)
		}
		for mark, n := range tc.marks {
			if got := strings.Count(s, mark); got != n {
				t.Errorf("%T: %d of %s, want %d", tc.chart, got, mark, n)
			}
		}
		if strings.Contains(s, "<script") || strings.Contains(s, "<b>") {
			t.Errorf("%T: text not escaped:\n%s", tc.chart, s)
		}
	}
	// The arrow goes from where R-1 was (2, 5) to where it is (4, 5).
	if alt := hm.Alt(); !strings.Contains(alt, "R-1 at likelihood 4, impact 5 (from 2, 5)") {
		t.Errorf("heat map alt: %s", alt)
	}
}
