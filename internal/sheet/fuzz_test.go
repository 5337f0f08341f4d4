package sheet

import (
	"bytes"
	"strings"
	"testing"

	"github.com/ocotool/oco/internal/programme"
	"github.com/ocotool/oco/internal/render"
)

// Whatever a user imports, oco answers with a table or an error, never a
// crash; and a cell oco writes to CSV reads back as it was.
func FuzzRead(f *testing.F) {
	f.Add([]byte("id,title,due\nM-1,=1+1,2017-01-01\n"), "=HYPERLINK(\"x\")")
	f.Add([]byte("\ufeff\"a\"\"b\",c\r\n'=x,\n"), "'@y")
	f.Add([]byte("PK\x03\x04garbage"), "-3")
	f.Fuzz(func(t *testing.T, data []byte, cell string) {
		if tb, err := Read(data, ""); err == nil {
			Fields(programme.KindMilestone, tb.Header, nil)
		}
		var b bytes.Buffer
		in := render.Table{Columns: []render.Column{{Header: "title"}}, Rows: [][]render.Cell{render.Cells(cell)}}
		if err := render.CSV(&b, in); err != nil {
			return
		}
		tb, err := ReadCSV(b.Bytes())
		if err != nil {
			t.Fatalf("oco cannot read its own CSV of %q: %v", cell, err)
		}
		want := bytes.TrimSpace([]byte(cell))
		if len(want) == 0 || strings.ContainsAny(cell, "\r\n") {
			return // blank rows are left out; line breaks are the CSV reader's
		}
		if len(tb.Rows) != 1 || tb.Rows[0].Cell(0) != string(want) {
			t.Fatalf("%q came back as %v", cell, tb.Rows)
		}
	})
}
