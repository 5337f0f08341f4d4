package trend

import (
	"bytes"
	"fmt"
	"os/exec"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ocotool/oco/internal/gitrev"
	"github.com/ocotool/oco/internal/gittest"
)

// commit is one commit of a test history: file contents by path from the
// top, "" to delete.
type commit struct {
	subject string
	files   map[string]string
}

// importRepo writes a repository of the commits, a day apart from
// 2017-01-01, in one git fast-import run, and opens it.
func importRepo(tb testing.TB, commits []commit) *gitrev.Repo {
	tb.Helper()
	gittest.NeedGit(tb)
	gittest.Isolate(tb)
	top := tb.TempDir()
	var stream bytes.Buffer
	for i, c := range commits {
		fmt.Fprintf(&stream, "commit refs/heads/main\ncommitter Ada <ada@example.org> %d +0000\ndata %d\n%s\n",
			1_483_272_000+i*86400, len(c.subject), c.subject)
		for _, name := range sortedNames(c.files) {
			if text := c.files[name]; text == "" {
				fmt.Fprintf(&stream, "D %s\n", name)
			} else {
				fmt.Fprintf(&stream, "M 100644 inline %s\ndata %d\n%s\n", name, len(text), text)
			}
		}
	}
	git(tb, top, nil, "init", "-q", "-b", "main")
	git(tb, top, &stream, "fast-import", "--quiet")
	git(tb, top, nil, "checkout", "-q", "main")
	repo, err := gitrev.Open(top)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { repo.Close() })
	return repo
}

func sortedNames(files map[string]string) []string {
	var names []string
	for name := range files {
		names = append(names, name)
	}
	slices.Sort(names)
	return names
}

