// Package gitrev reads a programme directory as it was at a git revision,
// as an fs.FS, so that the loader reads a past revision exactly as it reads
// the working tree.
//
// Every object is read through one long-lived `git cat-file --batch`
// process per Repo, and trees are parsed here rather than listed by
// `git ls-tree`: `oco history` reads hundreds of revisions, and starting a
// git process for each would cost more than all the reading.
//
// A Repo is safe for concurrent use; requests to the cat-file process are
// serialised.
package gitrev

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
	"sync"
)

// Errors a caller may need to tell apart. All of them mean the command
// could not run (exit status 2); they differ in what the user should fix.
var (
	// ErrGitNotFound: there is no git executable in PATH.
	ErrGitNotFound = errors.New("git is not installed: no git executable in PATH")
	// ErrNotRepository: the directory is not inside a git work tree.
	ErrNotRepository = errors.New("not inside a git work tree")
	// ErrUnknownRevision: the revision names no commit.
	ErrUnknownRevision = errors.New("unknown revision")
	// ErrInvalidRevision: the revision is refused before git sees it
	// (empty, starts with '-', or holds control characters).
	ErrInvalidRevision = errors.New("invalid revision")
	// ErrOutsideRepository: a path lies outside the repository's work tree.
	ErrOutsideRepository = errors.New("path is outside the repository")
)

// Repo is a git repository with a work tree.
type Repo struct {
	git     string // absolute path of the git executable, fixed at Open
	top     string // top of the work tree, as git reports it
	realTop string // top with symbolic links resolved, to compare paths
	prefix  string // the directory given to Open, relative to top

	mu    sync.Mutex // guards batch, trees and stats
	batch *catFile
	trees map[string]*tree
	stats Stats
}

// Stats counts what a Repo has asked of git, so that a test can hold a
// command to a cost that does not depend on how busy the machine is.
type Stats struct {
	Processes int // git processes started, Open's own included
	Requests  int // round trips to the cat-file process
	Objects   int // objects read through it
}

// Stats returns the counts so far.
func (r *Repo) Stats() Stats {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.stats
}

func (r *Repo) started() {
	r.mu.Lock()
	r.stats.Processes++
	r.mu.Unlock()
}

// Open finds the repository whose work tree holds dir.
func Open(dir string) (*Repo, error) {
	git, err := exec.LookPath("git")
	if err != nil {
		return nil, ErrGitNotFound
	}
	if git, err = filepath.Abs(git); err != nil {
		return nil, ErrGitNotFound
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	if fi, err := os.Stat(abs); err != nil {
		return nil, err
	} else if !fi.IsDir() {
		return nil, fmt.Errorf("%s: not a directory", dir)
	}
	cmd := exec.Command(git, "rev-parse", "--show-toplevel", "--show-prefix")
	cmd.Dir = abs
	out, err := run(cmd)
	if err != nil {
		msg := err.Error()
		if strings.Contains(msg, "not a git repository") || strings.Contains(msg, "must be run in a work tree") {
			return nil, fmt.Errorf("%s: %w", dir, ErrNotRepository)
		}
		return nil, err
	}
	lines := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
	if len(lines) != 2 || lines[0] == "" {
		return nil, fmt.Errorf("%s: %w", dir, ErrNotRepository)
	}
	top := filepath.FromSlash(lines[0])
	r := &Repo{
		git:     git,
		top:     top,
		realTop: realPath(top),
		prefix:  strings.TrimSuffix(lines[1], "/"),
		trees:   make(map[string]*tree),
		stats:   Stats{Processes: 1},
	}
	if r.prefix == "" {
		r.prefix = "."
	}
	return r, nil
}

// Close ends the cat-file process. A later read starts a new one.
func (r *Repo) Close() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.batch == nil {
		return nil
	}
	err := r.batch.close()
	r.batch = nil
	return err
}

// TopLevel is the top directory of the work tree.
func (r *Repo) TopLevel() string { return r.top }

