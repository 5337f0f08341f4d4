package programme

import (
	"testing"
	"time"
)

// TestBuiltinCalendarCounts checks the number of bank holidays each year
// against the published lists: England and Wales have 8 a year, Scotland
// 9 and Northern Ireland 10, with one more in 2011 (the royal wedding),
// 2012 (the Diamond Jubilee) and 2023 (the coronation), and two more in
// 2022 (the Platinum Jubilee and the state funeral).
func TestBuiltinCalendarCounts(t *testing.T) {
	extra := map[int]int{2011: 1, 2012: 1, 2022: 2, 2023: 1}
	for id, usual := range map[string]int{"england-and-wales": 8, "scotland": 9, "northern-ireland": 10} {
		c, ok := BuiltinCalendar(id)
		if !ok {
			t.Fatalf("no built-in calendar %s", id)
		}
		count := map[int]int{}
		for _, h := range c.Holidays {
			count[h.Date.Time().Year()]++
			if wd := h.Date.Weekday(); wd == time.Saturday || wd == time.Sunday {
				t.Errorf("%s: %s (%s) falls at a weekend", id, h.Date, h.Name)
			}
		}
		for y := 2010; y <= 2030; y++ {
			if want := usual + extra[y]; count[y] != want {
				t.Errorf("%s has %d bank holidays in %d, want %d", id, count[y], y, want)
			}
		}
		if len(count) != 21 {
			t.Errorf("%s covers %d years, want 2010-2030", id, len(count))
		}
	}
}

func TestBuiltinCalendarDays(t *testing.T) {
	for _, tc := range []struct {
		cal  string
		date string
		want bool
	}{
		{"england-and-wales", "2017-04-17", false}, // Easter Monday
		{"scotland", "2017-04-17", true},           // not a holiday in Scotland
		{"scotland", "2017-01-02", false},          // 2nd January
		{"scotland", "2017-01-03", false},          // New Year's Day, substitute
		{"england-and-wales", "2017-01-03", true},
		{"northern-ireland", "2017-03-17", false},  // St Patrick's Day
		{"northern-ireland", "2017-07-12", false},  // Battle of the Boyne
		{"england-and-wales", "2020-05-08", false}, // early May moved for VE day
		{"england-and-wales", "2020-05-04", true},
		{"england-and-wales", "2022-09-19", false}, // state funeral
		{"england-and-wales", "2017-04-01", false}, // a Saturday: Day 1 of the shipped programme
	} {
		d, _ := ParseDate(tc.date)
		if got := (&Programme{}).WorkCalendar(tc.cal).Works(d); got != tc.want {
			t.Errorf("%s works on %s: %v, want %v", tc.cal, tc.date, got, tc.want)
		}
	}
}

func TestParseDepShorthand(t *testing.T) {
	for in, want := range map[string]Dep{
		"M-12":         {ID: "M-12"},
		"M-12+5d":      {ID: "M-12", Lag: 5},
		"M-12+2w":      {ID: "M-12", Lag: 14},
		"M-12:ss+5wd":  {ID: "M-12", Type: "ss", Lag: 5, Working: true},
		"M-12:ff-2d":   {ID: "M-12", Type: "ff", Lag: -2},
		"M-12:fs":      {ID: "M-12"},
		"M.1_x:sf-3wd": {ID: "M.1_x", Type: "sf", Lag: -3, Working: true},
		"M-12+-2d":     {ID: "M-12", Lag: -2},
		"M-12d":        {ID: "M-12d"},
		"M-1-2d":       {ID: "M-1-2d"},
	} {
		got, err := ParseDepShorthand(in)
		if err != nil || got != want {
			t.Errorf("ParseDepShorthand(%q) = %+v, %v; want %+v", in, got, err, want)
		}
		if err == nil && got.LinkText() != in && in != "M-12:fs" && in != "M-12+2w" {
			t.Errorf("LinkText of %q = %q", in, got.LinkText())
		}
	}
	for _, bad := range []string{"", "M-12:xx", "M-12+5m", "M-12+", ":ss", "M-12:ss+1d+2d", "M-12++1d"} {
		if _, err := ParseDepShorthand(bad); err == nil {
			t.Errorf("ParseDepShorthand(%q) accepted", bad)
		}
	}
}
