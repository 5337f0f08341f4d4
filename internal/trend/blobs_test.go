package trend

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/ocotool/oco/internal/programme"
)

// workstreams is a history of a programme of five files: each commit moves
// one milestone's forecast in one file, some also add, drop, move a
// milestone between files or give an id twice, and one puts a file back as
// it was two commits before.
func workstreams() []commit {
	type ms struct {
		id   string
		days int
	}
	files := make([][]ms, 5)
	for f := range files {
		for k := range 6 {
			files[f] = append(files[f], ms{fmt.Sprintf("M-%d-%d", f, k), 0})
		}
	}
	due, _ := programme.ParseDate("2017-03-01")
	text := func(f int) string {
		var b strings.Builder
		b.WriteString("# workstream\nmilestones:\n")
		for _, m := range files[f] {
			fmt.Fprintf(&b, "  - id: %s\n    title: %s\n    due: 2017-03-01\n", m.id, m.id)
			if m.days > 0 {
				fmt.Fprintf(&b, "    forecast: %s\n", due.AddDays(m.days))
			}
		}
		return b.String()
	}
	name := func(f int) string { return fmt.Sprintf("programme/w%d.yaml", f) }
	start := map[string]string{"programme/programme.yaml": header + "  as_of: 2017-01-31\n"}
	for f := range files {
		start[name(f)] = text(f)
	}
	commits := []commit{{"Start", start}}
	for i := range 30 {
		f := i % len(files)
		k := (i / len(files)) % len(files[f])
		files[f][k].days += 7 + i
		switch i {
		case 7: // a milestone added
			files[f] = append(files[f], ms{"M-new", 3})
		case 11: // one dropped
			files[f] = files[f][1:]
		case 13: // one moved to the next file
			g := (f + 1) % len(files)
			files[g] = append(files[g], files[f][0])
			files[f] = files[f][1:]
			commits = append(commits, commit{fmt.Sprintf("Move %d", i), map[string]string{name(f): text(f), name(g): text(g)}})
			continue
		case 17: // an id given twice
			files[f] = append(files[f], ms{"M-0-3", 99})
		case 23: // the id given twice again dropped
			files[f] = files[f][:len(files[f])-1]
		}
		commits = append(commits, commit{fmt.Sprintf("Change %d", i), map[string]string{name(f): text(f)}})
	}
	// A file put back as it was: a blob seen before.
	back := commits[len(commits)-2*len(files)].files
	commits = append(commits, commit{"Put back", back})
	return commits
}

// The reader parses each blob once, and only the blobs with a piece not
// seen before; what it reads is what Load reads, revision by revision.
func TestReaderParsesEachBlobOnce(t *testing.T) {
	commits := workstreams()
	repo := importRepo(t, commits)
	blobs := map[string]bool{}
	for _, c := range commits {
		for _, text := range c.files {
			if text != "" {
				blobs[text] = true // a blob is its content
			}
		}
	}
	before := Parses()
	points, err := Read(repo, "programme", Options{})
	if err != nil {
		t.Fatal(err)
	}
	// The put-back blob and the blob that only lost a milestone bring no
	// new piece: every other distinct blob is parsed exactly once.
	t.Logf("%d parses, %d blobs, %d points", Parses()-before, len(blobs), len(commits))
	if got, want := Parses()-before, int64(len(blobs)-2); got != want {
		t.Errorf("%d parses for %d distinct blobs, want %d", got, len(blobs), want)
	}
	if len(points) != len(commits) {
		t.Fatalf("%d points, want %d", len(points), len(commits))
	}
	for _, pt := range points {
		fsys, err := repo.FS(pt.Commit, "programme")
		if err != nil {
			t.Fatal(err)
		}
		p := programme.Load(fsys, "programme")
		var want []Milestone
		seen := map[string]bool{}
		for _, m := range p.Milestones {
			if !seen[m.ID] {
				want = append(want, milestoneOf(m))
			}
			seen[m.ID] = true
		}
		if got := milestonesAt(pt); !slices.Equal(got, want) {
			t.Errorf("%s: reader has\n%v\nLoad has\n%v", pt.Subject, got, want)
		}
		if pt.AsOf != p.Header.AsOf {
			t.Errorf("%s: as_of %s, Load %s", pt.Subject, pt.AsOf, p.Header.AsOf)
		}
	}
	if got, want := changeList(Changes(points)), changeList(plainChanges(points)); got != want {
		t.Errorf("changes:\n%s\nwant:\n%s", got, want)
	}
}

func changeList(cs []Change) string {
	var b strings.Builder
	for _, c := range cs {
		fmt.Fprintf(&b, "%s %s %s %s %s %d\n", c.Subject, c.ID, c.What, c.Due, c.Forecast, c.Moved)
	}
	return b.String()
}

// plainChanges is Changes as it reads most plainly, each point compared
// with the last through maps, without sharing or side-by-side shortcuts;
// the points here are in commit order and none is a baseline.
func plainChanges(points []Point) []Change {
	var out []Change
	prev := map[string]Milestone{}
	var order []string
	for _, pt := range points {
		cur := map[string]Milestone{}
		for _, m := range milestonesAt(pt) {
			cur[m.ID] = m
		}
		add := func(m Milestone, what string, moved int) {
			out = append(out, Change{ID: m.ID, Subject: pt.Subject, What: what, Due: m.Due, Forecast: m.Forecast, Moved: moved})
		}
		for _, id := range order {
			if _, ok := cur[id]; !ok {
				if _, was := prev[id]; was {
					add(Milestone{ID: id}, Removed, 0)
				}
			}
		}
		for _, id := range slices.Sorted(maps.Keys(cur)) {
			m := cur[id]
			old, had := prev[id]
			switch {
			case !had:
				if !slices.Contains(order, id) {
					order = append(order, id)
				}
				add(m, Added, 0)
			case m.Due != old.Due || m.Forecast != old.Forecast || m.Done != old.Done:
				what := Changed
				switch {
				case m.Due != old.Due:
					what = Rebaselined
				case m.Date() > old.Date():
					what = Slipped
				case m.Date() < old.Date():
					what = Recovered
				}
				add(m, what, m.Date().Sub(old.Date()))
			}
		}
		prev = cur
	}
	return out
}

// milestonesAt returns a point's milestones in the order the loader finds
// them; where an id is used twice, the first.
func milestonesAt(pt Point) []Milestone {
	var out []Milestone
	for _, part := range pt.parts {
		out = append(out, part...)
	}
	return out
}