// Prefix is the directory given to Open, relative to the top, in slash
// form; "." at the top itself.
func (r *Repo) Prefix() string { return r.prefix }

// Rel maps a directory of the work tree (absolute, or relative to the
// current directory) to its path relative to the top, in slash form, as FS
// and Log take it. It lets `oco diff` name the same directory at HEAD that
// it reads from the working tree. The directory need not exist.
func (r *Repo) Rel(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	rel, err := filepath.Rel(r.realTop, realPath(abs))
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", fmt.Errorf("%s: %w %s", dir, ErrOutsideRepository, r.top)
	}
	return filepath.ToSlash(rel), nil
}

// repoPath takes a path relative to the top, or absolute inside the work
// tree, to a cleaned slash path relative to the top.
func (r *Repo) repoPath(p string) (string, error) {
	if filepath.IsAbs(p) {
		return r.Rel(p)
	}
	clean := path.Clean(filepath.ToSlash(p))
	if !fs.ValidPath(clean) {
		return "", fmt.Errorf("%s: %w %s", p, ErrOutsideRepository, r.top)
	}
	return clean, nil
}

// realPath resolves symbolic links in p as far as p exists, so that a
// directory deleted from the working tree still maps to its place.
func realPath(p string) string {
	if real, err := filepath.EvalSymlinks(p); err == nil {
		return real
	}
	parent := filepath.Dir(p)
	if parent == p {
		return p
	}
	return filepath.Join(realPath(parent), filepath.Base(p))
}

// checkRev refuses what git could take for an option, and what would break
// the line-based cat-file protocol.
func checkRev(rev string) error {
	if rev == "" || strings.HasPrefix(rev, "-") || strings.ContainsFunc(rev, func(c rune) bool { return c < ' ' || c == 0x7f }) {
		return fmt.Errorf("%w %q", ErrInvalidRevision, rev)
	}
	return nil
}

// Resolve returns the full hash of the commit rev names.
func (r *Repo) Resolve(rev string) (string, error) {
	c, err := r.commit(rev)
	if err != nil {
		return "", err
	}
	return c.hash, nil
}

// The variables by which git finds a repository. Open's directory says
// which repository to read, so these are not inherited: inside a git hook
// they point at the repository the hook runs for, which need not be it.
// The pathspec variables would conflict with GIT_LITERAL_PATHSPECS, and
// the rest are set by gitEnv itself.
var dropEnv = map[string]bool{
	"GIT_DIR":               true,
	"GIT_WORK_TREE":         true,
	"GIT_INDEX_FILE":        true,
	"GIT_COMMON_DIR":        true,
	"GIT_PREFIX":            true,
	"GIT_NAMESPACE":         true,
	"GIT_GLOB_PATHSPECS":    true,
	"GIT_NOGLOB_PATHSPECS":  true,
	"GIT_ICASE_PATHSPECS":   true,
	"GIT_LITERAL_PATHSPECS": true,
	"GIT_TERMINAL_PROMPT":   true,
	"GIT_OPTIONAL_LOCKS":    true,
	"LC_ALL":                true,
}

// gitEnv is the environment git runs in: no prompts (oco must never hang
// waiting for a password), messages in English so they can be recognised,
// paths taken literally, and no lock taken on the index.
func gitEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if !dropEnv[k] {
			env = append(env, kv)
		}
	}
	return append(env,
		"GIT_TERMINAL_PROMPT=0",
		"LC_ALL=C",
		"GIT_LITERAL_PATHSPECS=1",
		"GIT_OPTIONAL_LOCKS=0",
	)
}

// run runs a git command and returns its output; on failure, the error
// carries git's own message.
func run(cmd *exec.Cmd) ([]byte, error) {
	cmd.Env = gitEnv()
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		msg := strings.TrimSpace(stderr.String())
		msg = strings.TrimPrefix(msg, "fatal: ")
		if msg == "" {
			msg = err.Error()
		}
		return nil, fmt.Errorf("git %s: %s", cmd.Args[1], msg)
	}
	return out, nil
}
