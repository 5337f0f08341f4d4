package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"
	"testing/fstest"

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

// revisionProgramme loads the programme directory rel as it was at rev. A
// directory that did not exist then is an empty programme, so that
// everything in it reads as added.
func revisionProgramme(repo *gitrev.Repo, rev, rel, prefix string) (*programme.Programme, error) {
	fsys, err := repo.FS(rev, rel)
	if errors.Is(err, fs.ErrNotExist) {
		p := programme.Load(fstest.MapFS{}, prefix)
		p.Findings = nil
		return p, nil
	}
	if err != nil {
		return nil, gitError(err)
	}
	return programme.Load(fsys, prefix), nil
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
	s, err := g.load()
	if err != nil {
		return err
	}
	repo, err := gitrev.Open(s.dir)
	if err != nil {
		return gitError(err)
	}
	defer repo.Close()
	rel, err := repo.Rel(s.dir)
	if err != nil {
		return gitError(err)
	}
	prefix := g.displayDir(s.dir)
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
	oldP, err := revisionProgramme(repo, from, rel, prefix)
	if err != nil {
		return err
	}
	newP, newAsOf := s.p, s.asOf
	toName := worktree
	if to != "" {
		toName = to
		if newP, err = revisionProgramme(repo, to, rel, prefix); err != nil {
			return err
		}
		if newAsOf, err = g.reportingDate(newP); err != nil {
			return err
		}
	}
	oldAsOf, err := g.reportingDate(oldP)
	if err != nil {
		return err
	}
	res := compare.Compare(compare.Side{P: oldP, AsOf: oldAsOf}, compare.Side{P: newP, AsOf: newAsOf})
	out := g.env.Out
	switch format {
	case "json":
		err = render.JSON(out, diffJSON(from, toName, res))
	case "markdown":
		err = diffMarkdown(out, from, toName, res)
	default:
		err = diffText(g.term(), from, toName, res)
	}
	if err != nil {
		return err
	}
	if failOn {
		for _, f := range res.Introduced {
			if f.Severity >= threshold {
				return errFailed
			}
		}
	}
	return nil
}

// parseFailOn reads --fail-on; "" means never fail on findings.
func parseFailOn(s string) (programme.Severity, bool, error) {
	switch s {
	case "":
		return 0, false, nil
	case "error":
		return programme.Error, true, nil
	case "warning":
		return programme.Warning, true, nil
	}
	return 0, false, usageError("--fail-on %q: must be error or warning", s)
}

// sections are the kinds a diff reports, in the order it reports them.
var diffSections = []struct {
	kind  programme.Kind
	title string
}{
	{programme.KindMilestone, "Milestones"},
	{programme.KindPhase, "Phases"},
	{programme.KindRisk, "Risks"},
	{programme.KindAssumption, "Assumptions"},
	{programme.KindIssue, "Issues"},
	{programme.KindDecision, "Decisions"},
	{programme.KindBenefit, "Benefits"},
}

func changesOf(res *compare.Result, kind programme.Kind) []compare.Change {
	var out []compare.Change
	for _, ch := range res.Changes {
		if ch.Kind == kind {
			out = append(out, ch)
		}
	}
	return out
}

// changeStyle colours what is bad news red, good news green.
func changeStyle(ch compare.Change) render.Style {
	switch ch.What {
	case compare.Slipped, compare.KnockOn, compare.Reopened, compare.Occurred, compare.Invalidated:
		return render.Red
	case compare.Rebaselined:
		if ch.By == "" {
			return render.Red
		}
		return render.Amber
	case compare.Done, compare.Recovered, compare.KnockOnCleared, compare.Closed, compare.Validated, compare.Completed, compare.Realised:
		return render.Green
	case compare.StatusChanged:
		return render.RAGStyle(ch.To[strings.LastIndex(ch.To, " ")+1:])
	}
	return render.None
}

