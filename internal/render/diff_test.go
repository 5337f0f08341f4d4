package render

import (
	"bytes"
	"testing"

	"github.com/ocotool/oco/internal/compare"
	"github.com/ocotool/oco/internal/programme"
)

func testDiff() Diff {
	pos := programme.Pos{File: "programme/milestones.yaml", Line: 6, Col: 5}
	return Diff{From: "HEAD~1", To: "HEAD", Result: &compare.Result{
		Changes: []compare.Change{
			{Kind: programme.KindRisk, ID: "R-2", Title: "Staff | transfer", What: compare.Added, To: "16"},
			{Kind: programme.KindMilestone, ID: "M-1", Title: "Business case", What: compare.Slipped, From: "2017-04-01", To: "2017-05-10", Days: 39, Pos: pos},
			{Kind: programme.KindMilestone, ID: "M-2", Title: "Day 1", What: compare.Rebaselined, From: "2017-05-01", To: "2017-05-31", Days: 30, By: "D-1"},
		},
		Introduced: []programme.Finding{{Pos: pos, Severity: programme.Warning, Rule: "slipped", ID: "M-1", Message: "M-1 slipped"}},
		Fixed:      []programme.Finding{{Pos: pos, Severity: programme.Error, Rule: "unknown-ref", ID: "M-1", Message: "M-1 names *M-9*"}},
	}}
}

func TestDiff(t *testing.T) {
	var b bytes.Buffer
	if err := (Term{Out: &b, Color: true, Width: 80, IsTerminal: true}).DiffText(testDiff()); err != nil {
		t.Fatal(err)
	}
	golden(t, "diff_term80.golden", b.Bytes())
	b.Reset()
	if err := (Term{Out: &b}).DiffText(testDiff()); err != nil {
		t.Fatal(err)
	}
	assertPlain(t, b.String())
	b.Reset()
	if err := DiffMarkdown(&b, testDiff()); err != nil {
		t.Fatal(err)
	}
	golden(t, "diff.md.golden", b.Bytes())
	b.Reset()
	if err := DiffJSON(&b, testDiff()); err != nil {
		t.Fatal(err)
	}
	golden(t, "diff.json.golden", b.Bytes())
	// No change at all is still an object with its lists.
	b.Reset()
	if err := DiffJSON(&b, Diff{From: "HEAD", To: "working tree", Result: &compare.Result{}}); err != nil {
		t.Fatal(err)
	}
	golden(t, "diff_none.json.golden", b.Bytes())
}
