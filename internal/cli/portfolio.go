package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/ocotool/oco/internal/gitrev"
	"github.com/ocotool/oco/internal/portfolio"
	"github.com/ocotool/oco/internal/programme"
	"github.com/ocotool/oco/internal/render"
	"github.com/ocotool/oco/internal/view"
)

type portfolioOptions struct {
	path    string
	offline bool
	// validate
	format, failOn string
	// report
	reportFormat string
}

const portfolioExitStatus = `
EXIT STATUS
  0  success
  1  validate: checks failed; other commands: a programme could not be
     read whole (what could be read is shown; --allow-errors exits 0)
  2  the command could not run: a bad flag, no portfolio.yaml or one with
     errors, a repository or ref that cannot be read, a fetch that failed`

func newPortfolioCmd(g *globals) *cobra.Command {
	o := &portfolioOptions{}
	cmd := &cobra.Command{
		Use:     "portfolio",
		GroupID: "view",
		Short:   "Work over many programmes, each in its own git repository",
		Long: `A portfolio is a directory holding portfolio.yaml:

  portfolio: {id: bury, name: Bury health and care transformation, as_of: 2017-06-30}
  programmes:
    - {id: oco, repo: ../oco, ref: main, dir: programme}
    - {id: lco, repo: https://git.example.org/bury/lco.git, ref: v3, dir: programme}

Each programme is read from git objects at its ref (a branch, tag or
commit; HEAD where none is given), never from a working tree. A repo is a
local path (relative to the portfolio) or any URL git can fetch; URLs are
fetched into $XDG_CACHE_HOME/oco/, and --offline reads that copy, saying
how old it is. dir defaults to programme/ where there is one, else the top.

A milestone depends on another programme's milestone as
depends_on: [{id: lco:M-12, lag: 5d}]. Across the portfolio such links
are scheduled like any other, so knock-on, slack, loops and the critical
path cross repositories. Ids are shown as programme:ID, files as
programme:dir/file. Where a programme pins another (programme.upstream),
every link to it is compared at the pinned commit and now: a date that
moved is the upstream-moved warning.

One reporting date holds for every programme: --as-of, else the
portfolio's as_of, else the as_of all its programmes share, else today.

The portfolio is found with --portfolio (the file or its directory), else
-C/--dir, else portfolio.yaml here or in a directory above. In oco's own
repository: oco portfolio status -p internal/portfolio/testdata/bury.`,
		Args: cobra.NoArgs,
	}
	pf := cmd.PersistentFlags()
	pf.StringVarP(&o.path, "portfolio", "p", "", "portfolio.yaml, or the directory holding it")
	pf.BoolVar(&o.offline, "offline", false, "fetch nothing: read repositories reached by URL from the cache")

	sub := func(use, short, long string, run func() error) *cobra.Command {
		c := &cobra.Command{Use: use, Short: short, Long: long + "\n" + portfolioExitStatus, Args: cobra.NoArgs,
			RunE: func(*cobra.Command, []string) error { return run() }}
		cmd.AddCommand(c)
		return c
	}
	var status, miles, risks, path *cobra.Command
	status = sub("status", "One row per programme, then the critical path across them",
		`The roll-up: for each programme its ref and commit, RAG (the worst of its
milestones still to do, rated where the portfolio's schedule lands them
against its own tolerances, and of its open risks), latest delivery
confidence assessment, end and expected end, slips (milestones expected
after their due date), open red risks and links at risk (links to another
programme's milestone that the portfolio does not have, that pushes it
past its own date, or whose pinned date moved); then the critical path across
programmes and the count of findings.`,
		func() error { return runPortfolioStatus(g, o) })
	g.addOutputFlag(status, "table", render.FormatTable, render.FormatJSON, render.FormatYAML, render.FormatCSV, render.FormatMarkdown)
	miles = sub("milestones", "Every programme's milestones, ids as programme:ID",
		"Every milestone of every programme, as 'oco milestones' lists them, with\nexpected dates and slack from the schedule across programmes.",
		func() error { return runPortfolioList(g, o, "milestones") })
	g.addOutputFlag(miles, "table", render.AllFormats...)
	risks = sub("risks", "Every programme's risks, ids as programme:ID",
		"Every risk of every programme, as 'oco risks' lists them.",
		func() error { return runPortfolioList(g, o, "risks") })
	g.addOutputFlag(risks, "table", render.AllFormats...)
	sub("timeline", "A Gantt chart of every programme's phases and milestones",
		"A Gantt chart of every programme's phases and milestones, as 'oco timeline'\ndraws one programme.",
		func() error { return runPortfolioTimeline(g, o) })
	path = sub("critical-path", "The chain of milestones, across programmes, that sets the last end",
		"The critical path across programmes: the chain of milestones, each waiting\nfor the one before with no room to spare, that ends at the milestone\nexpected last in the whole portfolio.",
		func() error { return runPortfolioPath(g, o) })
	g.addOutputFlag(path, "table", render.AllFormats...)
	val := sub("validate", "Check every programme, and the links and pins between them",
		`Every programme's own checks, as 'oco validate' runs them, then what only
the portfolio can see: links to milestones another programme does not have
(unknown-ref), loops through several programmes with their whole path
(dependency-cycle), plans that cannot be met across programmes
(dependency-order, done-before-dependency), knock-on and negative slack
that other programmes cause, and pinned dates that moved (upstream-moved).`,
		func() error { return runPortfolioValidate(g, o) })
	val.Flags().StringVar(&o.format, "format", "text", "output format: text|json|github|junit|sarif")
	val.Flags().StringVar(&o.failOn, "fail-on", "error", "fail (exit 1) on findings of this severity or worse: error|warning")
	rep := sub("report", "A highlight report of the whole portfolio",
		"The roll-up, the critical path across programmes, pinned dates that moved\nand every finding, as one document.",
		func() error { return runPortfolioReport(g, o) })
	rep.Flags().StringVar(&o.reportFormat, "format", "markdown", "output format: markdown|html")
	return cmd
}

