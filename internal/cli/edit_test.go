package cli

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/ocotool/oco/internal/programme"
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

func TestNextID(t *testing.T) {
	for _, tc := range []struct {
		yaml string
		kind programme.Kind
		want string
	}{
		{"milestones:\n  - {id: M-21, title: a, due: 2024-01-01}\n  - {id: M-22, title: a, due: 2024-01-01}\n", programme.KindMilestone, "M-23"},
		{"milestones:\n  - {id: M-07, title: a, due: 2024-01-01}\n", programme.KindMilestone, "M-08"},
		{"milestones:\n  - {id: M-09, title: a, due: 2024-01-01}\n", programme.KindMilestone, "M-10"},
		{"milestones:\n  - {id: M-99, title: a, due: 2024-01-01}\n", programme.KindMilestone, "M-100"},
		{"risks:\n  - {id: R-11, title: a}\n  - {id: R-3, title: a}\n", programme.KindRisk, "R-12"},
		{"risks:\n  - {id: r1, title: a}\n", programme.KindRisk, "r2"},
		{"", programme.KindIssue, "I-1"},
		// The next number is taken by another kind: the one after.
		{"issues:\n  - {id: X-1, title: a}\ndecisions:\n  - {id: X-2, title: a, date: 2024-01-01}\n", programme.KindIssue, "X-3"},
		// No pattern; the kind's initial is in use.
		{"people:\n  - {id: ann, name: Ann}\nphases:\n  - {id: P-1, name: a, start: 2024-01-01, end: 2024-02-01}\n", programme.KindPerson, "P-2"},
	} {
		fsys := fstest.MapFS{"programme.yaml": {Data: []byte(tc.yaml)}}
		if got := nextID(programme.Load(fsys, ""), tc.kind); got != tc.want {
			t.Errorf("nextID(%s) in\n%s= %s, want %s", tc.kind, tc.yaml, got, tc.want)
		}
	}
}

func TestUnifiedDiff(t *testing.T) {
	a := "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\n15\n"
	b := strings.Replace(strings.Replace(a, "2\n", "two\n", 1), "14\n", "14\nfourteen and a half\n", 1)
	want := `--- a/f.yaml
+++ b/f.yaml
@@ -1,5 +1,5 @@
 1
-2
+two
 3
 4
 5
@@ -12,4 +12,5 @@
 12
 13
 14
+fourteen and a half
 15
`
	if got := unifiedDiff("f.yaml", []byte(a), []byte(b)); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if got := unifiedDiff("f.yaml", []byte(a), []byte(a)); got != "" {
		t.Errorf("same text: got %q", got)
	}
	want = "--- /dev/null\n+++ b/new.yaml\n@@ -0,0 +1,2 @@\n+a\n+b\n\\ No newline at end of file\n"
	if got := unifiedDiff("new.yaml", nil, []byte("a\nb")); got != want {
		t.Errorf("new file: got\n%s\nwant\n%s", got, want)
	}
}

func TestRelPath(t *testing.T) {
	for _, tc := range []struct{ prefix, display, want string }{
		{".", "milestones.yaml", "milestones.yaml"},
		{"programme", "programme/ws/a.yaml", "ws/a.yaml"},
		{"./programme/", "programme/a.yaml", "a.yaml"},
		{"..", "../a.yaml", "a.yaml"},
		{"/", "/a.yaml", "a.yaml"},
		{"/tmp/p", "/tmp/p/a.yaml", "a.yaml"},
	} {
		if got, err := relPath(tc.prefix, tc.display); err != nil || got != tc.want {
			t.Errorf("relPath(%q, %q) = %q, %v; want %q", tc.prefix, tc.display, got, err, tc.want)
		}
	}
	if _, err := relPath("programme", "other/a.yaml"); err == nil {
		t.Error("a file outside the prefix: no error")
	}
}

// The overlay shows a new file in its directory and replaces an old one,
// so that the loader reads the programme as the edit would leave it.
func TestOverlayFS(t *testing.T) {
	base := fstest.MapFS{
		"programme.yaml": {Data: []byte(editProgramme)},
		"ws/a.yaml":      {Data: []byte("risks: []\n")},
	}
	o := overlayFS{base: base, files: map[string][]byte{
		"ws/a.yaml": []byte("issues: []\n"),
		"ws/b.yaml": []byte("decisions: []\n"),
	}}
	var names []string
	fs.WalkDir(o, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, name)
		return nil
	})
	if got := strings.Join(names, " "); got != ". programme.yaml ws ws/a.yaml ws/b.yaml" {
		t.Errorf("walk: %s", got)
	}
	if data, _ := fs.ReadFile(o, "ws/a.yaml"); string(data) != "issues: []\n" {
		t.Errorf("ws/a.yaml reads %q", data)
	}
	if data, _ := fs.ReadFile(o, "programme.yaml"); string(data) != editProgramme {
		t.Errorf("programme.yaml reads %q", data)
	}
}
