package render

import (
	"bytes"
	"encoding/csv"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/ocotool/oco/internal/programme"
	"github.com/olekukonko/tablewriter/pkg/twwidth"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden from the current output")

func TestMain(m *testing.M) {
	// Width of ambiguous characters such as … depends on the locale; the
	// golden files assume a Western one.
	twwidth.SetEastAsian(false)
	os.Exit(m.Run())
}

// golden compares got with testdata/name. Escape codes are written as the
// visible text \e, so coloured output can be read and reviewed in a diff.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	got = bytes.ReplaceAll(got, []byte("\x1b"), []byte(`\e`))
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/render -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs (run with -update to accept):\n--- got ---\n%s\n--- want ---\n%s", name, got, want)
	}
}

var ansi = regexp.MustCompile("\x1b\\[[0-9;]*m")

// assertPlain fails if out holds any escape code.
func assertPlain(t *testing.T, out string) {
	t.Helper()
	if strings.Contains(out, "\x1b") {
		t.Errorf("plain output contains an escape code:\n%q", out)
	}
}

// assertFits fails if a line of out is wider than width on screen.
func assertFits(t *testing.T, out string, width int) {
	t.Helper()
	for i, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		if w := Width(ansi.ReplaceAllString(line, "")); w > width {
			t.Errorf("line %d is %d columns, more than %d:\n%s", i+1, w, width, line)
		}
	}
}

