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
