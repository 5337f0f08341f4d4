package cli

import (
	"github.com/spf13/cobra"

	"github.com/ocotool/oco/internal/check"
	"github.com/ocotool/oco/internal/programme"
	"github.com/ocotool/oco/internal/render"
	"github.com/ocotool/oco/internal/view"
)

type validateOptions struct {
	format string
	failOn string
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

Errors fail the run; warnings fail it too with --fail-on warning.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runValidate(g, o) },
	}
	cmd.Flags().StringVar(&o.format, "format", "text", "output format: text|json|github|junit|sarif")
	cmd.Flags().StringVar(&o.failOn, "fail-on", "error", "fail (exit 1) on findings of this severity or worse: error|warning")
	return cmd
}

func runValidate(g *globals, o *validateOptions) error {
	var threshold programme.Severity
	switch o.failOn {
	case "error":
		threshold = programme.Error
	case "warning":
		threshold = programme.Warning
	default:
		return usageError("--fail-on %q: must be error or warning", o.failOn)
	}
	render, err := findingsRenderer(g, o.format)
	if err != nil {
		return err
	}
	s, err := g.loadPartial()
	if err != nil {
		return err
	}
	fs := s.findings()
	if err := render(fs); err != nil {
		return err
	}
	if err := s.unreadable(); err != nil {
		return err
	}
	if view.Summarise(fs, threshold).Failed {
		return errFailed
	}
	return nil
}

// findings runs every check on the session's programme.
func (s *session) findings() []programme.Finding {
	return check.Run(s.p, check.Options{AsOf: s.asOf, Plan: s.plan()})
}

// findingsRenderer picks how validate prints its findings. Only text has
// the summary line: the machine formats are read whole by other tools.
func findingsRenderer(g *globals, format string) (func([]programme.Finding) error, error) {
	out := g.env.Out
	rules := func() []render.Rule {
		var rs []render.Rule
		for _, r := range check.Rules() {
			rs = append(rs, render.Rule{Name: r.Name, Severity: r.Severity, Doc: r.Doc})
		}
		return rs
	}
	switch format {
	case "text":
		return g.term().FindingsText, nil
	case "json":
		return func(fs []programme.Finding) error { return render.FindingsJSON(out, fs) }, nil
	case "github":
		return func(fs []programme.Finding) error { return render.FindingsGitHub(out, fs) }, nil
	case "junit":
		return func(fs []programme.Finding) error { return render.FindingsJUnit(out, fs, rules()) }, nil
	case "sarif":
		return func(fs []programme.Finding) error { return render.FindingsSARIF(out, fs, rules(), version) }, nil
	}
	return nil, usageError("--format %q: must be one of text, json, github, junit, sarif", format)
}
