package sheet

import (
	"bytes"
	"reflect"
	"testing"

	"github.com/ocotool/oco/internal/programme"
	"github.com/ocotool/oco/internal/render"
)

// What oco writes, oco reads back: dates, numbers, text that looks like
// a formula, empty rows left out.
func TestReadWhatRenderWrites(t *testing.T) {
	tb := render.Table{Columns: []render.Column{{Header: "id"}, {Header: "title"}, {Header: "due"}, {Header: "slack"}},
		Rows: [][]render.Cell{render.Cells("M-1", "=1+1 café", "2017-04-01", "-3"), render.Cells("", "", "", ""),
			render.Cells("M-2", "Two", "", "12")}}
	want := [][]string{{"M-1", "=1+1 café", "2017-04-01", "-3"}, {"M-2", "Two", "", "12"}}
	var x, c bytes.Buffer
	if err := render.XLSX(&x, render.Workbook{Sheets: []render.Sheet{{Name: "other", Table: tb}, {Name: "milestones", Table: tb}}}); err != nil {
		t.Fatal(err)
	}
	c.WriteString(render.BOM)
	if err := render.CSV(&c, tb); err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{"xlsx": x.Bytes(), "csv": c.Bytes()} {
		got, err := Read(data, "", "milestones")
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !reflect.DeepEqual(got.Header, []string{"id", "title", "due", "slack"}) {
			t.Errorf("%s: header %q", name, got.Header)
		}
		var cells [][]string
		for _, r := range got.Rows {
			row := make([]string, 4)
			for i := range row {
				row[i] = r.Cell(i)
			}
			cells = append(cells, row)
		}
		if !reflect.DeepEqual(cells, want) {
			t.Errorf("%s: rows %q, want %q", name, cells, want)
		}
		if got.Rows[1].Number != 4 {
			t.Errorf("%s: second row is row %d, want 4 (the blank row 3 keeps its place)", name, got.Rows[1].Number)
		}
		if name == "xlsx" && got.Sheet != "milestones" {
			t.Errorf("read sheet %q, want milestones", got.Sheet)
		}
	}
}

func TestFields(t *testing.T) {
	fields, skipped, errs := Fields(programme.KindRisk,
		[]string{"ID", "Title", "target_likelihood", "rag", "Colour", "title", "Owner name"},
		map[string]string{"Owner name": "owner"})
	if want := []string{"id", "title", "target.likelihood", "", "", "", "owner"}; !reflect.DeepEqual(fields, want) {
		t.Errorf("fields %q, want %q", fields, want)
	}
	if !reflect.DeepEqual(skipped, []string{"rag"}) {
		t.Errorf("skipped %q", skipped)
	}
	if len(errs) != 2 {
		t.Fatalf("errors %v, want the unknown Colour and the second title", errs)
	}
	if got := errs[1].Error(); got != "column F (title): gives title, as column B does" {
		t.Errorf("error %q", got)
	}
}
