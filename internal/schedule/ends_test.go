package schedule

import (
	"testing"
	"time"

	"github.com/ocotool/oco/internal/programme"
)

// TestOwnEnds: where tasks keep ends of their own, slack and negative
// slack run to each one's end; a task with no end of its own takes End.
func TestOwnEnds(t *testing.T) {
	d := func(day int) programme.Date { return programme.NewDate(2017, time.June, day) }
	in := Input{
		Tasks: []Task{{ID: "a", Due: d(10)}, {ID: "b", Due: d(10)}, {ID: "c", Due: d(10), Preds: []Link{{Pred: 0, Lag: 2}}}},
		AsOf:  d(1), End: d(30),
		Ends: []programme.Date{d(20), 0, d(11)},
	}
	r := Compute(in)
	// a: its successor c (expected 12th, end 11th) would move at once;
	// b: to the common end; c: a day past its own end.
	if r.Slack[0] != 0 || r.Slack[1] != 20 || r.Slack[2] != -1 {
		t.Errorf("slack %v, want [0 20 -1]", r.Slack)
	}
	if !r.NegativeSlack(2) || r.NegativeSlack(0) || r.EndOf(1) != d(30) {
		t.Errorf("negative slack %v %v, end of b %s", r.NegativeSlack(2), r.NegativeSlack(0), r.EndOf(1))
	}
}
