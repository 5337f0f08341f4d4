package gitrev

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"
)

// ErrNotCached: --offline was asked for and the repository was never
// fetched.
var ErrNotCached = errors.New("not in the cache: it has never been fetched (run once without --offline)")

// OpenBare opens a repository that has no work tree, such as a copy in
// the cache that Fetch keeps. Its FS and Log take paths from the top of
// the repository's tree.
func OpenBare(gitDir string, opt Options) (*Repo, error) {
	git, err := gitPath()
	if err != nil {
		return nil, err
	}
	abs, err := filepath.Abs(gitDir)
	if err != nil {
		return nil, err
	}
	if fi, err := os.Stat(abs); err != nil {
		return nil, err
	} else if !fi.IsDir() {
		return nil, fmt.Errorf("%s: not a directory", gitDir)
	}
	if head, err := os.Stat(filepath.Join(abs, "HEAD")); err == nil && head.Mode().IsRegular() {
		if objs, err := os.Stat(filepath.Join(abs, "objects")); err == nil && objs.IsDir() {
			// A bare repository's own directory, as Fetch makes it: what
			// rev-parse would say, without a process.
			return newRepo(git, abs, abs, ".", opt, 0), nil
		}
	}
	out, err := opt.run(abs, git, "rev-parse", "--absolute-git-dir")
	if err != nil {
		if strings.Contains(err.Error(), "not a git repository") {
			return nil, fmt.Errorf("%s: %w", gitDir, ErrNotRepository)
		}
		return nil, err
	}
	dir := filepath.FromSlash(strings.TrimSpace(string(out)))
	return newRepo(git, dir, dir, ".", opt, 1), nil
}

// GitDir is the repository's own directory (.git, or a bare repository).
func (r *Repo) GitDir() string { return r.gitDir }

// Shallow reports whether the repository's history was cut short by a
// shallow clone or fetch, so that a history read from it can say it
// starts at a boundary rather than look complete.
func (r *Repo) Shallow() bool { return len(r.ShallowCommits()) > 0 }

// RefMove is a branch or tag that a fetch moved.
type RefMove struct {
	Ref      string // refs/heads/main
	Old, New string // commit hashes; New is "" where the ref is gone
	// Forced: New does not contain Old, so the history was rewritten
	// (a force-push) or the ref was deleted.
	Forced bool
}

// RemoteHead is the ref under which Fetch keeps the remote's HEAD, its
// default branch.
const RemoteHead = "refs/oco/remote-head"

// Fetched is the outcome of Fetch.
type Fetched struct {
	Repo  *Repo
	Dir   string    // the cache directory of this repository
	At    time.Time // when the cache was last brought up to date
	Moves []RefMove
}

// CacheDir is where Fetch keeps url's copy below cache.
func CacheDir(cache, url string) string {
	sum := sha256.Sum256([]byte(url))
	return filepath.Join(cache, "repos", cacheName(url)+"-"+hex.EncodeToString(sum[:6])+".git")
}

var unsafeName = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

// cacheName is a readable part of url for its cache directory's name.
func cacheName(url string) string {
	base := strings.TrimSuffix(strings.TrimRight(url, "/"), ".git")
	if i := strings.LastIndexAny(base, "/:"); i >= 0 {
		base = base[i+1:]
	}
	base = strings.Trim(unsafeName.ReplaceAllString(base, "-"), "-.")
	if base == "" {
		base = "repo"
	}
	if len(base) > 40 {
		base = base[:40]
	}
	return base
}

