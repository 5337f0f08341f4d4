// Package check finds the problems of a loaded programme that involve more
// than one value: ids used twice, references to nothing, dates out of
// order, dependency loops, milestones overdue (SPEC section 5). The loader
// has already reported problems with single values; each rule here skips
// the values it found invalid, so one mistake gives one finding.
//
// Every rule is a small function of a Context, named after the rule, and
// the whole of Run is linear in the size of the programme.
package check

import (
	"fmt"
	"strings"

	"github.com/ocotool/oco/internal/programme"
	"github.com/ocotool/oco/internal/schedule"
)

// Options are what a check needs beyond the programme itself.
type Options struct {
	// AsOf is the reporting date, resolved by the caller from --as-of, the
	// programme's as_of, or today. The zero Date skips the rules that
	// depend on it.
	AsOf programme.Date
	// Plan is the schedule of the programme's milestones as of AsOf, where
	// the caller has it already; Run builds it otherwise.
	Plan *schedule.Plan
}

// Rule describes one rule: its name as printed in brackets after a
// finding, its severity, and a sentence saying when it fires.
type Rule struct {
	Name     string
	Severity programme.Severity
	Doc      string
}

type entry struct {
	Rule
	run func(*Context) // nil for rules reported elsewhere
}

// catalogue lists every rule of SPEC section 5 in the SPEC's order,
// including those the loader, the schedule and `oco diff` report, so that
// machine formats (SARIF, JUnit) can describe all of them.
var catalogue = []entry{
	{Rule{"syntax", programme.Error, "The file is not valid YAML."}, nil},
	{Rule{"unknown-field", programme.Error, "A key the format does not have."}, nil},
	{Rule{"type", programme.Error, "A value of the wrong shape, such as a list where a mapping belongs."}, nil},
	{Rule{"missing-field", programme.Error, "A required field is absent or empty."}, nil},
	{Rule{"duplicate-id", programme.Error, "An id used for two items."}, DuplicateID},
	{Rule{"invalid-id", programme.Error, "An id outside the id syntax."}, nil},
	{Rule{"invalid-date", programme.Error, "A date that is not a real YYYY-MM-DD date."}, nil},
	{Rule{"invalid-value", programme.Error, "An enum, number or lag outside its allowed values."}, nil},
	{Rule{"unknown-ref", programme.Error, "A reference to an id that does not exist or is of the wrong kind."}, UnknownRef},
	{Rule{"unchecked-ref", programme.Warning, "References that could not be checked, because a file that may define them did not parse or could not be read: one finding per such file."}, nil},
	{Rule{"date-order", programme.Error, "An end before its start: programme, phase, or an activity's start after its due date."}, DateOrder},
	{Rule{"outside-programme", programme.Error, "A date outside the programme's start..end."}, OutsideProgramme},
	{Rule{"outside-phase", programme.Error, "A milestone's due date outside its phase's window."}, OutsidePhase},
	{Rule{"self-dependency", programme.Error, "A milestone or phase that depends on itself."}, SelfDependency},
	{Rule{"duplicate-dependency", programme.Error, "The same predecessor listed twice."}, DuplicateDependency},
	{Rule{"dependency-cycle", programme.Error, "A loop of dependencies."}, DependencyCycle},
	{Rule{"dependency-order", programme.Error, "A milestone due (or starting) before a predecessor's due date plus lag."}, DependencyOrder},
	{Rule{"done-before-dependency", programme.Error, "A milestone marked done while a predecessor is not done, or done before it."}, DoneBeforeDependency},
	{Rule{"done-in-future", programme.Error, "A done date after the reporting date."}, DoneInFuture},
	{Rule{"score-mismatch", programme.Error, "A stated risk score that is not likelihood × impact."}, ScoreMismatch},
	{Rule{"duplicate-section", programme.Error, "programme given twice, or a top-level key that is no section."}, nil},
	{Rule{"overdue", programme.Warning, "A milestone past its date and not done."}, Overdue},
	{Rule{"slipped", programme.Warning, "A forecast past the due date by more than amber_days."}, Slipped},
	{Rule{"knock-on", programme.Warning, "A predecessor pushes a milestone's expected date past its own date."}, KnockOn},
	{Rule{"negative-slack", programme.Warning, "A milestone expected after the programme end."}, NegativeSlack},
	{Rule{"stale-forecast", programme.Warning, "A forecast date in the past for a milestone not done."}, StaleForecast},
	{Rule{"unowned", programme.Warning, "A milestone, open risk, open issue or assumption with no owner."}, Unowned},
	{Rule{"unassessed", programme.Warning, "An open risk without likelihood and impact."}, Unassessed},
	{Rule{"review-overdue", programme.Warning, "An open risk whose review_by date has passed."}, ReviewOverdue},
	{Rule{"assumption-overdue", programme.Warning, "An unverified assumption past its validate_by date."}, AssumptionOverdue},
	{Rule{"invalid-assumption", programme.Warning, "An assumption marked invalid with no risk raised."}, InvalidAssumption},
	{Rule{"empty-phase", programme.Warning, "A phase with no milestones."}, EmptyPhase},
	{Rule{"rebaselined", programme.Warning, "A milestone whose due date changed without a decision (oco diff only)."}, nil},
	{Rule{"id-case", programme.Warning, "Two ids that differ only by case."}, IDCase},
	{Rule{"non-working-day", programme.Warning, "A due, start or forecast date on a day its calendar does not work."}, NonWorkingDay},

	// The board cycle (SPEC 7.3).
	{Rule{"tolerance-breach", programme.Warning, "A forecast beyond one of the board's tolerances: time, cost, red risks, benefits at risk."}, ToleranceBreach},
	{Rule{"dca-inconsistent", programme.Warning, "The latest delivery confidence assessment is green or amber-green while a critical-path milestone is overdue or red, or a red risk is open."}, DCAInconsistent},
	{Rule{"benefit-at-risk", programme.Warning, "A benefit not yet realised whose enabling milestone is expected after the benefit's date, or is red."}, BenefitAtRisk},
	{Rule{"upstream-moved", programme.Warning, "A milestone depending on another programme's milestone whose date at the pinned revision differs from its date now (reported by oco validate --upstream and the portfolio commands)."}, nil},
}

