package render

import (
	"fmt"
	"io"

	"github.com/ocotool/oco/internal/programme"
)

// FindingsText writes findings one a line, as `file:line:col: severity:
// message [rule]`, then a summary line; severities are coloured on a
// terminal.
func (t Term) FindingsText(fs []programme.Finding) error {
	w := t.Out
	for _, f := range fs {
		sev := f.Severity.String()
		if f.Severity == programme.Error {
			sev = t.Paint(sev, Red)
		} else {
			sev = t.Paint(sev, Amber)
		}
		if _, err := fmt.Fprintf(w, "%s: %s: %s [%s]\n", f.Pos, sev, f.Message, t.Paint(f.Rule, Dim)); err != nil {
			return err
		}
	}
	return Summary(w, fs)
}

// Summary writes "2 errors, 3 warnings".
func Summary(w io.Writer, fs []programme.Finding) error {
	e, wn := programme.Count(fs)
	_, err := fmt.Fprintf(w, "%s, %s\n", programme.Plural(e, "error"), programme.Plural(wn, "warning"))
	return err
}
