package cli

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/ocotool/oco/internal/render"
)

// matrixRecord is the risk matrix as -o json and -o yaml print it.
type matrixRecord struct {
	Positions string             `json:"positions" yaml:"positions"` // "current" or "target"
	Cells     []matrixCellRecord `json:"cells" yaml:"cells"`         // the cells holding risks, likelihood 5 first
	Unplaced  []string           `json:"unplaced" yaml:"unplaced"`   // risks with no position: unassessed, or no target
}

type matrixCellRecord struct {
	Likelihood int      `json:"likelihood" yaml:"likelihood"`
	Impact     int      `json:"impact" yaml:"impact"`
	Score      int      `json:"score" yaml:"score"`
	RAG        string   `json:"rag" yaml:"rag"`
	Count      int      `json:"count" yaml:"count"`
	Risks      []string `json:"risks" yaml:"risks"`
}

func runRiskMatrix(s *session, t render.Term, f render.Format, flt *listFilter, o *listOptions) error {
	p := s.p
	// The matrix is about exposure now, so closed and occurred risks stay
	// out unless asked for.
	lifecycle := slices.ContainsFunc(o.statuses, func(v string) bool {
		v = strings.ToLower(strings.TrimSpace(v))
		return v == "open" || v == "closed" || v == "occurred"
	})
	onlyOpen := !o.all && !lifecycle

	var m render.Matrix
	rec := matrixRecord{Positions: "current", Cells: []matrixCellRecord{}, Unplaced: []string{}}
	if o.target {
		rec.Positions = "target"
	}
	n := 0
	for _, r := range p.Risks {
		if (onlyOpen && !r.Open()) || !riskPasses(p, flt, r) {
			continue
		}
		n++
		l, i := r.Likelihood, r.Impact
		if o.target {
			l, i = 0, 0
			if r.Target != nil {
				l, i = r.Target.Likelihood, r.Target.Impact
			}
		}
		if l < 1 || l > 5 || i < 1 || i > 5 {
			rec.Unplaced = append(rec.Unplaced, r.ID)
			continue
		}
		c := &m.Cells[l-1][i-1]
		c.Count++
		c.IDs = append(c.IDs, r.ID)
	}
	for l := 5; l >= 1; l-- {
		for i := 1; i <= 5; i++ {
			c := &m.Cells[l-1][i-1]
			if c.Count == 0 {
				continue
			}
			slices.SortFunc(c.IDs, idOrder)
			rec.Cells = append(rec.Cells, matrixCellRecord{Likelihood: l, Impact: i, Score: l * i,
				RAG: p.RAG(l * i), Count: c.Count, Risks: c.IDs})
		}
	}

	switch f {
	case render.FormatJSON:
		return render.JSON(t.Out, rec)
	case render.FormatYAML:
		return render.YAML(t.Out, rec)
	case render.FormatCSV, render.FormatMarkdown:
		tb := listCSV("likelihood", "impact", "score", "rag", "count", "risks")
		for _, c := range rec.Cells {
			tb.Rows = append(tb.Rows, render.Cells(strconv.Itoa(c.Likelihood), strconv.Itoa(c.Impact),
				strconv.Itoa(c.Score), c.RAG, strconv.Itoa(c.Count), strings.Join(c.Risks, " ")))
		}
		return t.Output(f, tb, nil)
	}

	which := "Risks"
	switch {
	case onlyOpen:
		which = "Open risks"
	case o.all && !lifecycle:
		which = "All risks"
	}
	m.Title = fmt.Sprintf("%s: likelihood × impact (%d)", which, n)
	if o.target {
		m.Title = fmt.Sprintf("%s at their target positions (%d)", which, n)
	}
	m.Bands = func(score int) render.Style { return render.RAGStyle(p.RAG(score)) }
	if err := t.Matrix(m); err != nil {
		return err
	}
	if len(rec.Unplaced) > 0 {
		label := "Not assessed"
		if o.target {
			label = "No target"
		}
		_, err := fmt.Fprintf(t.Out, "\n%s: %s\n", label, strings.Join(rec.Unplaced, ", "))
		return err
	}
	return nil
}
