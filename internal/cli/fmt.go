package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/ocotool/oco/internal/programme"
	"github.com/ocotool/oco/internal/yamledit"
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
		prefix := g.displayDir(dir)
		p := programme.Load(os.DirFS(dir), prefix)
		for _, f := range p.Files {
			rel, err := relPath(prefix, f)
			if err != nil {
				return cantRun(err)
			}
			files = append(files, fmtFile{filepath.Join(dir, filepath.FromSlash(rel)), f})
		}
	}
	differ, broken := 0, 0
	for _, f := range files {
		changed, err := formatFile(f.path, o.check)
		if err != nil {
			fmt.Fprintln(g.env.Err, fmtError(f.display, err))
			broken++
			continue
		}
		if changed {
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

// formatError is a file that could not be put in canonical form.
type formatError struct {
	src []byte
	err error
}

func (e *formatError) Error() string { return e.err.Error() }

// formatFile puts one file in canonical form, or with check only says
// whether it is. The file is rewritten only if it changes, atomically and
// under its lock, so an edit made meanwhile is neither lost nor clobbered.
func formatFile(path string, check bool) (bool, error) {
	format := func(src []byte) ([]byte, error) {
		out, err := yamledit.Format(src, keyOrder)
		if err != nil {
			return nil, &formatError{src, err}
		}
		return out, nil
	}
	if check {
		src, err := os.ReadFile(path)
		if err != nil {
			return false, err
		}
		out, err := format(src)
		return err == nil && !bytes.Equal(out, src), err
	}
	changed := false
	err := yamledit.Update(path, func(old []byte) ([]byte, error) {
		out, err := format(old)
		changed = err == nil && !bytes.Equal(out, old)
		return out, err
	})
	return changed, err
}

// fmtError says why a file was not formatted. Where it is not valid YAML,
// it says so as oco validate does, at the line at fault.
func fmtError(name string, err error) string {
	var fe *formatError
	if errors.As(err, &fe) {
		p := programme.Load(overlayFS{base: emptyDir{}, files: map[string][]byte{"file.yaml": fe.src}}, ".")
		for _, f := range p.Findings {
			if f.Rule == "syntax" && f.Pos.File == "file.yaml" {
				f.Pos.File = name
				return f.String()
			}
		}
		return fmt.Sprintf("%s: cannot put in canonical form: %v", name, fe.err)
	}
	return fmt.Sprintf("%s: %v", name, unwrapPath(err))
}

// emptyDir is a directory with nothing in it, for loading one file alone.
type emptyDir struct{}

func (emptyDir) Open(name string) (fs.File, error) {
	if name != "." {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return emptyDirFile{}, nil
}

func (emptyDir) ReadDir(name string) ([]fs.DirEntry, error) {
	if name != "." {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	return nil, nil
}

type emptyDirFile struct{}

func (emptyDirFile) Stat() (fs.FileInfo, error) { return emptyDirInfo{}, nil }
func (emptyDirFile) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: ".", Err: errors.New("is a directory")}
}
func (emptyDirFile) Close() error { return nil }

type emptyDirInfo struct{}

func (emptyDirInfo) Name() string       { return "." }
func (emptyDirInfo) Size() int64        { return 0 }
func (emptyDirInfo) Mode() fs.FileMode  { return fs.ModeDir | 0o755 }
func (emptyDirInfo) ModTime() time.Time { return time.Time{} }
func (emptyDirInfo) IsDir() bool        { return true }
func (emptyDirInfo) Sys() any           { return nil }
