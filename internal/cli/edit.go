package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"

	"github.com/ocotool/oco/internal/edit"
	"github.com/ocotool/oco/internal/programme"
)

// The edit commands (add, set, done) are wiring: flags into an options
// struct, one call of the edit transaction in internal/edit, and the
// result, diff and findings it returns rendered here.

// editFlags are the flags every edit command takes.
type editFlags struct {
	dryRun bool
}

func (f *editFlags) register(fs interface {
	BoolVarP(p *bool, name, short string, value bool, usage string)
}) {
	fs.BoolVarP(&f.dryRun, "dry-run", "n", false, "print the change as a unified diff and write nothing")
}

// loadEdit reads the programme for an edit, as load does for a view, and
// returns it with the reporting date of this run.
func (g *globals) loadEdit() (*edit.Source, programme.Date, error) {
	dir, err := g.findDir()
	if err != nil {
		return nil, 0, err
	}
	src := edit.Load(dir, g.displayDir(dir), g.reportingDate)
	asOf, err := g.reportingDate(src.P)
	if err != nil {
		return nil, 0, err
	}
	if err := g.refuseUnread(src.P); err != nil {
		return nil, 0, err
	}
	return src, asOf, nil
}

// finish shows what an edit did: with dryRun its diff; the errors it would
// add, which make it refused (exit status 1).
func (g *globals) finish(res *edit.Result, dryRun bool) error {
	if dryRun {
		io.WriteString(g.env.Out, res.Diff())
		// Then what the change means, as oco diff would say it.
		if len(res.Errors) == 0 && res.Old != nil && string(res.Old) != string(res.New) {
			if err := editSummary(g, res); err != nil {
				return err
			}
		}
	}
	if n := len(res.Errors); n > 0 {
		for _, f := range res.Errors {
			fmt.Fprintln(g.env.Err, f)
		}
		return &exitError{code: ExitFailed, err: fmt.Errorf("nothing changed: the edit would add %s (shown above, at the lines the file would have)", programme.Plural(n, "error"))}
	}
	return nil
}

// editError gives an error of the edit its exit status: 1 for an edit the
// programme refuses, 2 for one asked for wrongly or that could not run.
func editError(err error) error {
	var ee *exitError
	var ce *edit.ConflictError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &ee):
		return err
	case errors.As(err, &ce):
		return &exitError{code: ExitFailed, err: err}
	}
	return &exitError{code: ExitCantRun, err: err}
}

// today is the date by the run's one clock, for "today" in an edit.
func (g *globals) today() programme.Date { return programme.DateOf(g.env.Now()) }

// unwrapEditError says what went wrong with a file in the user's terms:
// "path: permission denied", not "open path: permission denied".
func unwrapEditError(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return fmt.Errorf("%s: %v", pe.Path, pe.Err)
	}
	return err
}
