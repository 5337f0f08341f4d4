package portfolio

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/ocotool/oco/internal/gitrev"
	"github.com/ocotool/oco/internal/programme"
)

// Options say where programmes are read from.
type Options struct {
	// Base is the directory relative repository paths start from: the
	// portfolio's own directory.
	Base string
	// Cache is oco's directory in the user cache ($XDG_CACHE_HOME/oco):
	// repositories reached by URL are fetched there, never into a working
	// tree. Needed only for URLs.
	Cache string
	// Offline reads what the cache holds, without fetching.
	Offline bool
	// Git says how git runs: the environment it may see, its timeouts.
	Git gitrev.Options
}

// Member is one programme of a portfolio, as read.
type Member struct {
	Entry
	P      *programme.Programme
	Commit string // the commit read
	Dir    string // the programme directory inside the repository, slash form
	// Fetched is when the cached copy of a repository reached by URL was
	// last brought up to date (with Offline, how old what is read is);
	// zero for a local repository.
	Fetched time.Time
	Offline bool
	// Forced is set where the ref was rewritten (force-pushed) since the
	// last fetch: what was read before is no longer in its history.
	Forced  *gitrev.RefMove
	Shallow bool

	repo *gitrev.Repo
	tree string // the programme directory's tree at Commit

	mu sync.Mutex
	at map[string]revision // what At read, by the revision asked for
}

// revision is the programme at one commit, as At read it.
type revision struct {
	p      *programme.Programme
	commit string
	err    error
}

// IsURL reports whether repo is to be fetched (a URL, or git's
// user@host:path form) rather than read where it lies.
func IsURL(repo string) bool {
	return strings.Contains(repo, "://") || scpLike.MatchString(repo)
}

var scpLike = regexp.MustCompile(`^[A-Za-z0-9._-]+@[A-Za-z0-9._-]+:`)

// Repos opens each repository once, however many programmes or pins name
// it, and closes them together.
type Repos struct {
	opt   Options
	mu    sync.Mutex
	repos map[string]*opened
}

type opened struct {
	once    sync.Once
	repo    *gitrev.Repo
	fetched *gitrev.Fetched
	err     error
}

// NewRepos prepares to open repositories as opt says.
func NewRepos(opt Options) *Repos { return &Repos{opt: opt, repos: map[string]*opened{}} }

// Close ends every git process the repositories started.
func (rs *Repos) Close() {
	rs.mu.Lock()
	defer rs.mu.Unlock()
	for _, o := range rs.repos {
		if o.repo != nil {
			o.repo.Close()
		}
	}
}

// key names a repository: its URL, or its absolute path.
func (rs *Repos) key(repo string) string {
	if IsURL(repo) {
		return repo
	}
	if filepath.IsAbs(repo) {
		return filepath.Clean(repo)
	}
	// Relative to Base; where nothing is there, to the first directory
	// above it where something is, such as the top of Base's repository
	// for a pin written from there.
	for dir := rs.opt.Base; ; dir = filepath.Dir(dir) {
		if _, err := os.Stat(filepath.Join(dir, repo)); err == nil {
			return filepath.Join(dir, repo)
		}
		if filepath.Dir(dir) == dir {
			return filepath.Join(rs.opt.Base, repo)
		}
	}
}

// open opens (fetching, for a URL) the repository repo names.
func (rs *Repos) open(repo string) (*opened, error) {
	key := rs.key(repo)
	rs.mu.Lock()
	o, ok := rs.repos[key]
	if !ok {
		o = &opened{}
		rs.repos[key] = o
	}
	rs.mu.Unlock()
	o.once.Do(func() {
		switch {
		case IsURL(key) && rs.opt.Cache == "":
			o.err = errors.New("no cache directory to fetch into")
		case IsURL(key) && rs.opt.Offline:
			o.fetched, o.err = gitrev.Cached(key, rs.opt.Cache, rs.opt.Git)
		case IsURL(key):
			o.fetched, o.err = gitrev.Fetch(key, rs.opt.Cache, rs.opt.Git)
			if o.err != nil {
				if at, ok := gitrev.LastFetch(gitrev.CacheDir(rs.opt.Cache, key)); ok {
					o.err = fmt.Errorf("%w (a copy fetched %s is cached: --offline reads it)", o.err, at.Format(time.RFC3339))
				}
			}
		default:
			o.repo, o.err = gitrev.OpenWith(key, rs.opt.Git)
			if errors.Is(o.err, gitrev.ErrNotRepository) {
				o.repo, o.err = gitrev.OpenBare(key, rs.opt.Git)
			}
		}
		if o.fetched != nil {
			o.repo = o.fetched.Repo
		}
	})
	return o, o.err
}

// Read loads every programme of f, several at a time. The error names
// the first programme that could not be read, and why; a programme read
// but broken is not an error here, its findings say what is wrong.
func Read(f *File, rs *Repos) ([]*Member, error) {
	members := make([]*Member, len(f.Programmes))
	errs := make([]error, len(f.Programmes))
	var wg sync.WaitGroup
	// Opening a repository is mostly waiting for git (a fetch, for a
	// URL), so more are opened at once than there are processors; each
	// load is work for a processor, so no more than there are.
	procs := max(1, runtime.GOMAXPROCS(0))
	opening, loading := make(chan struct{}, openPerProc*procs), make(chan struct{}, procs)
	for i, e := range f.Programmes {
		wg.Add(1)
		opening <- struct{}{}
		go func() {
			defer wg.Done()
			m, err := rs.Resolve(e)
			<-opening
			if err == nil {
				loading <- struct{}{}
				err = m.load()
				<-loading
			}
			members[i], errs[i] = m, err
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			return nil, fmt.Errorf("programme %s (%s): %w", f.Programmes[i].ID, f.Programmes[i].Pos, err)
		}
	}
	return members, nil
}

