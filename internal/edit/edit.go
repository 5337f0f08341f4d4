// Package edit is the edit transaction behind oco set, done, add and fmt:
// under the file's lock it reads and parses the file once, finds the item
// by section and id, makes the change with yamledit, re-checks the
// programme as it would then be from the model already in memory, and
// writes the file only if the change adds no error. It prints nothing: the
// caller renders the result, the diff and the findings.
package edit

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"

	"github.com/ocotool/oco/internal/check"
	"github.com/ocotool/oco/internal/programme"
	"github.com/ocotool/oco/internal/yamledit"
)

// Source is a programme loaded for an edit, with a fingerprint of each file
// as it was read, so that the edit can tell whether the file it locks is
// still the one the model was read from.
type Source struct {
	P      *programme.Programme
	Dir    string // the programme directory on disk
	Prefix string // how findings name Dir
	// AsOf is the reporting date of the programme as edited.
	AsOf func(*programme.Programme) (programme.Date, error)

	sums map[string][sha256.Size]byte // by path within Dir
	mem  map[string][]byte            // for tests: the files, in place of Dir
}

// Load reads the programme in dir as programme.LoadDir does, through an
// os.Root, so that no link reads a file outside dir.
func Load(dir, prefix string, asOf func(*programme.Programme) (programme.Date, error)) *Source {
	s := &Source{Dir: dir, Prefix: prefix, AsOf: asOf, sums: map[string][sha256.Size]byte{}}
	root, err := os.OpenRoot(dir)
	if err != nil {
		s.P = programme.LoadDir(dir, prefix) // which says why it cannot
		return s
	}
	defer root.Close()
	s.P = programme.Load(summingFS{root.FS().(fs.ReadFileFS), s.sums, &sync.Mutex{}}, prefix)
	return s
}

// summingFS notes the fingerprint of every file read through it. The
// loader reads files in parallel, hence the lock.
type summingFS struct {
	fs.ReadFileFS
	sums map[string][sha256.Size]byte
	mu   *sync.Mutex
}

func (f summingFS) ReadFile(name string) ([]byte, error) {
	data, err := f.ReadFileFS.ReadFile(name)
	if err == nil {
		sum := sha256.Sum256(data)
		f.mu.Lock()
		f.sums[name] = sum
		f.mu.Unlock()
	}
	return data, err
}

// ReadLink and Lstat pass through, so that symbolic links are treated as
// on the directory itself.
func (f summingFS) ReadLink(name string) (string, error) {
	return f.ReadFileFS.(fs.ReadLinkFS).ReadLink(name)
}

func (f summingFS) Lstat(name string) (fs.FileInfo, error) {
	return f.ReadFileFS.(fs.ReadLinkFS).Lstat(name)
}

// ReadDir keeps directory listings as fast as they are on the directory.
func (f summingFS) ReadDir(name string) ([]fs.DirEntry, error) {
	return fs.ReadDir(f.ReadFileFS, name)
}

// Result is what an edit did, or would have done.
type Result struct {
	File     string // as findings name it
	Old, New []byte // the file before and after; Old is nil for a new file
	Changed  bool
	// Errors are the errors the edit would add to the programme; when
	// there are any, nothing was written.
	Errors []programme.Finding
	// Before and After are the programme with the file as it was found
	// under the lock, and as the edit leaves it.
	Before, After *programme.Programme
}

// Diff is the change as a unified diff; "" when nothing changed.
func (r *Result) Diff() string { return UnifiedDiff(r.File, r.Old, r.New) }

// UsageError is an edit asked for wrongly: a field the kind does not
// have, a value that is not of the field's type.
type UsageError struct{ Err error }

func (e *UsageError) Error() string { return e.Err.Error() }
func (e *UsageError) Unwrap() error { return e.Err }

func usagef(format string, args ...any) error {
	return &UsageError{fmt.Errorf(format, args...)}
}

// ConflictError is an edit the programme as it stands refuses, such as an
// id already taken.
type ConflictError struct{ Err error }

func (e *ConflictError) Error() string { return e.Err.Error() }