// portfolioRun is a portfolio read and scheduled.
type portfolioRun struct {
	pf    *portfolio.Portfolio
	repos *portfolio.Repos
}

// cacheDir is oco's directory in the user cache, as XDG has it.
func (g *globals) cacheDir() string {
	if d := g.env.Getenv("XDG_CACHE_HOME"); filepath.IsAbs(d) {
		return filepath.Join(d, "oco")
	}
	if h := g.env.Getenv("HOME"); h != "" {
		return filepath.Join(h, ".cache", "oco")
	}
	return ""
}

// findPortfolio is the portfolio.yaml to read.
func (g *globals) findPortfolio(o *portfolioOptions) (string, error) {
	try := func(p, from string) (string, error) {
		if st, err := os.Stat(p); err == nil && st.IsDir() {
			p = filepath.Join(p, portfolio.FileName)
		}
		if _, err := os.Stat(p); err != nil {
			return "", usageError("%s %s: %v", from, p, unwrapPath(err))
		}
		return p, nil
	}
	switch {
	case o.path != "":
		return try(o.path, "--portfolio")
	case g.dir != "":
		return try(g.dir, "--dir")
	}
	wd, err := g.env.Getwd()
	if err != nil {
		return "", usageError("cannot tell the working directory: %v", err)
	}
	for d := wd; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, portfolio.FileName)); err == nil {
			return filepath.Join(d, portfolio.FileName), nil
		}
		if filepath.Dir(d) == d {
			return "", usageError("no portfolio: no %s here or above %s (use --portfolio)", portfolio.FileName, wd)
		}
	}
}

// gitOptions is how git runs for oco: with only the environment it needs.
func (g *globals) gitOptions() gitrev.Options { return gitrev.Options{Getenv: g.env.Getenv} }

func (g *globals) loadPortfolio(o *portfolioOptions) (*portfolioRun, error) {
	file, err := g.findPortfolio(o)
	if err != nil {
		return nil, err
	}
	src, err := os.ReadFile(file)
	if err != nil {
		return nil, usageError("%s: %v", file, unwrapPath(err))
	}
	f, bad := portfolio.Parse(g.displayDir(file), src)
	if len(bad) > 0 {
		programme.SortFindings(bad)
		for _, b := range bad {
			fmt.Fprintln(g.env.Err, b)
		}
		return nil, usageError("%s has %s", g.displayDir(file), programme.Plural(len(bad), "error"))
	}
	repos := portfolio.NewRepos(portfolio.Options{Base: filepath.Dir(file), Cache: g.cacheDir(), Offline: o.offline, Git: g.gitOptions()})
	members, err := portfolio.Read(f, repos)
	if err != nil {
		repos.Close()
		if errors.Is(err, fs.ErrNotExist) {
			return nil, usageError("%v: no such directory at that revision", err)
		}
		return nil, usageError("%v", err)
	}
	asOf := portfolio.AsOf(f, members)
	if g.asOf != "" || asOf == 0 {
		if asOf, err = g.reportingDate(&programme.Programme{}); err != nil {
			repos.Close()
			return nil, err
		}
	}
	for _, m := range members {
		g.memberNotes(m)
	}
	r := &portfolioRun{pf: portfolio.Build(f.ID, f.Name, members, asOf), repos: repos}
	r.markPartial(g)
	return r, nil
}

// memberNotes tells the person on stderr what they should know of how a
// programme was read.
func (g *globals) memberNotes(m *portfolio.Member) {
	for _, n := range m.Notes(g.env.Now()) {
		fmt.Fprintf(g.env.Err, "oco: %s\n", n)
	}
}

