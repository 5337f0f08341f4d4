package gitrev

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
	"unsafe"
)

// catFile is a running `git cat-file --batch`: one object name a line in,
// "<oid> <type> <size>\n<contents>\n" out, flushed after each object.
type catFile struct {
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	in     *bufio.Writer
	out    *bufio.Reader
	stderr bytes.Buffer
}

// errMissing is what cat-file answers for a name it cannot resolve.
var errMissing = errors.New("missing")

// object is one object read from the repository.
type object struct {
	hash string
	typ  string
	data []byte
	text string // the data, where asked for as text
}

func (r *Repo) startBatch() (*catFile, error) {
	c := &catFile{cmd: r.opt.command(context.Background(), r.top, r.git, "cat-file", "--batch")}
	c.cmd.Stderr = &c.stderr
	var err error
	if c.stdin, err = c.cmd.StdinPipe(); err != nil {
		return nil, err
	}
	stdout, err := c.cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := c.cmd.Start(); err != nil {
		return nil, fmt.Errorf("git cat-file: %w", err)
	}
	c.in = bufio.NewWriter(c.stdin)
	c.out = bufio.NewReaderSize(stdout, 64<<10)
	return c, nil
}

// close ends the process: cat-file stops at the end of its input, and one
// that does not within limit is killed, so that closing cannot hang.
func (c *catFile) close(limit time.Duration) error {
	c.stdin.Close()
	timer := time.AfterFunc(limit, func() { c.cmd.Process.Kill() })
	err := c.cmd.Wait()
	if !timer.Stop() {
		return fmt.Errorf("git cat-file: %w (after %s)", ErrTimeout, limit)
	}
	return err
}

// read asks cat-file for one object. The caller holds r.mu.
func (r *Repo) read(name string) (object, error) {
	objs, errs, err := r.readMany(name)
	if err != nil {
		return object{}, err
	}
	return objs[0], errs[0]
}

// readMany asks for a few objects at once, writing every name before
// reading any answer, so that they cost one round trip between the
// processes rather than one each: that wait, not git's work, is most of
// the cost of a read. The names must fit in a pipe's buffer, or both
// processes would wait on each other. errs[i] is errMissing where git
// knows no name i; err is set when the process failed. The caller holds
// r.mu.
func (r *Repo) readMany(names ...string) (objs []object, errs []error, err error) {
	return r.readManyAs(false, names)
}

// readManyAs is readMany, the objects' data as text where asText: read
// into memory that becomes the string, not copied after, for blobs that
// are only read. The caller holds r.mu.
func (r *Repo) readManyAs(asText bool, names []string) (objs []object, errs []error, err error) {
	if r.batch == nil {
		b, err := r.startBatch()
		if err != nil {
			return nil, nil, err
		}
		r.batch = b
		r.stats.Processes++
	}
	r.stats.Requests++
	r.stats.Objects += len(names)
	objs, errs = make([]object, len(names)), make([]error, len(names))
	// A process that does not answer in time is killed: the read then
	// fails rather than hangs.
	b, limit := r.batch, r.opt.timeout()
	var timedOut atomic.Bool
	timer := time.AfterFunc(limit, func() {
		timedOut.Store(true)
		b.cmd.Process.Kill()
	})
	err = r.batch.request(names)
	for i := 0; i < len(names) && err == nil; i++ {
		objs[i], err = r.batch.answer(asText)
		if errors.Is(err, errMissing) {
			errs[i], err = err, nil
		}
	}
	timer.Stop()
	if err != nil && timedOut.Load() {
		err = fmt.Errorf("%w (after %s)", ErrTimeout, limit)
	}
	if err != nil {
		// The stream is out of step or the process is gone: start afresh
		// next time rather than misread every later answer.
		b := r.batch
		r.batch = nil
		b.cmd.Process.Kill()
		b.close(r.opt.timeout())
		if msg := strings.TrimSpace(b.stderr.String()); msg != "" {
			err = fmt.Errorf("%w: %s", err, msg)
		}
		return nil, nil, fmt.Errorf("git cat-file: %w", err)
	}
	return objs, errs, nil
}

func (c *catFile) request(names []string) error {
	for _, name := range names {
		c.in.WriteString(name)
		c.in.WriteByte('\n')
	}
	return c.in.Flush()
}

