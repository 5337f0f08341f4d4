package gitrev

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/ocotool/oco/internal/gittest"
)

// The git helpers every package's tests share.
var (
	needGit = gittest.NeedGit
	isolate = gittest.Isolate
	git     = gittest.Git
	write   = gittest.Write
)

func symlink(t testing.TB, target, name string) {
	t.Helper()
	if err := os.Symlink(target, name); err != nil {
		t.Skipf("symbolic links not supported: %v", err)
	}
}

// revision is what the programme directory holds at one commit: files by
// path, and symbolic links by path with their targets.
type revision struct {
	hash  string
	files map[string]string
	links map[string]string
}

// history builds a repository of three commits that add, change and delete
// programme files, a subdirectory and symbolic links, and returns its top
// and each revision, oldest first.
func history(t *testing.T) (string, []revision) {
	t.Helper()
	needGit(t)
	isolate(t)
	top := t.TempDir()
	git(t, top, "init", "-q", "-b", "main")
	p := filepath.Join(top, "programme")

	write(t, filepath.Join(top, "README.md"), "readme\n")
	write(t, filepath.Join(p, "programme.yaml"), "programme: {id: OCO}\n")
	write(t, filepath.Join(p, "milestones.yaml"), "milestones: [M-1]\n")
	git(t, top, "add", "-A")
	git(t, top, "commit", "-q", "-m", "Start the programme")
	r1 := revision{hash: git(t, top, "rev-parse", "HEAD"), files: map[string]string{
		"programme.yaml":  "programme: {id: OCO}\n",
		"milestones.yaml": "milestones: [M-1]\n",
	}}

	write(t, filepath.Join(p, "milestones.yaml"), "milestones: [M-1, M-2]\n")
	write(t, filepath.Join(p, "workstreams", "finance.yaml"), "milestones: [F-1]\n")
	symlink(t, "milestones.yaml", filepath.Join(p, "link.yaml"))
	symlink(t, "../README.md", filepath.Join(p, "out.yaml"))
	symlink(t, "/etc/passwd", filepath.Join(p, "abs.yaml"))
	symlink(t, "workstreams", filepath.Join(p, "ws"))
	git(t, top, "add", "-A")
	git(t, top, "commit", "-q", "-m", "Add the finance workstream")
	r2 := revision{hash: git(t, top, "rev-parse", "HEAD"), files: map[string]string{
		"programme.yaml":           "programme: {id: OCO}\n",
		"milestones.yaml":          "milestones: [M-1, M-2]\n",
		"workstreams/finance.yaml": "milestones: [F-1]\n",
	}, links: map[string]string{
		"link.yaml": "milestones.yaml",
		"out.yaml":  "../README.md",
		"abs.yaml":  "/etc/passwd",
		"ws":        "workstreams",
	}}

	git(t, top, "rm", "-q", "programme/milestones.yaml")
	write(t, filepath.Join(p, "workstreams", "finance.yaml"), "milestones: [F-1, F-2]\n")
	git(t, top, "add", "-A")
	git(t, top, "commit", "-q", "-m", "Move milestones to the workstreams")
	r3 := revision{hash: git(t, top, "rev-parse", "HEAD"), files: map[string]string{
		"programme.yaml":           "programme: {id: OCO}\n",
		"workstreams/finance.yaml": "milestones: [F-1, F-2]\n",
	}, links: map[string]string{
		"link.yaml": "milestones.yaml",
		"out.yaml":  "../README.md",
		"abs.yaml":  "/etc/passwd",
		"ws":        "workstreams",
	}}
	return top, []revision{r1, r2, r3}
}

func open(t *testing.T, dir string) *Repo {
	t.Helper()
	r, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	return r
}

