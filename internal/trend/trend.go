// Package trend reads a programme across its git history: each commit that
// changed the programme directory, with every milestone's dates and the
// reporting date the programme gave itself then. `oco history` lists the
// changes and draws the milestone trend chart from it; a board report's
// period is a span of the same points.
package trend

import (
	"errors"
	"io/fs"
	"maps"
	"slices"
	"time"

	"github.com/ocotool/oco/internal/gitrev"
	"github.com/ocotool/oco/internal/programme"
)

// Options says which history to read.
type Options struct {
	// Rev is the newest revision read; "" means HEAD.
	Rev string
	// Since, where set, limits the history to a period: the commits after
	// it (reachable from Rev, not from Since), such as those since the
	// revision a board last saw. The first point is then Since itself, the
	// baseline the period's changes are measured from.
	Since string
}

// Point is the programme at one commit that changed its directory.
type Point struct {
	Commit  string
	Time    time.Time // the committer date: when the change entered the history
	Author  string
	Subject string
	// Baseline marks the point for Options.Since: the programme the
	// period starts from, not a change within it. It has no author or
	// subject, and no time where the directory did not exist then.
	Baseline bool
	// Exists is false at a commit that removed the whole directory.
	Exists bool
	// Boundary marks a commit at which a shallow clone cut the history:
	// the repository holds nothing older, so what this point adds may
	// have been there long before.
	Boundary bool
	// AsOf is the programme's as_of at this commit; zero where it had none.
	AsOf programme.Date
	// parts are the milestones file by file, in the order the loader
	// finds them; where an id is used twice, the first only. Points next
	// to each other share the parts of the files a commit did not change,
	// so that 200 commits to one file of 20 hold about 220 files' worth.
	parts [][]Milestone
}

// Milestone is what a trend tracks of a milestone.
type Milestone struct {
	ID                  string
	Title               string
	Due, Forecast, Done programme.Date
}

// Reported is the point's place in programme time: the programme's as_of
// at that commit, else (where it had none) the commit's day. A correction
// committed later but back-dated takes its place among the reports.
func (pt Point) Reported() programme.Date {
	if pt.AsOf != 0 {
		return pt.AsOf
	}
	return programme.DateOf(pt.Time)
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
	commits, err := repo.LogSince(opt.Since, rev, dir)
	if err != nil {
		return nil, err
	}
	slices.Reverse(commits)
	shallow := repo.ShallowCommits()
	points := make([]Point, 0, len(commits)+1)
	r := newReader()
	if opt.Since != "" {
		hash, err := repo.Resolve(opt.Since)
		if err != nil {
			return nil, err
		}
		pt := Point{Commit: hash, Baseline: true}
		if err := r.point(repo, dir, &pt); err != nil {
			return nil, err
		}
		points = append(points, pt)
	}
	// Git reads ahead while the reader parses: a window of commits at a
	// time, their trees in a few round trips, then the blobs not read yet
	// a few dozen at a time, each batch handed on as it arrives.
	done := make(chan struct{})
	defer close(done)
	for b := range r.ahead(repo, dir, commits, done) {
		if b.err != nil {
			return nil, b.err
		}
		maps.Copy(r.texts, b.texts)
		maps.Copy(r.names, b.names)
		for i, c := range b.commits {
			pt := Point{Commit: c.Hash, Time: c.Time, Author: c.Author, Subject: c.Subject, Boundary: shallow[c.Hash]}
			if err := r.fill(&pt, b.fss[i], b.errs[i]); err != nil {
				return nil, err
			}
			points = append(points, pt)
		}
	}
	return points, nil
}

// ShallowBoundary returns the point at which a shallow clone cut the
// history, where the history reaches one: the trend starts there, not
// where the programme started.
func ShallowBoundary(points []Point) (Point, bool) {
	for _, pt := range points {
		if pt.Boundary {
			return pt, true
		}
	}
	return Point{}, false
}

// point fills in the programme at pt.Commit.
func (r *reader) point(repo *gitrev.Repo, dir string, pt *Point) error {
	fsys, err := repo.FS(pt.Commit, dir)
	return r.fill(pt, fsys, err)
}

// fill fills in the programme at pt.Commit from fsys, the directory there,
// or err, the error reading it.
func (r *reader) fill(pt *Point, fsys fs.FS, err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if pt.Time.IsZero() {
		if info, err := fs.Stat(fsys, "."); err == nil {
			pt.Time = info.ModTime() // the commit's date
		}
	}
	pt.Exists = true
	pt.parts, pt.AsOf = r.read(fsys)
	return nil
}