// Fetch brings a bare copy of the repository at url (anything git can
// fetch) up to date under the cache directory, every branch and tag, and
// opens it. Nothing is written outside cache. Objects a force-push left
// behind stay in the copy, so a commit pinned before it can still be read.
func Fetch(url, cache string, opt Options) (*Fetched, error) {
	if url == "" || strings.HasPrefix(url, "-") || strings.ContainsFunc(url, func(c rune) bool { return c < ' ' || c == 0x7f }) {
		return nil, fmt.Errorf("invalid repository address %q", url)
	}
	git, err := gitPath()
	if err != nil {
		return nil, err
	}
	dir := CacheDir(cache, url)
	if _, err := os.Stat(filepath.Join(dir, "HEAD")); errors.Is(err, fs.ErrNotExist) {
		if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
			return nil, err
		}
		// No templates: they would bring hooks into the copy.
		if _, err := opt.run(filepath.Dir(dir), git, "init", "--bare", "--quiet", "--template=", "--end-of-options", dir); err != nil {
			return nil, err
		}
	}
	before, err := cacheRefs(opt, dir, git)
	if err != nil {
		return nil, err
	}
	// Ask first what the remote has: where that is what the copy has,
	// a fetch would change nothing.
	remote, lsErr := remoteRefs(opt, dir, git, url)
	after := before
	if lsErr != nil || !maps.Equal(remote, before) {
		fetch := []string{"fetch", "--quiet", "--prune", "--force", "--no-recurse-submodules",
			"--end-of-options", url, "+refs/heads/*:refs/heads/*", "+refs/tags/*:refs/tags/*", "+HEAD:" + RemoteHead}
		_, err = opt.runFor(opt.fetchTimeout(), dir, git, fetch...)
		if err != nil {
			// A remote without a HEAD: its branches and tags alone.
			_, err = opt.runFor(opt.fetchTimeout(), dir, git, fetch[:len(fetch)-1]...)
		}
		if err != nil {
			return nil, err
		}
		if after, err = cacheRefs(opt, dir, git); err != nil {
			return nil, err
		}
	}
	if err := os.WriteFile(filepath.Join(dir, fetchedMark), nil, 0o644); err != nil {
		return nil, err
	}
	f := &Fetched{Dir: dir}
	for ref, old := range before {
		now := after[ref]
		if now == old {
			continue
		}
		m := RefMove{Ref: ref, Old: old, New: now, Forced: now == ""}
		if now != "" {
			_, err := opt.run(dir, git, "merge-base", "--is-ancestor", old, now)
			m.Forced = err != nil
		}
		f.Moves = append(f.Moves, m)
	}
	if f.Repo, err = OpenBare(dir, opt); err != nil {
		return nil, err
	}
	f.At, _ = LastFetch(dir)
	return f, nil
}

// Cached opens url's copy in the cache as the last Fetch left it, without
// reaching the network.
func Cached(url, cache string, opt Options) (*Fetched, error) {
	dir := CacheDir(cache, url)
	if _, ok := LastFetch(dir); !ok {
		return nil, fmt.Errorf("%s: %w", url, ErrNotCached)
	}
	r, err := OpenBare(dir, opt)
	if err != nil {
		return nil, err
	}
	at, _ := LastFetch(dir)
	return &Fetched{Repo: r, Dir: dir, At: at}, nil
}

// fetchedMark is the file whose time is that of the last whole fetch.
const fetchedMark = "oco-fetched"

// LastFetch is when the copy in dir was last fetched into whole.
func LastFetch(dir string) (time.Time, bool) {
	fi, err := os.Stat(filepath.Join(dir, fetchedMark))
	if err != nil {
		return time.Time{}, false
	}
	return fi.ModTime(), true
}

// refs lists the branches and tags of the repository in dir, with the
// commit each names.
func refs(opt Options, dir, git string) (map[string]string, error) {
	out, err := opt.run(dir, git, "for-each-ref", "--format=%(refname) %(objectname)", "refs/heads", "refs/tags", RemoteHead)
	if err != nil {
		return nil, err
	}
	m := map[string]string{}
	for line := range strings.SplitSeq(strings.TrimSpace(string(out)), "\n") {
		if ref, hash, ok := strings.Cut(line, " "); ok {
			m[ref] = hash
		}
	}
	return m, nil
}

// Tree returns the object name of the directory a revision FS holds: two
// revisions whose directories have one tree hold the same files, so a
// caller can skip reading the second.
func Tree(fsys fs.FS) (string, bool) {
	f, ok := fsys.(*treeFS)
	if !ok {
		return "", false
	}
	return f.root, true
}

func lsRemote(opt Options, dir, git, url string) (map[string]string, error) {
	out, err := opt.runFor(opt.fetchTimeout(), dir, git, "ls-remote", "--end-of-options", url)
	if err != nil {
		return nil, err
	}
	m := map[string]string{}
	for line := range strings.SplitSeq(strings.TrimSpace(string(out)), "\n") {
		hash, ref, ok := strings.Cut(line, "\t")
		if !ok || strings.HasSuffix(ref, "^{}") {
			continue
		}
		if ref == "HEAD" {
			ref = RemoteHead
		} else if !strings.HasPrefix(ref, "refs/heads/") && !strings.HasPrefix(ref, "refs/tags/") {
			continue
		}
		m[ref] = hash
	}
	return m, nil
}
