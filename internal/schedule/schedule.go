// Package schedule works out a programme's dates from its dependencies: the
// order of milestones, the loops among them, expected dates, slack and the
// critical path. It takes plain indexed input rather than the model, so it
// knows nothing of files and can be measured on generated networks.
package schedule

import (
	"math"
	"slices"
	"sync/atomic"

	"github.com/ocotool/oco/internal/programme"
)

// Task is one milestone or activity.
type Task struct {
	ID                         string
	Due, Start, Forecast, Done programme.Date // Start, Forecast and Done may be zero
	Preds                      []Link
	// Cal is the calendar the task keeps: its length counts working days,
	// its expected date moves to a working day, and working-day lags into
	// it count its working days. Nil: every day works (version 1).
	Cal *programme.WorkCalendar
}

// LinkType says which ends of two tasks a link ties (SPEC 7.2).
type LinkType uint8

const (
	FS LinkType = iota // this start >= predecessor's finish + lag (the default)
	SS                 // this start >= predecessor's start + lag
	FF                 // this finish >= predecessor's finish + lag
	SF                 // this finish >= predecessor's start + lag
)

// ParseLinkType reads fs, ss, ff or sf; "" is fs.
func ParseLinkType(s string) (LinkType, bool) {
	switch s {
	case "", "fs":
		return FS, true
	case "ss":
		return SS, true
	case "ff":
		return FF, true
	case "sf":
		return SF, true
	}
	return FS, false
}

func (t LinkType) String() string { return [...]string{"fs", "ss", "ff", "sf"}[t&3] }

// fromStart reports whether the link counts from the predecessor's start.
func (t LinkType) fromStart() bool { return t == SS || t == SF }

// toStart reports whether the link bounds the successor's start, so that
// its length comes after.
func (t LinkType) toStart() bool { return t == FS || t == SS }

// Link says a task cannot start (fs, ss) or finish (ff, sf) before task
// Pred's finish (fs, ff) or start (ss, sf) plus Lag. The zero Type is
// finish-to-start: the task cannot finish before Pred's expected date plus
// Lag days plus the task's own length.
type Link struct {
	Pred    int // index into Input.Tasks
	Lag     int // days; working days of the task's calendar where Working
	Type    LinkType
	Working bool
}

// Input is a network of tasks, the reporting date and the programme end.
type Input struct {
	Tasks     []Task
	AsOf, End programme.Date
	// Ends, where given, is each task's own end (zero: End), for tasks of
	// several programmes scheduled together (see BuildEnds).
	Ends []programme.Date
}

// Successor is a task that depends on another, for listing.
type Successor struct {
	Task    int
	Lag     int
	Type    LinkType
	Working bool
}

// Date is the date the task is now planned for: its forecast, else its due date.
func (t Task) Date() programme.Date {
	if t.Forecast != 0 {
		return t.Forecast
	}
	return t.Due
}

// Length is the number of days an activity runs, start to due; 0 for a
// milestone. A start after the due date is reported by date-order and
// counts as no length here, so it cannot pull dates earlier.
func (t Task) Length() int {
	if t.Start == 0 || t.Due < t.Start {
		return 0
	}
	return t.Due.Sub(t.Start)
}

// Work is the task's length in the units of its calendar: working days
// from start to due where it has one, else Length.
func (t *Task) Work() int {
	if t.Start == 0 || t.Due < t.Start {
		return 0
	}
	return t.Cal.Count(t.Start, t.Due)
}

// Result holds what Compute works out, each slice indexed like Input.Tasks.
type Result struct {
	Expected []programme.Date // done date, else the latest of own date, AsOf and what predecessors allow
	Slack    []int            // days a task can move before a successor's expected date, or the end, moves
	Driver   []int            // the predecessor that sets Expected, or -1 when the task's own date or AsOf does
	Critical []bool           // on CriticalPath
	InCycle  []bool           // part of a dependency loop, whose inner links are ignored for dates

	Order        []int   // every task after its predecessors (outside its own loop)
	Cycles       [][]int // one loop per group of tasks depending on each other; see the function Cycles
	CriticalPath []int   // first to last, ending at the task expected last

	// End is the end date slack is measured against: Input.End, or the
	// latest expected date when no end is given.
	End programme.Date

	tasks     []Task
	work      []int32 // each task's length, in its calendar's days
	asOf      programme.Date
	comp      []int32 // the group of tasks each depends on each other with
	succStart []int32
	succ      []Successor

	ends []programme.Date // Input.Ends
}

// computes counts calls to Compute, so that a test can tell a command
// scheduled the programme once, whatever the machine's speed.
var computes atomic.Int64

