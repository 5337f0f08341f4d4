package programme

import (
	_ "embed"
	"fmt"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Calendar is an item of the `calendars` section (SPEC 7.2): the days a
// part of the programme works.
type Calendar struct {
	Item
	ID       string    `oco:"id,required,kind=id"`
	Name     string    `oco:"name"`
	Workdays []string  `oco:"workdays,kind=weekdays"` // none given: all seven
	Holidays []Holiday `oco:"holidays"`
	Extends  string    `oco:"extends,ref=calendar"`
}

// Holiday is a day a calendar does not work.
type Holiday struct {
	Date Date   `oco:"date,required"`
	Name string `oco:"name"`
}

// Weekdays are the names `workdays` takes, Monday first.
var Weekdays = [7]string{"mon", "tue", "wed", "thu", "fri", "sat", "sun"}

// Span is a length of time as the file writes it: calendar days, or
// working days of a calendar (`5wd`). Negative is a lead.
type Span struct {
	N       int
	Working bool
}

func (s Span) String() string {
	if s.Working {
		return strconv.Itoa(s.N) + "wd"
	}
	return strconv.Itoa(s.N) + "d"
}

// MarshalText writes the span as the file does, so JSON output reads `5wd`.
func (s Span) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

var spanPattern = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(-?)(\d{1,6})(wd|d|w)$`) })

// ParseSpan reads a lag or duration: 10d, 2w (14 days), 5wd, or -3d.
func ParseSpan(s string) (Span, error) {
	m := spanPattern().FindStringSubmatch(s)
	if m == nil {
		return Span{}, fmt.Errorf("lag %s must be a whole number of days or weeks, such as 10d or 2w", Quote(s)) // also 5wd, and -3d for a lead (SPEC 7.2)
	}
	n, _ := strconv.Atoi(m[2])
	switch m[3] {
	case "w":
		n *= 7
	}
	if m[1] == "-" {
		n = -n
	}
	return Span{N: n, Working: m[3] == "wd"}, nil
}

// LagSpan is the link's lag with its unit.
func (d Dep) LagSpan() Span { return Span{N: int(d.Lag), Working: d.Working} }

// LinkType is the link's type, fs where none is given.
func (d Dep) LinkType() string {
	if d.Type == "" {
		return "fs"
	}
	return d.Type
}

// LagLabel is the link's lag as a table's lag column shows it: "5wd", or
// with its type where that is not fs, "ss 5wd".
func (d Dep) LagLabel() string {
	if t := d.LinkType(); t != "fs" {
		return t + " " + d.LagSpan().String()
	}
	return d.LagSpan().String()
}

// LinkText is a link as the `set`/`add` shorthand writes it: `M-12`,
// `M-12+5d`, `M-12+-2d` (a lead), `M-12:ss+5wd`, `M-12:ff-2d`.
func (d Dep) LinkText() string {
	s := d.ID
	typed := d.Type != "" && d.Type != "fs"
	if typed {
		s += ":" + d.Type
	}
	if d.Lag > 0 || (d.Lag < 0 && !typed) {
		s += "+"
	}
	if d.Lag != 0 {
		s += d.LagSpan().String()
	}
	return s
}

// An id may hold "-", so a lead follows "+" (`M-12+-2d`) unless a type
// ends the id (`M-12:ff-2d`).
var depShorthand = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^([^:+\s]+)(?::(fs|ss|ff|sf)([+-]\d{1,6}(?:wd|d|w))?)?(?:\+(-?\d{1,6}(?:wd|d|w)))?$`)
})

// ParseDepShorthand reads one link as `oco set` and `oco add` take it:
// `M-12`, `M-12+5d`, `M-12+-2d` (a lead), `M-12:ss`, `M-12:ss+5wd`,
// `M-12:ff-2d`.
func ParseDepShorthand(s string) (Dep, error) {
	m := depShorthand().FindStringSubmatch(strings.TrimSpace(s))
	if m == nil || (m[3] != "" && m[4] != "") {
		return Dep{}, fmt.Errorf("%q is not a link: write ID, ID+LAG or ID:TYPE+LAG, such as M-12:ss+5wd (TYPE fs, ss, ff or sf; a negative LAG is a lead)", s)
	}
	d := Dep{ID: m[1]}
	if m[2] != "" && m[2] != "fs" {
		d.Type = m[2]
	}
	if lag := strings.TrimPrefix(m[3]+m[4], "+"); lag != "" {
		sp, err := ParseSpan(lag)
		if err != nil {
			return Dep{}, err
		}
		d.Lag, d.Working = Lag(sp.N), sp.Working
	}
	return d, nil
}

