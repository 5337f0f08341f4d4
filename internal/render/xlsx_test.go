package render

import (
	"bytes"
	"strings"
	"testing"
)

func TestEscapeFormula(t *testing.T) {
	for in, want := range map[string]string{
		"=HYPERLINK(\"x\")": "'=HYPERLINK(\"x\")",
		"+1+1":              "'+1+1",
		"-1+1":              "'-1+1",
		"@SUM(A1)":          "'@SUM(A1)",
		"\tx":               "'\tx",
		"-3":                "-3", // a number, as slack is
		"+2.5":              "+2.5",
		"café":              "café",
		"":                  "",
		"'=x":               "''=x",
		"'plain":            "'plain",
	} {
		if got := EscapeFormula(in); got != want {
			t.Errorf("EscapeFormula(%q) = %q, want %q", in, got, want)
		}
		if got := UnescapeFormula(EscapeFormula(in)); got != in {
			t.Errorf("UnescapeFormula(EscapeFormula(%q)) = %q", in, got)
		}
	}
}

func TestCSVEscapesFormulas(t *testing.T) {
	var b bytes.Buffer
	tb := Table{Columns: []Column{{Header: "id"}, {Header: "title"}, {Header: "slack"}},
		Rows: [][]Cell{Cells("M-1", "=1+1", "-3"), Cells("M-2", "@cmd", "4")}}
	if err := CSV(&b, tb); err != nil {
		t.Fatal(err)
	}
	want := "id,title,slack\nM-1,'=1+1,-3\nM-2,'@cmd,4\n"
	if b.String() != want {
		t.Errorf("CSV:\n%s\nwant:\n%s", b.String(), want)
	}
}

func TestSheetNames(t *testing.T) {
	used := map[string]bool{}
	for _, tc := range []struct{ in, want string }{
		{"milestones", "milestones"},
		{"Milestones", "Milestones 2"},
		{"a/b:c", "a_b_c"},
		{strings.Repeat("x", 40), strings.Repeat("x", 31)},
		{strings.Repeat("x", 40), strings.Repeat("x", 29) + " 2"},
	} {
		if got := sheetName(tc.in, used); got != tc.want {
			t.Errorf("sheetName(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