// RelPath maps a file as findings name it back to its path within the
// programme directory that prefix names.
func RelPath(prefix, display string) (string, error) {
	p := path.Clean(prefix)
	switch {
	case p == ".":
		return display, nil
	case strings.HasSuffix(p, "/"): // the root directory
		if r, ok := strings.CutPrefix(display, p); ok {
			return r, nil
		}
	default:
		if r, ok := strings.CutPrefix(display, p+"/"); ok {
			return r, nil
		}
	}
	return "", fmt.Errorf("%s is not inside the programme directory %s", display, prefix)
}

// change edits the parsed file; before is the programme with the file as
// it is under the lock.
type change func(before *programme.Programme, d *yamledit.Doc) error

// apply is the transaction: under the lock of the file rel it reads the
// file once, makes the change, checks the programme as it would be, and
// writes the file unless the change adds an error or dryRun is set.
func (s *Source) apply(rel string, dryRun bool, fn change) (*Result, error) {
	real := filepath.Join(s.Dir, filepath.FromSlash(rel))
	res := &Result{File: path.Join(s.Prefix, rel)}
	run := func(old []byte) ([]byte, error) {
		d, err := yamledit.Parse(old)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", res.File, err)
		}
		before := s.P
		sum, seen := s.sums[rel]
		if seen != (old != nil) || seen && sum != sha256.Sum256(old) {
			// Changed since the model was read: read this file's part again.
			before = s.P.WithParsed(res.File, old, d.Root())
		}
		res.Before, res.Old = before, old
		if err := fn(before, d); err != nil {
			return nil, err
		}
		nw := d.Bytes()
		res.New, res.After = nw, before
		if old != nil && bytes.Equal(nw, old) {
			return old, nil
		}
		res.Changed = true
		res.After = before.WithParsed(res.File, nw, d.Root())
		if res.Errors, err = s.newErrors(before, res.After); err != nil {
			return nil, err
		}
		if len(res.Errors) > 0 || dryRun {
			return old, nil
		}
		return nw, nil
	}
	if s.mem != nil {
		old, ok := s.mem[rel]
		if ok && old == nil {
			old = []byte{} // there, and empty
		}
		nw, err := run(old)
		if err == nil && string(nw) != string(old) {
			s.mem[rel] = nw
		}
		return res, err
	}
	if _, err := os.Lstat(real); errors.Is(err, fs.ErrNotExist) {
		nw, err := run(nil)
		if err != nil || !res.Changed || len(res.Errors) > 0 || dryRun {
			return res, err
		}
		return res, yamledit.WriteFile(real, nw)
	}
	if err := yamledit.Update(real, run); err != nil {
		return nil, unwrapPath(err)
	}
	return res, nil
}

// unwrapPath says what went wrong with a file in the user's terms:
// "path: permission denied", not "open path: permission denied".
func unwrapPath(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return fmt.Errorf("%s: %v", pe.Path, pe.Err)
	}
	return err
}

// newErrors returns the errors after has that before does not. Findings
// are compared by rule, id and message, not position: an edit moves the
// lines below it. The programme as it was is checked only when the edit
// leaves any error at all, so that a clean edit schedules once.
func (s *Source) newErrors(before, after *programme.Programme) ([]programme.Finding, error) {
	run := func(p *programme.Programme) ([]programme.Finding, error) {
		d, err := s.AsOf(p)
		if err != nil {
			return nil, err
		}
		var errs []programme.Finding
		for _, f := range check.Run(p, check.Options{AsOf: d}) {
			if f.Severity == programme.Error {
				errs = append(errs, f)
			}
		}
		return errs, nil
	}
	now, err := run(after)
	if err != nil || len(now) == 0 {
		return nil, err
	}
	old, err := run(before)
	if err != nil {
		return nil, err
	}
	key := func(f programme.Finding) string { return f.Rule + "\x00" + f.ID + "\x00" + f.Message }
	had := map[string]int{}
	for _, f := range old {
		had[key(f)]++
	}
	var out []programme.Finding
	for _, f := range now {
		if had[key(f)] > 0 {
			had[key(f)]--
			continue
		}
		out = append(out, f)
	}
	return out, nil
}
