package gitrev

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// fakeGit puts a script named git first in PATH for the test.
func fakeGit(t *testing.T, script string) {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "git"), []byte("#!/bin/sh\n"+script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", dir+string(os.PathListSeparator)+os.Getenv("PATH"))
}

// TestTimeout: a git that never answers is stopped, and says so.
func TestTimeout(t *testing.T) {
	if _, err := os.Stat("/bin/sh"); err != nil {
		t.Skip("no /bin/sh")
	}
	fakeGit(t, "exec sleep 60\n")
	_, err := OpenWith(t.TempDir(), Options{Timeout: 200 * time.Millisecond})
	if !errors.Is(err, ErrTimeout) {
		t.Fatalf("want ErrTimeout, got %v", err)
	}
}

// TestCloseTimeout: a cat-file that does not end when its input does is
// killed, and Close says so rather than hangs.
func TestCloseTimeout(t *testing.T) {
	needGit(t)
	isolate(t)
	top := t.TempDir()
	git(t, top, "init", "-q")
	r, err := OpenWith(top, Options{Timeout: 300 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	fakeGit(t, "exec sleep 60\n")
	if r.git, err = gitPath(); err != nil {
		t.Fatal(err)
	}
	r.mu.Lock()
	r.batch, err = r.startBatch()
	r.mu.Unlock()
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Close(); !errors.Is(err, ErrTimeout) {
		t.Fatalf("want ErrTimeout, got %v", err)
	}
}

// TestCatFileTimeout: a cat-file that stops answering is killed, and the
// read fails rather than hangs.
func TestCatFileTimeout(t *testing.T) {
	needGit(t)
	isolate(t)
	top := t.TempDir()
	write(t, filepath.Join(top, "programme", "a.yaml"), "a: 1\n")
	git(t, top, "init", "-q")
	git(t, top, "add", ".")
	git(t, top, "commit", "-q", "-m", "one")
	r, err := OpenWith(top, Options{Timeout: 300 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	// The next process the Repo starts is a git that never answers.
	fakeGit(t, "exec sleep 60\n")
	if r.git, err = gitPath(); err != nil {
		t.Fatal(err)
	}
	_, err = r.Resolve("HEAD")
	if !errors.Is(err, ErrTimeout) {
		t.Fatalf("want ErrTimeout, got %v", err)
	}
}

// TestEnvironment: git sees the safe configuration, and of the caller's
// environment only what it needs to reach a remote.
func TestEnvironment(t *testing.T) {
	if _, err := os.Stat("/bin/sh"); err != nil {
		t.Skip("no /bin/sh")
	}
	out := filepath.Join(t.TempDir(), "env")
	fakeGit(t, "env > "+out+"\necho \"$@\" >> "+out+"\nexit 1\n")
	vars := map[string]string{"HOME": "/home/ada", "GIT_DIR": "/elsewhere", "GIT_CONFIG_GLOBAL": "/evil", "SECRET_TOKEN": "x", "https_proxy": "http://proxy"}
	OpenWith(t.TempDir(), Options{Getenv: func(k string) string { return vars[k] }})
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	got := string(b)
	for _, want := range []string{"HOME=/home/ada", "https_proxy=http://proxy", "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL=" + os.DevNull,
		"GIT_TERMINAL_PROMPT=0", "core.fsmonitor=false", "core.pager=cat", "diff.external=", "core.hooksPath=" + os.DevNull} {
		if !strings.Contains(got, want) {
			t.Errorf("git did not get %s:\n%s", want, got)
		}
	}
	for _, bad := range []string{"GIT_DIR=", "SECRET_TOKEN", "/evil"} {
		if strings.Contains(got, bad) {
			t.Errorf("git got %s:\n%s", bad, got)
		}
	}
}

func TestFetchAndBare(t *testing.T) {
	root, work := oneCommit(t)
	url := "file://" + filepath.ToSlash(work)
	cache := filepath.Join(root, "cache")
	if _, err := Cached(url, cache, Options{}); !errors.Is(err, ErrNotCached) {
		t.Fatalf("never fetched: %v", err)
	}
	f, err := Fetch(url, cache, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Repo.Close()
	if !strings.HasPrefix(f.Dir, cache) || f.At.IsZero() {
		t.Errorf("fetched into %s at %v", f.Dir, f.At)
	}
	head, err := f.Repo.Resolve(RemoteHead)
	if err != nil || head != git(t, work, "rev-parse", "HEAD") {
		t.Errorf("remote head %s, %v", head, err)
	}
	fsys, err := f.Repo.FS("main", "programme")
	if err != nil {
		t.Fatal(err)
	}
	if b, err := fsys.(interface{ ReadFile(string) ([]byte, error) }).ReadFile("a.yaml"); err != nil || string(b) != "a: 1\n" {
		t.Errorf("read %q, %v", b, err)
	}
	if f.Repo.Shallow() {
		t.Error("a full fetch is not shallow")
	}
	if _, err := Fetch("-upload-pack=evil", cache, Options{}); err == nil {
		t.Error("an address that git would read as an option was fetched")
	}
	// A shallow clone says so.
	shallow := filepath.Join(root, "shallow")
	git(t, root, "clone", "-q", "--depth", "1", url, shallow)
	r, err := Open(shallow)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if !r.Shallow() {
		t.Error("a shallow clone is not seen as shallow")
	}
}
