package edit

import (
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/ocotool/oco/internal/programme"
)

// fixture is one programme the tests have: the shipped one and every
// programme inside the command scripts' archives.
type fixture struct {
	name  string
	files fstest.MapFS // the programme's YAML files, by path within it
}

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

	scripts, err := filepath.Glob("../cli/testdata/script/*.txtar")
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

func isYAML(name string) bool {
	for _, part := range strings.Split(name, "/") {
		if strings.HasPrefix(part, ".") {
			return false
		}
	}
	return strings.HasSuffix(name, ".yaml") || strings.HasSuffix(name, ".yml")
}

// memSource is a Source over files held in memory: edits read and write
// them there, with no lock and no disk.
func memSource(files fstest.MapFS, prefix string, asOf programme.Date) *Source {
	s := &Source{Prefix: prefix, AsOf: func(*programme.Programme) (programme.Date, error) { return asOf, nil },
		mem: map[string][]byte{}}
	for name, f := range files {
		s.mem[name] = f.Data
	}
	s.P = programme.Load(files, prefix)
	return s
}
