// Package trend reads a programme across its git history: each commit that
// changed the programme directory, with every milestone's dates and the
// reporting date the programme gave itself then. `oco history` lists the
// changes and draws the milestone trend chart from it; a board report's
// period is a span of the same points.
package trend

import (
	"errors"
	"io/fs"
	"slices"
	"time"

	"github.com/ocotool/oco/internal/gitrev"
	"github.com/ocotool/oco/internal/programme"
)

// Options says which history to read.
type Options struct {
	// Rev is the newest revision read; "" means HEAD.
	Rev string
}

// Point is the programme at one commit that changed its directory.
type Point struct {
	Commit  string
	Time    time.Time // the committer date: when the change entered the history
	Author  string
	Subject string
	// Exists is false at a commit that removed the whole directory.
	Exists bool
	// AsOf is the programme's as_of at this commit; zero where it had none.
	AsOf programme.Date
	// Milestones in the order the loader finds them; where an id is used
	// twice, the first.
	Milestones []Milestone
}

// Milestone is what a trend tracks of a milestone.
type Milestone struct {
	ID                  string
	Title               string
	Due, Forecast, Done programme.Date
}

// Date is the milestone's date as the chart plots it: forecast, else due.
func (m Milestone) Date() programme.Date {
	if m.Forecast != 0 {
		return m.Forecast
	}
	return m.Due
}

// Read returns a point for every commit up to opt.Rev that touched dir
// (relative to the top of repo, as gitrev.Repo.Rel gives it), oldest
// first. Every revision is read through the repository's one long-lived
// cat-file process, and each distinct milestone entry is parsed once.
func Read(repo *gitrev.Repo, dir string, opt Options) ([]Point, error) {
	rev := opt.Rev
	if rev == "" {
		rev = "HEAD"
	}
	commits, err := repo.Log(rev, dir)
	if err != nil {
		return nil, err
	}
	slices.Reverse(commits)
	points := make([]Point, 0, len(commits))
	r := newReader()
	for _, c := range commits {
		pt := Point{Commit: c.Hash, Time: c.Time, Author: c.Author, Subject: c.Subject}
		fsys, err := repo.FS(c.Hash, dir)
		switch {
		case err == nil:
			pt.Exists = true
			ms, asOf := r.read(fsys)
			pt.AsOf = asOf
			seen := make(map[string]bool, len(ms))
			for _, m := range ms {
				if m.ID != "" && !seen[m.ID] {
					seen[m.ID] = true
					pt.Milestones = append(pt.Milestones, m)
				}
			}
		case !errors.Is(err, fs.ErrNotExist):
			return nil, err
		}
		points = append(points, pt)
	}
	return points, nil
}
