package gitrev

import (
	"testing"
	"testing/fstest"
)

func TestFilesConformance(t *testing.T) {
	for _, files := range []Files{nil, {"programme.yaml": []byte("programme:\n  id: P\n"), "b.yaml": nil}} {
		var names []string
		for name := range files {
			names = append(names, name)
		}
		if err := fstest.TestFS(files, names...); err != nil {
			t.Error(err)
		}
	}
}

// Hash names a file's bytes: the same at two revisions where the file did
// not change, different where it did, and nothing for what is no file.
func TestHash(t *testing.T) {
	top, revs := history(t)
	r := open(t, top)
	hashes := map[string]map[string]string{} // name -> text -> hash
	for i, rev := range revs {
		fsys, err := r.FS(rev.hash, "programme")
		if err != nil {
			t.Fatal(err)
		}
		for name, text := range rev.files {
			h, ok := Hash(fsys, name)
			if !ok {
				t.Fatalf("revision %d: no hash for %s", i+1, name)
			}
			if hashes[name] == nil {
				hashes[name] = map[string]string{}
			}
			if old, seen := hashes[name][text]; seen && old != h {
				t.Errorf("revision %d: %s unchanged but its hash moved", i+1, name)
			}
			hashes[name][text] = h
		}
		if _, ok := Hash(fsys, "."); ok {
			t.Errorf("revision %d: a hash for the directory itself", i+1)
		}
		if _, ok := Hash(fsys, "no-such.yaml"); ok {
			t.Errorf("revision %d: a hash for a missing file", i+1)
		}
	}
	for name, byText := range hashes {
		seen := map[string]bool{}
		for _, h := range byText {
			if seen[h] {
				t.Errorf("%s: two texts with one hash", name)
			}
			seen[h] = true
		}
	}
	if _, ok := Hash(Files{"a.yaml": nil}, "a.yaml"); ok {
		t.Error("a hash for a file held in memory")
	}
}
