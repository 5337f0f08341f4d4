package check

import (
	"fmt"
	"strings"

	"github.com/ocotool/oco/internal/programme"
	"github.com/ocotool/oco/internal/schedule"
)

// The board's rules (SPEC 7.3): tolerances, the delivery confidence
// assessment against the facts, and benefits a slip endangers. The
// figures are exported so that `status` and `report` show the same
// numbers the rules judge.

// Tolerance is one board tolerance with the figure it is judged on.
type Tolerance struct {
	Key      string          // the key in programme.tolerances
	Name     string          // time, cost, red risks, benefits at risk
	Limit    programme.Limit // programme.NotSet where the programme gives none
	Figure   int
	Text     string // the figure in words: "expected end 2018-04-10, 10 days after the end 2018-03-31"
	Known    bool   // false where the figure cannot be had (no budget)
	Breached bool
}

// Set reports whether the programme gives this tolerance.
func (t Tolerance) Set() bool { return t.Limit.Set() }

// ExpectedEnd is the latest expected date of any milestone, or zero.
func ExpectedEnd(plan *schedule.Plan) programme.Date {
	var end programme.Date
	for _, d := range plan.Expected {
		end = max(end, d)
	}
	return end
}

// OpenRedRisks lists the open risks rated red, in file order.
func OpenRedRisks(p *programme.Programme) []*programme.Risk {
	var out []*programme.Risk
	for _, r := range p.Risks {
		if r.Open() && p.RAG(r.Score()) == programme.Red {
			out = append(out, r)
		}
	}
	return out
}

// BenefitRisk is a benefit a milestone endangers.
type BenefitRisk struct {
	Benefit   *programme.Benefit
	Milestone *programme.Milestone
	Expected  programme.Date
	Why       string
}

// BenefitsAtRisk lists each benefit not yet realised with a milestone that
// enables it expected after the benefit's `by` date, or rated red; one
// entry per benefit, for the worst of its milestones.
func BenefitsAtRisk(p *programme.Programme, plan *schedule.Plan, asOf programme.Date) []BenefitRisk {
	var out []BenefitRisk
	for _, b := range p.Benefits {
		if !b.Realised.IsZero() {
			continue
		}
		var worst *BenefitRisk
		for _, id := range b.EnabledBy {
			m := p.Milestone(id)
			if m == nil || !m.Done.IsZero() {
				continue
			}
			exp := m.Date()
			if i, ok := plan.Index(id); ok {
				exp = plan.Expected[i]
			}
			// Where it will land is the case above; "red" here is its own
			// forecast's slip, which endangers the benefit whatever its date.
			st := p.State(m, asOf)
			var why string
			switch {
			case !b.By.IsZero() && exp > b.By:
				why = fmt.Sprintf("%s is expected %s, %s after the benefit's date %s", m.ID, exp, programme.Plural(exp.Sub(b.By), "day"), b.By)
			case st.RAG == programme.Red && st.Status == programme.StatusOverdue:
				why = fmt.Sprintf("%s is overdue (%s, %s late)", m.ID, st.Date, programme.Plural(-st.Left, "day"))
			case st.RAG == programme.Red:
				why = fmt.Sprintf("%s is red: forecast %s, %s after its due date", m.ID, st.Date, programme.Plural(st.Slip, "day"))
			default:
				continue
			}
			if worst == nil || exp > worst.Expected {
				worst = &BenefitRisk{Benefit: b, Milestone: m, Expected: exp, Why: why}
			}
		}
		if worst != nil {
			out = append(out, *worst)
		}
	}
	return out
}

