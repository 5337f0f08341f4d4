package sheet

import (
	"fmt"
	"slices"
	"strings"

	"github.com/ocotool/oco/internal/programme"
)

// derived are the columns `oco <kind> -o csv` and `oco export` add to a
// kind's fields: computed by oco, so an import reads past them.
var derived = map[programme.Kind][]string{
	programme.KindMilestone: {"status", "rag", "expected", "slack"},
	programme.KindPhase:     {"milestones", "done", "rag", "current"},
	programme.KindRisk:      {"rag"},
}

// CellError is a cell, or a column, an import refuses.
type CellError struct {
	Row    int    // 0 for the header: the whole column
	Column int    // from 0
	Header string // the column's header as written
	Err    error
}

func (e *CellError) Error() string {
	where := fmt.Sprintf("column %s (%s)", Column(e.Column), e.Header)
	if e.Row > 0 {
		where = fmt.Sprintf("row %d, %s", e.Row, where)
	}
	return where + ": " + e.Err.Error()
}

// Fields maps each column to the field of kind k it gives, "" for a
// column to read past: one that renames (from --map, header=field, where
// field "" drops the column) send elsewhere, or one oco derives. Headers
// are matched as written or lower-cased with spaces as _, and a nested
// field may be written with _ for its dot (target_likelihood). It returns
// the columns it skips, by header, and an error for each column that is
// no field of k, or gives the same field as another.
func Fields(k programme.Kind, header []string, renames map[string]string) (fields, skipped []string, errs []error) {
	names := fieldNames(k)
	fields = make([]string, len(header))
	seen := map[string]int{}
	for i, h := range header {
		name, renamed := renames[h]
		if !renamed {
			name = strings.ReplaceAll(strings.ToLower(strings.TrimSpace(h)), " ", "_")
		}
		switch {
		case name == "" && (renamed || h == ""):
			skipped = append(skipped, h)
			continue
		case slices.Contains(names, name):
		case slices.Contains(names, strings.Replace(name, "_", ".", 1)) && strings.Contains(strings.Replace(name, "_", ".", 1), "."):
			name = strings.Replace(name, "_", ".", 1)
		case !renamed && slices.Contains(derived[k], name):
			skipped = append(skipped, h)
			continue
		default:
			hint := ""
			if near := programme.Nearest(name, names, 1); len(near) > 0 {
				hint = fmt.Sprintf("; did you mean %q?", near[0])
			}
			errs = append(errs, &CellError{Column: i, Header: h, Err: fmt.Errorf("%s has no field %q%s (use --map '%s=FIELD' to rename it, or --map '%s=' to leave it out)", article(k), name, hint, h, h)})
			continue
		}
		if j, dup := seen[name]; dup {
			errs = append(errs, &CellError{Column: i, Header: h, Err: fmt.Errorf("gives %s, as column %s does", name, Column(j))})
			continue
		}
		seen[name] = i
		fields[i] = name
	}
	return fields, skipped, errs
}

// fieldNames lists the fields of kind k, nested ones dotted.
func fieldNames(k programme.Kind) []string {
	var out []string
	for _, f := range programme.Fields(k) {
		if f.Kind == programme.KindStruct {
			for _, s := range f.Sub {
				out = append(out, f.Name+"."+s.Name)
			}
			continue
		}
		out = append(out, f.Name)
	}
	return out
}

func article(k programme.Kind) string {
	if strings.ContainsAny(string(k)[:1], "aeiou") {
		return "an " + string(k)
	}
	return "a " + string(k)
}
