package portfolio

import (
	"time"

	"github.com/ocotool/oco/internal/programme"
	"github.com/ocotool/oco/internal/view"
)

// Status is the portfolio roll-up, as `oco portfolio status` shows it and
// -o json prints it.
type Status struct {
	Portfolio    string          `json:"portfolio" yaml:"portfolio"`
	Name         string          `json:"name" yaml:"name"`
	AsOf         programme.Date  `json:"as_of" yaml:"as_of"`
	Programmes   []Row           `json:"programmes" yaml:"programmes"`
	CriticalPath []view.PathStep `json:"critical_path" yaml:"critical_path"`
	Findings     map[string]int  `json:"findings" yaml:"findings"`
}

// Row is one programme of the roll-up.
type Row struct {
	Programme string `json:"programme" yaml:"programme"`
	Name      string `json:"name" yaml:"name"`
	Ref       string `json:"ref" yaml:"ref"`
	Commit    string `json:"commit" yaml:"commit"`
	// RAG is the worst of its milestones still to do, each rated by where
	// the portfolio's schedule lands it against its own tolerances, and
	// of its open risks against its own bands.
	RAG string `json:"rag" yaml:"rag"`
	// Assessment is the latest delivery confidence assessment; "" where
	// the programme records none.
	Assessment  string         `json:"assessment" yaml:"assessment"`
	End         programme.Date `json:"end" yaml:"end"`
	ExpectedEnd programme.Date `json:"expected_end" yaml:"expected_end"`
	EndDays     int            `json:"end_days" yaml:"end_days"` // expected end minus end; above 0 is late
	// Slips counts the milestones not done that are expected after their
	// due date.
	Slips    int `json:"slips" yaml:"slips"`
	RedRisks int `json:"red_risks" yaml:"red_risks"`
	// LinksAtRisk counts its links to other programmes' milestones that
	// are broken (no such programme in the portfolio, or no such
	// milestone), push it past its own date, or whose pinned date moved.
	LinksAtRisk int `json:"links_at_risk" yaml:"links_at_risk"`
	// Fetched is when a repository reached by URL was last fetched.
	Fetched *time.Time `json:"fetched,omitempty" yaml:"fetched,omitempty"`
}

// Status rolls the portfolio up: one row per programme, then the critical
// path across programmes. fs are the portfolio's findings.
func (pf *Portfolio) Status(fs []programme.Finding) *Status {
	s := &Status{Portfolio: pf.ID, Name: pf.Name, AsOf: pf.AsOf, Programmes: []Row{},
		CriticalPath: view.CriticalPath(pf.Merged, pf.Plan, pf.AsOf), Findings: view.Counts(fs)}
	moved := map[string]bool{}
	for _, mv := range pf.Upstream() {
		if mv.Moved() {
			moved[mv.Successor+" "+mv.Pred] = true
		}
	}
	plan := pf.Plan
	for k, m := range pf.Members {
		p := m.P
		r := Row{Programme: m.ID, Name: p.Header.Name, Ref: m.Ref, Commit: short(m.Commit), RAG: programme.Green, End: p.Header.End}
		if !m.Fetched.IsZero() {
			at := m.Fetched
			r.Fetched = &at
		}
		if a := p.LatestAssessment(pf.AsOf); a != nil {
			r.Assessment = a.Rating
		}
		tol := p.Tolerances()
		for j, ms := range p.Milestones {
			i := pf.Index(k, j)
			exp := plan.Expected[i]
			st := p.StateExpected(ms, pf.AsOf, exp)
			if exp > r.ExpectedEnd {
				r.ExpectedEnd = exp
			}
			if st.Finished() {
				continue
			}
			rag := st.RAG
			if slip := exp.Sub(ms.Due); slip > tol.RedDays {
				rag = programme.WorseRAG(rag, programme.Red)
			} else if slip > tol.AmberDays {
				rag = programme.WorseRAG(rag, programme.Amber)
			}
			r.RAG = programme.WorseRAG(r.RAG, rag)
			if exp > ms.Due {
				r.Slips++
			}
		}
		for _, x := range p.Risks {
			if !x.Open() {
				continue
			}
			rag := p.RAG(x.Score())
			r.RAG = programme.WorseRAG(r.RAG, rag)
			if rag == programme.Red {
				r.RedRisks++
			}
		}
		if r.ExpectedEnd != 0 && r.End != 0 {
			r.EndDays = r.ExpectedEnd.Sub(r.End)
		}
		for _, l := range p.ExternalLinks() {
			succ := qualify(m.ID, l.Milestone.ID)
			other, _, in := pf.Member(l.Ref.Programme)
			if !in || other.P.Milestone(l.Ref.ID) == nil || moved[succ+" "+l.Dep.ID] {
				r.LinksAtRisk++
				continue
			}
			i, _ := plan.Index(succ)
			j, _ := plan.Index(l.Dep.ID)
			if l.Milestone.Done == 0 && plan.Expected[j].AddDays(int(l.Dep.Lag)) > l.Milestone.Date() && plan.Expected[i] > l.Milestone.Date() {
				r.LinksAtRisk++
			}
		}
		s.Programmes = append(s.Programmes, r)
	}
	return s
}
