package cli

import (
	"fmt"
	"os"
	"path"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/ocotool/oco/internal/edit"
	"github.com/ocotool/oco/internal/programme"
)

type fmtOptions struct {
	check bool
}

func newFmtCmd(g *globals) *cobra.Command {
	o := &fmtOptions{}
	cmd := &cobra.Command{
		Use:     "fmt [FILE...]",
		GroupID: "edit",
		Short:   "Rewrite programme files in the canonical form",
		Long: `Rewrite every file of the programme (or the FILEs given) in the canonical
form: each item's keys in the format's order, two-space indentation, items
as "  - id: ...", dates unquoted. Comments, blank lines, the order of items,
quoting and flow or block style stay as they are, and the data never
changes. Files already canonical are not touched; the names of those
rewritten are printed.

--check writes nothing: it prints the names of the files that are not
canonical and exits 1 if there are any, for CI.

A file that is not valid YAML is reported on stderr, as oco validate
reports it, and left alone; the other files are still formatted, and the
exit status is 2.`,
		RunE: func(cmd *cobra.Command, args []string) error { return runFmt(g, o, args) },
	}
	cmd.Flags().BoolVar(&o.check, "check", false, "list the files that are not canonical and exit 1 if any; write nothing")
	return cmd
}

// fmtFile is a file to format: its path and how to name it.
type fmtFile struct{ path, display string }

func runFmt(g *globals, o *fmtOptions, args []string) error {
	var files []fmtFile
	if len(args) > 0 {
		for _, a := range args {
			files = append(files, fmtFile{a, filepath.ToSlash(a)})
		}
	} else {
		dir, err := g.findDir()
		if err != nil {
			return err
		}
		// Only the list of files is needed: the programme is not loaded.
		prefix := g.displayDir(dir)
		for _, name := range programme.Files(os.DirFS(dir), func(string, error) {}) {
			files = append(files, fmtFile{filepath.Join(dir, filepath.FromSlash(name)), path.Join(prefix, name)})
		}
	}
	paths := make([]string, len(files))
	for i, f := range files {
		paths[i] = f.path
	}
	changed, errs := edit.FormatFiles(paths, o.check)
	differ, broken := 0, 0
	for i, f := range files {
		if err := errs[i]; err != nil {
			fmt.Fprintln(g.env.Err, fmtError(f.display, err))
			broken++
			continue
		}
		if changed[i] {
			fmt.Fprintln(g.env.Out, f.display)
			differ++
		}
	}
	switch {
	case broken > 0:
		return &exitError{code: ExitCantRun, err: fmt.Errorf("%s not formatted", programme.Plural(broken, "file"))}
	case o.check && differ > 0:
		return errFailed
	}
	return nil
}

// fmtError says why a file was not formatted.
func fmtError(name string, err error) string {
	if fe, ok := edit.IsFormatError(err); ok {
		return fe.Describe(name)
	}
	return fmt.Sprintf("%s: %v", name, unwrapPath(err))
}
