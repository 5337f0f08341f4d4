package cli

import (
	"cmp"
	"os"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/ocotool/oco/internal/check"
	"github.com/ocotool/oco/internal/gitrev"
	"github.com/ocotool/oco/internal/programme"
	"github.com/ocotool/oco/internal/render"
	"github.com/ocotool/oco/internal/view"
)

type validateOptions struct {
	format      string
	failOn      string
	base        string
	annotations int
	summary     string
}

func newValidateCmd(g *globals) *cobra.Command {
	o := &validateOptions{}
	cmd := &cobra.Command{
		Use:     "validate",
		Aliases: []string{"check"},
		GroupID: "view",
		Short:   "Check that the programme's dates and dependencies hold together",
		Long: `Check every file of the programme and report every problem found, one a
line, sorted by file and line:

  programme/milestones.yaml:42:5: error: M-12 is due 2017-07-31, before its predecessor M-40 (2017-10-01) [dependency-order]

Errors fail the run; warnings fail it too with --fail-on warning.

-o github writes each finding as a GitHub Actions annotation. GitHub shows
10 error and 10 warning annotations a step and drops the rest silently, so
past --max-annotations of each, one notice says how many more there are;
--summary FILE (such as "$GITHUB_STEP_SUMMARY") appends every finding to
FILE as a markdown table, and -o markdown prints that table. With --base REV
the findings that the programme did not have at REV (those a pull request
introduces) come first and are marked new.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runValidate(g, o) },
	}
	cmd.Flags().StringVar(&o.format, "format", "text", "output format: text|json|github|junit|sarif|markdown")
	cmd.Flags().StringVar(&o.failOn, "fail-on", "error", "fail (exit 1) on findings of this severity or worse: error|warning")
	cmd.Flags().StringVar(&o.base, "base", "", "put first, and mark new, the findings the programme did not have at this git `REV`")
	cmd.Flags().IntVar(&o.annotations, "max-annotations", render.GitHubAnnotationLimit, "with -o github: annotate at most `N` errors and N warnings, then say how many more (0: all)")
	cmd.Flags().StringVar(&o.summary, "summary", "", "also append every finding as a markdown table to `FILE` (such as $GITHUB_STEP_SUMMARY)")
	return cmd
}

func runValidate(g *globals, o *validateOptions) error {
	threshold, err := failOnSeverity(o.failOn)
	if err != nil {
		return err
	}
	var isNew func(programme.Finding) bool
	render, err := findingsRendererFor(g, o, &isNew)
	if err != nil {
		return err
	}
	s, err := g.loadPartial()
	if err != nil {
		return err
	}
	fs := s.findings()
	if isNew, err = newSince(s, o.base, fs); err != nil {
		return err
	}
	if isNew != nil {
		// Stable: within each group, findings keep their file order.
		slices.SortStableFunc(fs, func(a, b programme.Finding) int {
			return cmp.Compare(boolRank(!isNew(a)), boolRank(!isNew(b)))
		})
	}
	if err := render(fs); err != nil {
		return err
	}
	if o.summary != "" {
		if err := appendSummary(o.summary, fs, isNew); err != nil {
			return usageError("--summary: %v", err)
		}
	}
	if err := s.unreadable(); err != nil {
		return err
	}
	if view.Summarise(fs, threshold).Failed {
		return errFailed
	}
	return nil
}

func boolRank(b bool) int {
	if b {
		return 1
	}
	return 0
}

// newSince returns whether a finding is one the programme did not have
// at git revision base, or nil when base is "". Findings are matched by
// rule, item and message, not position: a change moves lines.
func newSince(s *session, base string, fs []programme.Finding) (func(programme.Finding) bool, error) {
	if base == "" {
		return nil, nil
	}
	repo, err := gitrev.OpenWith(s.dir, s.g.gitOptions())
	if err != nil {
		return nil, gitError(err)
	}
	defer repo.Close()
	rel, err := repo.Rel(s.dir)
	if err != nil {
		return nil, gitError(err)
	}
	if _, err := repo.Resolve(base); err != nil {
		return nil, gitError(err)
	}
	old, err := revisionSide(s.g, repo, base, rel, s.g.displayDir(s.dir))
	if err != nil {
		return nil, err
	}
	key := func(f programme.Finding) string { return f.Rule + "\x00" + f.ID + "\x00" + f.Message }
	had := map[string]bool{}
	for _, f := range check.Run(old.P, check.Options{AsOf: old.AsOf}) {
		had[key(f)] = true
	}
	return func(f programme.Finding) bool { return !had[key(f)] }, nil
}

// appendSummary appends the findings table to file, as GitHub's step
// summary wants: each step adds to it.
func appendSummary(file string, fs []programme.Finding, isNew func(programme.Finding) bool) error {
	f, err := os.OpenFile(file, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return unwrapPath(err)
	}
	if err := render.FindingsMarkdown(f, fs, isNew); err != nil {
		f.Close()
		return err
	}
	if _, err := f.WriteString("\n"); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// findings runs every check on the session's programme.
func (s *session) findings() []programme.Finding {
	return check.Run(s.p, check.Options{AsOf: s.asOf, Plan: s.plan()})
}

// findingsRenderer picks how a command prints findings in format, with
// GitHub's annotation limit and nothing marked new.
func findingsRenderer(g *globals, format string) (func([]programme.Finding) error, error) {
	var none func(programme.Finding) bool
	return findingsRendererFor(g, &validateOptions{format: format, annotations: render.GitHubAnnotationLimit}, &none)
}

// findingsRendererFor picks how validate prints its findings. Only text
// has the summary line: the machine formats are read whole by other tools.
// isNew is read when the findings are printed, after --base is known.
func findingsRendererFor(g *globals, o *validateOptions, isNew *func(programme.Finding) bool) (func([]programme.Finding) error, error) {
	out := g.env.Out
	rules := func() []render.Rule {
		var rs []render.Rule
		for _, r := range check.Rules() {
			rs = append(rs, render.Rule{Name: r.Name, Severity: r.Severity, Doc: r.Doc})
		}
		return rs
	}
	switch strings.ToLower(o.format) {
	case "text", "":
		return g.term().FindingsText, nil
	case "json":
		return func(fs []programme.Finding) error { return render.FindingsJSON(out, fs) }, nil
	case "github":
		where := "the output of oco validate"
		if o.summary != "" {
			where = "the job summary"
		}
		return func(fs []programme.Finding) error { return render.FindingsGitHubLimit(out, fs, o.annotations, where) }, nil
	case "junit":
		return func(fs []programme.Finding) error { return render.FindingsJUnit(out, fs, rules()) }, nil
	case "sarif":
		return func(fs []programme.Finding) error { return render.FindingsSARIF(out, fs, rules(), version) }, nil
	case "markdown", "md":
		return func(fs []programme.Finding) error { return render.FindingsMarkdown(out, fs, *isNew) }, nil
	}
	return nil, usageError("--output %q: must be one of text, json, github, junit, sarif, markdown", o.format)
}