func date(s string) programme.Date {
	d, err := programme.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func milestoneTable() Table {
	return Table{
		Columns: []Column{
			{Header: "ID"},
			{Header: "TITLE", Flex: true},
			{Header: "DUE"},
			{Header: "STATUS"},
			{Header: "SLACK", Align: Right},
		},
		Rows: [][]Cell{
			{{Text: "M-01"}, {Text: "Programme initiation document approved by the Joint Commissioning Board"}, {Text: "2016-09-30"}, {Text: "done", Style: RAGStyle("done")}, {Text: "0"}},
			{{Text: "M-12"}, {Text: "Pooled budget – Section 75 agreement signed"}, {Text: "2017-03-31"}, {Text: "overdue", Style: RAGStyle("overdue")}, {Text: "-14"}},
			{{Text: "M-40"}, {Text: "Café staff\nmoved (TUPE)"}, {Text: "2017-10-01"}, {Text: "amber", Style: RAGStyle("amber")}, {Text: "112"}},
			{{Text: "M-7"}, {Text: ""}, {Text: "2018-04-01"}, {Text: "green", Style: RAGStyle("green")}, {Text: "250"}},
		},
	}
}

func render(t *testing.T, f func(Term) error, term Term) string {
	t.Helper()
	var buf bytes.Buffer
	term.Out = &buf
	if err := f(term); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func TestTablePiped(t *testing.T) {
	tb := milestoneTable()
	out := render(t, func(t Term) error { return t.Table(tb) }, Term{Width: 40})
	golden(t, "table_piped.golden", []byte(out))
	assertPlain(t, out)
	if !strings.Contains(out, "Programme initiation document approved by the Joint Commissioning Board") {
		t.Error("piped table cut a cell")
	}
	if strings.Contains(out, "─") {
		t.Error("piped table has a header rule")
	}
	if again := render(t, func(t Term) error { return t.Table(tb) }, Term{Width: 40}); again != out {
		t.Error("piped table differs between runs")
	}
}

func TestTableTerminal80(t *testing.T) {
	tb := milestoneTable()
	out := render(t, func(t Term) error { return t.Table(tb) }, Term{Color: true, IsTerminal: true, Width: 80})
	golden(t, "table_term80.golden", []byte(out))
	assertFits(t, out, 80)
	if !strings.Contains(out, "\x1b[31moverdue\x1b[0m") {
		t.Error("overdue is not red")
	}
	// Colour must not move anything: without the codes, the coloured table
	// is the uncoloured one.
	plain := render(t, func(t Term) error { return t.Table(tb) }, Term{IsTerminal: true, Width: 80})
	assertPlain(t, plain)
	if got := ansi.ReplaceAllString(out, ""); got != plain {
		t.Errorf("colour changed the layout:\n%s\nwant\n%s", got, plain)
	}
}

func TestTableTerminal40(t *testing.T) {
	tb := milestoneTable()
	out := render(t, func(t Term) error { return t.Table(tb) }, Term{IsTerminal: true, Width: 40})
	golden(t, "table_term40.golden", []byte(out))
	assertPlain(t, out)
	assertFits(t, out, 40)
	if !strings.Contains(out, "Progr…") {
		t.Error("the title was not cut with an ellipsis")
	}
	for _, id := range []string{"M-01", "2016-09-30", "overdue", "-14"} {
		if !strings.Contains(out, id) {
			t.Errorf("a fixed column was cut: %s missing", id)
		}
	}
}

func TestTableEscapesInData(t *testing.T) {
	tb := Table{Columns: []Column{{Header: "TITLE"}}, Rows: [][]Cell{{{Text: "evil\x1b[31m red\ttab"}}}}
	out := render(t, func(t Term) error { return t.Table(tb) }, Term{})
	assertPlain(t, out)
	if want := "TITLE\nevil[31m red tab\n"; out != want {
		t.Errorf("got %q, want %q", out, want)
	}
}

func TestTableEmpty(t *testing.T) {
	tb := Table{Columns: []Column{{Header: "ID"}, {Header: "TITLE"}}}
	out := render(t, func(t Term) error { return t.Table(tb) }, Term{})
	if out != "ID  TITLE\n" {
		t.Errorf("got %q", out)
	}
}

func csvTable() Table {
	return Table{
		Columns: []Column{{Header: "id"}, {Header: "title"}, {Header: "notes"}},
		Rows: [][]Cell{
			{{Text: "R-1"}, {Text: "Staff, estates and IT"}, {Text: `the "pooled" budget`}},
			{{Text: "R-2"}, {Text: "Two\nlines", Style: Red}, {Text: ""}},
		},
	}
}

func TestCSV(t *testing.T) {
	var buf bytes.Buffer
	if err := CSV(&buf, csvTable()); err != nil {
		t.Fatal(err)
	}
	golden(t, "table.csv.golden", buf.Bytes())
	assertPlain(t, buf.String())
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 3 || recs[1][1] != "Staff, estates and IT" || recs[1][2] != `the "pooled" budget` || recs[2][1] != "Two\nlines" {
		t.Errorf("CSV does not read back: %q", recs)
	}
}

func TestMarkdown(t *testing.T) {
	tb := Table{
		Columns: []Column{{Header: "id"}, {Header: "title"}, {Header: "score", Align: Right}},
		Rows: [][]Cell{
			{{Text: "R-1"}, {Text: "Health | social care split"}, {Text: "20"}},
			{{Text: "R-2"}, {Text: "Two\nlines"}, {Text: "6"}},
		},
	}
	var buf bytes.Buffer
	if err := Markdown(&buf, tb); err != nil {
		t.Fatal(err)
	}
	golden(t, "table.md.golden", buf.Bytes())
}

type item struct {
	ID      string         `json:"id" yaml:"id"`
	Title   string         `json:"title" yaml:"title"`
	Due     programme.Date `json:"due" yaml:"due"`
	Done    programme.Date `json:"done,omitempty" yaml:"done,omitempty"`
	Depends []string       `json:"depends_on" yaml:"depends_on"`
	Slack   int            `json:"slack" yaml:"slack"`
}

func items() []item {
	return []item{
		{ID: "M-1", Title: "PID approved", Due: date("2016-09-30"), Done: date("2016-09-28"), Depends: []string{}, Slack: 0},
		{ID: "M-2", Title: "Section 75 <signed>", Due: date("2017-03-31"), Depends: []string{"M-1"}, Slack: -14},
		{ID: "M-3", Title: "Nothing before it", Due: date("2017-04-30")},
	}
}

func TestJSON(t *testing.T) {
	var buf bytes.Buffer
	in := items()
	if err := JSON(&buf, in); err != nil {
		t.Fatal(err)
	}
	golden(t, "items.json.golden", buf.Bytes())
	if strings.Contains(buf.String(), "null") {
		t.Error("a nil list printed as null")
	}
	if in[2].Depends != nil {
		t.Error("JSON changed the caller's data")
	}
	for _, empty := range []any{[]item(nil), []item{}} {
		buf.Reset()
		if err := JSON(&buf, empty); err != nil {
			t.Fatal(err)
		}
		if buf.String() != "[]\n" {
			t.Errorf("empty list: got %q", buf.String())
		}
	}
}

func TestYAML(t *testing.T) {
	var buf bytes.Buffer
	if err := YAML(&buf, items()); err != nil {
		t.Fatal(err)
	}
	golden(t, "items.yaml.golden", buf.Bytes())
	if !strings.Contains(buf.String(), "due: 2016-09-30\n") {
		t.Error("a date is not a plain YYYY-MM-DD scalar")
	}
	for _, empty := range []any{[]item(nil), []item{}} {
		buf.Reset()
		if err := YAML(&buf, empty); err != nil {
			t.Fatal(err)
		}
		if buf.String() != "[]\n" {
			t.Errorf("empty list: got %q", buf.String())
		}
	}
}

func TestParseFormat(t *testing.T) {
	for _, tc := range []struct {
		in      string
		allowed []Format
		want    Format
		err     string
	}{
		{in: "json", want: FormatJSON},
		{in: "YAML", want: FormatYAML},
		{in: "yml", want: FormatYAML},
		{in: "md", want: FormatMarkdown},
		{in: "", want: FormatTable},
		{in: "", allowed: []Format{FormatJSON, FormatTable}, want: FormatJSON},
		{in: "xml", err: `unknown output format "xml": valid formats are table, json, yaml, csv, markdown`},
		{in: "csv", allowed: []Format{FormatTable, FormatJSON}, err: `unknown output format "csv": valid formats are table, json`},
	} {
		got, err := ParseFormat(tc.in, tc.allowed...)
		if tc.err != "" {
			if err == nil || err.Error() != tc.err {
				t.Errorf("ParseFormat(%q): error %v, want %s", tc.in, err, tc.err)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("ParseFormat(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
}

func TestNewTerm(t *testing.T) {
	env := func(kv ...string) func(string) string {
		return func(k string) string {
			for i := 0; i+1 < len(kv); i += 2 {
				if kv[i] == k {
					return kv[i+1]
				}
			}
			return ""
		}
	}
	var buf bytes.Buffer
	for _, tc := range []struct {
		name    string
		noColor bool
		env     func(string) string
		color   bool
		width   int
		term    bool
	}{
		{"piped", false, env(), false, 80, false},
		{"terminal", false, env(), true, 132, true},
		{"dumb terminal", false, env("TERM", "dumb"), false, 132, true},
		{"CLICOLOR=0", false, env("CLICOLOR", "0"), false, 132, true},
		{"terminal, NO_COLOR", false, env("NO_COLOR", "1"), false, 132, true},
		{"terminal, --no-color", true, env(), false, 132, true},
		{"terminal, COLUMNS", false, env("COLUMNS", "60"), true, 60, true},
		{"columns", false, env("COLUMNS", "120"), false, 120, false},
		{"bad columns", false, env("COLUMNS", "wide"), false, 80, false},
		{"forced", false, env("CLICOLOR_FORCE", "1"), true, 80, false},
		{"forced off", false, env("CLICOLOR_FORCE", "0"), false, 80, false},
		{"NO_COLOR beats force", false, env("CLICOLOR_FORCE", "1", "NO_COLOR", "1"), false, 80, false},
		{"flag beats force", true, env("CLICOLOR_FORCE", "1"), false, 80, false},
	} {
		got := NewTerm(&buf, tc.term, 132, tc.noColor, tc.env)
		if got.IsTerminal != tc.term || got.Color != tc.color || got.Width != tc.width {
			t.Errorf("%s: got %+v", tc.name, got)
		}
	}
}

func TestPaint(t *testing.T) {
	if got := (Term{}).Paint("x", Red); got != "x" {
		t.Errorf("colour off: %q", got)
	}
	if got := (Term{Color: true}).Paint("x", Red|Bold); got != "\x1b[1;31mx\x1b[0m" {
		t.Errorf("red bold: %q", got)
	}
	if got := (Term{Color: true}).Paint("x", None); got != "x" {
		t.Errorf("none: %q", got)
	}
}

func TestBar(t *testing.T) {
	for _, tc := range []struct {
		done, total, width int
		want               string
	}{
		{6, 10, 10, "[######----]  60%"},
		{0, 10, 10, "[----------]   0%"},
		{10, 10, 10, "[##########] 100%"},
		{99, 100, 10, "[#########-]  99%"},
		{0, 0, 5, "[-----]    -"},
		{12, 10, 4, "[####] 100%"},
	} {
		if got := Bar(tc.done, tc.total, tc.width); got != tc.want {
			t.Errorf("Bar(%d, %d, %d) = %q, want %q", tc.done, tc.total, tc.width, got, tc.want)
		}
		term := Term{Color: true}
		if got := term.Bar(tc.done, tc.total, tc.width); Width(got) != Width(tc.want) {
			t.Errorf("coloured Bar(%d, %d, %d) = %q is %d wide, want %d", tc.done, tc.total, tc.width, got, Width(got), Width(tc.want))
		}
	}
	if got := (Term{Color: true}).Bar(13, 20, 10); ansi.ReplaceAllString(got, "") != "[██████▌···]  65%" {
		t.Errorf("coloured bar: %q", got)
	}
}

func riskMatrix() Matrix {
	var m Matrix
	m.Title = "Risks by likelihood and impact"
	add := func(l, i int, ids ...string) {
		m.Cells[l-1][i-1] = MatrixCell{Count: len(ids), IDs: ids}
	}
	add(5, 4, "R-01", "R-07")
	add(4, 5, "R-03", "R-04", "R-05", "R-09", "R-11", "R-12", "R-13")
	add(3, 3, "R-FIN-BUDGET-2017")
	add(2, 1, "R-20")
	add(1, 5, "R-30")
	m.Bands = func(score int) Style {
		switch {
		case score >= 15:
			return Red
		case score >= 5:
			return Amber
		}
		return Green
	}
	return m
}

func TestMatrixPiped(t *testing.T) {
	m := riskMatrix()
	out := render(t, func(t Term) error { return t.Matrix(m) }, Term{Width: 80})
	golden(t, "matrix_piped.golden", []byte(out))
	assertPlain(t, out)
	for _, id := range []string{"R-13", "R-FIN-BUDGET-2017"} {
		if !strings.Contains(out, id) {
			t.Errorf("piped matrix lost %s", id)
		}
	}
}

func TestMatrixTerminal(t *testing.T) {
	m := riskMatrix()
	out := render(t, func(t Term) error { return t.Matrix(m) }, Term{Color: true, IsTerminal: true, Width: 80})
	golden(t, "matrix_term80.golden", []byte(out))
	assertFits(t, out, 80)
	narrow := render(t, func(t Term) error { return t.Matrix(m) }, Term{IsTerminal: true, Width: 50})
	assertFits(t, narrow, 50)
	if !strings.Contains(narrow, Ellipsis) {
		t.Errorf("narrow matrix did not cut ids:\n%s", narrow)
	}
}

func timeline() Gantt {
	return Gantt{
		From:  date("2016-09-01"),
		To:    date("2018-03-31"),
		Today: date("2017-05-15"),
		Rows: []GanttRow{
			{Label: "Phase 1: Design", Bar: &Span{date("2016-09-01"), date("2017-03-31"), Blue}},
			{Label: "PID approved", Indent: 1, Marks: []Mark{{Date: date("2016-09-30"), Glyph: '✓', Style: Green}}},
			{Label: "Section 75 agreement signed by all partners", Indent: 1, Marks: []Mark{{Date: date("2017-07-31"), Glyph: '●', Style: Red, From: date("2017-03-31")}, {Date: date("2017-03-31"), Glyph: '◆'}}},
			{Label: "Phase 2: Transition", Bar: &Span{date("2017-04-01"), date("2018-03-31"), Blue}},
			{Label: "Staff consultation", Indent: 1, Bar: &Span{date("2017-06-01"), date("2017-08-31"), Amber}, Marks: []Mark{{Date: date("2017-08-31"), Glyph: '◆'}}},
			{Label: "Out of range", Indent: 1, Bar: &Span{date("2015-01-01"), date("2016-10-15"), Grey}, Marks: []Mark{{Date: date("2019-01-01"), Glyph: '◆', From: date("2018-02-01")}, {Date: date("2016-01-01"), Glyph: '◆'}}},
		},
	}
}

func TestGantt(t *testing.T) {
	for _, width := range []int{80, 120} {
		g := timeline()
		g.Width = width
		out := render(t, func(t Term) error { return t.Gantt(g) }, Term{Width: 200})
		golden(t, "gantt_"+strconv.Itoa(width)+".golden", []byte(out))
		assertPlain(t, out)
		assertFits(t, out, width)
		if n := strings.Count(out, "│"); n < len(g.Rows) {
			t.Errorf("width %d: the today line is on %d rows, want all %d", width, n, len(g.Rows))
		}
	}
}

func TestGanttColourFits(t *testing.T) {
	g := timeline()
	out := render(t, func(t Term) error { return t.Gantt(g) }, Term{Color: true, IsTerminal: true, Width: 80})
	assertFits(t, out, 80)
	plain := render(t, func(t Term) error { return t.Gantt(g) }, Term{IsTerminal: true, Width: 80})
	if got := ansi.ReplaceAllString(out, ""); got != plain {
		t.Errorf("colour changed the chart:\n%s\nwant\n%s", got, plain)
	}
}

func TestGanttEdges(t *testing.T) {
	d := date("2017-01-01")
	for _, g := range []Gantt{
		{From: d, To: d, Width: 10, Rows: []GanttRow{{Label: "one day", Bar: &Span{d, d, Red}}}},
		{From: d, To: d.AddDays(1000), Width: 3, Today: d.AddDays(5), Rows: []GanttRow{{Label: "tiny"}}},
		{From: d, To: d.AddDays(30), Width: 1, Rows: []GanttRow{{Label: "x", Marks: []Mark{{Date: d.AddDays(-5), From: d.AddDays(40)}}}}},
		{From: d, To: d.AddDays(30), Width: 40, Rows: []GanttRow{{Bar: &Span{End: d}}, {Marks: []Mark{{}}}}},
	} {
		out := render(t, func(t Term) error { return t.Gantt(g) }, Term{})
		assertFits(t, out, g.Width)
	}
	var buf bytes.Buffer
	if err := (Term{Out: &buf}).Gantt(Gantt{From: d, To: d.AddDays(-1)}); err == nil {
		t.Error("To before From: no error")
	}
}

func TestCut(t *testing.T) {
	for _, tc := range []struct {
		in   string
		w    int
		want string
	}{
		{"Programme", 20, "Programme"},
		{"Programme", 9, "Programme"},
		{"Programme", 8, "Program…"},
		{"Programme", 1, "…"},
		{"Programme", 0, ""},
		{"日本語テキスト", 6, "日本…"},
		{"Café", 3, "Ca…"},
	} {
		got := Cut(tc.in, tc.w)
		if got != tc.want || Width(got) > max(tc.w, 0) {
			t.Errorf("Cut(%q, %d) = %q, want %q", tc.in, tc.w, got, tc.want)
		}
	}
}

func TestTableWideCharacters(t *testing.T) {
	tb := Table{
		Columns: []Column{{Header: "ID"}, {Header: "TITLE", Flex: true}},
		Rows:    [][]Cell{Cells("A-1", "日本語のタイトルがとても長い"), Cells("A-22", "short")},
	}
	out := render(t, func(t Term) error { return t.Table(tb) }, Term{IsTerminal: true, Width: 20})
	assertFits(t, out, 20)
	want := "ID    TITLE\n────  ─────────────\nA-1   日本語のタイ…\nA-22  short\n"
	if out != want {
		t.Errorf("got\n%s\nwant\n%s", out, want)
	}
}

func TestRAGStyle(t *testing.T) {
	for word, want := range map[string]Style{"red": Red, "Amber": Amber, "green": Green, "overdue": Red, "done": Green, "due soon": Amber, "open": None} {
		if got := RAGStyle(word); got != want {
			t.Errorf("RAGStyle(%q) = %d, want %d", word, got, want)
		}
	}
}

func TestOutput(t *testing.T) {
	tb := csvTable()
	for f, want := range map[Format]string{
		FormatCSV:      "id,title,notes\n",
		FormatMarkdown: "| id | title | notes |\n",
		FormatJSON:     "[\n  {\n    \"id\": \"M-1\"",
		FormatYAML:     "- id: M-1\n",
		FormatTable:    "id   title",
	} {
		var buf bytes.Buffer
		if err := (Term{Out: &buf}).Output(f, tb, items()); err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(buf.String(), want) {
			t.Errorf("%s: got %q", f, buf.String())
		}
	}
}