func TestFSAtEachRevision(t *testing.T) {
	top, revs := history(t)
	r := open(t, top)
	for i, rev := range revs {
		fsys, err := r.FS(rev.hash, "programme")
		if err != nil {
			t.Fatalf("revision %d: %v", i+1, err)
		}
		for name, want := range rev.files {
			got, err := fs.ReadFile(fsys, name)
			if err != nil || string(got) != want {
				t.Errorf("revision %d: ReadFile(%s) = %q, %v; want %q", i+1, name, got, err, want)
			}
		}

		var walked, want []string
		err = fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() {
				walked = append(walked, name)
			}
			return nil
		})
		if err != nil {
			t.Fatalf("revision %d: WalkDir: %v", i+1, err)
		}
		for name := range rev.files {
			want = append(want, name)
		}
		for name := range rev.links {
			want = append(want, name)
		}
		slices.Sort(want)
		if !slices.Equal(walked, want) {
			t.Errorf("revision %d: WalkDir found %q, want %q", i+1, walked, want)
		}

		for name, target := range rev.links {
			got, err := fs.ReadLink(fsys, name)
			if err != nil || got != target {
				t.Errorf("revision %d: ReadLink(%s) = %q, %v; want %q", i+1, name, got, err, target)
			}
			info, err := fs.Lstat(fsys, name)
			if err != nil || info.Mode().Type() != fs.ModeSymlink {
				t.Errorf("revision %d: Lstat(%s) = %v, %v; want a symbolic link", i+1, name, info, err)
			}
		}
	}
}

// TestFSConformance runs the standard library's own checks of an fs.FS,
// where every link resolves: it requires every entry to open.
func TestFSConformance(t *testing.T) {
	top, revs := history(t)
	r := open(t, top)
	for _, c := range []struct {
		rev, dir string
		files    []string
	}{
		{revs[0].hash, "programme", []string{"programme.yaml", "milestones.yaml"}},
		{revs[0].hash, ".", []string{"README.md", "programme/programme.yaml"}},
		{revs[2].hash, "programme/workstreams", []string{"finance.yaml"}},
	} {
		fsys, err := r.FS(c.rev, c.dir)
		if err != nil {
			t.Fatal(err)
		}
		if err := fstest.TestFS(fsys, c.files...); err != nil {
			t.Errorf("%s at %s: %v", c.dir, c.rev[:7], err)
		}
	}
}

func TestSymlinks(t *testing.T) {
	top, revs := history(t)
	r := open(t, top)
	fsys, err := r.FS(revs[1].hash, "programme")
	if err != nil {
		t.Fatal(err)
	}
	// A link inside the directory is followed, as os.DirFS would.
	if got, err := fs.ReadFile(fsys, "link.yaml"); err != nil || string(got) != "milestones: [M-1, M-2]\n" {
		t.Errorf("ReadFile(link.yaml) = %q, %v", got, err)
	}
	if got, err := fs.ReadFile(fsys, "ws/finance.yaml"); err != nil || string(got) != "milestones: [F-1]\n" {
		t.Errorf("ReadFile(ws/finance.yaml) = %q, %v", got, err)
	}
	// Links out of the directory are not followed and read as absent.
	for _, name := range []string{"out.yaml", "abs.yaml"} {
		_, err := fs.ReadFile(fsys, name)
		if !errors.Is(err, ErrSymlinkOutside) || !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("ReadFile(%s) error = %v, want ErrSymlinkOutside", name, err)
		}
		if _, err := fsys.Open(name); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("Open(%s) error = %v, want fs.ErrNotExist", name, err)
		}
	}
	// Read from the top, the same link stays inside and is followed.
	whole, err := r.FS(revs[1].hash, ".")
	if err != nil {
		t.Fatal(err)
	}
	if got, err := fs.ReadFile(whole, "programme/out.yaml"); err != nil || string(got) != "readme\n" {
		t.Errorf("ReadFile(programme/out.yaml) from the top = %q, %v", got, err)
	}
	// A directory reached through a link.
	ws, err := r.FS(revs[1].hash, "programme/ws")
	if err != nil {
		t.Fatal(err)
	}
	if got, err := fs.ReadFile(ws, "finance.yaml"); err != nil || string(got) != "milestones: [F-1]\n" {
		t.Errorf("ReadFile(finance.yaml) through programme/ws = %q, %v", got, err)
	}
	// A dangling link: the file it named is gone.
	head, err := r.FS("HEAD", "programme")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fs.ReadFile(head, "link.yaml"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("ReadFile of a link absent at HEAD: %v", err)
	}
}

