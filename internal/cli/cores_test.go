package cli

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
)

// Files are parsed on every core, a large one in pieces; what oco says
// must not depend on how many cores there are. Every programme in the
// repository (the shipped one, the portfolio fixtures, each one written
// in a command test) and a generated one of large files are run through
// several commands on one core and on eight, and the outputs compared
// byte for byte.
func TestSameOnEveryCore(t *testing.T) {
	dirs := []string{shippedDir(t), "../portfolio/testdata/lco/programme", "../portfolio/testdata/lco-v2"}
	archives, _ := filepath.Glob("testdata/script/*.txtar")
	for _, name := range archives {
		a, err := txtar.ParseFile(name)
		if err != nil {
			t.Fatal(err)
		}
		root := t.TempDir()
		for _, f := range a.Files {
			p := filepath.Join(root, filepath.FromSlash(f.Name))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, f.Data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err == nil && d.Name() == "programme.yaml" {
				dirs = append(dirs, filepath.Dir(p))
			}
			return nil
		})
	}
	dirs = append(dirs, largeProgramme(t))
	commands := [][]string{
		{"validate"}, {"validate", "-o", "json"}, {"status", "-o", "json"}, {"milestones", "-o", "json"},
		{"critical-path"}, {"risks"}, {"export", "--format", "json"},
	}
	run := func(dir string, args []string) string {
		var out, errOut bytes.Buffer
		env := &Env{In: strings.NewReader(""), Out: &out, Err: &errOut,
			Getenv: func(string) string { return "" },
			Getwd:  func() (string, error) { return dir, nil }}
		code := Run(env, append([]string{"-C", dir, "--as-of", "2017-06-30"}, args...))
		return fmt.Sprintf("exit %d\n%s\n--- stderr\n%s", code, out.String(), errOut.String())
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	for _, dir := range dirs {
		for _, args := range commands {
			runtime.GOMAXPROCS(1)
			one := run(dir, args)
			runtime.GOMAXPROCS(8)
			eight := run(dir, args)
			if one != eight {
				t.Errorf("oco %s in %s says one thing on one core and another on eight:\n%s\n--- on eight cores:\n%s",
					strings.Join(args, " "), dir, one, eight)
			}
		}
	}
	t.Logf("%d programmes, %d commands each", len(dirs), len(commands))
}

// largeProgramme writes a programme of files large enough to be parsed on
// several cores, one of them in a shape only the YAML library reads (a
// block of text with a more-indented line), which is split into pieces.
func largeProgramme(t *testing.T) string {
	dir := t.TempDir()
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("programme.yaml", "programme:\n  id: BIG\n  name: Large\n  start: 2017-01-01\n  end: 2018-12-31\n  as_of: 2017-06-30\n")
	for f := range 3 {
		var b strings.Builder
		b.WriteString("milestones:\n")
		for i := range 4000 {
			fmt.Fprintf(&b, "  - id: M-%d-%d\n    title: Milestone %d of file %d\n    due: 2017-%02d-%02d\n", f, i, i, f, 1+i%12, 1+i%28)
			if i > 0 {
				fmt.Fprintf(&b, "    depends_on: [M-%d-%d]\n", f, i-1)
			}
			if f == 2 && i%100 == 0 {
				b.WriteString("    notes: |\n      kept as written\n        indented more\n")
			}
			if i%250 == 7 {
				b.WriteString("    owner: nobody-known\n") // an unknown ref: findings to compare
			}
		}
		write(fmt.Sprintf("w%d.yaml", f), b.String())
	}
	return dir
}
