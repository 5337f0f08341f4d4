package programme

import (
	"fmt"
	"time"
)

// Date is a calendar date held as a day number, so that date arithmetic is
// integer arithmetic. The zero Date means "not given".
type Date int32

// epochOffset makes 0001-01-01 day 1, so every real date is positive.
const epochOffset = 719163

// NewDate returns the Date for y-m-d. It does not check that the day exists.
func NewDate(y int, m time.Month, d int) Date {
	return Date(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix()/86400 + epochOffset)
}

// DateOf returns the calendar date of t in t's location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return NewDate(y, m, d)
}

// ParseDate reads a strict YYYY-MM-DD date and rejects days that do not
// exist, such as 2017-02-30.
func ParseDate(s string) (Date, error) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return 0, fmt.Errorf("%q is not a date of the form YYYY-MM-DD", s)
	}
	num := func(b string) (int, bool) {
		n := 0
		for i := 0; i < len(b); i++ {
			if b[i] < '0' || b[i] > '9' {
				return 0, false
			}
			n = n*10 + int(b[i]-'0')
		}
		return n, true
	}
	y, ok1 := num(s[0:4])
	m, ok2 := num(s[5:7])
	d, ok3 := num(s[8:10])
	if !ok1 || !ok2 || !ok3 {
		return 0, fmt.Errorf("%q is not a date of the form YYYY-MM-DD", s)
	}
	if y < 1 || m < 1 || m > 12 || d < 1 || d > daysIn(y, time.Month(m)) {
		return 0, fmt.Errorf("%q is not a real calendar date", s)
	}
	return NewDate(y, time.Month(m), d), nil
}

func daysIn(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// IsZero reports whether the date was not given.
func (d Date) IsZero() bool { return d == 0 }

// Time returns midnight UTC of the date.
func (d Date) Time() time.Time {
	return time.Unix(int64(d-epochOffset)*86400, 0).UTC()
}

// AddDays returns the date n days later.
func (d Date) AddDays(n int) Date { return d + Date(n) }

// Sub returns the number of days from e to d.
func (d Date) Sub(e Date) int { return int(d - e) }

// String formats the date as YYYY-MM-DD, or "" for the zero Date.
func (d Date) String() string {
	if d == 0 {
		return ""
	}
	y, m, day := d.Time().Date()
	if y < 1 || y > 9999 {
		return d.Time().Format("2006-01-02")
	}
	// Digit by digit: tables print thousands of dates, and Format's
	// layout parsing costs more than the date.
	b := [10]byte{byte('0' + y/1000), byte('0' + y/100%10), byte('0' + y/10%10), byte('0' + y%10), '-',
		byte('0' + int(m)/10), byte('0' + int(m)%10), '-', byte('0' + day/10), byte('0' + day%10)}
	return string(b[:])
}

// MarshalText writes YYYY-MM-DD, so JSON and YAML output carry plain dates.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// Max returns the later of two dates; a zero date never wins.
func Max(a, b Date) Date {
	if a > b {
		return a
	}
	return b
}