func diffText(t render.Term, from, to string, res *compare.Result) error {
	w := &sectionWriter{t: t}
	w.line(t.Paint(fmt.Sprintf("%s..%s: %s", from, to, res.Headline()), render.Bold))
	for _, sec := range diffSections {
		chs := changesOf(res, sec.kind)
		if len(chs) == 0 {
			continue
		}
		w.heading(sec.title)
		tb := render.Table{Columns: []render.Column{{Header: "ID"}, {Header: "CHANGE"}, {Header: "TITLE", Flex: true}}}
		for _, ch := range chs {
			tb.Rows = append(tb.Rows, []render.Cell{{Text: ch.ID}, {Text: compare.Describe(ch), Style: changeStyle(ch)}, {Text: ch.Title}})
		}
		w.table(tb, "")
	}
	findings := func(title, mark string, fs []programme.Finding) {
		if len(fs) == 0 {
			return
		}
		w.heading(title)
		for _, f := range fs {
			st := render.Amber
			if f.Severity == programme.Error {
				st = render.Red
			}
			w.line(fmt.Sprintf("%s %s: %s: %s [%s]", mark, f.Pos, t.Paint(f.Severity.String(), st), f.Message, f.Rule))
		}
	}
	findings("Findings introduced", "+", res.Introduced)
	findings("Findings fixed", "-", res.Fixed)
	return w.err
}

func diffMarkdown(out io.Writer, from, to string, res *compare.Result) error {
	var b strings.Builder
	fmt.Fprintf(&b, "### Programme changes: `%s` → `%s`\n\n", from, to)
	fmt.Fprintf(&b, "**%s**\n", markdownText(res.Headline()))
	for _, sec := range diffSections {
		chs := changesOf(res, sec.kind)
		if len(chs) == 0 {
			continue
		}
		fmt.Fprintf(&b, "\n#### %s\n\n", sec.title)
		tb := render.Table{Columns: []render.Column{{Header: "ID"}, {Header: "Change"}, {Header: "Title"}}}
		for _, ch := range chs {
			tb.Rows = append(tb.Rows, render.Cells(ch.ID, compare.Describe(ch), ch.Title))
		}
		if err := render.Markdown(&b, tb); err != nil {
			return err
		}
	}
	findings := func(title string, fs []programme.Finding) error {
		if len(fs) == 0 {
			return nil
		}
		fmt.Fprintf(&b, "\n#### %s\n\n", title)
		tb := render.Table{Columns: []render.Column{{Header: "Where"}, {Header: "Severity"}, {Header: "Rule"}, {Header: "Finding"}}}
		for _, f := range fs {
			tb.Rows = append(tb.Rows, render.Cells(f.Pos.String(), f.Severity.String(), f.Rule, f.Message))
		}
		return render.Markdown(&b, tb)
	}
	if err := findings("Findings introduced", res.Introduced); err != nil {
		return err
	}
	if err := findings("Findings fixed", res.Fixed); err != nil {
		return err
	}
	_, err := io.WriteString(out, b.String())
	return err
}

// markdownText keeps text from being read as markdown markup.
var markdownText = strings.NewReplacer("\\", "\\\\", "*", "\\*", "_", "\\_", "`", "\\`", "<", "&lt;", ">", "&gt;", "[", "\\[", "|", "\\|").Replace

// diffDoc is `oco diff --format json`: an interface for scripts.
type diffDoc struct {
	From       string               `json:"from"`
	To         string               `json:"to"`
	Headline   string               `json:"headline"`
	Changes    []changeJSON         `json:"changes"`
	Introduced []render.FindingJSON `json:"introduced"`
	Fixed      []render.FindingJSON `json:"fixed"`
}

type changeJSON struct {
	Kind   string `json:"kind"`
	ID     string `json:"id"`
	Title  string `json:"title"`
	Change string `json:"change"`
	From   string `json:"from,omitempty"`
	To     string `json:"to,omitempty"`
	Days   int    `json:"days,omitempty"`
	By     string `json:"by,omitempty"`
	Text   string `json:"text"`
	File   string `json:"file,omitempty"`
	Line   int    `json:"line,omitempty"`
}

func diffJSON(from, to string, res *compare.Result) diffDoc {
	d := diffDoc{From: from, To: to, Headline: res.Headline(), Changes: []changeJSON{},
		Introduced: render.FindingsJSONList(res.Introduced), Fixed: render.FindingsJSONList(res.Fixed)}
	for _, ch := range res.Changes {
		d.Changes = append(d.Changes, changeJSON{Kind: string(ch.Kind), ID: ch.ID, Title: ch.Title, Change: ch.What,
			From: ch.From, To: ch.To, Days: ch.Days, By: ch.By, Text: compare.Describe(ch), File: ch.Pos.File, Line: ch.Pos.Line})
	}
	return d
}
