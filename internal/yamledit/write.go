package yamledit

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

// TempPrefix names the temporary files WriteFile renames over the target,
// and InitPrefix the directories oco init fills before moving its files
// into place. They start with a dot, so a programme's loader never reads
// one. Each carries the process id of its writer: a process killed before
// it renames one leaves it behind, and the next command's CleanStale
// removes it once that process is gone (or, where that cannot be told, a
// minute later).
const (
	TempPrefix = ".oco-tmp-"
	InitPrefix = ".oco-init-"
)

// TempPattern is the pattern for os.CreateTemp or os.MkdirTemp of a
// temporary file or directory with prefix, marked with this process's id.
func TempPattern(prefix string) string { return prefix + strconv.Itoa(os.Getpid()) + "-*" }

// staleAfter is how old a temporary file must be before it is taken for
// the leftover of a killed process rather than another's write in progress.
const staleAfter = time.Minute

// WriteFile replaces path's contents atomically: readers see the old file
// or the new one, never a mixture, whatever happens to the process. The
// data goes to a temporary file in the same directory, which is synced,
// given the old file's permissions and renamed over it; the directory is
// synced after. A symbolic link is written through, not replaced. A file
// without write permission is refused, as an editor would.
func WriteFile(path string, data []byte) (err error) {
	if target, err := filepath.EvalSymlinks(path); err == nil {
		path = target
	}
	mode := fs.FileMode(0o644)
	fi, statErr := os.Stat(path)
	switch {
	case statErr == nil && !fi.Mode().IsRegular():
		return fmt.Errorf("%s: not a regular file", path)
	case statErr == nil && (fi.Mode().Perm()&0o222 == 0 || !writable(path)):
		return fmt.Errorf("%s: file is read-only", path)
	case statErr == nil:
		mode = fi.Mode().Perm()
	case !errors.Is(statErr, fs.ErrNotExist):
		return statErr
	}
	dir := filepath.Dir(path)
	CleanStale(dir)

	f, err := os.CreateTemp(dir, TempPattern(TempPrefix))
	if err != nil {
		if errors.Is(err, fs.ErrPermission) {
			return fmt.Errorf("%s: directory is not writable: %w", path, err)
		}
		return fmt.Errorf("%s: %w", path, err)
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if _, err = f.Write(data); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if err = f.Chmod(mode); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if fi != nil {
		keepOwner(f, fi)
	}
	if err = f.Sync(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if err = f.Close(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if err = os.Rename(tmp, path); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	// The rename is durable only once the directory is synced.
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}

// CleanStale removes the temporary files and directories that edits and
// oco init left in dir or below it when they were killed: those whose
// process is gone, or older than a minute. Links are not followed.
func CleanStale(dir string) {
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		name := d.Name()
		var prefix string
		switch {
		case strings.HasPrefix(name, TempPrefix) && d.Type().IsRegular():
			prefix = TempPrefix
		case strings.HasPrefix(name, InitPrefix) && d.IsDir():
			prefix = InitPrefix
		case d.IsDir() && p != dir && strings.HasPrefix(name, "."):
			return fs.SkipDir // .git and the like: none of ours
		default:
			return nil
		}
		if stale(name[len(prefix):], d) {
			os.RemoveAll(p)
		}
		if d.IsDir() {
			return fs.SkipDir
		}
		return nil
	})
}

// stale reports whether a temporary file or directory, whose name after
// its prefix is rest ("1234-567890"), is a killed process's leftover.
func stale(rest string, d fs.DirEntry) bool {
	if pid, _, ok := strings.Cut(rest, "-"); ok {
		if n, err := strconv.Atoi(pid); err == nil && n > 0 && n != os.Getpid() && !alive(n) {
			return true
		}
	}
	info, err := d.Info()
	return err == nil && time.Since(info.ModTime()) > staleAfter
}

// Update edits a file under an exclusive lock, so that two edits of the
// same file at once both take effect: each reads the file only after the
// other has written it. edit receives the current contents and returns the
// new ones; returning the same bytes, or an error, writes nothing.
func Update(path string, edit func(old []byte) ([]byte, error)) error {
	if target, err := filepath.EvalSymlinks(path); err == nil {
		path = target
	}
	unlock, err := lock(path)
	if err != nil {
		return err
	}
	defer unlock()
	old, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	data, err := edit(old)
	if err != nil {
		return err
	}
	if string(data) == string(old) {
		return nil
	}
	return WriteFile(path, data)
}

// WriteAll writes the files of a new programme whole or not at all, whatever
// happens to the process. The files are written into a temporary directory
// inside dir (dot-named, so no loader reads it, and marked with this
// process's id, so the next command removes it if this one is killed),
// then renamed into place one by one, programme.yaml last: until it is in
// place, dir holds no programme, and a second oco init completes the first.
func WriteAll(dir string, names []string, files map[string][]byte) error {
	if err := os.MkdirAll(dir, 0o777); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(dir, TempPattern(InitPrefix))
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	for _, name := range names {
		target := filepath.Join(tmp, name)
		if err := os.MkdirAll(filepath.Dir(target), 0o777); err != nil {
			return err
		}
		if err := os.WriteFile(target, files[name], 0o644); err != nil {
			return err
		}
	}
	last := slices.Index(names, "programme.yaml")
	order := slices.Clone(names)
	if last >= 0 {
		order = append(slices.Delete(order, last, last+1), "programme.yaml")
	}
	var placed []string // taken back if a later one fails
	for _, name := range order {
		target := filepath.Join(dir, name)
		err := os.MkdirAll(filepath.Dir(target), 0o777)
		if err == nil {
			var f *os.File
			if f, err = os.Open(filepath.Join(tmp, name)); err == nil {
				err = f.Sync()
				f.Close()
			}
		}
		if err == nil {
			err = os.Rename(filepath.Join(tmp, name), target)
		}
		if err != nil {
			for _, p := range placed {
				os.Remove(p)
			}
			return err
		}
		placed = append(placed, target)
	}
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}
