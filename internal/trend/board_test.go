package trend

import (
	"slices"
	"testing"
	"time"

	"github.com/ocotool/oco/internal/programme"
)

// A reporting date is the programme's as_of at a commit, else the commit's
// day; the last commit of a reporting date stands for it; a done milestone
// sits at its done date, and one not yet there has no point.
func TestReportingOf(t *testing.T) {
	d := func(s string) programme.Date {
		v, err := programme.ParseDate(s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	ms := func(due, forecast, done string) []Milestone {
		m := Milestone{ID: "M-1", Title: "One", Due: d(due)}
		if forecast != "" {
			m.Forecast = d(forecast)
		}
		if done != "" {
			m.Done = d(done)
		}
		return []Milestone{m}
	}
	points := []Point{
		{Exists: true, AsOf: d("2017-01-31"), parts: [][]Milestone{ms("2017-06-30", "", "")}},
		{Exists: true, AsOf: d("2017-01-31"), parts: [][]Milestone{ms("2017-06-30", "2017-07-10", "")}}, // same board: the later counts
		{Exists: false},
		{Exists: true, Time: time.Date(2017, 2, 28, 12, 0, 0, 0, time.UTC), parts: [][]Milestone{ms("2017-06-30", "2017-07-20", ""), {{ID: "M-2", Due: d("2017-05-01")}}}},
		{Exists: true, AsOf: d("2017-07-05"), parts: [][]Milestone{ms("2017-06-30", "2017-07-20", "2017-07-04")}},
	}
	r := ReportingOf(points, []string{"M-1", "M-2", "M-9"})
	if want := []programme.Date{d("2017-01-31"), d("2017-02-28"), d("2017-07-05")}; !slices.Equal(r.Dates, want) {
		t.Fatalf("dates %v, want %v", r.Dates, want)
	}
	want := [][]programme.Date{
		{d("2017-07-10"), d("2017-07-20"), d("2017-07-04")},
		{0, d("2017-05-01"), 0},
		{0, 0, 0},
	}
	for i, l := range r.Lines {
		if !slices.Equal(l.Dates, want[i]) {
			t.Errorf("%s: %v, want %v", l.ID, l.Dates, want[i])
		}
	}
	if r.Lines[0].Title != "One" {
		t.Errorf("title %q", r.Lines[0].Title)
	}
}
