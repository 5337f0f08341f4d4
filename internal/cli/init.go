package cli

import (
	"bytes"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"

	"github.com/spf13/cobra"

	"github.com/ocotool/oco/internal/edit"
	"github.com/ocotool/oco/internal/programme"
	"github.com/ocotool/oco/internal/yamledit"
)

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
	files, err := edit.Scaffold(display, g.env.Now())
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
	if err := yamledit.WriteAll(dir, names, files); err != nil {
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
