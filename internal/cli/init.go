package cli

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"text/template"
	"time"

	"github.com/spf13/cobra"

	"github.com/ocotool/oco/internal/programme"
	"github.com/ocotool/oco/internal/yamledit"
)

// initTemplates are the files of a new programme. Their dates are set
// from the day oco init runs, so that a new programme has no milestone
// overdue and no review already missed.
//
//go:embed inittemplate
var initTemplates embed.FS

func newInitCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:     "init [DIR]",
		GroupID: "edit",
		Short:   "Create a programme directory with an example of every section",
		Long: `Create a programme directory (DIR, else --dir, else ./programme) holding a
commented example of every section: programme.yaml (the header, people,
bodies and workstreams), phases.yaml, milestones.yaml, risks.yaml,
assumptions.yaml, issues.yaml, decisions.yaml and benefits.yaml, dated from
this month. It validates as written. With them come a README.md on working
with the files and reviewing changes, and a .gitattributes for git diff.

Each YAML file starts with a yaml-language-server modeline naming
.schema.json in the directory, which init writes too: the JSON Schema of
'oco schema', for completion and checking in editors.

oco init never overwrites: it refuses a directory that already holds a
programme, or any of the files it would write.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := g.dir
			if len(args) == 1 {
				dir = args[0]
			}
			if dir == "" {
				dir = "programme"
			}
			return runInit(g, dir)
		},
	}
}

func runInit(g *globals, dir string) error {
	display := g.displayDir(dir)
	files, err := scaffold(display, g.env.Now())
	if err != nil {
		return err
	}
	if st, err := os.Stat(dir); err == nil && !st.IsDir() {
		return usageError("%s exists and is not a directory", display)
	}
	// Refuse before writing anything: a programme there already, or a file
	// of ours in the way.
	if p := programme.LoadDir(dir, display); p.Header.File != "" {
		return usageError("%s already holds a programme (%s); oco init does not overwrite", display, p.Header.File)
	}
	names := slices.Sorted(func(yield func(string) bool) {
		for name := range files {
			if !yield(name) {
				return
			}
		}
	})
	// A file of ours already there is refused, unless it is exactly what
	// this run would write: the leftover of an init that was killed, which
	// this one completes.
	for _, name := range names {
		target := filepath.Join(dir, name)
		if _, err := os.Lstat(target); err == nil {
			if b, err := os.ReadFile(target); err != nil || !bytes.Equal(b, files[name]) {
				return usageError("%s already exists; oco init does not overwrite", path.Join(display, name))
			}
		}
	}
	if err := writeScaffold(dir, names, files); err != nil {
		return usageError("%v", unwrapEditError(err))
	}
	// Only now say what was made: a reader that stops reading cannot leave
	// half a programme behind.
	for _, name := range names {
		if _, err := fmt.Fprintln(g.env.Out, path.Join(display, name)); err != nil {
			return err
		}
	}
	return nil
}

// writeScaffold writes the new programme whole or not at all, whatever
// happens to the process. The files are written into a temporary directory
// inside dir (dot-named, so no loader reads it, and marked with this
// process's id, so the next command removes it if this one is killed),
// then renamed into place one by one, programme.yaml last: until it is in
// place, dir holds no programme, and a second oco init completes the first.
func writeScaffold(dir string, names []string, files map[string][]byte) error {
	if err := os.MkdirAll(dir, 0o777); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(dir, yamledit.TempPattern(yamledit.InitPrefix))
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	for _, name := range names {
		target := filepath.Join(tmp, name)
		if err := os.MkdirAll(filepath.Dir(target), 0o777); err != nil {
			return err
		}
		if err := os.WriteFile(target, files[name], 0o644); err != nil {
			return err
		}
	}
	last := slices.Index(names, "programme.yaml")
	order := slices.Clone(names)
	if last >= 0 {
		order = append(slices.Delete(order, last, last+1), "programme.yaml")
	}
	var placed []string // taken back if a later one fails
	for _, name := range order {
		target := filepath.Join(dir, name)
		err := os.MkdirAll(filepath.Dir(target), 0o777)
		if err == nil {
			var f *os.File
			if f, err = os.Open(filepath.Join(tmp, name)); err == nil {
				err = f.Sync()
				f.Close()
			}
		}
		if err == nil {
			err = os.Rename(filepath.Join(tmp, name), target)
		}
		if err != nil {
			for _, p := range placed {
				os.Remove(p)
			}
			return err
		}
		placed = append(placed, target)
	}
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}

// scaffold renders the templates for a programme in dir (as the README
// names it) starting in the month of now: file name to contents.
func scaffold(dir string, now time.Time) (map[string][]byte, error) {
	y, m, _ := now.Date()
	month := func(n int) programme.Date {
		return programme.DateOf(time.Date(y, m+time.Month(n), 1, 0, 0, 0, 0, time.UTC))
	}
	funcs := template.FuncMap{
		"month":  month,
		"before": func(d programme.Date) programme.Date { return d.AddDays(-1) },
		"days":   func(d programme.Date, n int) programme.Date { return d.AddDays(n) },
	}
	data := struct {
		Start, End programme.Date
		Name, Dir  string
	}{Start: month(0), End: month(12).AddDays(-1), Name: "Example programme", Dir: dir}

	out := map[string][]byte{}
	err := fs.WalkDir(initTemplates, "inittemplate", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		src, err := fs.ReadFile(initTemplates, name)
		if err != nil {
			return err
		}
		t, err := template.New(name).Funcs(funcs).Option("missingkey=error").Parse(string(src))
		if err != nil {
			return err
		}
		var b bytes.Buffer
		if err := t.Execute(&b, data); err != nil {
			return err
		}
		file := strings.TrimSuffix(path.Base(name), ".tmpl")
		if file == "gitattributes" || file == "gitignore" {
			file = "." + file // a dot-file would not be embedded as it is
		}
		out[file] = b.Bytes()
		return nil
	})
	if err != nil {
		return nil, errors.New("oco's own templates are broken: " + err.Error())
	}
	// The files' modelines name it; dot-named, so the loader skips it.
	out[".schema.json"] = programme.Schema()
	return out, nil
}
