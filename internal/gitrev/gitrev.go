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
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"time"
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

// Repo is a git repository with a work tree, or a bare one (OpenBare).
type Repo struct {
	git     string // absolute path of the git executable, fixed at Open
	top     string // top of the work tree, as git reports it; the git directory of a bare one
	realTop string // top with symbolic links resolved, to compare paths
	prefix  string // the directory given to Open, relative to top
	gitDir  string // the repository's own directory, absolute
	opt     Options

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

// Options say how git is run. The zero value is a safe default.
type Options struct {
	// Getenv reads the caller's environment. Only the variables git needs
	// to reach a remote (PATH, HOME, proxies, ssh agent, certificates) are
	// passed on; gitrev reads no environment of its own. Nil passes none.
	Getenv func(string) string
	// Timeout bounds every git call (each round trip to cat-file counts as
	// one); 0 means DefaultTimeout.
	Timeout time.Duration
	// FetchTimeout bounds a clone or fetch; 0 means DefaultFetchTimeout.
	FetchTimeout time.Duration
}

// The default limits: a local call that takes a minute is stuck, a fetch
// may take a few.
const (
	DefaultTimeout      = time.Minute
	DefaultFetchTimeout = 5 * time.Minute
)

func (o Options) timeout() time.Duration {
	if o.Timeout > 0 {
		return o.Timeout
	}
	return DefaultTimeout
}

func (o Options) fetchTimeout() time.Duration {
	if o.FetchTimeout > 0 {
		return o.FetchTimeout
	}
	return DefaultFetchTimeout
}

// ErrTimeout: a git call took longer than its Options allow.
var ErrTimeout = errors.New("git took too long and was stopped")

// Open finds the repository whose work tree holds dir, running git with
// the default Options.
func Open(dir string) (*Repo, error) { return OpenWith(dir, Options{}) }

// gitPath finds the git executable.
func gitPath() (string, error) {
	git, err := exec.LookPath("git")
	if err != nil {
		return "", ErrGitNotFound
	}
	if git, err = filepath.Abs(git); err != nil {
		return "", ErrGitNotFound
	}
	return git, nil
}

// OpenWith finds the repository whose work tree holds dir.
func OpenWith(dir string, opt Options) (*Repo, error) {
	git, err := gitPath()
	if err != nil {
		return nil, err
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
	if fi, err := os.Stat(filepath.Join(abs, ".git")); err == nil && fi.IsDir() {
		// The top of a work tree with its own .git: what rev-parse would say.
		return newRepo(git, abs, filepath.Join(abs, ".git"), ".", opt, 0), nil
	}
	out, err := opt.run(abs, git, "rev-parse", "--show-toplevel", "--absolute-git-dir", "--show-prefix")
	if err != nil {
		msg := err.Error()
		if strings.Contains(msg, "not a git repository") || strings.Contains(msg, "must be run in a work tree") {
			return nil, fmt.Errorf("%s: %w", dir, ErrNotRepository)
		}
		return nil, err
	}
	lines := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
	if len(lines) != 3 || lines[0] == "" {
		return nil, fmt.Errorf("%s: %w", dir, ErrNotRepository)
	}
	prefix := strings.TrimSuffix(lines[2], "/")
	if prefix == "" {
		prefix = "."
	}
	return newRepo(git, filepath.FromSlash(lines[0]), filepath.FromSlash(lines[1]), prefix, opt, 1), nil
}

// newRepo is a repository found at top (its git directory gitDir), read
// from prefix below top; processes counts the git processes finding it
// took.
func newRepo(git, top, gitDir, prefix string, opt Options, processes int) *Repo {
	return &Repo{git: git, top: top, realTop: realPath(top), prefix: prefix, gitDir: gitDir,
		opt: opt, trees: make(map[string]*tree), stats: Stats{Processes: processes}}
}

// Close ends the cat-file process. A later read starts a new one.
func (r *Repo) Close() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.batch == nil {
		return nil
	}
	err := r.batch.close(r.opt.timeout())
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
	if errors.Is(err, ErrUnknownRevision) && r.Shallow() {
		// HEAD~5 of a clone two commits deep names nothing: say why.
		return "", fmt.Errorf("%w (this is a shallow clone: history starts at a shallow boundary, and `git fetch --unshallow` fetches the rest)", err)
	}
	if err != nil {
		return "", err
	}
	return c.hash, nil
}

// passEnv are the variables of the caller's environment that git may
// see: what it needs to reach a remote, and no more. Everything by which
// git finds a repository (GIT_DIR, GIT_WORK_TREE, ...), or takes its
// configuration from, is left out: Open's directory says which repository
// to read, and inside a git hook those point at the repository the hook
// runs for, which need not be it.
var passEnv = []string{
	"PATH", "HOME", "TMPDIR", "SSH_AUTH_SOCK",
	"http_proxy", "https_proxy", "no_proxy", "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "ALL_PROXY",
	"SSL_CERT_FILE", "SSL_CERT_DIR", "GIT_SSL_CAINFO", "GIT_CEILING_DIRECTORIES",
}

// env is the environment git runs in: no configuration but the
// repository's own (whose dangerous keys safeConfig overrides), no
// prompts (oco must never hang waiting for a password), messages in
// English so they can be recognised, paths taken literally, and no lock
// taken on the index.
func (o Options) env() []string {
	var env []string
	if o.Getenv != nil {
		for _, k := range passEnv {
			if v := o.Getenv(k); v != "" {
				env = append(env, k+"="+v)
			}
		}
	}
	return append(env,
		"GIT_CONFIG_NOSYSTEM=1",
		"GIT_CONFIG_GLOBAL="+os.DevNull,
		"GIT_TERMINAL_PROMPT=0",
		"GIT_ASKPASS=",
		"SSH_ASKPASS=",
		"GIT_PAGER=cat",
		"PAGER=cat",
		"LC_ALL=C",
		"GIT_LITERAL_PATHSPECS=1",
		"GIT_OPTIONAL_LOCKS=0",
		"GIT_NO_REPLACE_OBJECTS=1",
	)
}

// safeConfig overrides whatever a repository's own configuration says
// about running programs: a repository fetched from elsewhere, or lent by
// a colleague, must not run commands of its choosing when oco reads it.
var safeConfig = []string{
	"-c", "core.fsmonitor=false",
	"-c", "core.pager=cat",
	"-c", "core.hooksPath=" + os.DevNull,
	"-c", "core.sshCommand=ssh",
	"-c", "diff.external=",
	"-c", "diff.textconv=",
	"-c", "core.alternateRefsCommand=",
	"-c", "protocol.ext.allow=never",
	"-c", "credential.helper=",
	"-c", "gc.auto=0",
	"-c", "maintenance.auto=false",
}

// command is git with args, run in dir with the safe configuration and
// environment, stopped when ctx ends.
func (o Options) command(ctx context.Context, dir, git string, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, git, append(append([]string(nil), safeConfig...), args...)...)
	cmd.Dir = dir
	cmd.Env = o.env()
	cmd.WaitDelay = time.Second
	return cmd
}

// run runs one git command under the timeout and returns its output; on
// failure, the error carries git's own message.
func (o Options) run(dir, git string, args ...string) ([]byte, error) {
	return o.runFor(o.timeout(), dir, git, args...)
}

func (o Options) runFor(limit time.Duration, dir, git string, args ...string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	cmd := o.command(ctx, dir, git, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("git %s: %w (after %s)", args[0], ErrTimeout, limit)
		}
		msg := strings.TrimSpace(stderr.String())
		msg = strings.TrimPrefix(msg, "fatal: ")
		if msg == "" {
			msg = err.Error()
		}
		return nil, fmt.Errorf("git %s: %s", args[0], msg)
	}
	return out, nil
}
