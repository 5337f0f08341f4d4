package cli

import (
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/rogpeppe/go-internal/txtar"
)

// fixture is one programme the tests have: the shipped one, the one oco
// init writes, and every programme inside the scripts' archives.
type fixture struct {
	name  string
	files fstest.MapFS // the programme's YAML files, by path within it
}

// fixtures gathers every programme in the repository. A programme in an
// archive is a folder (or the archive's root) that holds programme.yaml,
// with every YAML file below it.
func fixtures(t testing.TB) []fixture {
	t.Helper()
	var out []fixture
	shipped := fstest.MapFS{}
	err := fs.WalkDir(os.DirFS("../../programme"), ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !isYAML(name) {
			return err
		}
		data, err := os.ReadFile(filepath.Join("../../programme", name))
		shipped[name] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	out = append(out, fixture{"programme", shipped})

	initFiles, err := scaffold("programme", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	fresh := fstest.MapFS{}
	for name, data := range initFiles {
		if isYAML(name) {
			fresh[name] = &fstest.MapFile{Data: data}
		}
	}
	out = append(out, fixture{"init", fresh})

	scripts, err := filepath.Glob("testdata/script/*.txtar")
	if err != nil {
		t.Fatal(err)
	}
	for _, script := range scripts {
		a, err := txtar.ParseFile(script)
		if err != nil {
			t.Fatal(err)
		}
		var roots []string
		for _, f := range a.Files {
			if path.Base(f.Name) == "programme.yaml" {
				roots = append(roots, path.Dir(f.Name))
			}
		}
		slices.Sort(roots)
		for _, root := range roots {
			fx := fixture{name: filepath.Base(script) + ":" + root, files: fstest.MapFS{}}
			for _, f := range a.Files {
				rel := f.Name
				if root != "." {
					var ok bool
					if rel, ok = strings.CutPrefix(f.Name, root+"/"); !ok {
						continue
					}
				}
				if isYAML(rel) {
					fx.files[rel] = &fstest.MapFile{Data: f.Data}
				}
			}
			out = append(out, fx)
		}
	}
	return out
}

// isYAML reports whether the loader reads a file: .yaml or .yml, with no
// part of its path starting with a dot.
func isYAML(name string) bool {
	for _, part := range strings.Split(name, "/") {
		if strings.HasPrefix(part, ".") {
			return false
		}
	}
	return strings.HasSuffix(name, ".yaml") || strings.HasSuffix(name, ".yml")
}
