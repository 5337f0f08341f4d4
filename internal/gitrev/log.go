package gitrev

import (
	"bytes"
	"fmt"
	"strconv"
	"time"
)

// Commit is one commit of a history.
type Commit struct {
	Hash string
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
	args := []string{
		// A user's configuration must not change what is printed.
		"-c", "log.showSignature=false", "-c", "log.follow=false",
		"log", "-z", "--format=%H%x00%ct%x00%aN%x00%s",
		"--end-of-options", hash,
	}
	if since != "" {
		from, err := r.Resolve(since)
		if err != nil {
			return nil, err
		}
		args = append(args, "^"+from)
	}
	args = append(args, "--")
	for _, p := range paths {
		rel, err := r.repoPath(p)
		if err != nil {
			return nil, err
		}
		args = append(args, rel)
	}
	r.started()
	out, err := r.opt.run(r.top, r.git, args...)
	if err != nil {
		return nil, err
	}
	// -z ends each commit with a NUL, as %x00 ends each field.
	fields := bytes.Split(bytes.TrimSuffix(out, []byte{0}), []byte{0})
	if len(out) == 0 {
		return nil, nil
	}
	if len(fields)%4 != 0 {
		return nil, fmt.Errorf("git log: unexpected output")
	}
	commits := make([]Commit, 0, len(fields)/4)
	for i := 0; i < len(fields); i += 4 {
		sec, err := strconv.ParseInt(string(fields[i+1]), 10, 64)
		if err != nil {
			return nil, fmt.Errorf("git log: unexpected date %q", fields[i+1])
		}
		commits = append(commits, Commit{
			Hash:    string(fields[i]),
			Time:    time.Unix(sec, 0),
			Author:  string(fields[i+2]),
			Subject: string(fields[i+3]),
		})
	}
	return commits, nil
}

// Git runs a read-only git command in the repository, as every other call
// of gitrev runs git: the repository's own configuration made safe, only
// the environment git needs, under the timeout. For what gitrev has no
// call of its own for, such as listing tags.
func (r *Repo) Git(args ...string) ([]byte, error) {
	r.started()
	return r.opt.run(r.top, r.git, args...)
}
