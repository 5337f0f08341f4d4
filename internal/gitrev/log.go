package gitrev

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Commit is one commit of a history.
type Commit struct {
	Hash string
	// Tree is the commit's tree, the top of the repository.
	Tree    string
	parents []string
	// Time is the committer date: when the change entered the history,
	// which is what a trend of the plan over time should be read against.
	Time    time.Time
	Author  string // as .mailmap maps it
	Subject string
}

// Log lists the commits reachable from rev that touched any of paths
// (relative to the top, or absolute inside the work tree; none means every
// commit), newest first.
func (r *Repo) Log(rev string, paths ...string) ([]Commit, error) {
	return r.LogSince("", rev, paths...)
}

// LogSince is Log without the commits reachable from since: the commits
// after it, such as those since the revision a board last saw. An empty
// since means none is left out.
func (r *Repo) LogSince(since, rev string, paths ...string) ([]Commit, error) {
	hash, err := r.Resolve(rev)
	if err != nil {
		return nil, err
	}
	var from string
	if since != "" {
		if from, err = r.Resolve(since); err != nil {
			return nil, err
		}
	}
	rels := make([]string, len(paths))
	for i, p := range paths {
		if rels[i], err = r.repoPath(p); err != nil {
			return nil, err
		}
	}
	if len(rels) == 1 && rels[0] == "." {
		// The whole tree. git's path filter compares each commit's tree
		// with its parent's, file by file; in a history without merges,
		// comparing the two root trees' ids says the same for nothing.
		commits, err := r.log(hash, from, nil)
		if err != nil {
			return nil, err
		}
		if kept, ok := r.changedTrees(commits); ok {
			return kept, nil
		}
	}
	return r.log(hash, from, rels)
}

// log runs git log from hash, without the commits reachable from from
// (where set), limited to paths (where any).
func (r *Repo) log(hash, from string, paths []string) ([]Commit, error) {
	args := []string{
		// A user's configuration must not change what is printed.
		"-c", "log.showSignature=false", "-c", "log.follow=false",
		"log", "-z", "--format=%H%x00%T%x00%P%x00%ct%x00%aN%x00%s",
		"--end-of-options", hash,
	}
	if from != "" {
		args = append(args, "^"+from)
	}
	args = append(args, "--")
	args = append(args, paths...)
	r.started()
	out, err := r.opt.run(r.top, r.git, args...)
	if err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, nil
	}
	// -z ends each commit with a NUL, as %x00 ends each field.
	const nf = 6
	fields := bytes.Split(bytes.TrimSuffix(out, []byte{0}), []byte{0})
	if len(fields)%nf != 0 {
		return nil, fmt.Errorf("git log: unexpected output")
	}
	commits := make([]Commit, 0, len(fields)/nf)
	for i := 0; i < len(fields); i += nf {
		sec, err := strconv.ParseInt(string(fields[i+3]), 10, 64)
		if err != nil {
			return nil, fmt.Errorf("git log: unexpected date %q", fields[i+3])
		}
		commits = append(commits, Commit{
			Hash:    string(fields[i]),
			Tree:    string(fields[i+1]),
			parents: strings.Fields(string(fields[i+2])),
			Time:    time.Unix(sec, 0),
			Author:  string(fields[i+4]),
			Subject: string(fields[i+5]),
		})
	}
	return commits, nil
}

// changedTrees keeps, of a history listed newest first, the commits whose
// tree differs from their parent's (a first commit: from the empty tree),
// as `git log -- .` would. It declines (ok false) a history with a merge,
// where git's simplification of merges decides instead.
func (r *Repo) changedTrees(commits []Commit) (kept []Commit, ok bool) {
	for _, c := range commits {
		if len(c.parents) > 1 {
			return nil, false
		}
	}
	kept = make([]Commit, 0, len(commits))
	for i, c := range commits {
		var parentTree string
		switch {
		case len(c.parents) == 0:
			// A first commit, or one a shallow clone cut from its parents.
			if c.Tree == emptyTreeSHA1 || c.Tree == emptyTreeSHA256 {
				continue
			}
		case i+1 < len(commits) && commits[i+1].Hash == c.parents[0]:
			parentTree = commits[i+1].Tree
		default:
			// The parent lies outside the range: the revision it starts from.
			info, err := r.commit(c.parents[0])
			if err != nil {
				return nil, false
			}
			parentTree = info.tree
		}
		if c.Tree != parentTree {
			kept = append(kept, c)
		}
	}
	return kept, true
}

// The empty tree's ids, in repositories of each hash.
const (
	emptyTreeSHA1   = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"
	emptyTreeSHA256 = "6ef19b41225c5369f1c104d45d8d85efa9b057b53b14b4b9b939dd74decc5321"
)

// Git runs a read-only git command in the repository, as every other call
// of gitrev runs git: the repository's own configuration made safe, only
// the environment git needs, under the timeout. For what gitrev has no
// call of its own for, such as listing tags.
func (r *Repo) Git(args ...string) ([]byte, error) {
	r.started()
	return r.opt.run(r.top, r.git, args...)
}
