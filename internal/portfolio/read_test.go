package portfolio

import (
	"crypto/sha256"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ocotool/oco/internal/gitrev"
	"github.com/ocotool/oco/internal/programme"
)

// TestNotes: what a person is told of how a programme was read; an
// offline read says how old its copy is, and when it was fetched.
func TestNotes(t *testing.T) {
	fetched := time.Date(2017, 6, 27, 9, 30, 0, 0, time.UTC)
	for _, tc := range []struct {
		now  time.Time
		want string
	}{
		{fetched.Add(30 * time.Second), "lco: read offline from the copy fetched just now (2017-06-27 09:30 UTC)"},
		{fetched.Add(45 * time.Minute), "lco: read offline from the copy fetched 45 minutes ago (2017-06-27 09:30 UTC)"},
		{fetched.Add(5 * time.Hour), "lco: read offline from the copy fetched 5 hours ago (2017-06-27 09:30 UTC)"},
		{fetched.Add(72 * time.Hour), "lco: read offline from the copy fetched 3 days ago (2017-06-27 09:30 UTC)"},
		{fetched.Add(-time.Hour), "lco: read offline from the copy fetched 2017-06-27 09:30 UTC"},
	} {
		m := &Member{Entry: Entry{ID: "lco"}, Offline: true, Fetched: fetched}
		if got := m.Notes(tc.now); len(got) != 1 || got[0] != tc.want {
			t.Errorf("now %s: %q, want %q", tc.now, got, tc.want)
		}
	}
	m := &Member{Entry: Entry{ID: "lco"}, Fetched: fetched, Shallow: true,
		Forced: &gitrev.RefMove{Ref: "refs/heads/main", Old: strings.Repeat("1", 40), New: strings.Repeat("2", 40), Forced: true}}
	got := strings.Join(m.Notes(fetched), "\n")
	want := "lco: refs/heads/main was force-pushed: 1111111 is no longer in its history; reading 2222222\n" +
		"lco: a shallow clone: history starts at a shallow boundary"
	if got != want {
		t.Errorf("notes:\n%s\nwant\n%s", got, want)
	}
}

