package cli

import (
	"errors"
	"io/fs"
	"strings"

	"github.com/spf13/cobra"

	"github.com/ocotool/oco/internal/compare"
	"github.com/ocotool/oco/internal/gitrev"
	"github.com/ocotool/oco/internal/programme"
	"github.com/ocotool/oco/internal/render"
)

type diffOptions struct {
	format string
	failOn string
}

func newDiffCmd(g *globals) *cobra.Command {
	o := &diffOptions{}
	cmd := &cobra.Command{
		Use:     "diff [REV[..REV]]",
		GroupID: "git",
		Short:   "Say what changed in programme terms between two git revisions",
		Long: `Compare the programme at two git revisions and say what changed in its
own terms, not lines: milestones added, removed, done or re-opened; due
dates re-baselined (with or without a decision); forecasts slipped or
recovered; ratings changed; knock-on effects that appeared or cleared;
risks raised, closed, occurred or re-scored; assumptions validated or
invalidated; and the check findings the change introduced or fixed.

  oco diff                 HEAD against the working tree
  oco diff REV             REV against the working tree
  oco diff REV1..REV2      REV1 against REV2 (an empty side means HEAD)

A due date that moves with no decision, or under the same decision as
before, is a rebaselined warning. --format markdown writes a pull-request
comment; --format json an object for scripts. With --fail-on, the command
fails when the change introduces findings of that severity or worse.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error { return runDiff(g, o, args) },
	}
	cmd.Flags().StringVar(&o.format, "format", "text", "output format: text|markdown|json")
	cmd.Flags().StringVar(&o.failOn, "fail-on", "", "fail (exit 1) when the change introduces findings of this severity or worse: error|warning")
	return cmd
}

// worktree names the working tree as a side of a comparison.
const worktree = "working tree"

// parseRange reads REV, REV1..REV2, REV1.. or ..REV2; "" for the newer side
// means the working tree.
func parseRange(args []string) (from, to string, err error) {
	if len(args) == 0 {
		return "HEAD", "", nil
	}
	arg := args[0]
	if strings.Contains(arg, "...") {
		return "", "", usageError("%q: a symmetric range (A...B) is not supported; use A..B", arg)
	}
	from, to, isRange := strings.Cut(arg, "..")
	if isRange {
		if from == "" {
			from = "HEAD"
		}
		if to == "" {
			to = "HEAD"
		}
	}
	for _, r := range []string{from, to} {
		if strings.HasPrefix(r, "-") {
			return "", "", usageError("revision %q: a revision may not start with '-'", r)
		}
	}
	if from == "" {
		return "", "", usageError("empty revision")
	}
	return from, to, nil
}

// gitError reports a git problem: the command could not run.
func gitError(err error) error {
	return usageError("%v", err)
}

// revisionSide reads the programme directory rel as it was at rev, with
// its reporting date. A directory that did not exist then is an empty
// programme, so that everything in it reads as added.
func revisionSide(g *globals, repo *gitrev.Repo, rev, rel, prefix string) (compare.Side, error) {
	fsys, err := repo.FS(rev, rel)
	var p *programme.Programme
	switch {
	case errors.Is(err, fs.ErrNotExist):
		p = programme.Load(gitrev.Files{}, prefix)
		p.Findings = nil
	case err != nil:
		return compare.Side{}, gitError(err)
	default:
		p = programme.Load(fsys, prefix)
	}
	asOf, err := g.reportingDate(p)
	if err != nil {
		return compare.Side{}, err
	}
	return compare.Side{P: p, AsOf: asOf}, nil
}

func runDiff(g *globals, o *diffOptions, args []string) error {
	threshold, failOn, err := parseFailOn(o.failOn)
	if err != nil {
		return err
	}
	format := strings.ToLower(o.format)
	if format == "md" {
		format = "markdown"
	}
	if format != "text" && format != "markdown" && format != "json" {
		return usageError("--format %q: must be one of text, markdown, json", o.format)
	}
	from, to, err := parseRange(args)
	if err != nil {
		return err
	}
	// The working tree is read only when it is a side: two revisions
	// compare the same whatever state it is in.
	var work *session
	var dir string
	if to == "" {
		if work, err = g.loadWhole(); err != nil {
			return err
		}
		dir = work.dir
	} else if dir, err = g.findDir(); err != nil {
		return err
	}
	repo, err := gitrev.OpenWith(dir, g.gitOptions())
	if err != nil {
		return gitError(err)
	}
	defer repo.Close()
	rel, err := repo.Rel(dir)
	if err != nil {
		return gitError(err)
	}
	prefix := g.displayDir(dir)
	// Check both revisions before reading either, so that a typo is named
	// as such rather than as a missing programme.
	for _, rev := range []string{from, to} {
		if rev == "" {
			continue
		}
		if _, err := repo.Resolve(rev); err != nil {
			return gitError(err)
		}
	}
	older, err := revisionSide(g, repo, from, rel, prefix)
	if err != nil {
		return err
	}
	var newer compare.Side
	toName := worktree
	if to == "" {
		newer = compare.Side{P: work.p, AsOf: work.asOf, Plan: work.sched}
	} else {
		toName = to
		if newer, err = revisionSide(g, repo, to, rel, prefix); err != nil {
			return err
		}
	}
	d := render.Diff{From: from, To: toName, Result: compare.Compare(older, newer)}
	switch format {
	case "json":
		err = render.DiffJSON(g.env.Out, d)
	case "markdown":
		err = render.DiffMarkdown(g.env.Out, d)
	default:
		err = g.term().DiffText(d)
	}
	if err != nil {
		return err
	}
	if failOn {
		for _, f := range d.Introduced {
			if f.Severity >= threshold {
				return errFailed
			}
		}
	}
	return nil
}

// parseFailOn reads --fail-on; "" means never fail on findings.
func parseFailOn(s string) (programme.Severity, bool, error) {
	if s == "" {
		return 0, false, nil
	}
	sev, err := failOnSeverity(s)
	return sev, err == nil, err
}
