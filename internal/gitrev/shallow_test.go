package gitrev

import (
	"path/filepath"
	"testing"
)

// A shallow clone names the commits where its history was cut, seen from
// its main work tree and from a linked one, which keeps no list of its own.
func TestShallowCommits(t *testing.T) {
	root, work := oneCommit(t)
	write(t, filepath.Join(work, "programme", "a.yaml"), "a: 2\n")
	git(t, work, "commit", "-q", "-a", "-m", "two")

	full, err := Open(work)
	if err != nil {
		t.Fatal(err)
	}
	defer full.Close()
	if full.ShallowCommits() != nil || full.Shallow() {
		t.Error("a whole repository is seen as shallow")
	}

	clone := filepath.Join(root, "clone")
	git(t, root, "clone", "-q", "--depth", "1", "file://"+filepath.ToSlash(work), clone)
	head := git(t, clone, "rev-parse", "HEAD")
	linked := filepath.Join(root, "linked")
	git(t, clone, "worktree", "add", "-q", "--detach", linked)
	for _, dir := range []string{clone, linked} {
		r, err := Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		got := r.ShallowCommits()
		r.Close()
		if len(got) != 1 || !got[head] {
			t.Errorf("%s: shallow commits %v, want %s", dir, got, head)
		}
	}
}

// oneCommit makes a repository, work, below a directory of its own, root,
// with one commit of programme/a.yaml.
func oneCommit(t *testing.T) (root, work string) {
	t.Helper()
	needGit(t)
	isolate(t)
	root = t.TempDir()
	work = filepath.Join(root, "work")
	write(t, filepath.Join(work, "programme", "a.yaml"), "a: 1\n")
	git(t, work, "init", "-q", "-b", "main")
	git(t, work, "add", ".")
	git(t, work, "commit", "-q", "-m", "one")
	return root, work
}
