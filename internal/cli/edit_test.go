package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const editProgramme = `programme:
  id: demo
  name: Demo
  start: 2024-01-01
  end: 2024-12-31
  as_of: 2024-06-01
milestones:
  - id: M-1
    title: First
    due: 2024-02-01
`

// runEdit runs oco in dir and returns its exit status and output.
func runEdit(t *testing.T, dir string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	env := &Env{In: strings.NewReader(""), Out: &out, Err: &errOut,
		Getenv: func(string) string { return "" },
		Getwd:  func() (string, error) { return dir, nil }}
	code := Run(env, append([]string{"-C", dir}, args...))
	return code, out.String(), errOut.String()
}

func writeProgramme(t *testing.T) (dir, file string) {
	t.Helper()
	dir = t.TempDir()
	file = filepath.Join(dir, "programme.yaml")
	if err := os.WriteFile(file, []byte(editProgramme), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir, file
}

// A read-only file is not written, as an editor would not write it, even
// where the user (root) could: exit status 2, and a reason.
func TestEditReadOnlyFile(t *testing.T) {
	dir, file := writeProgramme(t)
	if err := os.Chmod(file, 0o444); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"set", "M-1", "due=2024-03-01"},
		{"done", "M-1", "--on", "2024-02-01"},
		{"add", "milestone", "--title", "Second", "--due", "2024-04-01"},
	} {
		code, _, stderr := runEdit(t, dir, args...)
		if code != ExitCantRun || !strings.Contains(stderr, "file is read-only") {
			t.Errorf("oco %s: exit %d, stderr %q; want 2 and read-only", strings.Join(args, " "), code, stderr)
		}
		if got, _ := os.ReadFile(file); string(got) != editProgramme {
			t.Errorf("oco %s changed a read-only file", args[0])
		}
	}
	// fmt writes only what changes: a canonical read-only file is fine,
	// one out of order is reported.
	if code, _, stderr := runEdit(t, dir, "fmt"); code != 0 {
		t.Errorf("oco fmt on a canonical read-only file: exit %d, %s", code, stderr)
	}
	messy := strings.Replace(editProgramme, "    title: First\n    due: 2024-02-01\n", "    due: 2024-02-01\n    title: First\n", 1)
	os.Chmod(file, 0o644)
	os.WriteFile(file, []byte(messy), 0o444)
	os.Chmod(file, 0o444)
	if code, _, stderr := runEdit(t, dir, "fmt"); code != ExitCantRun || !strings.Contains(stderr, "file is read-only") {
		t.Errorf("oco fmt on a read-only file to change: exit %d, stderr %q", code, stderr)
	}
	if got, _ := os.ReadFile(file); string(got) != messy {
		t.Error("oco fmt changed a read-only file")
	}
	assertOnly(t, dir, "programme.yaml")
}

// A directory that cannot be written to stops the edit cleanly. Root
// writes to such directories all the same, so the test needs another user.
func TestEditReadOnlyDir(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root can write to a read-only directory")
	}
	dir, file := writeProgramme(t)
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(dir, 0o755) })
	code, _, stderr := runEdit(t, dir, "set", "M-1", "due=2024-03-01")
	if code != ExitCantRun || !strings.Contains(stderr, "directory is not writable") {
		t.Errorf("exit %d, stderr %q; want 2 and directory is not writable", code, stderr)
	}
	if got, _ := os.ReadFile(file); string(got) != editProgramme {
		t.Error("the file changed")
	}
	assertOnly(t, dir, "programme.yaml")
}

// assertOnly checks that dir holds exactly the files named: no temporary
// file is left behind.
func assertOnly(t *testing.T, dir string, names ...string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	if strings.Join(got, " ") != strings.Join(names, " ") {
		t.Errorf("%s holds %v, want %v", dir, got, names)
	}
}
