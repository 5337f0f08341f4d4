package trend

import (
	"cmp"
	"slices"

	"github.com/ocotool/oco/internal/programme"
)

// What a change to a milestone is. These words are an interface: `oco
// history -o json` carries them for scripts.
const (
	Added       = "added"
	Rebaselined = "rebaselined"
	Slipped     = "slipped"
	Recovered   = "recovered"
	Done        = "done"
	Reopened    = "reopened"
	Changed     = "changed"
	Removed     = "removed"
)

// Change is one milestone at one commit that changed it, as `oco history
// -o json` and `-o csv` print it.
type Change struct {
	ID        string         `json:"id"`
	Title     string         `json:"title"`
	Reported  programme.Date `json:"reported"` // the programme's as_of at the commit, else the commit's day
	Commit    string         `json:"commit"`
	Committed programme.Date `json:"committed"`
	Subject   string         `json:"subject"`
	What      string         `json:"change"`
	Due       programme.Date `json:"due"`
	Forecast  programme.Date `json:"forecast,omitempty"`
	Done      programme.Date `json:"done,omitempty"`
	Date      programme.Date `json:"date"`  // forecast, else due
	Moved     int            `json:"moved"` // days from the previous date
	// Boundary: read at a commit where a shallow clone cut the history,
	// so an "added" here may be older than the commit.
	Boundary bool `json:"shallow_boundary,omitempty"`
}

// Changes returns a change for each milestone each time it changed, in
// programme time: points in the order of their reporting dates (commit
// order where two share one); within a point, removals first (in the
// order the milestones first appeared), then the rest by id. A baseline
// point is where the changes start from, and has none of its own.
func Changes(points []Point) []Change {
	// A commit that removed the programme has no reporting date of its
	// own: it keeps its place after the one before.
	type dated struct {
		Point
		reported programme.Date
	}
	ordered := make([]dated, len(points))
	var last programme.Date
	for i, pt := range points {
		r := pt.Reported()
		if !pt.Exists && last != 0 {
			r = last
		}
		ordered[i], last = dated{pt, r}, r
	}
	slices.SortStableFunc(ordered, func(a, b dated) int {
		if a.Baseline != b.Baseline {
			if a.Baseline {
				return -1
			}
			return 1
		}
		return int(a.reported - b.reported)
	})
	// Every milestone is added once, at the first point or later, and most
	// points change a few: room for that, grown where a history does more.
	n := len(points)
	if len(points) > 0 {
		for _, part := range points[0].parts {
			n += len(part)
		}
	}
	out := make([]Change, 0, n)
	// Two maps, the previous point's and this one's, swapped and reused;
	// filled only where a point's ids do not line up with the last's.
	prev, cur := map[string]Milestone{}, map[string]Milestone{}
	var before [][]Milestone // the previous point's milestones
	var order []string       // ids in the order they first appeared
	known := map[string]bool{}
	var ids []string
	type at struct{ part, i int }
	var moved []at // milestones whose dates changed
	for _, pt := range ordered {
		add := func(m Milestone, what string, moved int) {
			if pt.Baseline {
				return
			}
			out = append(out, Change{ID: m.ID, Title: m.Title, Reported: pt.reported, Commit: pt.Commit, Committed: programme.DateOf(pt.Time), Subject: pt.Subject,
				What: what, Due: m.Due, Forecast: m.Forecast, Done: m.Done, Date: m.Date(), Moved: moved, Boundary: pt.Boundary})
		}
		change := func(m, old Milestone) {
			what := Changed
			switch {
			case m.Done != 0 && old.Done == 0:
				what = Done
			case m.Done == 0 && old.Done != 0:
				what = Reopened
			case m.Due != old.Due:
				what = Rebaselined
			case m.Date() > old.Date():
				what = Slipped
			case m.Date() < old.Date():
				what = Recovered
			}
			add(m, what, m.Date().Sub(old.Date()))
		}
		// Most commits change a few dates in one file and keep every
		// milestone in its place: then the changes are found side by side
		// in the files that changed, without maps or sorting every id. Ids
		// are unique within a point, so the same ids in the same places
		// are the same set: nothing added or removed.
		if aligned(pt.parts, before) {
			moved = moved[:0]
			for k, part := range pt.parts {
				if same(part, before[k]) {
					continue
				}
				for i, m := range part {
					if old := before[k][i]; m.Due != old.Due || m.Forecast != old.Forecast || m.Done != old.Done {
						moved = append(moved, at{k, i})
					}
				}
			}
			slices.SortFunc(moved, func(a, b at) int { return cmp.Compare(pt.parts[a.part][a.i].ID, pt.parts[b.part][b.i].ID) })
			for _, a := range moved {
				change(pt.parts[a.part][a.i], before[a.part][a.i])
			}
			before = pt.parts
			continue
		}
		clear(prev)
		for _, part := range before {
			for _, m := range part {
				prev[m.ID] = m
			}
		}
		clear(cur)
		for _, part := range pt.parts {
			for _, m := range part {
				cur[m.ID] = m
			}
		}
		before = pt.parts
		for _, id := range order {
			if _, ok := cur[id]; !ok {
				if old, was := prev[id]; was {
					add(Milestone{ID: id, Title: old.Title}, Removed, 0)
				}
			}
		}
		ids = ids[:0]
		for id := range cur {
			ids = append(ids, id)
		}
		slices.Sort(ids)
		for _, id := range ids {
			m := cur[id]
			old, had := prev[id]
			if !had {
				if !known[id] {
					known[id] = true
					order = append(order, id)
				}
				add(m, Added, 0)
				continue
			}
			if m.Due == old.Due && m.Forecast == old.Forecast && m.Done == old.Done {
				continue
			}
			change(m, old)
		}
	}
	return out
}

