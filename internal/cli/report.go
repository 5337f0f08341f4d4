package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/ocotool/oco/internal/compare"
	"github.com/ocotool/oco/internal/gitrev"
	"github.com/ocotool/oco/internal/programme"
	"github.com/ocotool/oco/internal/render"
	"github.com/ocotool/oco/internal/trend"
	"github.com/ocotool/oco/internal/view"
)

type reportOptions struct {
	format string
	since  string
	next   string
}

func newReportCmd(g *globals) *cobra.Command {
	o := &reportOptions{}
	cmd := &cobra.Command{
		Use:     "report",
		GroupID: "git",
		Short:   "Write the highlight report for the programme board",
		Long: `Write the board's highlight report, in the shape of a PRINCE2 highlight
report, for the period from the revision the last board saw to now:

  - the overall status with its reason, and the latest delivery confidence
    assessment with its trend;
  - this period: milestones completed, slipped and re-baselined, decisions
    taken, risks raised, closed and moved (from git, as oco diff sees them);
  - the next period: milestones due, assumptions to validate and risk reviews
    due before --next;
  - the tolerances (time, cost, red risks, benefits at risk), exceptions first;
  - the timeline, the risk heat map with each risk's move since the last board,
    the milestone trend chart and the delivery confidence trend;
  - top risks, open issues by priority, requests for change (a due date moved
    without a decision), benefits at risk and lessons.

--since REV is the revision the last board saw; by default the newest tag
matching programme.board_tag (default board-*) on a commit before HEAD. Outside
a git repository, or with no such tag, the period's sections say so.
--next DATE is the next board's date (default: the reporting date + 30 days).

-o markdown suits a wiki or a pull request; -o html is one self-contained page
(inline SVG charts, no scripts, nothing fetched) that prints on A4.

EXIT STATUS
  0  the report was written
  1  a programme file could not be parsed whole (the report is still written)
  2  bad usage, an unknown revision, or a file that could not be read`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runReport(g, o) },
	}
	cmd.Flags().StringVarP(&o.format, "output", "o", "markdown", "output format: markdown|html")
	cmd.Flags().StringVar(&o.format, "format", "markdown", "the same as -o")
	cmd.Flags().StringVar(&o.since, "since", "", "the revision the last board saw (default: the newest board tag)")
	cmd.Flags().StringVar(&o.next, "next", "", "the next board's date (default: reporting date + 30 days)")
	return cmd
}

func runReport(g *globals, o *reportOptions) error {
	format := strings.ToLower(o.format)
	if format == "md" {
		format = "markdown"
	}
	if format != "markdown" && format != "html" {
		return usageError("-o %q: must be markdown or html", o.format)
	}
	if strings.HasPrefix(o.since, "-") {
		return usageError("--since %q: a revision may not start with '-'", o.since)
	}
	s, err := g.load()
	if err != nil {
		return err
	}
	next := s.asOf.AddDays(30)
	if o.next != "" {
		if next, err = programme.ParseDate(o.next); err != nil {
			return usageError("--next: %v", err)
		}
	}
	period, err := boardPeriod(g, s, o.since)
	if err != nil {
		return err
	}
	fs := s.findings()
	h := view.Highlight(view.Board{P: s.p, AsOf: s.asOf, Next: next, Plan: s.plan(), Findings: fs, Period: period})
	if format == "html" {
		return render.ReportHTML(g.env.Out, h)
	}
	return render.ReportMarkdown(g.env.Out, h)
}

// boardPeriod reads what git says of the period since the last board: the
// programme then, what changed since, and the history for the trend chart.
// No repository, or no board tag, is no error: the report says so. A
// --since that names nothing is.
func boardPeriod(g *globals, s *session, since string) (view.Period, error) {
	now := trend.PointOf(s.p, s.asOf)
	per := view.Period{History: []trend.Point{now}}
	repo, err := gitrev.OpenWith(s.dir, g.gitOptions())
	if err != nil {
		if since != "" {
			return per, gitError(err)
		}
		per.Why = "Not in a git repository: there is no record of the last board to compare with."
		return per, nil
	}
	defer repo.Close()
	rel, err := repo.Rel(s.dir)
	if err != nil {
		return per, gitError(err)
	}
	if _, err := repo.Resolve("HEAD"); err != nil && since == "" {
		per.Why = "The repository has no commit yet: there is no record of the last board to compare with."
		return per, nil
	}
	points, err := trend.Read(repo, rel, trend.Options{})
	if err != nil {
		return per, gitError(err)
	}
	per.History = append(points, now)
	if since == "" {
		pattern := s.p.BoardTagPattern()
		tag, ok, err := trend.BoardTag(repo, pattern, "HEAD")
		if err != nil {
			return per, gitError(err)
		}
		if !ok {
			per.Why = fmt.Sprintf("No git tag matching %s marks a board before HEAD: tag the revision the board saw (git tag board-%s) or pass --since REV.", pattern, s.asOf)
			return per, nil
		}
		since = tag
	}
	if _, err := repo.Resolve(since); err != nil {
		return per, gitError(err)
	}
	old, err := revisionSide(g, repo, since, rel, g.displayDir(s.dir))
	if err != nil {
		return per, err
	}
	per.Since, per.Old, per.OldAsOf = since, old.P, old.AsOf
	per.Changes = compare.Compare(old, compare.Side{P: s.p, AsOf: s.asOf, Plan: s.plan()})
	return per, nil
}

// formatSVG is `oco history --chart -o svg`: the milestone trend chart the
// report draws, as a file of its own.
const formatSVG = render.Format("svg")

// historySVG writes the milestone trend chart of rows' milestones as SVG.
func historySVG(g *globals, points []trend.Point, rows []trend.Change) error {
	var ids []string
	seen := map[string]bool{}
	for _, c := range rows {
		if !seen[c.ID] {
			seen[c.ID] = true
			ids = append(ids, c.ID)
		}
	}
	return render.ChartSVG(g.env.Out, view.TrendChart(points, ids))
}
