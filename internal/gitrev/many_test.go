package gitrev

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"testing"
	"testing/fstest"
)

// fsMany reads what FS reads, revision by revision, in a few round trips:
// at the top of the repository, in a directory, and where the directory
// is absent or not a revision at all.
func TestFSMany(t *testing.T) {
	top, revs := history(t)
	git(t, top, "rm", "-q", "-r", "programme")
	git(t, top, "commit", "-q", "-m", "Remove the programme")
	gone := git(t, top, "rev-parse", "HEAD")
	var hashes []string
	for _, rev := range revs {
		hashes = append(hashes, rev.hash)
	}
	hashes = append(hashes, gone, "HEAD~1", "no-such-revision")
	for _, dir := range []string{"programme", ".", "programme/workstreams"} {
		r := open(t, top)
		many, errs, err := r.fsMany(hashes, nil, dir)
		if err != nil {
			t.Fatal(err)
		}
		for i, h := range hashes {
			one, err := r.FS(h, dir)
			if (err == nil) != (errs[i] == nil) || errors.Is(err, fs.ErrNotExist) != errors.Is(errs[i], fs.ErrNotExist) {
				t.Errorf("%s at %s: fsMany error %v, FS error %v", dir, h, errs[i], err)
				continue
			}
			if err != nil {
				continue
			}
			if got, want := listing(t, many[i]), listing(t, one); got != want {
				t.Errorf("%s at %s: fsMany reads\n%s\nFS reads\n%s", dir, h, got, want)
			}
		}
	}
	// Where the directory is at every revision: one round trip for the
	// commits and their trees, one for the workstreams directories below.
	r := open(t, top)
	before := r.Stats()
	many, _, err := r.fsMany(hashes[:3], nil, "programme")
	if err != nil {
		t.Fatal(err)
	}
	if n := r.Stats().Requests - before.Requests; n != 2 {
		t.Errorf("%d round trips, want 2", n)
	}
	if err := fstest.TestFS(many[0], "programme.yaml", "milestones.yaml"); err != nil {
		t.Error(err)
	}
	if _, err := r.Blobs([]string{revs[0].hash}); err == nil {
		t.Error("a commit read as a blob")
	}
	if _, err := r.Blobs([]string{filepath.Base(top)}); err == nil {
		t.Error("a missing blob read")
	}
}

// listing is every file of fsys with its bytes, and every link.
func listing(t *testing.T, fsys fs.FS) string {
	out := ""
	err := fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			target, _ := fs.ReadLink(fsys, name)
			out += fmt.Sprintf("%s -> %s\n", name, target)
		case !d.IsDir():
			b, err := fs.ReadFile(fsys, name)
			if err != nil {
				return err
			}
			out += fmt.Sprintf("%s: %q\n", name, b)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