func git(tb testing.TB, dir string, stdin *bytes.Buffer, args ...string) {
	tb.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	if stdin != nil {
		cmd.Stdin = stdin
	}
	if out, err := cmd.CombinedOutput(); err != nil {
		tb.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

const header = "programme:\n  id: OCO\n  name: One Commissioning Organisation\n  start: 2016-09-01\n  end: 2030-03-31\n"

func TestRead(t *testing.T) {
	repo := importRepo(t, []commit{
		{"Start", map[string]string{
			"programme/programme.yaml":  header + "  as_of: 2017-01-31\n",
			"programme/milestones.yaml": "milestones:\n  - {id: M-1, title: One, due: 2017-03-01}\n  - {id: M-2, title: Two, due: 2017-04-01}\n",
		}},
		{"Slip M-1", map[string]string{
			"programme/milestones.yaml": "milestones:\n  - {id: M-1, title: One, due: 2017-03-01, forecast: 2017-03-15}\n  - {id: M-2, title: Two, due: 2017-04-01}\n",
		}},
		{"Board: re-baseline M-2", map[string]string{
			"programme/programme.yaml":  header + "  as_of: 2017-02-28\n",
			"programme/milestones.yaml": "milestones:\n  - {id: M-1, title: One, due: 2017-03-01, forecast: 2017-03-15}\n  - {id: M-2, title: Two, due: 2017-05-01}\n",
		}},
		{"Outside the programme", map[string]string{"README": "hello\n"}},
		{"M-1 done, M-2 dropped", map[string]string{
			"programme/milestones.yaml": "milestones:\n  - {id: M-1, title: One, due: 2017-03-01, forecast: 2017-03-15, done: 2017-03-10}\n",
		}},
		{"Remove the programme", map[string]string{"programme/programme.yaml": "", "programme/milestones.yaml": ""}},
	})
	points, err := Read(repo, "programme", Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range points {
		got = append(got, fmt.Sprintf("%s as_of %s exists %v: %d milestones", p.Subject, p.AsOf, p.Exists, len(milestonesAt(p))))
	}
	want := []string{
		"Start as_of 2017-01-31 exists true: 2 milestones",
		"Slip M-1 as_of 2017-01-31 exists true: 2 milestones",
		"Board: re-baseline M-2 as_of 2017-02-28 exists true: 2 milestones",
		"M-1 done, M-2 dropped as_of 2017-02-28 exists true: 1 milestones",
		"Remove the programme as_of  exists false: 0 milestones",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("points:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	got = nil
	for _, c := range ByMilestone(Changes(points)) {
		got = append(got, fmt.Sprintf("%s %s %s %s %+d", c.Committed, c.ID, c.What, c.Date, c.Moved))
	}
	want = []string{
		"2017-01-01 M-1 added 2017-03-01 +0",
		"2017-01-02 M-1 slipped 2017-03-15 +14",
		"2017-01-05 M-1 done 2017-03-15 +0",
		"2017-01-06 M-1 removed  +0",
		"2017-01-01 M-2 added 2017-04-01 +0",
		"2017-01-03 M-2 rebaselined 2017-05-01 +30",
		"2017-01-05 M-2 removed  +0",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("changes:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	// Up to a revision, and no further.
	points, err = Read(repo, "programme", Options{Rev: "HEAD~4"})
	if err != nil {
		t.Fatal(err)
	}
	if len(points) != 2 || points[1].Subject != "Slip M-1" {
		t.Errorf("up to HEAD~4: %d points, want 2 ending with Slip M-1", len(points))
	}
	if _, err := Read(repo, "programme", Options{Rev: "no-such-rev"}); err == nil {
		t.Error("an unknown revision read without error")
	}

	// A period, as a board report reads it: from the revision the board
	// saw, which is the baseline, not a change.
	points, err = Read(repo, "programme", Options{Since: "HEAD~3"})
	if err != nil {
		t.Fatal(err)
	}
	got = nil
	for _, p := range points {
		got = append(got, fmt.Sprintf("%s %v %s as_of %s: %d milestones", p.Time.UTC().Format(time.DateOnly), p.Baseline, p.Subject, p.AsOf, len(milestonesAt(p))))
	}
	want = []string{
		"2017-01-03 true  as_of 2017-02-28: 2 milestones",
		"2017-01-05 false M-1 done, M-2 dropped as_of 2017-02-28: 1 milestones",
		"2017-01-06 false Remove the programme as_of : 0 milestones",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("points since HEAD~3:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	got = nil
	for _, c := range Changes(points) {
		got = append(got, c.ID+" "+c.What)
	}
	if g, w := strings.Join(got, ", "), "M-2 removed, M-1 done, M-1 removed"; g != w {
		t.Errorf("changes since HEAD~3: %s, want %s", g, w)
	}
	if _, err := Read(repo, "programme", Options{Since: "no-such-rev"}); err == nil {
		t.Error("an unknown since read without error")
	}
}

// moves is a history of n commits to a programme of 100 milestones, each
// commit moving one milestone's forecast by a week.
func moves(n int) []commit {
	shift := make([]int, 100)
	commits := []commit{{"Start", map[string]string{"programme/programme.yaml": header + "  as_of: 2017-06-30\n"}}}
	for i := range n {
		shift[i%len(shift)]++
		var b strings.Builder
		b.WriteString("milestones:\n")
		for k, s := range shift {
			fmt.Fprintf(&b, "  - id: M-%03d\n    title: Milestone %d of the programme\n    due: 2017-%02d-%02d\n    forecast: %s\n",
				k, k, 1+k%12, 1+k%28, time.Date(2017, time.Month(1+k%12), 1+k%28+7*s, 0, 0, 0, 0, time.UTC).Format(time.DateOnly))
		}
		commits = append(commits, commit{fmt.Sprintf("Move M-%03d", i%len(shift)), map[string]string{"programme/milestones.yaml": b.String()}})
	}
	return commits
}

// A history costs a fixed number of git processes, however long, and a
// fixed number of cat-file round trips per commit: this is the scale
// that keeps `oco history` fast, held to numbers that cannot flake.
func TestReadCost(t *testing.T) {
	for _, n := range []int{10, 40} {
		t.Run(fmt.Sprint(n), func(t *testing.T) { readCost(t, n, "programme") })
		// A programme at the top of its repository costs the same.
		t.Run(fmt.Sprint(n, "top"), func(t *testing.T) { readCost(t, n, ".") })
	}
}

func readCost(t *testing.T, n int, dir string) {
	commits := moves(n)
	if dir == "." {
		for i, c := range commits {
			files := map[string]string{}
			for name, text := range c.files {
				files[strings.TrimPrefix(name, "programme/")] = text
			}
			commits[i].files = files
		}
	}
	repo := importRepo(t, commits)
	before := repo.Stats()
	points, err := Read(repo, dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	st := repo.Stats()
	st.Processes -= before.Processes
	t.Logf("%d commits: %+v", n+1, st)
	if len(points) != n+1 {
		t.Fatalf("%d points, want %d", len(points), n+1)
	}
	if st.Processes != 2 { // git log, git cat-file
		t.Errorf("%d commits: %d git processes, want 2", n+1, st.Processes)
	}
	// One round trip to resolve HEAD; then one for each window of
	// commits, for the directory's trees; and one for each batch of files
	// they changed (n+2 blobs here, each read once).
	if max := 1 + ((n+1)/aheadTrees + 1) + ((n+2)/aheadBlobs + 1); st.Requests > max {
		t.Errorf("%d commits: %d cat-file round trips, want at most %d", n+1, st.Requests, max)
	}
}

// BenchmarkRead reads 1,000 commits of a 100-milestone programme as `oco
// history` does, from opening the repository, and reports the git work
// each read takes beside the time.
func BenchmarkRead(b *testing.B) {
	top := importRepo(b, moves(1000)).TopLevel()
	var total gitrev.Stats
	n := 0
	for b.Loop() {
		repo, err := gitrev.Open(top)
		if err != nil {
			b.Fatal(err)
		}
		points, err := Read(repo, "programme", Options{})
		if err != nil {
			b.Fatal(err)
		}
		Changes(points)
		st := repo.Stats()
		repo.Close()
		total.Processes += st.Processes
		total.Requests += st.Requests
		n++
	}
	b.ReportMetric(float64(total.Processes)/float64(n), "processes/op")
	b.ReportMetric(float64(total.Requests)/float64(n), "round-trips/op")
}