// Tolerances measures the programme against each board tolerance, in the
// SPEC's order: time, cost, red risks, benefits at risk.
func Tolerances(p *programme.Programme, plan *schedule.Plan, asOf programme.Date) []Tolerance {
	tol := p.Tolerances()
	var out []Tolerance
	add := func(t Tolerance) {
		t.Breached = t.Set() && t.Known && t.Figure > int(t.Limit)
		out = append(out, t)
	}

	end, h := ExpectedEnd(plan), p.Header
	t := Tolerance{Key: "end_days", Name: "time", Limit: tol.EndDays, Known: !end.IsZero() && !h.End.IsZero()}
	if t.Known {
		t.Figure = max(0, end.Sub(h.End))
		switch d := end.Sub(h.End); {
		case d > 0:
			t.Text = fmt.Sprintf("expected end %s, %s after the end %s", end, programme.Plural(d, "day"), h.End)
		default:
			t.Text = fmt.Sprintf("expected end %s, on or before the end %s", end, h.End)
		}
	} else {
		t.Text = "no milestone dates"
	}
	add(t)

	t = Tolerance{Key: "cost_percent", Name: "cost", Limit: tol.CostPercent, Known: h.HasCost() && h.Has("forecast_cost")}
	cur := p.CurrencyCode()
	switch {
	case t.Known:
		over := h.ForecastCost - h.Budget
		// Round up: 10.2% over a 10% tolerance is over it.
		t.Figure = max(0, (over*100+h.Budget-1)/h.Budget)
		t.Text = fmt.Sprintf("forecast %s %s against budget %s %s", cur, money(h.ForecastCost), cur, money(h.Budget))
		if over > 0 {
			t.Text += fmt.Sprintf(", %d%% over", t.Figure)
		}
	case h.HasCost():
		t.Text = fmt.Sprintf("budget %s %s, no forecast cost", cur, money(h.Budget))
	default:
		t.Text = "no budget recorded"
	}
	add(t)

	red := OpenRedRisks(p)
	ids := make([]string, len(red))
	for i, r := range red {
		ids[i] = r.ID
	}
	t = Tolerance{Key: "red_risks", Name: "red risks", Limit: tol.RedRisks, Known: true, Figure: len(red)}
	t.Text = programme.Plural(len(red), "open red risk")
	if len(ids) > 0 {
		t.Text += " (" + some(ids) + ")"
	}
	add(t)

	bar := BenefitsAtRisk(p, plan, asOf)
	ids = ids[:0]
	for _, b := range bar {
		ids = append(ids, b.Benefit.ID)
	}
	t = Tolerance{Key: "benefits_at_risk", Name: "benefits at risk", Limit: tol.BenefitsAtRisk, Known: true, Figure: len(bar)}
	t.Text = programme.Plural(len(bar), "benefit") + " at risk"
	if len(ids) > 0 {
		t.Text += " (" + some(ids) + ")"
	}
	add(t)
	return out
}

// some lists up to five ids, then how many more.
func some(ids []string) string {
	if len(ids) > 5 {
		return strings.Join(ids[:5], ", ") + fmt.Sprintf(" and %d more", len(ids)-5)
	}
	return strings.Join(ids, ", ")
}

// money writes a whole amount with thousands separators: 1,250,000.
func money(n int) string {
	s := fmt.Sprint(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// Money is money, for the views.
func Money(n int) string { return money(n) }

// ToleranceBreach warns about each board tolerance the forecast exceeds.
func ToleranceBreach(c *Context) {
	for _, t := range Tolerances(c.P, c.Plan(), c.AsOf) {
		if !t.Breached {
			continue
		}
		limit := fmt.Sprint(t.Limit)
		switch t.Key {
		case "end_days":
			limit = programme.Plural(int(t.Limit), "day")
		case "cost_percent":
			limit += "%"
		}
		c.report("tolerance-breach", c.P.Header.KeyPos("tolerances"), c.P.Header.ID,
			"the %s tolerance is exceeded: %s (tolerance %s)", t.Name, t.Text, limit)
	}
}

// DCAConflicts says what contradicts a green or amber-green delivery
// confidence: a critical-path milestone overdue or red, or an open red
// risk ("green outside, red inside"). Empty for any other rating.
func DCAConflicts(p *programme.Programme, plan *schedule.Plan, a *programme.Assessment, asOf programme.Date) []string {
	if a == nil || (a.Rating != programme.DCAGreen && a.Rating != programme.DCAAmberGreen) {
		return nil
	}
	var out []string
	for i, m := range plan.Milestones {
		if !plan.Critical[i] || !m.Done.IsZero() {
			continue
		}
		st := p.StateExpected(m, asOf, plan.Expected[i])
		switch {
		case st.Status == programme.StatusOverdue:
			out = append(out, fmt.Sprintf("critical-path milestone %s is overdue", m.ID))
		case st.RAG == programme.Red:
			out = append(out, fmt.Sprintf("critical-path milestone %s is red", m.ID))
		}
	}
	for _, r := range OpenRedRisks(p) {
		out = append(out, fmt.Sprintf("risk %s is open and red (score %d)", r.ID, r.Score()))
	}
	return out
}

// DCAInconsistent warns where the latest delivery confidence assessment is
// green or amber-green while the facts say otherwise.
func DCAInconsistent(c *Context) {
	a := c.P.LatestAssessment(c.AsOf)
	why := DCAConflicts(c.P, c.Plan(), a, c.AsOf)
	if len(why) == 0 {
		return
	}
	more := ""
	if len(why) > 3 {
		more = fmt.Sprintf(" and %d more", len(why)-3)
		why = why[:3]
	}
	c.report("dca-inconsistent", a.KeyPos("rating"), a.ID, "assessment %s rates delivery confidence %s on %s, but %s%s",
		a.ID, a.Rating, a.Date, strings.Join(why, "; "), more)
}

// BenefitAtRisk warns about each benefit a milestone's date endangers.
func BenefitAtRisk(c *Context) {
	for _, b := range BenefitsAtRisk(c.P, c.Plan(), c.AsOf) {
		c.report("benefit-at-risk", b.Benefit.KeyPos("enabled_by"), b.Benefit.ID, "benefit %s is at risk: %s", b.Benefit.ID, b.Why)
	}
}