// severities is filled in by init: the rules refer to it, and the
// catalogue to the rules.
var severities = map[string]programme.Severity{}

func init() {
	for _, e := range catalogue {
		severities[e.Name] = e.Severity
	}
}

// Rules returns every rule of SPEC section 5, in the SPEC's order.
func Rules() []Rule {
	out := make([]Rule, len(catalogue))
	for i, e := range catalogue {
		out[i] = e.Rule
	}
	return out
}

// Run returns the loader's findings and those of every rule, sorted.
func Run(p *programme.Programme, opt Options) []programme.Finding {
	c := NewContext(p, opt)
	for _, e := range catalogue {
		if e.run != nil {
			e.run(c)
		}
	}
	out := make([]programme.Finding, 0, len(p.Findings)+len(c.findings))
	out = append(out, p.Findings...)
	out = append(out, c.findings...)
	programme.SortFindings(out)
	return out
}

// Context is what the rules share: the programme, the reporting date, the
// schedule built once, and the findings so far.
type Context struct {
	P    *programme.Programme
	AsOf programme.Date

	candidates map[string][]string // ids of a set of kinds, for suggestions
	suggestOps int                 // comparisons left for suggestions
	findings   []programme.Finding
	plan       *schedule.Plan
	unresolved map[string][]string // per broken file, the references it leaves unchecked
}

// Plan is the schedule of the milestones, built once for every rule that
// needs expected dates or loops.
func (c *Context) Plan() *schedule.Plan {
	if c.plan == nil {
		c.plan = schedule.Build(c.P, c.AsOf)
	}
	return c.plan
}

