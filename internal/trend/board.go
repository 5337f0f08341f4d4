package trend

import (
	"slices"
	"strconv"
	"strings"

	"github.com/ocotool/oco/internal/gitrev"
	"github.com/ocotool/oco/internal/programme"
)

// BoardTag returns the tag the last board saw: of the tags matching
// pattern (programme.board_tag) on commits before rev, the nearest to rev
// by the number of commits between. ok is false where there is none.
func BoardTag(repo *gitrev.Repo, pattern, rev string) (tag string, ok bool, err error) {
	if rev == "" {
		rev = "HEAD"
	}
	head, err := repo.Resolve(rev)
	if err != nil {
		return "", false, err
	}
	out, err := repo.Git("for-each-ref", "--merged", head, "--format=%(refname:short)%00%(objectname)%00%(*objectname)", "refs/tags/"+pattern)
	if err != nil {
		return "", false, err
	}
	best, bestN := "", -1
	for line := range strings.Lines(string(out)) {
		f := strings.Split(strings.TrimRight(line, "\n"), "\x00")
		if len(f) < 3 {
			continue
		}
		commit := f[2] // an annotated tag's commit
		if commit == "" {
			commit = f[1]
		}
		if commit == head {
			continue // the board has not yet seen this revision: it is "now"
		}
		cnt, err := repo.Git("rev-list", "--count", commit+".."+head)
		if err != nil {
			return "", false, err
		}
		n, _ := strconv.Atoi(strings.TrimSpace(string(cnt)))
		if bestN < 0 || n < bestN || n == bestN && f[0] > best {
			best, bestN = f[0], n
		}
	}
	return best, bestN >= 0, nil
}

// Reporting is a milestone trend analysis chart's data: each reporting
// date in the history (the programme's as_of at each commit, else the
// commit's day), and each key milestone's forecast as it stood then.
type Reporting struct {
	Dates []programme.Date // ascending, one per reporting date
	Lines []Line           // Dates indexed like Reporting.Dates; zero where the milestone did not exist
}

// ReportingOf builds the chart from points, oldest first, for the
// milestones ids (in that order); the last point of a reporting date
// stands for it. A done milestone's line ends on its done date, where it
// meets the diagonal.
func ReportingOf(points []Point, ids []string) Reporting {
	type at struct {
		date programme.Date
		pt   int
	}
	var days []at
	for i, pt := range points {
		if !pt.Exists {
			continue
		}
		d := pt.Reported()
		if n := len(days); n > 0 && days[n-1].date == d {
			days[n-1].pt = i
			continue
		}
		days = append(days, at{d, i})
	}
	// A reporting date moved back (a revert) keeps the later commit's view.
	slices.SortStableFunc(days, func(a, b at) int { return int(a.date - b.date) })
	days = slices.CompactFunc(days, func(a, b at) bool { return a.date == b.date })
	var r Reporting
	for _, d := range days {
		r.Dates = append(r.Dates, d.date)
	}
	want := make(map[string]int, len(ids))
	for i, id := range ids {
		want[id] = i
		r.Lines = append(r.Lines, Line{ID: id, Dates: make([]programme.Date, len(days))})
	}
	for k, d := range days {
		for _, part := range points[d.pt].parts {
			for _, m := range part {
				i, ok := want[m.ID]
				if !ok || r.Lines[i].Dates[k] != 0 {
					continue
				}
				l := &r.Lines[i]
				l.Title = m.Title
				l.Dates[k] = m.Date()
				if !m.Done.IsZero() {
					l.Dates[k] = m.Done
				}
			}
		}
	}
	return r
}

// PointOf is the programme p as a point, for the working tree's state at
// the end of a trend.
func PointOf(p *programme.Programme, asOf programme.Date) Point {
	pt := Point{Exists: true, AsOf: asOf, parts: [][]Milestone{milestonesOf(p)}}
	return pt
}
