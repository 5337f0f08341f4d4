package programme

import (
	"testing"
	"time"
)

// A date prints as time's own layout prints it, from the first day a Date
// holds to the last of year 9999 and beyond, where the layout takes over.
func TestDateStringAsLayout(t *testing.T) {
	for _, d := range []Date{1, 2, 59, 60, 366, NewDate(1999, 12, 31), NewDate(2000, 2, 29), NewDate(2016, 4, 1),
		NewDate(9999, 12, 31), NewDate(10000, 1, 1), -5, 0} {
		want := ""
		if d != 0 {
			want = d.Time().Format("2006-01-02")
		}
		if got := d.String(); got != want {
			t.Errorf("Date(%d).String() = %q, want %q", d, got, want)
		}
	}
	for d := NewDate(1900, 1, 1); d < NewDate(2100, 1, 1); d++ {
		if got, want := d.String(), d.Time().Format("2006-01-02"); got != want {
			t.Fatalf("Date(%d).String() = %q, want %q", d, got, want)
		}
	}
	if got := NewDate(2017, time.March, 1).String(); got != "2017-03-01" {
		t.Errorf("2017-03-01 prints as %q", got)
	}
}