// Computes is how many times Compute has run in this process.
func Computes() int64 { return computes.Load() }

// Compute works out the schedule of a network in time and memory linear in
// tasks plus links. Links to themselves, links out of range, and links
// between tasks of the same loop are ignored for the dates, so the result is
// always complete. The Result keeps in.Tasks: do not change them while it
// is in use.
func Compute(in Input) *Result {
	computes.Add(1)
	tasks := in.Tasks
	n := len(tasks)
	r := &Result{
		Expected: make([]programme.Date, n),
		Slack:    make([]int, n),
		Driver:   make([]int, n),
		Critical: make([]bool, n),
		InCycle:  make([]bool, n),
		Order:    make([]int, n),
		tasks:    tasks,
		work:     make([]int32, n),
		asOf:     in.AsOf,
	}
	for i := range tasks {
		r.work[i] = int32(min(tasks[i].Work(), math.MaxInt32))
	}

	// Flat adjacency of the usable links, both ways: predecessors to find
	// the loops, successors to list.
	predStart := make([]int32, n+1)
	succStart := make([]int32, n+2) // counts at p+2, so filling leaves starts at p+1
	m := 0
	for t := range tasks {
		for _, l := range tasks[t].Preds {
			if usable(l.Pred, t, n) {
				m++
				succStart[l.Pred+2]++
			}
		}
		predStart[t+1] = int32(m)
	}
	predAdj := make([]int32, 0, m)
	for t := range tasks {
		for _, l := range tasks[t].Preds {
			if usable(l.Pred, t, n) {
				predAdj = append(predAdj, int32(l.Pred))
			}
		}
	}
	for i := 2; i < len(succStart); i++ {
		succStart[i] += succStart[i-1]
	}
	r.succ = make([]Successor, m)
	for t := range tasks {
		for _, l := range tasks[t].Preds {
			if usable(l.Pred, t, n) {
				r.succ[succStart[l.Pred+1]] = Successor{Task: t, Lag: l.Lag, Type: l.Type, Working: l.Working}
				succStart[l.Pred+1]++
			}
		}
	}
	r.succStart = succStart[:n+1]

	comp, order, bounds := components(predStart, predAdj)
	r.comp = comp
	r.Cycles = loops(predStart, predAdj, comp, order, bounds)
	for c := range len(bounds) - 1 {
		if bounds[c+1]-bounds[c] > 1 {
			for _, v := range order[bounds[c]:bounds[c+1]] {
				r.InCycle[v] = true
			}
		}
	}
	for i, v := range order {
		r.Order[i] = int(v)
	}
	// counts reports whether a link takes part in date arithmetic.
	counts := func(p, t int) bool { return usable(p, t, n) && comp[p] != comp[t] }

	// Forward: expected dates, predecessors first.
	for _, t := range r.Order {
		task := &tasks[t]
		r.Driver[t] = -1
		if task.Done != 0 {
			r.Expected[t] = task.Done
			continue
		}
		best := int64(task.Cal.Next(programme.Max(task.Date(), in.AsOf)))
		for _, l := range task.Preds {
			if !counts(l.Pred, t) {
				continue
			}
			v := r.bound(t, l)
			if v > best || (v == best && r.Driver[t] >= 0 && l.Pred < r.Driver[t]) {
				best, r.Driver[t] = v, l.Pred
			}
		}
		r.Expected[t] = saturate(best)
	}

	r.End = in.End
	if r.End == 0 && n > 0 {
		r.End = slices.Max(r.Expected)
	}

	// Slack (SPEC section 4): the days a task can move before some
	// successor's expected date, or the programme end, would move. A
	// successor moves once the task uses up their link's slack; a done
	// successor cannot move, so it sets no bound.
	r.ends = in.Ends
	for i := range r.Slack {
		r.Slack[i] = int(r.EndOf(i)) - int(r.Expected[i])
	}
	for s := range tasks {
		if tasks[s].Done != 0 {
			continue
		}
		for _, l := range tasks[s].Preds {
			if !counts(l.Pred, s) {
				continue
			}
			if v := r.LinkSlackOf(s, l); v < r.Slack[l.Pred] {
				r.Slack[l.Pred] = v
			}
		}
	}

	// Critical path: back from the task expected last, through links that
	// leave no room, preferring the tighter predecessor. Where several tasks
	// are expected last, the one ending the longest chain of tight links
	// wins: a programme's end date is often shared by several milestones,
	// and the chain is what the reader needs to see.
	if n > 0 {
		chain := make([]int32, n)
		for _, t := range r.Order {
			chain[t] = 1
			for _, l := range tasks[t].Preds {
				if counts(l.Pred, t) && r.LinkSlackOf(t, l) == 0 && chain[l.Pred]+1 > chain[t] {
					chain[t] = chain[l.Pred] + 1
				}
			}
		}
		last := 0
		for i, e := range r.Expected {
			if e > r.Expected[last] || e == r.Expected[last] && chain[i] > chain[last] {
				last = i
			}
		}
		path := []int{last}
		for t := last; ; {
			best := -1
			for _, l := range tasks[t].Preds {
				p := l.Pred
				if !counts(p, t) || r.LinkSlackOf(t, l) != 0 {
					continue
				}
				if best < 0 || r.Slack[p] < r.Slack[best] || (r.Slack[p] == r.Slack[best] && p < best) {
					best = p
				}
			}
			if best < 0 {
				break
			}
			path = append(path, best)
			t = best
		}
		slices.Reverse(path)
		for _, t := range path {
			r.Critical[t] = true
		}
		r.CriticalPath = path
	}
	return r
}