func (c *catFile) answer(asText bool) (object, error) {
	line, err := c.out.ReadString('\n')
	if err != nil {
		return object{}, err
	}
	line = strings.TrimSuffix(line, "\n")
	if strings.HasSuffix(line, " missing") || strings.HasSuffix(line, " ambiguous") {
		return object{}, errMissing
	}
	f := strings.Fields(line)
	if len(f) != 3 {
		return object{}, fmt.Errorf("unexpected answer %q", line)
	}
	size, err := strconv.Atoi(f[2])
	if err != nil || size < 0 {
		return object{}, fmt.Errorf("unexpected answer %q", line)
	}
	// Read straight into the object's own memory: bufio hands a large
	// read to the pipe without copying it through its buffer.
	data := make([]byte, size+1)
	if _, err := io.ReadFull(c.out, data); err != nil {
		return object{}, err
	}
	if data[size] != '\n' {
		return object{}, fmt.Errorf("object %s not followed by a newline", f[0])
	}
	if asText {
		// Nothing else holds data, and nothing changes it from here on.
		return object{hash: f[0], typ: f[1], text: unsafe.String(unsafe.SliceData(data), size)}, nil
	}
	return object{hash: f[0], typ: f[1], data: data[:size]}, nil
}

// readType reads an object that must be of type typ.
func (r *Repo) readType(hash, typ string) ([]byte, error) {
	r.mu.Lock()
	o, err := r.read(hash)
	r.mu.Unlock()
	if errors.Is(err, errMissing) {
		return nil, fmt.Errorf("git: object %s is missing", hash)
	}
	if err != nil {
		return nil, err
	}
	if o.typ != typ {
		return nil, fmt.Errorf("git: object %s is a %s, not a %s", hash, o.typ, typ)
	}
	return o.data, nil
}

// commitInfo is what FS needs of a commit.
type commitInfo struct {
	hash string
	tree string
	time time.Time // committer date
}

// commit resolves rev to a commit and reads it, in one round trip where
// rev has no ':'.
func (r *Repo) commit(rev string) (commitInfo, error) {
	if err := checkRev(rev); err != nil {
		return commitInfo{}, err
	}
	if !strings.Contains(rev, ":") {
		r.mu.Lock()
		o, err := r.read(rev + "^{commit}")
		r.mu.Unlock()
		return parseCommit(rev, o, err)
	}
	// ":/text" takes the rest of the line as its pattern, so "^{commit}"
	// cannot be appended: peel tags here instead.
	name := rev
	for range 10 {
		r.mu.Lock()
		o, err := r.read(name)
		r.mu.Unlock()
		if err != nil || o.typ != "tag" {
			if err == nil && o.typ != "commit" {
				return commitInfo{}, fmt.Errorf("%w %q: a %s, not a commit", ErrUnknownRevision, rev, o.typ)
			}
			return parseCommit(rev, o, err)
		}
		header, _, _ := bytes.Cut(o.data, []byte("\n"))
		name = strings.TrimPrefix(string(header), "object ")
	}
	return commitInfo{}, fmt.Errorf("%w %q: too many tags", ErrUnknownRevision, rev)
}

// parseCommit reads the answer to "rev^{commit}".
func parseCommit(rev string, o object, err error) (commitInfo, error) {
	if errors.Is(err, errMissing) {
		return commitInfo{}, fmt.Errorf("%w %q", ErrUnknownRevision, rev)
	}
	if err != nil {
		return commitInfo{}, err
	}
	c := commitInfo{hash: o.hash}
	header, _, _ := bytes.Cut(o.data, []byte("\n\n"))
	for line := range strings.SplitSeq(string(header), "\n") {
		key, val, _ := strings.Cut(line, " ")
		switch key {
		case "tree":
			c.tree = val
		case "committer":
			c.time = signatureTime(val)
		}
	}
	if c.tree == "" {
		return commitInfo{}, fmt.Errorf("git: commit %s has no tree", o.hash)
	}
	return c, nil
}

// signatureTime reads the time from "Name <email> 1700000000 +0100".
func signatureTime(sig string) time.Time {
	f := strings.Fields(sig[strings.LastIndexByte(sig, '>')+1:])
	if len(f) != 2 {
		return time.Time{}
	}
	sec, err := strconv.ParseInt(f[0], 10, 64)
	if err != nil {
		return time.Time{}
	}
	t := time.Unix(sec, 0)
	if zone, err := time.Parse("-0700", f[1]); err == nil {
		t = t.In(zone.Location())
	}
	return t
}