// suggestBudget bounds the work of "did you mean" suggestions, so that a
// programme with thousands of bad references still checks in linear time;
// past it, findings come without suggestions.
const suggestBudget = 2_000_000

// NewContext prepares p for the rules. They find items through the
// programme's own index of ids, which a Programme assembled in code, not
// loaded, builds on first use.
func NewContext(p *programme.Programme, opt Options) *Context {
	return &Context{P: p, AsOf: opt.AsOf, plan: opt.Plan, suggestOps: suggestBudget}
}

// Findings returns what the rules run so far have found, unsorted.
func (c *Context) Findings() []programme.Finding { return c.findings }

func (c *Context) report(rule string, pos programme.Pos, id, format string, args ...any) {
	sev, ok := severities[rule]
	if !ok {
		panic("check: rule " + rule + " is not in the catalogue")
	}
	c.findings = append(c.findings, programme.Finding{
		Pos: pos, Severity: sev, Rule: rule, ID: id, Message: fmt.Sprintf(format, args...),
	})
}

func (c *Context) lookup(id string) (programme.Ref, bool) { return c.P.Lookup(id) }

func (c *Context) milestone(id string) *programme.Milestone { return c.P.Milestone(id) }

func (c *Context) phase(id string) *programme.Phase { return c.P.Phase(id) }

// suggest returns `; did you mean "x"?` naming the ids of the given kinds
// (any kind when none) nearest to s, or "" when none is near.
func (c *Context) suggest(s string, kinds []programme.Kind) string {
	key := fmt.Sprint(kinds)
	cands, ok := c.candidates[key]
	if !ok {
		if c.candidates == nil {
			c.candidates = map[string][]string{}
		}
		cands = c.P.IDs(kinds...)
		c.candidates[key] = cands
	}
	if c.suggestOps < len(cands) {
		return ""
	}
	c.suggestOps -= len(cands)
	return programme.Suggest(s, plausible(s, cands))
}

// plausible keeps the candidates that could be within programme.Nearest's
// edit distance of s, by a test that costs no allocation: the letters one
// has and the other lacks are a lower bound on the distance. Nearest then
// ranks the few that remain; on large programmes it would otherwise spend
// a second on a handful of typos.
func plausible(s string, cands []string) []string {
	limit := max(2, len(s)/3)
	var want [128]int32
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return cands // case folding beyond ASCII: let Nearest judge all
		}
		want[lower(s[i])]++
	}
	var out []string
	for _, c := range cands {
		if d := len(c) - len(s); d > limit || -d > limit {
			continue
		}
		missing, ascii := 0, true
		for i := 0; i < len(c); i++ {
			if c[i] >= 0x80 {
				ascii = false
				break
			}
			if b := lower(c[i]); want[b] > 0 {
				want[b]--
			} else {
				missing++
			}
		}
		// Restore the counts from s: cheaper than copying the table.
		for i := 0; i < len(s); i++ {
			want[lower(s[i])] = 0
		}
		for i := 0; i < len(s); i++ {
			want[lower(s[i])]++
		}
		extra := len(s) - (len(c) - missing)
		if !ascii || (missing <= limit && extra <= limit) {
			out = append(out, c)
		}
	}
	return out
}

func lower(b byte) byte {
	if 'A' <= b && b <= 'Z' {
		return b + 'a' - 'A'
	}
	return b
}

// label names an item in a message: "milestone M-3", or "a milestone"
// when it has no id (already a missing-field finding).
func label(kind programme.Kind, id string) string {
	if id == "" {
		return article(kind) + " " + string(kind)
	}
	return string(kind) + " " + id
}

// name is an item's id for messages that are sentences about it.
func name(kind programme.Kind, id string) string {
	if id == "" {
		return article(kind) + " " + string(kind) + " with no id"
	}
	return id
}

func article(kind programme.Kind) string {
	if strings.ContainsRune("aeiou", rune(kind[0])) {
		return "an"
	}
	return "a"
}
