package gitrev

import (
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Refs read from a repository's files are the ones git lists: packed and
// loose, a loose ref over its packed self, annotated tags by the tag
// object, nested branch names, a deleted branch gone, and HEAD (symbolic,
// detached or not yet born) as ls-remote gives it.
func TestFileRefsAsGitLists(t *testing.T) {
	top, repo := lcoRepo(t)

	// A repository with no commit: no refs, and no HEAD to list.
	compare(t, repo, "empty")

	commit := func(msg string) {
		write(t, filepath.Join(repo, "programme.yaml"), "programme: {id: LCO, name: "+msg+"}\n")
		git(t, repo, "add", "-A")
		git(t, repo, "commit", "-q", "-m", msg)
	}
	commit("one")
	git(t, repo, "branch", "feature/slip")
	git(t, repo, "branch", "gone")
	git(t, repo, "tag", "v1")
	git(t, repo, "tag", "-a", "-m", "agreed", "board-2017-03")
	compare(t, repo, "loose")

	git(t, repo, "pack-refs", "--all")
	compare(t, repo, "packed")

	commit("two") // main is loose again, over its packed self
	git(t, repo, "branch", "-D", "gone")
	git(t, repo, "tag", "-a", "-m", "later", "board-2017-04")
	compare(t, repo, "packed and loose")

	git(t, repo, "checkout", "-q", "--detach", "HEAD~1")
	compare(t, repo, "detached")

	// A bare copy, as a portfolio's remote often is.
	bare := filepath.Join(top, "lco.git")
	git(t, top, "clone", "-q", "--bare", repo, bare)
	compare(t, bare, "bare")
}

// lcoRepo makes an empty repository, lco, in a directory of its own.
func lcoRepo(t *testing.T) (top, repo string) {
	t.Helper()
	needGit(t)
	isolate(t)
	top = t.TempDir()
	repo = filepath.Join(top, "lco")
	git(t, top, "init", "-q", "-b", "main", repo)
	return top, repo
}

// compare holds the refs read from repo's files to for-each-ref's and
// ls-remote's.
func compare(t *testing.T, repo, what string) {
	t.Helper()
	gitDir := repo
	if _, err := os.Stat(filepath.Join(repo, ".git")); err == nil {
		gitDir = filepath.Join(repo, ".git")
	}
	opt := Options{}
	gitBin, err := gitPath()
	if err != nil {
		t.Fatal(err)
	}
	want, err := refs(opt, gitDir, gitBin)
	if err != nil {
		t.Fatal(err)
	}
	got, ok := fileRefs(gitDir, RemoteHead)
	if !ok || !maps.Equal(got, want) {
		t.Errorf("%s: fileRefs = %v, %v; for-each-ref lists %v", what, got, ok, want)
	}
	url := "file://" + filepath.ToSlash(repo)
	want, err = lsRemote(opt, t.TempDir(), gitBin, url)
	if err != nil {
		t.Fatal(err)
	}
	got, ok = fileRemoteRefs(url)
	if !ok || !maps.Equal(got, want) {
		t.Errorf("%s: fileRemoteRefs = %v, %v; ls-remote lists %v", what, got, ok, want)
	}
}

// What the files cannot say for certain is left to git.
func TestFileRefsLeaveTheUnusualToGit(t *testing.T) {
	top, repo := lcoRepo(t)
	write(t, filepath.Join(repo, "a.yaml"), "a: 1\n")
	git(t, repo, "add", "-A")
	git(t, repo, "commit", "-q", "-m", "one")
	gitDir := filepath.Join(repo, ".git")
	if _, ok := fileRefs(gitDir); !ok {
		t.Fatal("a plain repository was not read")
	}
	for _, c := range []struct {
		what  string
		setup func(dir string)
	}{
		{"a reftable", func(dir string) { os.Mkdir(filepath.Join(dir, "reftable"), 0o755) }},
		{"a symbolic branch", func(dir string) {
			write(t, filepath.Join(dir, "refs/heads/alias"), "ref: refs/heads/main\n")
		}},
		{"a writer's lock", func(dir string) {
			write(t, filepath.Join(dir, "refs/heads/main.lock"), strings.Repeat("0", 40)+"\n")
		}},
		{"a name with a space", func(dir string) {
			write(t, filepath.Join(dir, "refs/tags/board 1"), strings.Repeat("0", 40)+"\n")
		}},
		{"a broken packed-refs", func(dir string) {
			write(t, filepath.Join(dir, "packed-refs"), "# pack-refs with: peeled\nnot a ref line\n")
		}},
		{"a symbolic link", func(dir string) {
			os.Symlink(filepath.Join(dir, "refs/heads/main"), filepath.Join(dir, "refs/heads/link"))
		}},
	} {
		t.Run(c.what, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "copy")
			git(t, top, "clone", "-q", "--bare", repo, dir)
			c.setup(dir)
			if refs, ok := fileRefs(dir); ok {
				t.Errorf("read %v; want git asked", refs)
			}
			if refs, ok := fileRemoteRefs("file://" + filepath.ToSlash(dir)); ok {
				t.Errorf("remote read %v; want git asked", refs)
			}
		})
	}
	for _, url := range []string{"https://example.org/lco.git", "file://host/lco", "file://localhost/lco", "file:relative", "file://" + filepath.ToSlash(top) + "/l%63o", "file://" + filepath.ToSlash(top) + "/nowhere"} {
		if refs, ok := fileRemoteRefs(url); ok {
			t.Errorf("fileRemoteRefs(%q) = %v; want git asked", url, refs)
		}
	}
}