// aligned reports whether two points' milestones have the same ids in
// the same places, file by file; a point without files lines up with
// nothing, so that the first point and one after a removed directory take
// the long way.
func aligned(parts, before [][]Milestone) bool {
	if len(parts) != len(before) || len(parts) == 0 {
		return false
	}
	for k, part := range parts {
		if !same(part, before[k]) && !sameIDs(part, before[k]) {
			return false
		}
	}
	return true
}

// same reports whether two parts are one: a file a commit did not change.
func same(a, b []Milestone) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}

// ByMilestone groups changes by milestone, each in the order it first
// appeared, so that a milestone's trend reads down a table.
func ByMilestone(changes []Change) []Change {
	// Each milestone's changes, counted, then placed: one pass each, not a
	// sort that moves every change many times.
	group := map[string]int{} // by id: the milestone's place in first appearance
	of := make([]int, len(changes))
	var starts []int
	for i, c := range changes {
		g, ok := group[c.ID]
		if !ok {
			g = len(starts)
			group[c.ID] = g
			starts = append(starts, 0)
		}
		of[i] = g
		starts[g]++
	}
	n := 0
	for g, count := range starts {
		starts[g], n = n, n+count
	}
	out := make([]Change, len(changes))
	for i, c := range changes {
		out[starts[of[i]]] = c
		starts[of[i]]++
	}
	return out
}

// Of returns the changes of one milestone.
func Of(changes []Change, id string) []Change {
	return slices.DeleteFunc(slices.Clone(changes), func(c Change) bool { return c.ID != id })
}

// Chart is a milestone trend chart's data: reporting days down the side
// and, for each milestone, its date as it stood at the end of each.
type Chart struct {
	Reports []programme.Date // ascending
	Lines   []Line
}

// Line is one milestone's date at each reporting day: its done date once
// done (where it meets the diagonal), zero where it did not exist.
type Line struct {
	ID    string
	Title string
	Dates []programme.Date // indexed like Chart.Reports
}

// ChartOf turns changes into a chart: a reporting date for each one with
// a change (the last change of the date counts), a line for each milestone
// in the order the changes name them.
func ChartOf(changes []Change) Chart {
	var ch Chart
	days := map[programme.Date]bool{}
	for _, c := range changes {
		days[c.Reported] = true
	}
	for d := range days {
		ch.Reports = append(ch.Reports, d)
	}
	slices.Sort(ch.Reports)
	byID := map[string][]Change{}
	var ids []string
	for _, c := range changes {
		if _, ok := byID[c.ID]; !ok {
			ids = append(ids, c.ID)
		}
		byID[c.ID] = append(byID[c.ID], c)
	}
	for _, id := range ids {
		cs := byID[id]
		slices.SortStableFunc(cs, func(a, b Change) int { return int(a.Reported - b.Reported) })
		line := Line{ID: id, Title: cs[len(cs)-1].Title, Dates: make([]programme.Date, len(ch.Reports))}
		k := 0
		var cur programme.Date
		for i, day := range ch.Reports {
			for k < len(cs) && cs[k].Reported <= day {
				cur = cs[k].Date
				if cs[k].Done != 0 {
					cur = cs[k].Done
				}
				if cs[k].What == Removed {
					cur = 0
				}
				k++
			}
			line.Dates[i] = cur
		}
		ch.Lines = append(ch.Lines, line)
	}
	return ch
}
