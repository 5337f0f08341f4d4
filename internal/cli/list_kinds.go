package cli

import (
	"github.com/ocotool/oco/internal/programme"
	"github.com/ocotool/oco/internal/view"
)

// listings are the listing commands, one per kind, in the order help shows
// them.
var listings = []*listing{
	{
		use: "phases", kind: programme.KindPhase,
		short: "List the phases with their progress",
		long: `List the phases in order of their start: window, the phases each depends
on, how many of its milestones are done, and its rating (the worst of its
milestones still to do). The current phase, whose window holds the
reporting date, is marked.`,
		run: func(s *session, _ *view.Filter) listOutput { return listed(view.PhaseListing(s.p, s.plan(), s.asOf)) },
	},
	{
		use: "milestones", kind: programme.KindMilestone,
		short: "List milestones and activities with their status",
		long: `List milestones by date (forecast, else due), then id, with the date the
schedule expects each (given its predecessors), its slack in days, its
status as of the reporting date (done, late: done after its due date,
overdue, due-soon or open) and its rating. A milestone is rated by the later
of its own date and its expected date, so one a predecessor pushes late is
red or amber where it will land. On a narrow terminal slack, then expected,
owner and phase give way before the title is cut short. As a filter,
--status done takes in late, and open everything not done (due-soon and
overdue too).

-o json and -o yaml add the derived status, rag, expected and slack.`,
		statuses: view.Statuses[programme.KindMilestone],
		example: `  oco milestones --status overdue,due-soon
  oco milestones --phase P5 --owner coo -o csv > p5.csv
  oco milestones -o json | jq -r '.[] | select(.slack < 0) | .id'`,
		dated:  "date (its forecast, else due)",
		scoped: true, owned: true,
		run: func(s *session, f *view.Filter) listOutput {
			return listed(view.MilestoneListing(s.p, s.plan(), s.asOf, f))
		},
	},
	{
		use: "risks", kind: programme.KindRisk,
		short: "List risks by score, or draw the risk matrix",
		long: `List risks by score, highest first, then id, with likelihood (L), impact
(I), score and its band.

--matrix draws the 5×5 likelihood × impact grid instead: impact across,
likelihood up, each cell with its count and ids, shaded by band on a colour
terminal. It shows open risks unless --all or --status says otherwise;
--target places them at their target (residual) positions. Risks not
assessed, or without a target, are listed under the grid.`,
		statuses: view.Statuses[programme.KindRisk],
		example: `  oco risks --status open,red
  oco risks --matrix
  oco risks --matrix --target --owner ceo`,
		dated:  "review_by",
		scoped: true, owned: true, matrix: true,
		run: func(s *session, f *view.Filter) listOutput { return listed(view.RiskListing(s.p, f)) },
	},
	{
		use: "assumptions", kind: programme.KindAssumption,
		short:    "List assumptions and when to validate them",
		long:     `List assumptions in file order with their status and validation date.`,
		statuses: view.Statuses[programme.KindAssumption],
		dated:    "validate_by",
		scoped:   true, owned: true,
		run: func(s *session, f *view.Filter) listOutput { return listed(view.AssumptionListing(s.p, s.asOf, f)) },
	},
	{
		use: "issues", kind: programme.KindIssue,
		short:    "List issues",
		long:     `List issues in file order with their priority, status and dates.`,
		statuses: view.Statuses[programme.KindIssue],
		dated:    "resolve_by",
		scoped:   true, owned: true,
		run: func(s *session, f *view.Filter) listOutput { return listed(view.IssueListing(s.p, s.asOf, f)) },
	},
	{
		use: "decisions", kind: programme.KindDecision,
		short: "List decisions by date",
		long: `List decisions by date, then file order, with the body that took each and
what it affects. --owner matches the body that took it (by).`,
		dated:  "date",
		scoped: true, owned: true,
		run: func(s *session, f *view.Filter) listOutput { return listed(view.DecisionListing(s.p, f)) },
	},
	{
		use: "benefits", kind: programme.KindBenefit,
		short:    "List benefits and the milestones that enable them",
		long:     `List benefits in file order with their owner, dates and enabling milestones.`,
		statuses: view.Statuses[programme.KindBenefit],
		dated:    "by",
		scoped:   true, owned: true,
		run: func(s *session, f *view.Filter) listOutput { return listed(view.BenefitListing(s.p, f)) },
	},
}
