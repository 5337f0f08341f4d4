package render

import (
	"bytes"
	"strings"
	"testing"
)

// Cut keeps whole words: it cuts between them, or after a hyphen or slash
// in a first word too wide for the room, and drops trailing punctuation.
func TestCutBetweenWords(t *testing.T) {
	for _, tc := range []struct {
		in   string
		w    int
		want string
	}{
		{"Build complete, with a long title", 21, "Build complete, with…"},
		{"Build complete, with a long title", 20, "Build complete…"},
		{"Build complete, with a long title", 16, "Build complete…"},
		{"Stakeholder Communication", 8, "Stakeho…"},
		{"Post-transfer redesign", 10, "Post-…"},
		{"Board/Cabinet sign-off", 10, "Board/…"},
		{"Two words", 6, "Two…"},
	} {
		if got := Cut(tc.in, tc.w); got != tc.want || Width(got) > tc.w {
			t.Errorf("Cut(%q, %d) = %q, want %q", tc.in, tc.w, got, tc.want)
		}
	}
}

func TestWrap(t *testing.T) {
	got := Wrap("expected 2018-06-29 (in 211 days), 90 days late, pushed by M-44", 24)
	want := []string{"expected 2018-06-29 (in", "211 days), 90 days late,", "pushed by M-44"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("Wrap = %q, want %q", got, want)
	}
	for _, l := range Wrap("a verylongwordthatcannotfit here", 10) {
		if Width(l) > 10 {
			t.Errorf("line %q is wider than 10", l)
		}
	}
}

// On a narrow terminal the columns marked Drop go, highest first, before a
// flex column is cut below flexKeep; a cell's tail is never cut; piped,
// everything is printed.
func TestTableDropsAndTails(t *testing.T) {
	tb := Table{Columns: []Column{{Header: "ID"}, {Header: "NAME", Flex: true}, {Header: "OWNER", Drop: 2},
		{Header: "SLACK", Drop: 1, Align: Right}, {Header: "RAG"}},
		Rows: [][]Cell{
			{{Text: "P1"}, {Text: "Post-transfer redesign, October 2017 to March 2018", Tail: " (current)"}, {Text: "coo"}, {Text: "-90"}, {Text: "red"}},
			{{Text: "P2"}, {Text: "Closure"}, {Text: "ceo"}, {Text: "12"}, {Text: "green"}},
		}}
	var buf bytes.Buffer
	if err := (Term{Out: &buf, IsTerminal: true, Width: 40}).Table(tb); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	assertFits(t, out, 40)
	header := strings.Split(out, "\n")[0]
	if strings.Contains(header, "OWNER") || strings.Contains(header, "SLACK") || !strings.Contains(header, "RAG") {
		t.Errorf("at 40 columns OWNER and SLACK should go, RAG stay:\n%s", out)
	}
	if !strings.Contains(out, "… (current)") {
		t.Errorf("the tail was cut:\n%s", out)
	}

	buf.Reset()
	if err := (Term{Out: &buf, IsTerminal: true, Width: 45}).Table(tb); err != nil {
		t.Fatal(err)
	}
	if header := strings.Split(buf.String(), "\n")[0]; strings.Contains(header, "OWNER") || !strings.Contains(header, "SLACK") {
		t.Errorf("at 45 columns only OWNER (the highest Drop) should go:\n%s", buf.String())
	}

	buf.Reset()
	if err := (Term{Out: &buf}).Table(tb); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "OWNER") || !strings.Contains(buf.String(), "March 2018 (current)") {
		t.Errorf("piped, every column and all the text:\n%s", buf.String())
	}
}

// A page: lines painted in pieces, headings, tables or their empty text,
// a progress bar, and fields whose values wrap under themselves on a
// terminal.
func TestPage(t *testing.T) {
	var pg Page
	pg.Add(Block{Line: []Cell{{Text: "M-49", Style: Bold}, {Text: "  "}}})
	pg.Section("Depends on", Table{Columns: []Column{{Header: "ID"}}}, "nothing")
	pg.Add(Block{Bar: &Progress{Indent: "  ", Done: 1, Total: 4, Width: 8, Label: "  1 of 4"}})
	pg.Add(Block{Fields: []Field{{Name: "expected", Value: "2018-06-29 (in 211 days), 90 days late, pushed by M-44"}, {Name: "slack", Value: "-90 days", Style: Red}}})

	var buf bytes.Buffer
	if err := (Term{Out: &buf, IsTerminal: true, Width: 40}).Page(pg); err != nil {
		t.Fatal(err)
	}
	want := `M-49

Depends on
  nothing
  [##------]  25%  1 of 4
  expected  2018-06-29 (in 211 days), 90
            days late, pushed by M-44
  slack     -90 days
`
	if buf.String() != want {
		t.Errorf("got\n%s\nwant\n%s", buf.String(), want)
	}

	buf.Reset()
	if err := (Term{Out: &buf, Color: true}).Page(pg); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(buf.String(), "\x1b[1mM-49\x1b[0m\n") || !strings.Contains(buf.String(), "pushed by M-44\n") ||
		!strings.Contains(buf.String(), "\x1b[31m-90 days\x1b[0m") {
		t.Errorf("piped with colour: trailing spaces trimmed, values whole, styles painted:\n%q", buf.String())
	}
}
