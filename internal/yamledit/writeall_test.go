package yamledit

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestWriteAllWholeOrNothing: a new directory appears with every file
// or not at all, and a failure in an existing one takes back what it wrote.
func TestWriteAllWholeOrNothing(t *testing.T) {
	files := map[string][]byte{"a.yaml": []byte("a: 1\n"), "b.yaml": []byte("b: 2\n"), "c.yaml": []byte("c: 3\n")}
	names := []string{"a.yaml", "b.yaml", "c.yaml"}

	parent := t.TempDir()
	dir := filepath.Join(parent, "prog")
	if err := WriteAll(dir, names, files); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadDir(dir)
	if len(got) != 3 {
		t.Errorf("new directory holds %d files, want 3", len(got))
	}
	if st, _ := os.Stat(dir); st.Mode().Perm() != 0o755 {
		t.Errorf("new directory mode %v, want 0755", st.Mode().Perm())
	}
	if left, _ := filepath.Glob(filepath.Join(parent, ".oco-init-*")); len(left) != 0 {
		t.Errorf("temporary directories left behind: %v", left)
	}

	// In an existing directory, c.yaml cannot be written (a directory is in
	// its way): a.yaml and b.yaml must be taken back.
	existing := t.TempDir()
	if err := os.Mkdir(filepath.Join(existing, "c.yaml"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := WriteAll(existing, names, files); err == nil {
		t.Fatal("writing over a directory succeeded")
	}
	var left []string
	entries, _ := os.ReadDir(existing)
	for _, e := range entries {
		left = append(left, e.Name())
	}
	if !slices.Equal(left, []string{"c.yaml"}) {
		t.Errorf("after a failed init the directory holds %v, want only what was there", left)
	}
}