func TestStat(t *testing.T) {
	top, revs := history(t)
	r := open(t, top)
	fsys, err := r.FS("HEAD", "programme")
	if err != nil {
		t.Fatal(err)
	}
	info, err := fs.Stat(fsys, "programme.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if info.Size() != int64(len(revs[2].files["programme.yaml"])) || !info.Mode().IsRegular() || info.ModTime().IsZero() {
		t.Errorf("Stat(programme.yaml) = %v", info)
	}
	if info, err := fs.Stat(fsys, "workstreams"); err != nil || !info.IsDir() {
		t.Errorf("Stat(workstreams) = %v, %v", info, err)
	}
	if _, err := fs.Stat(fsys, "milestones.yaml"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Stat of a deleted file: %v, want fs.ErrNotExist", err)
	}
	if _, err := fs.ReadFile(fsys, "programme.yaml/x"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("ReadFile below a file: %v, want fs.ErrNotExist", err)
	}
	if _, err := fs.ReadFile(fsys, "../README.md"); !errors.Is(err, fs.ErrInvalid) {
		t.Errorf("ReadFile(../README.md): %v, want fs.ErrInvalid", err)
	}
}

func TestResolve(t *testing.T) {
	top, revs := history(t)
	git(t, top, "tag", "-a", "-m", "First baseline", "baseline", revs[0].hash)
	git(t, top, "tag", "-a", "-m", "Tag of a tag", "again", "baseline")
	r := open(t, top)
	for rev, want := range map[string]string{
		"baseline":        revs[0].hash,
		"again":           revs[0].hash,
		":/Start the":     revs[0].hash,
		"HEAD":            revs[2].hash,
		"HEAD~1":          revs[1].hash,
		"HEAD^^":          revs[0].hash,
		revs[0].hash[:10]: revs[0].hash,
		"main~0":          revs[2].hash,
		"main@{1}":        revs[1].hash,
	} {
		got, err := r.Resolve(rev)
		if err != nil || got != want {
			t.Errorf("Resolve(%q) = %q, %v; want %q", rev, got, err, want)
		}
	}
	for _, rev := range []string{"HEAD~3", "no-such-branch", "0000000000000000000000000000000000000000", "HEAD:programme", ":/no such message"} {
		if _, err := r.Resolve(rev); !errors.Is(err, ErrUnknownRevision) || !strings.Contains(err.Error(), rev) {
			t.Errorf("Resolve(%q) error = %v, want ErrUnknownRevision naming it", rev, err)
		}
	}
	for _, rev := range []string{"", "-n", "--output=x", "HEAD\nHEAD", "HEAD\x00"} {
		if _, err := r.Resolve(rev); !errors.Is(err, ErrInvalidRevision) {
			t.Errorf("Resolve(%q) error = %v, want ErrInvalidRevision", rev, err)
		}
		if _, err := r.FS(rev, "programme"); !errors.Is(err, ErrInvalidRevision) {
			t.Errorf("FS(%q) error = %v, want ErrInvalidRevision", rev, err)
		}
		if _, err := r.Log(rev); !errors.Is(err, ErrInvalidRevision) {
			t.Errorf("Log(%q) error = %v, want ErrInvalidRevision", rev, err)
		}
	}
	// The process still answers after refusals and misses.
	if got, err := r.Resolve("HEAD"); err != nil || got != revs[2].hash {
		t.Errorf("Resolve(HEAD) after errors = %q, %v", got, err)
	}
}

