package schedule

import (
	"testing"
	"time"

	"github.com/ocotool/oco/internal/programme"
)

func day(y int, m time.Month, dd int) programme.Date { return programme.NewDate(y, m, dd) }

var england = (&programme.Programme{}).WorkCalendar("england-and-wales")

// TestLinkTypesAndCalendars works each link type and calendar rule of
// SPEC 7.2 by hand. Easter 2017: Good Friday 14 April, Easter Monday 17
// April; Christmas 2017 fell on a Monday.
func TestLinkTypesAndCalendars(t *testing.T) {
	tests := []struct {
		name  string
		tasks []Task
		want  programme.Date // expected date of the last task
		slack int            // the first task's slack
	}{
		{
			name: "5wd lag across Easter: Thu 13, then Tue 18 to Fri 21",
			tasks: []Task{
				{Due: day(2017, 4, 12)},
				{Due: day(2017, 4, 13), Cal: england, Preds: []Link{{Pred: 0, Lag: 5, Working: true}}},
			},
			want: day(2017, 4, 21),
		},
		{
			name: "5d lag across Easter is calendar days, then the next working day",
			tasks: []Task{
				{Due: day(2017, 4, 12)},
				{Due: day(2017, 4, 13), Cal: england, Preds: []Link{{Pred: 0, Lag: 5}}},
			},
			want: day(2017, 4, 18),
		},
		{
			name: "3wd lag across Christmas: Wed 27, Thu 28, Fri 29",
			tasks: []Task{
				{Due: day(2017, 12, 22)},
				{Due: day(2017, 12, 1), Cal: england, Preds: []Link{{Pred: 0, Lag: 3, Working: true}}},
			},
			want: day(2017, 12, 29),
		},
		{
			name: "a lead: finish-to-finish two working days before",
			tasks: []Task{
				{Due: day(2017, 7, 14)},
				{Due: day(2017, 7, 10), Cal: england, Preds: []Link{{Pred: 0, Lag: -2, Type: FF, Working: true}}},
			},
			want: day(2017, 7, 12),
		},
		{
			name: "a calendar-day lead",
			tasks: []Task{
				{Due: day(2017, 7, 14)},
				{Due: day(2017, 7, 1), Preds: []Link{{Pred: 0, Lag: -3}}},
			},
			want:  day(2017, 7, 11),
			slack: 0,
		},
		{
			name: "ss with a lag into a weekend moves to Monday",
			tasks: []Task{
				{Start: day(2017, 7, 3), Due: day(2017, 7, 14)},
				{Due: day(2017, 7, 5), Cal: england, Preds: []Link{{Pred: 0, Lag: 5, Type: SS}}},
			},
			want:  day(2017, 7, 10),
			slack: 0,
		},
		{
			name: "ss from an activity a predecessor pushes: its start moves with it",
			tasks: []Task{
				{Due: day(2017, 7, 10)},
				{Start: day(2017, 7, 3), Due: day(2017, 7, 7), Preds: []Link{{Pred: 0}}},
				{Due: day(2017, 7, 4), Preds: []Link{{Pred: 1, Lag: 1, Type: SS}}},
			},
			want: day(2017, 7, 11),
		},
		{
			name: "ff from an activity: only the finishes are tied",
			tasks: []Task{
				{Start: day(2017, 7, 3), Due: day(2017, 7, 14)},
				{Start: day(2017, 7, 1), Due: day(2017, 7, 5), Preds: []Link{{Pred: 0, Type: FF}}},
			},
			want: day(2017, 7, 14),
		},
		{
			name: "sf: finish once the predecessor has started",
			tasks: []Task{
				{Start: day(2017, 7, 3), Due: day(2017, 7, 14)},
				{Due: day(2017, 7, 1), Preds: []Link{{Pred: 0, Lag: 2, Type: SF}}},
			},
			want:  day(2017, 7, 5),
			slack: 0,
		},
		{
			name: "fs into an activity counts its length in working days",
			tasks: []Task{
				{Due: day(2017, 4, 13)},
				// 10 April to 21 April is 7 working days over Easter.
				{Start: day(2017, 4, 10), Due: day(2017, 4, 21), Cal: england, Preds: []Link{{Pred: 0}}},
			},
			want: day(2017, 4, 26),
		},
		{
			name: "a due date on a Saturday is expected the Monday after",
			tasks: []Task{
				{Due: day(2017, 7, 1), Cal: england},
			},
			want: day(2017, 7, 3),
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := Input{Tasks: tc.tasks, AsOf: day(2017, 1, 1)}
			r := Compute(in)
			last := len(tc.tasks) - 1
			if got := r.Expected[last]; got != tc.want {
				t.Errorf("expected %s, want %s", got, tc.want)
			}
			if last > 0 && r.Slack[0] != tc.slack {
				t.Errorf("slack of the first task %d, want %d", r.Slack[0], tc.slack)
			}
			if last > 0 && r.Expected[last] > tc.tasks[last].Date() && r.Driver[last] != last-1 {
				t.Errorf("driver %d, want %d", r.Driver[last], last-1)
			}
		})
	}
}

// TestWorkCalendar checks the calendar arithmetic against stepping one
// day at a time.
func TestWorkCalendar(t *testing.T) {
	if !england.Works(day(2017, 4, 13)) || england.Works(day(2017, 4, 14)) || england.Works(day(2017, 4, 15)) {
		t.Fatal("Works is wrong around Easter 2017")
	}
	if day(2017, 4, 1).Weekday() != time.Saturday {
		t.Fatalf("2017-04-01 is a %s", day(2017, 4, 1).Weekday())
	}
	for _, from := range []programme.Date{day(2016, 12, 20), day(2017, 4, 12), day(2017, 4, 15), day(1960, 1, 1), day(2129, 12, 20)} {
		for n := -12; n <= 12; n++ {
			want, k := from, n
			for k != 0 {
				if k > 0 {
					want++
					if england.Works(want) {
						k--
					}
				} else {
					want--
					if england.Works(want) {
						k++
					}
				}
			}
			if got := england.Add(from, n); got != want {
				t.Errorf("Add(%s, %d) = %s, want %s", from, n, got, want)
			}
			if n >= 0 {
				if got := england.Count(from, want); got != n {
					t.Errorf("Count(%s, %s) = %d, want %d", from, want, got, n)
				}
			}
		}
	}
}
