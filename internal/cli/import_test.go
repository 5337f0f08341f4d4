package cli

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// openpyxl finds a Python that can import openpyxl (Debian's
// python3-openpyxl), a spreadsheet reader written apart from the one oco
// uses. Without one the test is skipped, except in CI, which installs it.
func openpyxl(t *testing.T) string {
	t.Helper()
	for _, py := range []string{"/usr/bin/python3", "python3"} {
		if exec.Command(py, "-c", "import openpyxl").Run() == nil {
			return py
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("CI needs python3-openpyxl to read oco's workbooks with a second reader (apt-get install python3-openpyxl)")
	}
	t.Skip("no python3 with openpyxl (apt-get install python3-openpyxl)")
	return ""
}

// runIn runs oco on the programme in dir, the working directory being
// dir's parent, as a script would.
func runIn(t *testing.T, dir string, args ...string) (string, string, int) {
	t.Helper()
	var out, errOut bytes.Buffer
	env := &Env{In: strings.NewReader(""), Out: &out, Err: &errOut,
		Getenv: func(string) string { return "" },
		Getwd:  func() (string, error) { return filepath.Dir(dir), nil },
		Now:    func() time.Time { return time.Date(2017, 7, 14, 9, 0, 0, 0, time.UTC) }}
	code := Run(env, append([]string{"-C", dir}, args...))
	return out.String(), errOut.String(), code
}

// The round trip a programme office makes: export the programme to a
// workbook, open it in another tool, change a cell, and import the rows
// as new items.
func TestWorkbookRoundTrip(t *testing.T) {
	py := openpyxl(t)
	work := t.TempDir()
	dir := filepath.Join(work, "programme")
	if err := os.CopyFS(dir, os.DirFS(shippedDir(t))); err != nil {
		t.Fatal(err)
	}
	out, stderr, code := runIn(t, dir, "export", "-o", "xlsx")
	if code != 0 {
		t.Fatalf("export: exit %d: %s", code, stderr)
	}
	book := filepath.Join(work, "programme.xlsx")
	if err := os.WriteFile(book, []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}

	// What the second reader sees: a sheet per kind and the heat map, the
	// header frozen and filtered, dates as dates, RAG cells filled.
	script := `
import sys, datetime, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
print(",".join(wb.sheetnames))
ws = wb["milestones"]
head = [c.value for c in ws[1]]
print(ws.freeze_panes, ws.auto_filter.ref is not None)
due = ws.cell(row=2, column=head.index("due") + 1).value
print(type(due) is datetime.datetime)
rag = ws.cell(row=2, column=head.index("rag") + 1)
print(rag.value, rag.fill.fgColor.rgb)
ws.delete_rows(4, ws.max_row)
ws.cell(row=2, column=1).value = None
ws.cell(row=3, column=1).value = None
ws.cell(row=2, column=head.index("title") + 1).value = "Café opens"
ws.cell(row=3, column=head.index("due") + 1).value = datetime.datetime(2016, 10, 28)
wb.save(sys.argv[2])
`
	edited := filepath.Join(work, "edited.xlsx")
	seen, err := exec.Command(py, "-c", script, book, edited).CombinedOutput()
	if err != nil {
		t.Fatalf("openpyxl: %v\n%s", err, seen)
	}
	want := "phases,milestones,risks,assumptions,issues,decisions,benefits,people,bodies,workstreams,risk heat map\nA2 True\nTrue\ngreen FFC6EFCE\n"
	if string(seen) != want {
		t.Errorf("openpyxl read:\n%s\nwant:\n%s", seen, want)
	}

	out, stderr, code = runIn(t, dir, "import", edited, "--kind", "milestone")
	if code != 0 {
		t.Fatalf("import: exit %d: %s", code, stderr)
	}
	ids := strings.Fields(out)
	if len(ids) != 2 {
		t.Fatalf("import printed %q, want two new ids", out)
	}
	show, _, _ := runIn(t, dir, "show", ids[0], "-o", "json")
	if !strings.Contains(show, `"title": "Café opens"`) {
		t.Errorf("the edited title did not come back:\n%s", show)
	}
	show, _, _ = runIn(t, dir, "show", ids[1], "-o", "json")
	if !strings.Contains(show, `"due": "2016-10-28"`) {
		t.Errorf("the edited date did not come back:\n%s", show)
	}
	if _, stderr, code := runIn(t, dir, "validate"); code != 0 {
		t.Errorf("validate after import: exit %d\n%s", code, stderr)
	}
}

// A title that a spreadsheet would run as a formula is text in the
// workbook, as another reader sees it.
func TestWorkbookFormulaCellsAreText(t *testing.T) {
	py := openpyxl(t)
	work := t.TempDir()
	dir := filepath.Join(work, "prog")
	files := map[string]string{
		"programme.yaml": "programme: {id: X, name: X, start: 2017-01-01, end: 2017-12-31, as_of: 2017-03-01}\n",
		"milestones.yaml": `milestones:
  - {id: M-1, title: "=HYPERLINK(""http://example.org"")", due: 2017-04-01}
  - {id: M-2, title: "+1+1", due: 2017-04-02}
  - {id: M-3, title: "-1+1", due: 2017-04-03}
  - {id: M-4, title: "@SUM(A1)", due: 2017-04-04}
`,
	}
	os.MkdirAll(dir, 0o755)
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(strings.ReplaceAll(text, `""`, `\"`)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out, stderr, code := runIn(t, dir, "export", "-o", "xlsx")
	if code != 0 {
		t.Fatalf("export: exit %d: %s", code, stderr)
	}
	book := filepath.Join(work, "x.xlsx")
	os.WriteFile(book, []byte(out), 0o644)
	script := `
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1])["milestones"]
for row in ws.iter_rows(min_row=2, max_col=2):
    print(row[1].data_type, row[1].value)
`
	seen, err := exec.Command(py, "-c", script, book).CombinedOutput()
	if err != nil {
		t.Fatalf("openpyxl: %v\n%s", err, seen)
	}
	want := "s =HYPERLINK(\"http://example.org\")\ns +1+1\ns -1+1\ns @SUM(A1)\n"
	if string(seen) != want {
		t.Errorf("openpyxl read:\n%s\nwant:\n%s", seen, want)
	}
}