func TestPaths(t *testing.T) {
	top, revs := history(t)
	r := open(t, filepath.Join(top, "programme", "workstreams"))
	if r.Prefix() != "programme/workstreams" {
		t.Errorf("Prefix() = %q", r.Prefix())
	}
	if real, _ := filepath.EvalSymlinks(top); realPath(r.TopLevel()) != real {
		t.Errorf("TopLevel() = %q, want %q", r.TopLevel(), top)
	}

	// A directory absent at a revision.
	_, err := r.FS(revs[0].hash, "programme/workstreams")
	if !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), "programme/workstreams") {
		t.Errorf("FS of an absent directory: %v, want fs.ErrNotExist naming it", err)
	}
	if _, err := r.FS("HEAD", "programme/programme.yaml"); err == nil || !strings.Contains(err.Error(), "not a directory") {
		t.Errorf("FS of a file: %v, want not a directory", err)
	}

	// A revision with a ':' of its own: here, a search of the messages.
	fsys, err := r.FS(":/Add the finance", "programme")
	if err != nil {
		t.Fatal(err)
	}
	if got, err := fs.ReadFile(fsys, "milestones.yaml"); err != nil || string(got) != revs[1].files["milestones.yaml"] {
		t.Errorf("ReadFile at :/Add the finance = %q, %v", got, err)
	}

	// Absolute paths inside the work tree, and outside it.
	fsys, err = r.FS("HEAD", filepath.Join(top, "programme"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fs.Stat(fsys, "programme.yaml"); err != nil {
		t.Error(err)
	}
	for _, dir := range []string{"..", "programme/../..", t.TempDir()} {
		if _, err := r.FS("HEAD", dir); !errors.Is(err, ErrOutsideRepository) {
			t.Errorf("FS(HEAD, %q) error = %v, want ErrOutsideRepository", dir, err)
		}
	}

	// Rel maps working-tree directories, existing or not.
	t.Chdir(filepath.Join(top, "programme"))
	for dir, want := range map[string]string{
		".":                     "programme",
		"workstreams":           "programme/workstreams",
		"gone/sub":              "programme/gone/sub",
		"..":                    ".",
		top:                     ".",
		filepath.Join(top, "x"): "x",
	} {
		if got, err := r.Rel(dir); err != nil || got != want {
			t.Errorf("Rel(%q) = %q, %v; want %q", dir, got, err, want)
		}
	}
	// A path through a link to the work tree is still inside it.
	via := filepath.Join(t.TempDir(), "via")
	symlink(t, top, via)
	if got, err := r.Rel(filepath.Join(via, "programme")); err != nil || got != "programme" {
		t.Errorf("Rel through a link to the top = %q, %v; want programme", got, err)
	}
	if r2 := open(t, filepath.Join(via, "programme")); r2.Prefix() != "programme" {
		t.Errorf("Open through a link to the top: Prefix() = %q", r2.Prefix())
	}
	if _, err := r.Rel("../.."); !errors.Is(err, ErrOutsideRepository) {
		t.Errorf("Rel(../..) error = %v, want ErrOutsideRepository", err)
	}
}

func TestLog(t *testing.T) {
	top, revs := history(t)
	r := open(t, top)
	all, err := r.Log("HEAD")
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 3 || all[0].Hash != revs[2].hash || all[2].Hash != revs[0].hash {
		t.Fatalf("Log(HEAD) = %+v", all)
	}
	if c := all[1]; c.Subject != "Add the finance workstream" || c.Author != "Ada Analyst" || c.Time.IsZero() {
		t.Errorf("Log(HEAD)[1] = %+v", c)
	}
	ws, err := r.Log("HEAD", "programme/workstreams")
	if err != nil || len(ws) != 2 || ws[0].Hash != revs[2].hash || ws[1].Hash != revs[1].hash {
		t.Errorf("Log(HEAD, programme/workstreams) = %+v, %v", ws, err)
	}
	old, err := r.Log("HEAD~1", filepath.Join(top, "programme", "workstreams"))
	if err != nil || len(old) != 1 || old[0].Hash != revs[1].hash {
		t.Errorf("Log(HEAD~1, absolute path) = %+v, %v", old, err)
	}
	if none, err := r.Log("HEAD", "nowhere"); err != nil || len(none) != 0 {
		t.Errorf("Log(HEAD, nowhere) = %+v, %v", none, err)
	}
	// Pathspec magic is not interpreted: the name is taken literally.
	if none, err := r.Log("HEAD", ":(glob)**"); err != nil || len(none) != 0 {
		t.Errorf("Log(HEAD, :(glob)**) = %+v, %v", none, err)
	}
	if _, err := r.Log("HEAD~5"); !errors.Is(err, ErrUnknownRevision) {
		t.Errorf("Log(HEAD~5) error = %v, want ErrUnknownRevision", err)
	}
	if _, err := r.Log("HEAD", ".."); !errors.Is(err, ErrOutsideRepository) {
		t.Errorf("Log(HEAD, ..) error = %v, want ErrOutsideRepository", err)
	}
}

func TestLogSince(t *testing.T) {
	top, revs := history(t)
	r := open(t, top)
	after, err := r.LogSince(revs[0].hash, "HEAD")
	if err != nil || len(after) != 2 || after[0].Hash != revs[2].hash || after[1].Hash != revs[1].hash {
		t.Errorf("LogSince(first, HEAD) = %+v, %v", after, err)
	}
	if none, err := r.LogSince("HEAD", "HEAD~1"); err != nil || len(none) != 0 {
		t.Errorf("LogSince(HEAD, HEAD~1) = %+v, %v", none, err)
	}
	if _, err := r.LogSince("nosuchrev", "HEAD"); !errors.Is(err, ErrUnknownRevision) {
		t.Errorf("LogSince(nosuchrev, HEAD) error = %v, want ErrUnknownRevision", err)
	}
	if _, err := r.LogSince("--all", "HEAD"); !errors.Is(err, ErrInvalidRevision) {
		t.Errorf("LogSince(--all, HEAD) error = %v, want ErrInvalidRevision", err)
	}
}

func TestOpenErrors(t *testing.T) {
	needGit(t)
	isolate(t)
	outside := t.TempDir()
	if _, err := Open(outside); !errors.Is(err, ErrNotRepository) {
		t.Errorf("Open outside a repository: %v, want ErrNotRepository", err)
	}
	if _, err := Open(filepath.Join(outside, "missing")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Open of a missing directory: %v, want fs.ErrNotExist", err)
	}
	bare := t.TempDir()
	git(t, bare, "init", "-q", "--bare")
	if _, err := Open(bare); !errors.Is(err, ErrNotRepository) {
		t.Errorf("Open of a bare repository: %v, want ErrNotRepository", err)
	}

	t.Setenv("PATH", t.TempDir())
	if _, err := Open(outside); !errors.Is(err, ErrGitNotFound) {
		t.Errorf("Open without git: %v, want ErrGitNotFound", err)
	}
}

func TestEmptyRepository(t *testing.T) {
	needGit(t)
	isolate(t)
	top := t.TempDir()
	git(t, top, "init", "-q")
	r := open(t, top)
	if _, err := r.FS("HEAD", "."); !errors.Is(err, ErrUnknownRevision) {
		t.Errorf("FS(HEAD) with no commits: %v, want ErrUnknownRevision", err)
	}
}

// TestInheritedGitDir: inside a git hook, GIT_DIR names the hook's
// repository; Open's directory must still decide.
func TestInheritedGitDir(t *testing.T) {
	top, revs := history(t)
	other := t.TempDir()
	git(t, other, "init", "-q")
	t.Setenv("GIT_DIR", filepath.Join(other, ".git"))
	t.Setenv("GIT_WORK_TREE", other)
	t.Setenv("GIT_GLOB_PATHSPECS", "1")
	r := open(t, top)
	if got, err := r.Resolve("HEAD"); err != nil || got != revs[2].hash {
		t.Errorf("Resolve(HEAD) with GIT_DIR set elsewhere = %q, %v", got, err)
	}
	if log, err := r.Log("HEAD", "programme"); err != nil || len(log) != 3 {
		t.Errorf("Log with GIT_DIR set elsewhere = %v, %v", log, err)
	}
}

// TestRestart: a cat-file process that dies is replaced on the next read.
func TestRestart(t *testing.T) {
	top, revs := history(t)
	r := open(t, top)
	if _, err := r.Resolve("HEAD"); err != nil {
		t.Fatal(err)
	}
	r.batch.cmd.Process.Kill()
	r.batch.cmd.Process.Wait()
	if _, err := r.Resolve("HEAD"); err == nil {
		t.Error("read from a dead process succeeded")
	}
	if got, err := r.Resolve("HEAD"); err != nil || got != revs[2].hash {
		t.Errorf("Resolve after restart = %q, %v", got, err)
	}
	r.Close()
	if got, err := r.Resolve("HEAD~1"); err != nil || got != revs[1].hash {
		t.Errorf("Resolve after Close = %q, %v", got, err)
	}
}

func TestConcurrent(t *testing.T) {
	top, revs := history(t)
	r := open(t, top)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for i := range 20 {
				rev := revs[i%len(revs)]
				fsys, err := r.FS(rev.hash, "programme")
				if err != nil {
					t.Error(err)
					return
				}
				got, err := fs.ReadFile(fsys, "programme.yaml")
				if err != nil || string(got) != rev.files["programme.yaml"] {
					t.Errorf("ReadFile = %q, %v", got, err)
				}
			}
		})
	}
	wg.Wait()
}

