package cli

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/ocotool/oco/internal/programme"
	"github.com/ocotool/oco/internal/render"
	"github.com/ocotool/oco/internal/view"
)

// matrixRecord is the risk matrix as -o json and -o yaml print it, built
// in view.
type (
	matrixRecord     = view.RiskMatrix
	matrixCellRecord = view.MatrixCell
)

func runRiskMatrix(s *session, t render.Term, f render.Format, flt *listFilter, o *listOptions) error {
	p := s.p
	// The matrix is about exposure now, so closed and occurred risks stay
	// out unless asked for.
	lifecycle := slices.ContainsFunc(o.statuses, func(v string) bool {
		return slices.Contains(view.Statuses[programme.KindRisk][0], strings.ToLower(strings.TrimSpace(v)))
	})
	onlyOpen := !o.all && !lifecycle

	rec := view.NewRiskMatrix(p, flt, onlyOpen, o.target)
	var m render.Matrix
	for _, c := range rec.Cells {
		m.Cells[c.Likelihood-1][c.Impact-1] = render.MatrixCell{Count: c.Count, IDs: c.Risks}
	}
	n := rec.Risks

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