// openPerProc is how many repositories are opened at once for each
// processor: a fetch over a network waits far longer than it works.
const openPerProc = 4

// load reads the member's programme at its commit.
func (m *Member) load() error {
	p, dir, tree, err := loadAt(m.repo, m.Commit, m.Entry.Dir, m.ID)
	if err != nil {
		return err
	}
	m.P, m.Dir, m.tree = p, dir, tree
	return nil
}

// Resolve finds the commit the entry's ref names (fetching, for a URL),
// without reading the programme: the Member has no P.
func (rs *Repos) Resolve(e Entry) (*Member, error) {
	o, err := rs.open(e.Repo)
	if err != nil {
		return nil, err
	}
	ref := e.Ref
	if ref == "" {
		ref = "HEAD"
		if o.fetched != nil {
			if _, err := o.repo.Resolve(gitrev.RemoteHead); err == nil {
				ref = gitrev.RemoteHead
			}
		}
	}
	m := &Member{Entry: e, repo: o.repo, Shallow: o.repo.Shallow()}
	if o.fetched != nil {
		m.Fetched, m.Offline = o.fetched.At, rs.opt.Offline
		for _, mv := range o.fetched.Moves {
			if mv.Forced && (mv.Ref == "refs/heads/"+ref || mv.Ref == "refs/tags/"+ref || mv.Ref == ref) {
				m.Forced = &mv
			}
		}
	}
	commit, err := o.repo.Resolve(ref)
	if err != nil {
		if errors.Is(err, gitrev.ErrUnknownRevision) {
			return nil, fmt.Errorf("ref %s is not in %s (deleted or never pushed?)", ref, e.Repo)
		}
		return nil, err
	}
	m.Commit = commit
	return m, nil
}

// loadAt loads the programme in dir (below the repository's top, or its
// prefix for a work tree opened below the top) at commit. An empty dir
// takes programme/ where there is one, else the top. Positions name files
// id:dir/file, as git names a file at a revision.
func loadAt(repo *gitrev.Repo, commit, dir, id string) (*programme.Programme, string, string, error) {
	cands := []string{dir}
	if dir == "" {
		cands = []string{"programme", "."}
	}
	var fsys fs.FS
	var err error
	for _, d := range cands {
		full := path.Join(repo.Prefix(), d)
		if fsys, err = repo.FS(commit, full); err == nil {
			dir = d
			break
		}
	}
	if err != nil {
		return nil, "", "", err
	}
	tree, _ := gitrev.Tree(fsys)
	prefix := id + ":" + dir
	if dir == "." {
		prefix = id + ":" // lco:programme.yaml, not lco:./programme.yaml
	}
	return programme.Load(fsys, prefix), dir, tree, nil
}

// At loads member's programme as it was at another revision of its
// repository, such as the commit a pin agreed.
// Each revision is read once however often it is asked for: every pin
// of every programme at one commit, the report and the findings.
func (m *Member) At(rev string) (*programme.Programme, string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if r, ok := m.at[rev]; ok {
		return r.p, r.commit, r.err
	}
	p, commit, err := m.read(rev)
	if m.at == nil {
		m.at = map[string]revision{}
	}
	m.at[rev] = revision{p, commit, err}
	return p, commit, err
}

func (m *Member) read(rev string) (*programme.Programme, string, error) {
	commit, err := m.repo.Resolve(rev)
	if err != nil {
		return nil, "", err
	}
	if commit == m.Commit {
		return m.P, commit, nil
	}
	// A commit that left the programme's directory as it is holds the
	// same programme: it need not be read again.
	if fsys, err := m.repo.FS(commit, path.Join(m.repo.Prefix(), m.Dir)); err == nil {
		if tree, ok := gitrev.Tree(fsys); ok && tree == m.tree && tree != "" {
			return m.P, commit, nil
		}
	}
	p, _, _, err := loadAt(m.repo, commit, m.Dir, m.ID+"@"+short(commit))
	return p, commit, err
}

// Short is a commit's abbreviated hash, as people quote them.
func Short(commit string) string { return short(commit) }

func short(commit string) string {
	if len(commit) > 7 {
		return commit[:7]
	}
	return commit
}

// Notes are what a person should know of how the member was read: from
// an old copy, past a force-push, from a shallow clone. now is the time
// to say the copy's age against.
func (m *Member) Notes(now time.Time) []string {
	var out []string
	if m.Offline {
		out = append(out, fmt.Sprintf("%s: read offline from the copy fetched %s", m.ID, age(now, m.Fetched)))
	}
	if m.Forced != nil {
		out = append(out, fmt.Sprintf("%s: %s was force-pushed: %s is no longer in its history; reading %s",
			m.ID, m.Forced.Ref, short(m.Forced.Old), short(m.Forced.New)))
	}
	if m.Shallow {
		out = append(out, m.ID+": a shallow clone: history starts at a shallow boundary")
	}
	return out
}

// age says how long ago t was, as a person would, and when: the age for
// a glance, the time to check it by (a clock set wrong, or a test's
// clock, can put the fetch in the future).
func age(now, t time.Time) string {
	if t.IsZero() {
		return "at an unknown time"
	}
	at := t.UTC().Format("2006-01-02 15:04 UTC")
	d := now.Sub(t)
	switch {
	case d < 0:
		return at
	case d < 2*time.Minute:
		return "just now (" + at + ")"
	case d < 2*time.Hour:
		return fmt.Sprintf("%d minutes ago (%s)", int(d.Minutes()), at)
	case d < 48*time.Hour:
		return fmt.Sprintf("%d hours ago (%s)", int(d.Hours()), at)
	}
	return fmt.Sprintf("%d days ago (%s)", int(d.Hours()/24), at)
}
