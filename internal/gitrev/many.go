package gitrev

import (
	"fmt"
	"io/fs"
	"strings"
	"time"
	"unicode"
)

// maxNames bounds the bytes of names written to cat-file before its
// answers are read: they must fit in a pipe's buffer (64 KiB on Linux,
// less elsewhere), or each process would wait on the other.
const maxNames = 8 << 10

// readChunked is readMany for any number of names, in as few round trips
// as the pipe allows. The caller holds r.mu.
func (r *Repo) readChunked(names []string) ([]object, []error, error) {
	return r.readChunkedAs(false, names)
}

func (r *Repo) readChunkedAs(asText bool, names []string) ([]object, []error, error) {
	objs, errs := make([]object, 0, len(names)), make([]error, 0, len(names))
	for len(names) > 0 {
		n, size := 0, 0
		for n < len(names) && (n == 0 || size+len(names[n])+1 <= maxNames) {
			size += len(names[n]) + 1
			n++
		}
		o, e, err := r.readManyAs(asText, names[:n])
		if err != nil {
			return nil, nil, err
		}
		objs, errs = append(objs, o...), append(errs, e...)
		names = names[n:]
	}
	return objs, errs, nil
}

// FSLog is FS for many revisions of one directory, commits a log listed,
// read in a few round trips to cat-file rather than a few for each
// revision: the directory's trees (the log gave each commit's tree and
// date), then the trees below those, a level at a time (all but hidden
// directories, which a programme's loader skips). A history of hundreds
// of commits then waits on git a handful of times. errs[i] is what FS
// would return for commits[i] (fs.ErrNotExist where the directory is
// absent); err is set where git itself failed.
func (r *Repo) FSLog(commits []Commit, dir string) (out []fs.FS, errs []error, err error) {
	revs := make([]string, len(commits))
	for i, c := range commits {
		revs[i] = c.Hash
	}
	return r.fsMany(revs, commits, dir)
}

// fsMany is FSLog for revisions, reading the commits too where known is
// nil (or known[i] has no tree).
func (r *Repo) fsMany(revs []string, known []Commit, dir string) (out []fs.FS, errs []error, err error) {
	rel, err := r.repoPath(dir)
	if err != nil {
		return nil, nil, err
	}
	out, errs = make([]fs.FS, len(revs)), make([]error, len(revs))
	type ask struct {
		i      int
		commit int // where the commit's answer is, or -1 where known
		dir    int // where the directory's
	}
	var batch []ask
	var slow []int // revisions read one by one, as FS does
	var names []string
	plainRel := !strings.ContainsFunc(rel, unicode.IsControl)
	for i, rev := range revs {
		if checkRev(rev) != nil || strings.Contains(rev, ":") || !plainRel {
			slow = append(slow, i)
			continue
		}
		a := ask{i: i, commit: -1}
		top := rev + "^{commit}"
		if known != nil && known[i].Tree != "" {
			top = known[i].Tree
		} else {
			a.commit = len(names)
			names = append(names, top)
		}
		a.dir = len(names)
		names = append(names, dirObject(top, rel))
		batch = append(batch, a)
	}
	r.mu.Lock()
	objs, missing, err := r.readChunked(names)
	var level []*tree
	for _, a := range batch {
		if err != nil {
			break
		}
		i, d := a.i, a.dir
		if missing[d] != nil || objs[d].typ != "tree" {
			// Absent, or reached through a symbolic link: FS tells.
			slow = append(slow, i)
			continue
		}
		var t *tree
		if t, err = r.keepTree(objs[d]); err != nil {
			break
		}
		var when time.Time
		if a.commit >= 0 {
			info, cerr := parseCommit(revs[i], objs[a.commit], missing[a.commit])
			if cerr != nil {
				errs[i] = cerr
				continue
			}
			when = info.time
		} else {
			when = known[i].Time
		}
		out[i] = &treeFS{repo: r, root: objs[d].hash, time: when}
		level = append(level, t)
	}
	if err == nil {
		err = r.prefetchTrees(level)
	}
	r.mu.Unlock()
	if err != nil {
		return nil, nil, err
	}
	for _, i := range slow {
		out[i], errs[i] = r.FS(revs[i], dir)
	}
	return out, errs, nil
}

// prefetchTrees reads the trees below level that are not cached yet, a
// level at a time, each level in as few round trips as the pipe allows.
// The caller holds r.mu.
func (r *Repo) prefetchTrees(level []*tree) error {
	for len(level) > 0 {
		var names []string
		seen := map[string]bool{}
		for _, t := range level {
			for _, e := range t.entries {
				if e.mode != modeTree || strings.HasPrefix(e.name, ".") || seen[e.hash] {
					continue
				}
				if _, ok := r.trees[e.hash]; !ok {
					seen[e.hash] = true
					names = append(names, e.hash)
				}
			}
		}
		objs, missing, err := r.readChunked(names)
		if err != nil {
			return err
		}
		level = level[:0]
		for i, o := range objs {
			if missing[i] != nil || o.typ != "tree" {
				continue // read, and reported, where a walk reaches it
			}
			t, err := r.keepTree(o)
			if err != nil {
				return err
			}
			level = append(level, t)
		}
	}
	return nil
}

// Blobs reads the blobs named by hash, as text, in as few round trips as
// the pipe allows: the files a history has not read yet, for many
// revisions at once.
func (r *Repo) Blobs(hashes []string) ([]string, error) {
	r.mu.Lock()
	objs, missing, err := r.readChunkedAs(true, hashes)
	r.mu.Unlock()
	if err != nil {
		return nil, err
	}
	out := make([]string, len(hashes))
	for i, o := range objs {
		if missing[i] != nil {
			return nil, fmt.Errorf("git: blob %s is missing", hashes[i])
		}
		if o.typ != "blob" {
			return nil, fmt.Errorf("git: object %s is a %s, not a blob", hashes[i], o.typ)
		}
		out[i] = o.text
	}
	return out, nil
}