// Estimate is the range a milestone's date (an activity's length) may
// fall in: from Early before it to Late after, most likely on it.
type Estimate struct {
	Early Span `oco:"early"`
	Late  Span `oco:"late"`
}

// RiskSchedule is the delay a risk causes when it occurs.
type RiskSchedule struct {
	Min    Span `oco:"min"`
	Likely Span `oco:"likely"`
	Max    Span `oco:"max"`
}

// RiskProbability is the chance in one run that a risk of each
// likelihood (1 to 5) occurs.
type RiskProbability struct {
	L1 float64 `oco:"1,min=0,max=1"`
	L2 float64 `oco:"2,min=0,max=1"`
	L3 float64 `oco:"3,min=0,max=1"`
	L4 float64 `oco:"4,min=0,max=1"`
	L5 float64 `oco:"5,min=0,max=1"`
}

// DefaultRiskProbability is SPEC 7.4's default.
var DefaultRiskProbability = RiskProbability{L1: 0.05, L2: 0.2, L3: 0.5, L4: 0.7, L5: 0.9}

func init() {
	defaults[reflect.TypeOf((*RiskProbability)(nil))] = &DefaultRiskProbability
}

// Of returns the probability for a likelihood of 1 to 5, else 0.
func (rp RiskProbability) Of(likelihood int) float64 {
	switch likelihood {
	case 1:
		return rp.L1
	case 2:
		return rp.L2
	case 3:
		return rp.L3
	case 4:
		return rp.L4
	case 5:
		return rp.L5
	}
	return 0
}

// Probability is how likely r is to occur in one run of the forecast:
// 0 for a risk that is not open or not assessed.
func (p *Programme) Probability(r *Risk) float64 {
	if r.Status != "open" {
		return 0
	}
	rp := DefaultRiskProbability
	if p.Header.RiskProbability != nil {
		rp = *p.Header.RiskProbability
	}
	return rp.Of(r.Likelihood)
}

// CalendarID is the calendar a milestone keeps: its own, else its
// workstream's, else its phase's, else the programme's; "" for none, when
// every day works.
func (p *Programme) CalendarID(m *Milestone) string {
	if m.Calendar != "" {
		return m.Calendar
	}
	if m.Workstream != "" {
		if r, ok := p.Lookup(m.Workstream); ok {
			if w, ok := r.Item.(*Workstream); ok && w.Calendar != "" {
				return w.Calendar
			}
		}
	}
	if m.Phase != "" {
		if ph := p.Phase(m.Phase); ph != nil && ph.Calendar != "" {
			return ph.Calendar
		}
	}
	return p.Header.Calendar
}

// WorkCalendar returns the calendar with the given id, defined in the
// programme or built in, with its `extends` chain applied; nil for "" or
// an id that names no calendar (unknown-ref reports it), which works
// every day.
func (p *Programme) WorkCalendar(id string) *WorkCalendar {
	if id == "" {
		return nil
	}
	defined := map[string]*Calendar{}
	for _, c := range p.Calendars {
		if _, dup := defined[c.ID]; !dup && c.ID != "" {
			defined[c.ID] = c
		}
	}
	if _, ok := defined[id]; !ok {
		return builtinWork(id)
	}
	var week *[7]bool
	hols := map[Date]string{}
	seen := map[string]bool{}
	for cur := id; cur != "" && !seen[cur]; {
		seen[cur] = true
		c, ok := defined[cur]
		if !ok {
			b := builtinWork(cur)
			if b == nil {
				break
			}
			if week == nil {
				week = &b.week
			}
			for d, n := range b.holidays {
				if _, ok := hols[d]; !ok {
					hols[d] = n
				}
			}
			break
		}
		if week == nil && len(c.Workdays) > 0 {
			week = &[7]bool{}
			for _, w := range c.Workdays {
				week[weekdayOf(w)] = true
			}
		}
		for _, h := range c.Holidays {
			if _, ok := hols[h.Date]; !ok {
				hols[h.Date] = h.Name
			}
		}
		cur = c.Extends
	}
	if week == nil {
		week = &[7]bool{true, true, true, true, true, true, true}
	}
	return newWorkCalendar(id, *week, hols)
}