// TestIrregular: a submodule, and operations that do not fit the entry.
func TestIrregular(t *testing.T) {
	top, revs := history(t)
	git(t, top, "update-index", "--add", "--cacheinfo", "160000,"+revs[0].hash+",programme/vendor")
	git(t, top, "commit", "-q", "-m", "Add a submodule")
	r := open(t, top)
	fsys, err := r.FS("HEAD", "programme")
	if err != nil {
		t.Fatal(err)
	}
	info, err := fs.Stat(fsys, "vendor")
	if err != nil || info.Mode().Type() != fs.ModeIrregular {
		t.Errorf("Stat(vendor) = %v, %v; want an irregular file", info, err)
	}
	if _, err := fs.ReadFile(fsys, "vendor"); err == nil {
		t.Error("ReadFile of a submodule succeeded")
	}
	if _, err := fsys.Open("vendor"); err == nil {
		t.Error("Open of a submodule succeeded")
	}
	if _, err := fs.ReadFile(fsys, "workstreams"); err == nil {
		t.Error("ReadFile of a directory succeeded")
	}
	if _, err := fs.ReadDir(fsys, "programme.yaml"); err == nil {
		t.Error("ReadDir of a file succeeded")
	}
	if _, err := fs.ReadLink(fsys, "programme.yaml"); !errors.Is(err, fs.ErrInvalid) {
		t.Errorf("ReadLink of a file: %v, want fs.ErrInvalid", err)
	}
	d, err := fsys.Open("workstreams")
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if _, err := d.Read(make([]byte, 1)); err == nil {
		t.Error("Read of a directory succeeded")
	}
}

