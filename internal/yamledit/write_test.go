package yamledit

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// noTemp fails if a temporary file of WriteFile's is left in dir.
func noTemp(t *testing.T, dir string) {
	t.Helper()
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), TempPrefix) {
			t.Errorf("temporary file left behind: %s", e.Name())
		}
	}
}

func TestWriteFileKeepsPermissions(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "risks.yaml")
	if err := os.WriteFile(path, []byte("old\n"), 0o640); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, 0o640); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(path, []byte("new\n")); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o640 {
		t.Errorf("mode %v, want 0640", fi.Mode().Perm())
	}
	if b, _ := os.ReadFile(path); string(b) != "new\n" {
		t.Errorf("contents %q", b)
	}
	noTemp(t, dir)
}

func TestWriteFileThroughSymlink(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "risks.yaml")
	link := filepath.Join(dir, "link.yaml")
	os.WriteFile(path, []byte("old\n"), 0o644)
	if err := os.Symlink("risks.yaml", link); err != nil {
		t.Skip(err)
	}
	if err := WriteFile(link, []byte("new\n")); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Lstat(link); fi.Mode()&os.ModeSymlink == 0 {
		t.Error("the link was replaced by a file")
	}
	if b, _ := os.ReadFile(path); string(b) != "new\n" {
		t.Errorf("target holds %q", b)
	}
}

func TestWriteFileReadOnlyFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "risks.yaml")
	os.WriteFile(path, []byte("old\n"), 0o444)
	err := WriteFile(path, []byte("new\n"))
	if err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "read-only") {
		t.Errorf("error %v, want one naming the path and saying read-only", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "old\n" {
		t.Errorf("contents %q", b)
	}
	noTemp(t, dir)
}

func TestWriteFileReadOnlyDir(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root writes into read-only directories")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "risks.yaml")
	os.WriteFile(path, []byte("old\n"), 0o644)
	os.Chmod(dir, 0o555)
	defer os.Chmod(dir, 0o755)
	err := WriteFile(path, []byte("new\n"))
	if err == nil || !strings.Contains(err.Error(), path) {
		t.Errorf("error %v, want one naming the path", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "old\n" {
		t.Errorf("contents %q", b)
	}
	noTemp(t, dir)
}

func TestCleanStale(t *testing.T) {
	dir := t.TempDir()
	old := filepath.Join(dir, TempPrefix+"1")
	fresh := filepath.Join(dir, TempPrefix+"2")
	os.WriteFile(old, nil, 0o600)
	os.WriteFile(fresh, nil, 0o600)
	past := time.Now().Add(-2 * staleAfter)
	os.Chtimes(old, past, past)
	CleanStale(dir)
	if _, err := os.Stat(old); !os.IsNotExist(err) {
		t.Error("stale temporary file kept")
	}
	if _, err := os.Stat(fresh); err != nil {
		t.Error("a write in progress lost its temporary file")
	}

	// A killed process's leftovers go at once, however fresh, in the
	// directory or below it; a live process's stay.
	dead := exec.Command("true")
	if err := dead.Run(); err != nil {
		t.Skip("no process to outlive:", err)
	}
	gone := strconv.Itoa(dead.Process.Pid)
	sub := filepath.Join(dir, "workstreams")
	os.Mkdir(sub, 0o755)
	leftFile := filepath.Join(sub, TempPrefix+gone+"-123")
	leftDir := filepath.Join(dir, InitPrefix+gone+"-456")
	mine := filepath.Join(dir, TempPrefix+strconv.Itoa(os.Getpid())+"-789")
	os.WriteFile(leftFile, nil, 0o600)
	os.Mkdir(leftDir, 0o700)
	os.WriteFile(filepath.Join(leftDir, "programme.yaml"), nil, 0o600)
	os.WriteFile(mine, nil, 0o600)
	CleanStale(dir)
	for _, p := range []string{leftFile, leftDir} {
		if _, err := os.Stat(p); !os.IsNotExist(err) {
			t.Errorf("%s: a killed process's leftover was kept", filepath.Base(p))
		}
	}
	if _, err := os.Stat(mine); err != nil {
		t.Error("a live process lost its temporary file")
	}
}

// TestUpdateConcurrent runs 20 edits of one file at once; each adds its own
// field, and none may be lost.
func TestUpdateConcurrent(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "milestones.yaml")
	if err := os.WriteFile(path, []byte(milestones), 0o644); err != nil {
		t.Fatal(err)
	}
	const n = 20
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs <- Update(path, func(old []byte) ([]byte, error) {
				d, err := Parse(old)
				if err != nil {
					return nil, err
				}
				time.Sleep(time.Millisecond) // widen the window a lost update needs
				if err := d.Set("milestones", "M-01", fmt.Sprintf("x%02d", i), Scalar("v"), order); err != nil {
					return nil, err
				}
				return d.Bytes(), nil
			})
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	b, _ := os.ReadFile(path)
	for i := range n {
		if !strings.Contains(string(b), fmt.Sprintf("    x%02d: v\n", i)) {
			t.Errorf("field x%02d lost", i)
		}
	}
	noTemp(t, dir)
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("stray files: %v", entries)
	}
}

func TestUpdateNoChangeNoWrite(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.yaml")
	os.WriteFile(path, []byte("a: 1\n"), 0o444)
	// Read-only, yet an edit that changes nothing succeeds: nothing is written.
	if err := Update(path, func(b []byte) ([]byte, error) { return b, nil }); err != nil {
		t.Fatal(err)
	}
	if err := Update(filepath.Join(dir, "missing.yaml"), func(b []byte) ([]byte, error) { return b, nil }); err == nil {
		t.Error("no error for a missing file")
	}
}
