package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"

	"github.com/spf13/cobra"

	"github.com/ocotool/oco/internal/programme"
	"github.com/ocotool/oco/internal/render"
	"github.com/ocotool/oco/internal/schedule"
	"github.com/ocotool/oco/internal/yamledit"
)

// version is set at build time with -ldflags "-X ...cli.version=v1.2.3".
var version = "devel"

// globals are the flags every command takes.
type globals struct {
	env         *Env
	dir         string
	asOf        string
	output      string
	noColor     bool
	allowErrors bool

	// partial is the programme a view showed although part of it could
	// not be read: the run ends with a banner and exit status 1.
	partial *programme.Programme

	bom    bool          // --bom, with -o csv
	chosen render.Format // the -o value as format checked it

	limited bool // the memory policy is set: once a run, however often findDir is asked
}

func newRootCmd(env *Env) (*cobra.Command, *globals) {
	g := &globals{env: env}
	root := &cobra.Command{
		Use:   "oco",
		Short: "Track a programme kept as YAML files in git",
		Long: `oco reads a programme (phases, milestones, risks, assumptions, issues,
decisions, benefits and the people and boards who own them) from YAML files,
checks that its dates and dependencies hold together, prints where it stands,
edits its files without disturbing them, and explains what changed between
two git revisions.

The programme directory is --dir, else $OCO_DIR, else the first of
./programme.yaml or ./programme/programme.yaml from here up to the root.`,
		Version:       version,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	withExitStatus(root)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error {
		return usageError("%v", err)
	})
	pf := root.PersistentFlags()
	pf.StringVarP(&g.dir, "dir", "C", "", "the programme directory")
	pf.StringVar(&g.asOf, "as-of", "", "the reporting date, YYYY-MM-DD or today (default: the programme's as_of)")
	pf.BoolVar(&g.noColor, "no-color", false, "never colour the output (NO_COLOR does the same)")
	pf.BoolVar(&g.allowErrors, "allow-errors", false, "show a programme that could not be read whole, and exit 0")
	pf.BoolVar(&env.noPager, "no-pager", false, "never page the output on a terminal")
	root.AddGroup(&cobra.Group{ID: "view", Title: "Seeing where the programme stands:"},
		&cobra.Group{ID: "plan", Title: "Dependencies and the schedule:"},
		&cobra.Group{ID: "edit", Title: "Changing the programme:"},
		&cobra.Group{ID: "git", Title: "Review, CI and other tools:"})
	cmds := []*cobra.Command{
		newStatusCmd(g), withUpstream(g, newValidateCmd(g)),
		newShowCmd(g), newTimelineCmd(g),
		newDepsCmd(g), newCriticalPathCmd(g), newGraphCmd(g), newForecastCmd(g),
		newInitCmd(g), newAddCmd(g), newSetCmd(g), newDoneCmd(g), newFmtCmd(g),
		newDiffCmd(g), newHistoryCmd(g), newExportCmd(g), newReportCmd(g), newSchemaCmd(g),
		newVersionCmd(g), newManCmd(g), newPortfolioCmd(g), newUpstreamCmd(g),
		newImportCmd(g), newCompletionCmd(g),
	}
	cmds = append(cmds, helpTopics()...)
	cmds = append(cmds, newListCmds(g)...)
	for _, c := range cmds {
		root.AddCommand(g.register(c))
	}
	root.SetHelpCommand(withHelpExamples(newHelpCmd(root)))
	root.SetHelpCommandGroupID("")
	root.SetCompletionCommandGroupID("")
	return root, g
}

// addOutputFlag gives a command that prints data its -o/--output flag.
func (g *globals) addOutputFlag(cmd *cobra.Command, def string, formats ...render.Format) {
	usage := "output format:"
	for i, f := range formats {
		if i > 0 {
			usage += "|"
		} else {
			usage += " "
		}
		usage += string(f)
	}
	// The default is the first format, kept out of the shared variable:
	// every command's default would otherwise overwrite the last one's.
	cmd.Flags().StringVarP(&g.output, "output", "o", "", usage)
	cmd.Flags().Lookup("output").DefValue = def
}

// format checks the -o value against the formats a command allows.
func (g *globals) format(allowed ...render.Format) (render.Format, error) {
	f, err := render.ParseFormat(g.output, allowed...)
	if err != nil {
		return "", usageError("%v", err)
	}
	g.chosen = f
	return f, nil
}

// term describes the standard output: a terminal or not, colour, width.
func (g *globals) term() render.Term {
	isTerm, width := g.env.Terminal(g.env.Out)
	return render.NewTerm(g.stdout(), isTerm, width, g.noColor, g.env.Getenv)
}

// errorTerm describes the standard error stream.
func (g *globals) errorTerm() render.Term {
	isTerm, width := g.env.Terminal(g.env.Err)
	return render.NewTerm(g.env.Err, isTerm, width, g.noColor, g.env.Getenv)
}