// markPartial makes the run end as a view of a programme not read whole
// does (SPEC 7.1): a banner naming every programme's broken files, and
// exit status 1 unless --allow-errors.
func (r *portfolioRun) markPartial(g *globals) {
	if p := r.pf.Partial(); p != nil {
		g.partial = p
	}
}

func runPortfolioStatus(g *globals, o *portfolioOptions) error {
	f, err := g.format(render.FormatTable, render.FormatJSON, render.FormatYAML, render.FormatCSV, render.FormatMarkdown)
	if err != nil {
		return err
	}
	r, err := g.loadPortfolio(o)
	if err != nil {
		return err
	}
	defer r.repos.Close()
	s := r.pf.Status(r.pf.Findings())
	t := g.term()
	switch f {
	case render.FormatCSV:
		err = render.CSV(t.Out, portfolio.StatusCSV(s))
	case render.FormatTable:
		fmt.Fprintf(t.Out, "%s (%s), as of %s\n\n", s.Name, s.Portfolio, s.AsOf)
		if err = t.Table(portfolio.StatusTable(s)); err == nil && len(s.CriticalPath) > 0 {
			fmt.Fprintf(t.Out, "\nCritical path across programmes\n")
			err = t.Table(view.CriticalPathTable(s.CriticalPath))
		}
		if err == nil {
			fmt.Fprintf(t.Out, "\n%s, %s (oco portfolio validate lists them)\n",
				programme.Plural(s.Findings["errors"], "error"), programme.Plural(s.Findings["warnings"], "warning"))
		}
	default:
		err = t.Output(f, portfolio.StatusTable(s), s)
	}
	return err
}

func runPortfolioList(g *globals, o *portfolioOptions, use string) error {
	f, err := g.format(render.AllFormats...)
	if err != nil {
		return err
	}
	r, err := g.loadPortfolio(o)
	if err != nil {
		return err
	}
	defer r.repos.Close()
	s := &session{g: g, p: r.pf.Merged, asOf: r.pf.AsOf, sched: r.pf.Plan}
	for _, l := range listings {
		if l.use != use {
			continue
		}
		out := l.run(s, &view.Filter{})
		t := g.term()
		if f == render.FormatCSV {
			err = render.CSV(t.Out, out.csv)
		} else if f != render.FormatTable || out.rows > 0 {
			err = t.Output(f, out.table, out.records)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func runPortfolioTimeline(g *globals, o *portfolioOptions) error {
	r, err := g.loadPortfolio(o)
	if err != nil {
		return err
	}
	defer r.repos.Close()
	if gc, ok := view.Timeline(r.pf.Merged, r.pf.AsOf, view.TimelineOptions{}); ok {
		return g.term().Timeline(gc)
	}
	return nil
}

func runPortfolioPath(g *globals, o *portfolioOptions) error {
	f, err := g.format(render.AllFormats...)
	if err != nil {
		return err
	}
	r, err := g.loadPortfolio(o)
	if err != nil {
		return err
	}
	defer r.repos.Close()
	steps := view.CriticalPath(r.pf.Merged, r.pf.Plan, r.pf.AsOf)
	t := g.term()
	switch {
	case f == render.FormatCSV:
		err = render.CSV(t.Out, view.CriticalPathCSV(steps))
	case f != render.FormatTable || len(steps) > 0:
		err = t.Output(f, view.CriticalPathTable(steps), steps)
	}
	return err
}

func runPortfolioValidate(g *globals, o *portfolioOptions) error {
	threshold, err := failOnSeverity(o.failOn)
	if err != nil {
		return err
	}
	render, err := findingsRenderer(g, o.format)
	if err != nil {
		return err
	}
	r, err := g.loadPortfolio(o)
	if err != nil {
		return err
	}
	defer r.repos.Close()
	g.partial = nil // the findings say what could not be read
	fs := r.pf.Findings()
	if err := render(fs); err != nil {
		return err
	}
	if view.Summarise(fs, threshold).Failed {
		return errFailed
	}
	return nil
}

func runPortfolioReport(g *globals, o *portfolioOptions) error {
	if o.reportFormat != "markdown" && o.reportFormat != "html" {
		return usageError("--format %q: must be markdown or html", o.reportFormat)
	}
	r, err := g.loadPortfolio(o)
	if err != nil {
		return err
	}
	defer r.repos.Close()
	fs := r.pf.Findings()
	rep := portfolio.Report(r.pf.Status(fs), r.pf.Upstream(), fs)
	if o.reportFormat == "html" {
		err = render.ReportHTML(g.env.Out, rep)
	} else {
		err = render.ReportMarkdown(g.env.Out, rep)
	}
	return err
}

// failOnSeverity reads --fail-on.
func failOnSeverity(s string) (programme.Severity, error) {
	switch s {
	case "error":
		return programme.Error, nil
	case "warning":
		return programme.Warning, nil
	}
	return 0, usageError("--fail-on %q: must be error or warning", s)
}