func FuzzParseTree(f *testing.F) {
	f.Add([]byte("100644 a.yaml\x00aaaaaaaaaaaaaaaaaaaa40000 sub\x00bbbbbbbbbbbbbbbbbbbb"), 20)
	f.Add([]byte("100644 a\x00short"), 32)
	f.Fuzz(func(t *testing.T, data []byte, hashLen int) {
		if hashLen != 20 && hashLen != 32 {
			return
		}
		tr, err := parseTree(data, hashLen)
		if err != nil {
			return
		}
		for i := 1; i < len(tr.entries); i++ {
			if tr.entries[i-1].name > tr.entries[i].name {
				t.Fatalf("entries out of order: %+v", tr.entries)
			}
		}
	})
}

// Hash names a file's bytes: the same at two revisions where the file did
// not change, different where it did, and nothing for what is no file.
func TestHash(t *testing.T) {
	top, revs := history(t)
	r := open(t, top)
	hashes := map[string]map[string]string{} // name -> text -> hash
	for i, rev := range revs {
		fsys, err := r.FS(rev.hash, "programme")
		if err != nil {
			t.Fatal(err)
		}
		for name, text := range rev.files {
			h, ok := Hash(fsys, name)
			if !ok {
				t.Fatalf("revision %d: no hash for %s", i+1, name)
			}
			if hashes[name] == nil {
				hashes[name] = map[string]string{}
			}
			if old, seen := hashes[name][text]; seen && old != h {
				t.Errorf("revision %d: %s unchanged but its hash moved", i+1, name)
			}
			hashes[name][text] = h
		}
		if _, ok := Hash(fsys, "."); ok {
			t.Errorf("revision %d: a hash for the directory itself", i+1)
		}
		if _, ok := Hash(fsys, "no-such.yaml"); ok {
			t.Errorf("revision %d: a hash for a missing file", i+1)
		}
	}
	for name, byText := range hashes {
		seen := map[string]bool{}
		for _, h := range byText {
			if seen[h] {
				t.Errorf("%s: two texts with one hash", name)
			}
			seen[h] = true
		}
	}
	if _, ok := Hash(Files{"a.yaml": nil}, "a.yaml"); ok {
		t.Error("a hash for a file held in memory")
	}
}