// snapshot is every file below dir, by path, as a hash of its mode, size,
// time and contents: what a read must leave as it found it.
func snapshot(t *testing.T, dir string) map[string][32]byte {
	t.Helper()
	out := map[string][32]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		h := sha256.New()
		h.Write([]byte(fi.Mode().String() + fi.ModTime().String()))
		if fi.Mode().IsRegular() {
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			h.Write(b)
		}
		var sum [32]byte
		copy(sum[:], h.Sum(nil))
		out[p] = sum
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestReadWritesNothing: a portfolio read, its checks, its pins compared
// at their commits: nothing is written into any programme's repository,
// its work tree or its .git, nor into the repository fetched from; only
// the cache changes.
func TestReadWritesNothing(t *testing.T) {
	fx := newFixture(t)
	fx.build(t, fx.options()) // the first fetch fills the cache
	dirs := []string{fx.oco, fx.lcoWork, fx.lcoBare}
	before := map[string]map[string][32]byte{}
	for _, d := range dirs {
		before[d] = snapshot(t, d)
	}
	for _, offline := range []bool{false, true} {
		opt := fx.options()
		opt.Offline = offline
		pf, _ := fx.build(t, opt)
		pf.Status(pf.Findings())
		pf.Upstream()
	}
	for _, d := range dirs {
		after := snapshot(t, d)
		for p, sum := range after {
			if was, ok := before[d][p]; !ok {
				t.Errorf("%s: written by a read", p)
			} else if was != sum {
				t.Errorf("%s: changed by a read", p)
			}
		}
		for p := range before[d] {
			if _, ok := after[p]; !ok {
				t.Errorf("%s: removed by a read", p)
			}
		}
	}
}

// TestFetchFailureCached: where a fetch fails but an earlier one is
// cached, the error says so, and --offline reads that copy.
func TestFetchFailureCached(t *testing.T) {
	fx := newFixture(t)
	fx.build(t, fx.options())
	if err := os.Rename(fx.lcoBare, fx.lcoBare+".moved"); err != nil {
		t.Fatal(err)
	}
	_, err := Read(fx.file, NewRepos(fx.options()))
	if err == nil || !strings.Contains(err.Error(), "programme lco") || !strings.Contains(err.Error(), "is cached: --offline reads it") {
		t.Fatalf("want a fetch error that points at the cached copy, got %v", err)
	}
	opt := fx.options()
	opt.Offline = true
	pf, _ := fx.build(t, opt)
	if lco, _, _ := pf.Member("lco"); lco.Commit != fx.v2 || !lco.Offline {
		t.Errorf("offline after a failed fetch: %+v", lco)
	}
}

// TestPinnedReadOnce: the programme at a pinned commit is parsed once a
// run, however many times the findings, the report and the status ask.
func TestPinnedReadOnce(t *testing.T) {
	fx := newFixture(t)
	pf, _ := fx.build(t, fx.options())
	before := programme.Loads()
	for range 3 {
		fs := pf.Findings()
		pf.Status(fs)
		pf.Upstream()
	}
	if n := programme.Loads() - before; n != 1 {
		t.Errorf("the pinned revision was loaded %d times, want 1", n)
	}
}

// TestGitProcesses holds reading to its cost in git processes, which
// does not depend on how busy the machine is: for each repository (at the
// top of its work tree, with its own .git, or a fetched copy in the cache,
// so found without asking git), one long-lived cat-file for every object,
// however many programmes, files and pinned revisions are read from it.
func TestGitProcesses(t *testing.T) {
	fx := newFixture(t)
	fx.lcoBesideOCO(t)
	fx.file.Programmes = append(fx.file.Programmes, Entry{ID: "lco2", Repo: "oco", Dir: "lco"})
	pf, rs := fx.build(t, fx.options())
	pf.Status(pf.Findings()) // reads the pinned revision too
	var order []string
	for _, m := range pf.Members {
		order = append(order, m.ID)
	}
	if got := strings.Join(order, " "); got != "oco lco lco2" { // read at once, kept in the file's order
		t.Errorf("members %s, want oco lco lco2", got)
	}
	if len(rs.repos) != 2 {
		t.Fatalf("%d repositories opened, want 2", len(rs.repos))
	}
	for key, o := range rs.repos {
		if st := o.repo.Stats(); st.Processes != 1 {
			t.Errorf("%s: %d git processes (%+v), want 1", key, st.Processes, st)
		}
	}
}

// TestBranchGone: a branch deleted upstream since the last fetch is gone
// from the cached copy too, and the read says so rather than reading
// what the cache last had.
func TestBranchGone(t *testing.T) {
	fx := newFixture(t)
	if err := fx.readAfterRefGone(t, "draft", []string{"branch", "draft", fx.v1}, []string{"branch", "-D", "draft"}); err == nil || !strings.Contains(err.Error(), "ref draft is not in") {
		t.Fatalf("want the branch named as gone, got %v", err)
	}
	// Offline too: the fetch that found it gone pruned it from the copy.
	opt := fx.options()
	opt.Offline = true
	if _, err := Read(fx.file, NewRepos(opt)); err == nil || !strings.Contains(err.Error(), "ref draft is not in") {
		t.Errorf("offline after the prune: %v", err)
	}
}

// TestTopOfRepository: a programme at the top of its repository, found
// there or named with dir: ., names its files as git names a file at a
// revision, lco:programme.yaml, not lco:./programme.yaml.
func TestTopOfRepository(t *testing.T) {
	fx := newFixture(t)
	top := filepath.Join(t.TempDir(), "lco-top")
	if err := os.CopyFS(top, os.DirFS("testdata/lco/programme")); err != nil {
		t.Fatal(err)
	}
	git(t, top, "init", "-q", "-b", "main")
	git(t, top, "add", ".")
	git(t, top, "commit", "-q", "-m", "the LCO at the top")
	fx.file.Programmes = append(fx.file.Programmes, Entry{ID: "top", Repo: top}, Entry{ID: "dot", Repo: top, Dir: "."})
	pf, _ := fx.build(t, fx.options())
	for _, id := range []string{"top", "dot"} {
		m, _, ok := pf.Member(id)
		if !ok {
			t.Fatalf("no member %s", id)
		}
		want := []string{id + ":milestones.yaml", id + ":programme.yaml", id + ":risks.yaml"}
		if !slices.Equal(m.P.Files, want) || m.P.Header.File != id+":programme.yaml" {
			t.Errorf("%s: files %q, programme section in %q; want %q", id, m.P.Files, m.P.Header.File, want)
		}
	}
}