// weekdayOf maps mon..sun to time.Weekday.
func weekdayOf(name string) time.Weekday {
	for i, w := range Weekdays {
		if w == name {
			return time.Weekday((i + 1) % 7)
		}
	}
	return time.Sunday
}

// Weekday is the day of the week of d.
func (d Date) Weekday() time.Weekday {
	// Day 1, 0001-01-01, was a Monday in the proleptic Gregorian calendar.
	w := int(d) % 7
	if w < 0 {
		w += 7
	}
	return time.Weekday(w)
}

// WorkCalendar is a calendar resolved for date arithmetic. A nil
// *WorkCalendar works every day, so that a programme with no calendar
// schedules exactly as version 1 did.
type WorkCalendar struct {
	ID       string
	week     [7]bool
	holidays map[Date]string
	// Dense tables over [lo, lo+len(rank)): rank is the number of working
	// days before each date; days lists the working days in order.
	lo   Date
	rank []int32
	days []Date
}

// The tables cover 2000 to 2069, the years programmes are planned in; a
// date outside is worked out a day at a time, to the same answer.
var (
	windowLo = NewDate(2000, time.January, 1)
	windowHi = NewDate(2070, time.January, 1)
)

func newWorkCalendar(id string, week [7]bool, hols map[Date]string) *WorkCalendar {
	if week == ([7]bool{}) {
		week = [7]bool{true, true, true, true, true, true, true} // loader reports it
	}
	c := &WorkCalendar{ID: id, week: week, holidays: hols, lo: windowLo}
	n := int(windowHi - windowLo)
	c.rank = make([]int32, n)
	c.days = make([]Date, 0, n*5/7+1)
	for i := range n {
		d := windowLo + Date(i)
		c.rank[i] = int32(len(c.days))
		if c.works(d) {
			c.days = append(c.days, d)
		}
	}
	return c
}

func (c *WorkCalendar) works(d Date) bool {
	if !c.week[d.Weekday()] {
		return false
	}
	_, hol := c.holidays[d]
	return !hol
}

func (c *WorkCalendar) in(d Date) bool { return d >= c.lo && int(d-c.lo) < len(c.rank) }

// Works reports whether d is a working day.
func (c *WorkCalendar) Works(d Date) bool {
	if c == nil {
		return true
	}
	if c.in(d) {
		i := d - c.lo
		r := c.rank[i]
		return int(r) < len(c.days) && c.days[r] == d
	}
	return c.works(d)
}

// Holiday returns the name of the holiday on d, if d is one.
func (c *WorkCalendar) Holiday(d Date) (string, bool) {
	if c == nil {
		return "", false
	}
	n, ok := c.holidays[d]
	return n, ok
}

// Next returns d if it is a working day, else the next working day.
func (c *WorkCalendar) Next(d Date) Date {
	if c == nil {
		return d
	}
	if c.in(d) {
		if r := c.rank[d-c.lo]; int(r) < len(c.days) {
			return c.days[r]
		}
	}
	for i := 0; i < 1<<20 && !c.works(d) && d < maxDate; i++ {
		d++
	}
	return d
}

const maxDate = Date(1<<31 - 1)
const minDate = Date(-1 << 31)

// cum is the number of working days on or before d, within the window.
func (c *WorkCalendar) cum(d Date) int {
	r := int(c.rank[d-c.lo])
	if r < len(c.days) && c.days[r] == d {
		r++
	}
	return r
}

