package view

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/ocotool/oco/internal/programme"
	"github.com/ocotool/oco/internal/render"
)

// RiskMatrix is the 5×5 likelihood × impact grid of `oco risks --matrix`.
type RiskMatrix struct {
	Positions string       `json:"positions" yaml:"positions"` // "current" or "target"
	Cells     []MatrixCell `json:"cells" yaml:"cells"`         // the cells holding risks, likelihood 5 first
	Unplaced  []string     `json:"unplaced" yaml:"unplaced"`   // risks with no position: unassessed, or no target

	Risks int `json:"-" yaml:"-"` // how many risks it shows, placed or not
}

// MatrixCell is one cell of the grid that holds risks.
type MatrixCell struct {
	Likelihood int      `json:"likelihood" yaml:"likelihood"`
	Impact     int      `json:"impact" yaml:"impact"`
	Score      int      `json:"score" yaml:"score"`
	RAG        string   `json:"rag" yaml:"rag"`
	Count      int      `json:"count" yaml:"count"`
	Risks      []string `json:"risks" yaml:"risks"`
}

// NewRiskMatrix places the risks that pass f, only the open ones when
// onlyOpen, at their current positions or, with target, their targets.
func NewRiskMatrix(p *programme.Programme, f *Filter, onlyOpen, target bool) RiskMatrix {
	rec := RiskMatrix{Positions: "current", Cells: []MatrixCell{}, Unplaced: []string{}}
	if target {
		rec.Positions = "target"
	}
	var grid [5][5][]string
	for _, r := range p.Risks {
		if (onlyOpen && !r.Open()) || !RiskPasses(p, f, r) {
			continue
		}
		rec.Risks++
		l, i := r.Likelihood, r.Impact
		if target {
			l, i = 0, 0
			if r.Target != nil {
				l, i = r.Target.Likelihood, r.Target.Impact
			}
		}
		if l < 1 || l > 5 || i < 1 || i > 5 {
			rec.Unplaced = append(rec.Unplaced, r.ID)
			continue
		}
		grid[l-1][i-1] = append(grid[l-1][i-1], r.ID)
	}
	for l := 5; l >= 1; l-- {
		for i := 1; i <= 5; i++ {
			ids := grid[l-1][i-1]
			if len(ids) == 0 {
				continue
			}
			slices.SortFunc(ids, programme.CompareIDs)
			rec.Cells = append(rec.Cells, MatrixCell{Likelihood: l, Impact: i, Score: l * i,
				RAG: p.RAG(l * i), Count: len(ids), Risks: ids})
		}
	}
	return rec
}

// MatrixScope says which risks the matrix shows: it is about exposure now,
// so closed and occurred risks stay out unless all is given or statuses
// name a lifecycle status. which names them in the title.
func MatrixScope(statuses []string, all bool) (onlyOpen bool, which string) {
	lifecycle := slices.ContainsFunc(statuses, func(v string) bool {
		return slices.Contains(Statuses[programme.KindRisk][0], strings.ToLower(strings.TrimSpace(v)))
	})
	onlyOpen = !all && !lifecycle
	switch {
	case onlyOpen:
		return true, "Open risks"
	case all && !lifecycle:
		return false, "All risks"
	}
	return false, "Risks"
}

// CSV is the matrix as -o csv and -o markdown print it: a row a cell.
func (rec RiskMatrix) CSV() render.Table {
	tb := flatTable("likelihood", "impact", "score", "rag", "count", "risks")
	for _, c := range rec.Cells {
		tb.Rows = append(tb.Rows, render.Cells(strconv.Itoa(c.Likelihood), strconv.Itoa(c.Impact),
			strconv.Itoa(c.Score), c.RAG, strconv.Itoa(c.Count), strings.Join(c.Risks, " ")))
	}
	return tb
}

// Chart is the matrix as the grid draws it, titled for the risks which
// names, with the risks it could not place in a line under it.
func (rec RiskMatrix) Chart(p *programme.Programme, which string) (m render.Matrix, unplaced string) {
	for _, c := range rec.Cells {
		m.Cells[c.Likelihood-1][c.Impact-1] = render.MatrixCell{Count: c.Count, IDs: c.Risks}
	}
	m.Title = fmt.Sprintf("%s: likelihood × impact (%d)", which, rec.Risks)
	label := "Not assessed"
	if rec.Positions == "target" {
		m.Title = fmt.Sprintf("%s at their target positions (%d)", which, rec.Risks)
		label = "No target"
	}
	m.Bands = func(score int) render.Style { return render.RAGStyle(p.RAG(score)) }
	if len(rec.Unplaced) > 0 {
		unplaced = label + ": " + strings.Join(rec.Unplaced, ", ")
	}
	return m, unplaced
}