// A history of the whole tree lists the commits git's own path filter
// would: not an empty first commit, not a commit that changes nothing, and
// from a revision to start at, the commits after it. A history with a
// merge is left to git, whose merge simplification decides.
func TestLogWholeTreeAsGitFilters(t *testing.T) {
	needGit(t)
	isolate(t)
	top := t.TempDir()
	git(t, top, "init", "-q", "-b", "main")
	git(t, top, "commit", "-q", "--allow-empty", "-m", "empty start")
	commit := func(name, text, msg string) {
		write(t, filepath.Join(top, name), text)
		git(t, top, "add", "-A")
		git(t, top, "commit", "-q", "-m", msg)
	}
	commit("a.yaml", "a: 1\n", "one")
	git(t, top, "commit", "-q", "--allow-empty", "-m", "nothing")
	commit("a.yaml", "a: 2\n", "two")
	commit("b/c.yaml", "c: 1\n", "three")
	commit("a.yaml", "a: 1\n", "back to one")
	git(t, top, "commit", "-q", "--allow-empty", "-m", "nothing again")
	want := func(args ...string) []string {
		out := git(t, top, append([]string{"log", "--format=%H"}, args...)...)
		return strings.Fields(out)
	}
	got := func(since, rev string) []string {
		r := open(t, top)
		cs, err := r.LogSince(since, rev, top)
		if err != nil {
			t.Fatal(err)
		}
		var hashes []string
		for _, c := range cs {
			hashes = append(hashes, c.Hash)
		}
		return hashes
	}
	check := func(since, rev string, args ...string) {
		t.Helper()
		if g, w := got(since, rev), want(args...); !slices.Equal(g, w) || len(w) == 0 {
			t.Errorf("LogSince(%q, %q, top) = %v, want %v (git log %v)", since, rev, g, w, args)
		}
	}
	check("", "HEAD", "HEAD", "--", ".")
	check("HEAD~4", "HEAD", "HEAD~4..HEAD", "--", ".")
	check("HEAD~5", "HEAD~1", "HEAD~5..HEAD~1", "--", ".")
	if n := len(want("HEAD")); n != 7 || len(got("", "HEAD")) != 4 {
		t.Fatalf("%d commits, %d that change the tree; want 7 and 4", n, len(got("", "HEAD")))
	}

	// A merge: git decides.
	git(t, top, "checkout", "-q", "-b", "side", "HEAD~2")
	commit("d.yaml", "d: 1\n", "side")
	git(t, top, "checkout", "-q", "main")
	git(t, top, "merge", "-q", "--no-edit", "side")
	check("", "HEAD", "HEAD", "--", ".")
	git(t, top, "merge", "-q", "-s", "ours", "--no-edit", "HEAD~3")
	check("", "HEAD", "HEAD", "--", ".")
}