// Add returns the n-th working day after d (before d where n < 0); d
// itself for n == 0.
func (c *WorkCalendar) Add(d Date, n int) Date {
	if c == nil {
		return Date(min(max(int64(d)+int64(n), int64(minDate)), int64(maxDate)))
	}
	if n == 0 {
		return d
	}
	if c.in(d) {
		var k int
		if n > 0 {
			k = c.cum(d) + n - 1
		} else {
			k = int(c.rank[d-c.lo]) + n
		}
		if k >= 0 && k < len(c.days) {
			return c.days[k]
		}
	}
	// Outside the tables: a step at a time.
	step := Date(1)
	if n < 0 {
		step, n = -1, -n
	}
	for i := 0; n > 0 && i < 8*(1<<20); i++ {
		if (step > 0 && d >= maxDate) || (step < 0 && d <= minDate) {
			break
		}
		d += step
		if c.works(d) {
			n--
		}
	}
	return d
}

// Count returns the number of working days after a up to and including b
// (negative where b is before a).
func (c *WorkCalendar) Count(a, b Date) int {
	if c == nil {
		return int(int64(b) - int64(a))
	}
	if b < a {
		return -c.Count(b, a)
	}
	if c.in(a) && c.in(b) {
		return c.cum(b) - c.cum(a)
	}
	n := 0
	for d := a; d < b && n < 1<<24; d++ {
		if c.works(d + 1) {
			n++
		}
	}
	return n
}

//go:embed holidays.csv
var holidaysCSV string

// BuiltinCalendars names the calendars every programme has without
// defining them, in the order `oco help` lists them.
var BuiltinCalendars = []struct{ ID, Name string }{
	{"england-and-wales", "England and Wales bank holidays"},
	{"scotland", "Scotland bank holidays"},
	{"northern-ireland", "Northern Ireland bank holidays"},
}

var builtin struct {
	once sync.Once
	defs map[string]*Calendar
	mu   sync.Mutex // guards work
	work map[string]*WorkCalendar
}

func loadBuiltins() {
	builtin.defs = map[string]*Calendar{}
	builtin.work = map[string]*WorkCalendar{}
	for _, b := range BuiltinCalendars {
		builtin.defs[b.ID] = &Calendar{
			Item:     Item{File: "(built in)"},
			ID:       b.ID,
			Name:     b.Name,
			Workdays: []string{"mon", "tue", "wed", "thu", "fri"},
		}
	}
	for _, line := range strings.Split(holidaysCSV, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		parts := strings.SplitN(line, ",", 3)
		c, ok := builtin.defs[parts[0]]
		if len(parts) != 3 || !ok {
			panic("programme: bad line in holidays.csv: " + line)
		}
		d, err := ParseDate(parts[1])
		if err != nil {
			panic("programme: bad date in holidays.csv: " + line)
		}
		c.Holidays = append(c.Holidays, Holiday{Date: d, Name: parts[2]})
	}
}

// BuiltinCalendar returns a built-in calendar's definition.
func BuiltinCalendar(id string) (*Calendar, bool) {
	builtin.once.Do(loadBuiltins)
	c, ok := builtin.defs[id]
	return c, ok
}

// builtinWork is a built-in calendar's working days, its tables built the
// first time a programme uses it: a programme uses one, and not the rest.
func builtinWork(id string) *WorkCalendar {
	builtin.once.Do(loadBuiltins)
	builtin.mu.Lock()
	defer builtin.mu.Unlock()
	if w, ok := builtin.work[id]; ok {
		return w
	}
	c, ok := builtin.defs[id]
	if !ok {
		return nil
	}
	hols := make(map[Date]string, len(c.Holidays))
	for _, h := range c.Holidays {
		hols[h.Date] = h.Name
	}
	w := newWorkCalendar(id, [7]bool{false, true, true, true, true, true, false}, hols)
	builtin.work[id] = w
	return w
}

// indexBuiltinCalendars lets references find the built-in calendars that
// the programme does not define itself.
func (p *Programme) indexBuiltinCalendars() {
	for _, b := range BuiltinCalendars {
		if _, ok := p.index[b.ID]; ok {
			continue
		}
		c, _ := BuiltinCalendar(b.ID)
		p.index[b.ID] = Ref{Kind: KindCalendar, Item: c, At: &c.Item}
	}
}

// appendBuiltinCalendars adds the ids of the built-in calendars the
// programme does not define itself, for suggestions.
func (p *Programme) appendBuiltinCalendars(ids []string) []string {
	for _, b := range BuiltinCalendars {
		if r, ok := p.Lookup(b.ID); ok && r.At.File == "(built in)" {
			ids = append(ids, b.ID)
		}
	}
	return ids
}
