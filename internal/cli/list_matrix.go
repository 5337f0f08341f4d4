package cli

import (
	"fmt"

	"github.com/ocotool/oco/internal/render"
	"github.com/ocotool/oco/internal/view"
)

func runRiskMatrix(s *session, t render.Term, f render.Format, flt *view.Filter, o *listOptions) error {
	onlyOpen, which := view.MatrixScope(o.statuses, o.all)
	rec := view.NewRiskMatrix(s.p, flt, onlyOpen, o.target)
	switch f {
	case render.FormatJSON:
		return render.JSON(t.Out, rec)
	case render.FormatYAML:
		return render.YAML(t.Out, rec)
	case render.FormatCSV, render.FormatMarkdown:
		return t.Output(f, rec.CSV(), nil)
	}
	m, unplaced := rec.Chart(s.p, which)
	if err := t.Matrix(m); err != nil {
		return err
	}
	if unplaced != "" {
		_, err := fmt.Fprintf(t.Out, "\n%s\n", unplaced)
		return err
	}
	return nil
}