// SameLoop reports whether tasks a and b each depend on the other through
// a loop, so that a link between them takes no part in the dates.
func (r *Result) SameLoop(a, b int) bool { return a != b && r.comp[a] == r.comp[b] }

// Successors lists the tasks that depend on task i, in index order,
// including links inside loops.
func (r *Result) Successors(i int) []Successor {
	return r.succ[r.succStart[i]:r.succStart[i+1]:r.succStart[i+1]]
}

// Predecessors are the links of task i, in the order its task gives them.
func (r *Result) Predecessors(i int) []Link {
	p := r.tasks[i].Preds
	return p[:len(p):len(p)]
}

// LinkSlackOf is how many days l's predecessor could slip before it moved
// succ through l: negative when succ is done before the link allows.
func (r *Result) LinkSlackOf(succ int, l Link) int {
	return int(int64(r.Expected[succ]) - r.bound(succ, l))
}

// Start is the date task i is expected to start: its expected date less
// its length, in its calendar.
func (r *Result) Start(i int) programme.Date {
	return startOf(r.tasks[i].Cal, r.Expected[i], int(r.work[i]))
}

func startOf(cal *programme.WorkCalendar, finish programme.Date, work int) programme.Date {
	if work == 0 {
		return finish
	}
	return cal.Add(finish, -work)
}

// bound is the earliest expected date link l allows task t, as a day
// number that may lie beyond what a Date holds.
func (r *Result) bound(t int, l Link) int64 {
	task := &r.tasks[t]
	ref := r.Expected[l.Pred]
	if l.Type.fromStart() {
		ref = r.Start(l.Pred)
	}
	work := int64(0)
	if l.Type.toStart() {
		work = int64(r.work[t])
	}
	return linkBound(task.Cal, ref, l, work)
}

// linkBound is where a link from a predecessor end at ref puts a task of
// calendar cal and length work (0 for finish links).
func linkBound(cal *programme.WorkCalendar, ref programme.Date, l Link, work int64) int64 {
	if cal == nil {
		return int64(ref) + lag(l.Lag) + work
	}
	var x programme.Date
	if l.Working {
		x = cal.Add(ref, int(lag(l.Lag)))
	} else {
		x = saturate(int64(ref) + lag(l.Lag))
	}
	if work != 0 {
		x = cal.Add(x, int(work))
	}
	return int64(cal.Next(x))
}

// KnockOn reports whether a predecessor pushes task i, not done, past its
// own date, and which predecessor and by how many days. A task with no
// date of its own (one missing or invalid) is pushed past nothing.
func (r *Result) KnockOn(i int) (driver, days int, ok bool) {
	t := &r.tasks[i]
	if t.Done != 0 || t.Date() == 0 || r.Driver[i] < 0 || r.Expected[i] <= t.Date() {
		return -1, 0, false
	}
	return r.Driver[i], r.Expected[i].Sub(t.Date()), true
}

// NegativeSlack reports whether task i is expected after the programme end.
func (r *Result) NegativeSlack(i int) bool {
	return r.Expected[i] > r.EndOf(i)
}

// usable reports whether a link from p into t means anything: the rest are
// reported by other checks.
func usable(p, t, n int) bool { return p >= 0 && p < n && p != t }

// lag bounds a lag so that sums of dates and lags stay in int64.
func lag(days int) int64 {
	return min(max(int64(days), -math.MaxInt32), math.MaxInt32)
}

// saturate keeps a date inside what a Date can hold rather than wrapping.
func saturate(v int64) programme.Date {
	return programme.Date(min(max(v, math.MinInt32), math.MaxInt32))
}
