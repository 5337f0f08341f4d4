package render

import (
	"fmt"
	"reflect"
	"strings"
)

// Shape is a kind of item and the record -o json prints for it.
type Shape struct {
	Kind   string
	Record any // a zero value of the record's struct
}

// Shapes lists the fields of each record as JSON names them, "?" after
// those that may be absent, wrapped to fit help text: read from the
// records themselves, so that help cannot fall behind them.
func Shapes(shapes []Shape) string {
	var b strings.Builder
	for _, sh := range shapes {
		var names []string
		t := reflect.TypeOf(sh.Record)
		for i := 0; i < t.NumField(); i++ {
			name, opts, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
			if name == "" || name == "-" {
				continue
			}
			if strings.Contains(opts, "omitempty") {
				name += "?"
			}
			names = append(names, name)
		}
		line := fmt.Sprintf("  %-11s", sh.Kind)
		for i, n := range names {
			sep := ""
			if i > 0 {
				sep = ", "
			}
			if Width(line)+len(sep)+len(n) > 76 {
				b.WriteString(line + strings.TrimRight(sep, " ") + "\n")
				line, sep = strings.Repeat(" ", 13), ""
			}
			line += sep + n
		}
		b.WriteString(line + "\n")
	}
	return b.String()
}
