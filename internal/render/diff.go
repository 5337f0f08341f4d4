package render

import (
	"fmt"
	"io"
	"strings"

	"github.com/ocotool/oco/internal/compare"
	"github.com/ocotool/oco/internal/programme"
)

// Diff is what `oco diff` prints: a comparison and the names of its two
// sides ("HEAD", "working tree").
type Diff struct {
	From, To string
	*compare.Result
}

// changeStyle colours what is bad news red, good news green.
func changeStyle(ch compare.Change) Style {
	switch ch.What {
	case compare.Slipped, compare.KnockOn, compare.Reopened, compare.Occurred, compare.Invalidated:
		return Red
	case compare.Rebaselined:
		if ch.By == "" {
			return Red
		}
		return Amber
	case compare.Done, compare.Recovered, compare.KnockOnCleared, compare.Closed, compare.Validated, compare.Completed, compare.Realised:
		return Green
	case compare.StatusChanged:
		return RAGStyle(ch.To[strings.LastIndex(ch.To, " ")+1:])
	}
	return None
}

// DiffText prints a comparison for a person: a headline, a table for each
// kind of item that changed, then the findings introduced and fixed.
func (t Term) DiffText(d Diff) error {
	var b strings.Builder
	line := func(s string) { b.WriteString(s + "\n") }
	heading := func(s string) {
		line("")
		line(t.Paint(s, Bold))
	}
	line(t.Paint(fmt.Sprintf("%s..%s: %s", d.From, d.To, d.Headline()), Bold))
	for _, sec := range d.Sections() {
		heading(sec.Title)
		tb := Table{Columns: []Column{{Header: "ID"}, {Header: "CHANGE"}, {Header: "TITLE", Flex: true}}}
		for _, ch := range sec.Changes {
			tb.Rows = append(tb.Rows, []Cell{{Text: ch.ID}, {Text: compare.Describe(ch), Style: changeStyle(ch)}, {Text: ch.Title}})
		}
		tt := t
		tt.Out = &b
		if err := tt.Table(tb); err != nil {
			return err
		}
	}
	findings := func(title, mark string, fs []programme.Finding) {
		if len(fs) == 0 {
			return
		}
		heading(title)
		for _, f := range fs {
			st := Amber
			if f.Severity == programme.Error {
				st = Red
			}
			line(fmt.Sprintf("%s %s: %s: %s [%s]", mark, f.Pos, t.Paint(f.Severity.String(), st), f.Message, f.Rule))
		}
	}
	findings("Findings introduced", "+", d.Introduced)
	findings("Findings fixed", "-", d.Fixed)
	_, err := io.WriteString(t.Out, b.String())
	return err
}

// DiffMarkdown writes a comparison as a pull-request comment.
func DiffMarkdown(w io.Writer, d Diff) error {
	var b strings.Builder
	fmt.Fprintf(&b, "### Programme changes: `%s` → `%s`\n\n", d.From, d.To)
	fmt.Fprintf(&b, "**%s**\n", MarkdownText(d.Headline()))
	for _, sec := range d.Sections() {
		fmt.Fprintf(&b, "\n#### %s\n\n", sec.Title)
		tb := Table{Columns: []Column{{Header: "ID"}, {Header: "Change"}, {Header: "Title"}}}
		for _, ch := range sec.Changes {
			tb.Rows = append(tb.Rows, Cells(ch.ID, compare.Describe(ch), ch.Title))
		}
		if err := Markdown(&b, tb); err != nil {
			return err
		}
	}
	findings := func(title string, fs []programme.Finding) error {
		if len(fs) == 0 {
			return nil
		}
		fmt.Fprintf(&b, "\n#### %s\n\n", title)
		tb := Table{Columns: []Column{{Header: "Where"}, {Header: "Severity"}, {Header: "Rule"}, {Header: "Finding"}}}
		for _, f := range fs {
			tb.Rows = append(tb.Rows, Cells(f.Pos.String(), f.Severity.String(), f.Rule, f.Message))
		}
		return Markdown(&b, tb)
	}
	if err := findings("Findings introduced", d.Introduced); err != nil {
		return err
	}
	if err := findings("Findings fixed", d.Fixed); err != nil {
		return err
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// MarkdownText keeps text from being read as markdown markup.
var MarkdownText = strings.NewReplacer("\\", "\\\\", "*", "\\*", "_", "\\_", "`", "\\`", "<", "&lt;", ">", "&gt;", "[", "\\[", "|", "\\|").Replace

// diffDoc is `oco diff --format json`: an interface for scripts.
type diffDoc struct {
	From       string        `json:"from"`
	To         string        `json:"to"`
	Headline   string        `json:"headline"`
	Changes    []changeJSON  `json:"changes"`
	Introduced []FindingJSON `json:"introduced"`
	Fixed      []FindingJSON `json:"fixed"`
}

type changeJSON struct {
	Kind   string `json:"kind"`
	ID     string `json:"id"`
	Title  string `json:"title"`
	Change string `json:"change"`
	From   string `json:"from,omitempty"`
	To     string `json:"to,omitempty"`
	Days   int    `json:"days,omitempty"`
	By     string `json:"by,omitempty"`
	Text   string `json:"text"`
	File   string `json:"file,omitempty"`
	Line   int    `json:"line,omitempty"`
}

// DiffJSON writes a comparison as one JSON object for scripts.
func DiffJSON(w io.Writer, d Diff) error {
	doc := diffDoc{From: d.From, To: d.To, Headline: d.Headline(), Changes: []changeJSON{},
		Introduced: FindingsJSONList(d.Introduced), Fixed: FindingsJSONList(d.Fixed)}
	for _, ch := range d.Changes {
		doc.Changes = append(doc.Changes, changeJSON{Kind: string(ch.Kind), ID: ch.ID, Title: ch.Title, Change: ch.What,
			From: ch.From, To: ch.To, Days: ch.Days, By: ch.By, Text: compare.Describe(ch), File: ch.Pos.File, Line: ch.Pos.Line})
	}
	return JSON(w, doc)
}
