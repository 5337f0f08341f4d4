package yamledit

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// tempPrefix names the temporary files WriteFile renames over the target.
// They start with a dot, so a programme's loader never reads one; a process
// killed between creating and renaming one leaves it behind, and
// CleanStale, which WriteFile calls, removes it a minute later.
const tempPrefix = ".oco-tmp-"

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
	case statErr == nil && fi.Mode().Perm()&0o222 == 0:
		return fmt.Errorf("%s: file is read-only", path)
	case statErr == nil:
		mode = fi.Mode().Perm()
	case !errors.Is(statErr, fs.ErrNotExist):
		return statErr
	}
	dir := filepath.Dir(path)
	CleanStale(dir)

	f, err := os.CreateTemp(dir, tempPrefix+"*")
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

// CleanStale removes temporary files that WriteFile left in dir more than a
// minute ago: a process killed mid-write cannot remove its own.
func CleanStale(dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), tempPrefix) || !e.Type().IsRegular() {
			continue
		}
		if info, err := e.Info(); err == nil && time.Since(info.ModTime()) > staleAfter {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
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