// findDir finds the programme directory: --dir, $OCO_DIR, or a search from
// the working directory upwards.
func (g *globals) findDir() (dir string, err error) {
	defer func() {
		if err == nil {
			// What a killed edit or init left behind goes before anything
			// reads or writes the programme.
			yamledit.CleanStale(dir)
			g.limitMemory(dir)
		}
	}()
	if g.dir != "" {
		return checkDir(g.dir, "--dir")
	}
	if d := g.env.Getenv("OCO_DIR"); d != "" {
		return checkDir(d, "OCO_DIR")
	}
	wd, err := g.env.Getwd()
	if err != nil {
		return "", usageError("cannot tell the working directory: %v", err)
	}
	for d := wd; ; d = filepath.Dir(d) {
		for _, cand := range []string{d, filepath.Join(d, "programme")} {
			if st, err := os.Stat(filepath.Join(cand, "programme.yaml")); err == nil && st.Mode().IsRegular() {
				return cand, nil
			}
		}
		if filepath.Dir(d) == d {
			break
		}
	}
	return "", usageError("no programme directory: no programme.yaml or programme/programme.yaml here or above %s (use --dir or OCO_DIR, or create one with 'oco init')", wd)
}

func checkDir(dir, from string) (string, error) {
	st, err := os.Stat(dir)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return "", usageError("%s %s: no such directory", from, dir)
		}
		return "", usageError("%s %s: %v", from, dir, unwrapPath(err))
	}
	if !st.IsDir() {
		return "", usageError("%s %s: not a directory", from, dir)
	}
	return dir, nil
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// displayDir is how findings name the directory: relative to the working
// directory where that is shorter, as go vet does.
func (g *globals) displayDir(dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return filepath.ToSlash(dir)
	}
	if wd, err := g.env.Getwd(); err == nil {
		if rel, err := filepath.Rel(wd, abs); err == nil && !filepath.IsAbs(rel) && len(rel) < len(abs) {
			return filepath.ToSlash(rel)
		}
	}
	return filepath.ToSlash(dir)
}

// session is a loaded programme and the reporting date of this run.
type session struct {
	g    *globals
	dir  string
	p    *programme.Programme
	asOf programme.Date

	sched *schedule.Plan
}

// load finds and reads the programme for a command that shows it. Problems
// in its files are not errors here: they are findings, for the command to
// show as it sees fit. A programme that could not be read whole (a file
// unread, a file or item that did not parse) is shown as far as it goes,
// and the run then ends with a banner and exit status 1 (SPEC 7.1); one
// with no programme section at all cannot be shown: exit status 2.
func (g *globals) load() (*session, error) {
	s, err := g.loadPartial()
	if err != nil {
		return nil, err
	}
	p := s.p
	if p.Header.File == "" {
		for _, f := range p.Findings {
			if f.Rule == "syntax" {
				fmt.Fprintf(g.env.Err, "%s\n", f)
			}
		}
		if p.Incomplete() {
			return nil, usageError("no programme section could be read in %s: %s", s.g.displayDir(s.dir), p.Loss())
		}
		return nil, usageError("no programme section in %s: one file must hold `programme:` with id, name, start and end", s.g.displayDir(s.dir))
	}
	if p.Incomplete() {
		g.partial = p
	}
	return s, nil
}

// loadWhole is load for a command that must not act on part of the
// programme (an edit, a comparison): a file that could not be read at all
// is exit status 2.
func (g *globals) loadWhole() (*session, error) {
	s, err := g.load()
	if err != nil {
		return nil, err
	}
	if err := s.unreadable(); err != nil {
		return nil, err
	}
	g.partial = nil
	return s, nil
}

// partialExit is the exit status of a run that went well, but for a view
// of a programme not read whole: its banner, on stderr, and status 1.
func (g *globals) partialExit() int {
	p := g.partial
	if p == nil {
		return ExitOK
	}
	for _, f := range p.Findings {
		if f.Rule == "syntax" {
			fmt.Fprintf(g.env.Err, "%s\n", f)
		}
	}
	fmt.Fprintf(g.env.Err, "oco: this is not the whole programme: %s\n", p.Loss())
	if g.allowErrors {
		return ExitOK
	}
	fmt.Fprintf(g.env.Err, "oco: exit status 1; --allow-errors shows it and exits 0\n")
	return ExitFailed
}

// unreadable is the exit status 2 error for a programme with files that
// could not be read, or nil: an edit or a comparison must not be made
// against part of the programme.
func (s *session) unreadable() error { return s.g.refuseUnread(s.p) }

// refuseUnread prints the findings of p's files that could not be read and
// returns the exit status 2 error for them, or nil where there are none.
func (g *globals) refuseUnread(p *programme.Programme) error {
	if n := len(p.Unread); n > 0 {
		for _, f := range p.Findings {
			if slices.Contains(p.Unread, f.Pos.File) {
				fmt.Fprintf(g.env.Err, "%s\n", f)
			}
		}
		return usageError("could not read %s of the programme", programme.Plural(n, "file"))
	}
	return nil
}

// loadPartial reads the programme as load does, but also when some of its
// files cannot be read, for validate to report them with everything else.
func (g *globals) loadPartial() (*session, error) {
	dir, err := g.findDir()
	if err != nil {
		return nil, err
	}
	p := programme.LoadDir(dir, g.displayDir(dir))
	asOf, err := g.reportingDate(p)
	if err != nil {
		return nil, err
	}
	return &session{g: g, dir: dir, p: p, asOf: asOf}, nil
}

// reportingDate is --as-of, else the programme's as_of, else today.
func (g *globals) reportingDate(p *programme.Programme) (programme.Date, error) {
	switch g.asOf {
	case "":
		if !p.Header.AsOf.IsZero() {
			return p.Header.AsOf, nil
		}
		return programme.DateOf(g.env.Now()), nil
	case "today":
		return programme.DateOf(g.env.Now()), nil
	}
	d, err := programme.ParseDate(g.asOf)
	if err != nil {
		return 0, usageError("--as-of: %v", err)
	}
	return d, nil
}
