package render

import (
	"fmt"
	"strings"
)

// Page is a document for a person: lines, headings, tables and field lists,
// in order. A command's view says what is on it; Term.Page draws it.
type Page struct {
	Blocks []Block
}

// Block is one part of a page; the first of its kinds set is drawn.
type Block struct {
	// Line is a line of text in pieces, each painted in its style. With
	// Wrap a long line is broken between words on a terminal, each further
	// line indented as far as the first, and unpainted (what it says is in
	// its words); piped it is left whole.
	Line []Cell
	Wrap bool

	// Bar is a progress bar on a line of its own, between Indent and Label.
	Bar *Progress

	// Heading starts a section: an empty line, then the heading in bold.
	Heading string

	// Table is drawn as Term.Table draws it; with no rows, Empty is
	// printed, dimmed, in its place.
	Table *Table
	Empty string

	// Fields is a list of names and values, the values lined up.
	Fields []Field
}

// Progress is a progress bar of Width cells, as Term.Bar draws it.
type Progress struct {
	Indent, Label      string
	Done, Total, Width int
}

// Field is a name and its value, which may run over several lines.
type Field struct {
	Name, Value string
	Style       Style
}

// Page helpers, so views read as what they show.

// Add appends blocks to the page.
func (p *Page) Add(b ...Block) { p.Blocks = append(p.Blocks, b...) }

// Text appends a line of plain text.
func (p *Page) Text(s string) { p.Add(Block{Line: []Cell{{Text: s}}}) }

// Section appends a heading and a table, or the empty text.
func (p *Page) Section(heading string, tb Table, empty string) {
	p.Add(Block{Heading: heading}, Block{Table: &tb, Empty: empty})
}

// Page prints pg, keeping to the first error.
func (t Term) Page(pg Page) error {
	for _, b := range pg.Blocks {
		if err := t.block(b); err != nil {
			return err
		}
	}
	return nil
}

func (t Term) block(b Block) error {
	switch {
	case b.Line != nil:
		var plain, painted strings.Builder
		for _, c := range b.Line {
			plain.WriteString(c.Text)
		}
		if b.Wrap && t.IsTerminal && Width(plain.String()) > t.width() {
			s := plain.String()
			indent := s[:len(s)-len(strings.TrimLeft(s, " "))]
			lines := Wrap(strings.TrimLeft(s, " "), t.width()-len(indent))
			return t.println(indent + strings.Join(lines, "\n"+indent))
		}
		for _, c := range b.Line {
			painted.WriteString(t.Paint(c.Text, c.Style))
		}
		return t.println(strings.TrimRight(painted.String(), " "))
	case b.Bar != nil:
		return t.println(b.Bar.Indent + t.Bar(b.Bar.Done, b.Bar.Total, b.Bar.Width) + b.Bar.Label)
	case b.Heading != "":
		return t.println("\n" + t.Paint(b.Heading, Bold))
	case b.Table != nil:
		if len(b.Table.Rows) == 0 {
			return t.println("  " + t.Paint(b.Empty, Dim))
		}
		return t.Table(*b.Table)
	case b.Fields != nil:
		return t.fields(b.Fields)
	}
	return t.println("")
}

// Wrap breaks s between words into lines of at most w columns; a word
// longer than w is cut to fit, never split across lines.
func Wrap(s string, w int) []string {
	w = max(w, 10)
	if Width(s) <= w {
		return []string{s}
	}
	var lines []string
	line := ""
	for _, word := range strings.Fields(s) {
		if Width(word) > w {
			word = Cut(word, w)
		}
		switch {
		case line == "":
			line = word
		case Width(line)+1+Width(word) <= w:
			line += " " + word
		default:
			lines = append(lines, line)
			line = word
		}
	}
	return append(lines, line)
}

func (t Term) println(s string) error {
	_, err := fmt.Fprintln(t.Out, s)
	return err
}

// fields prints names and values in two columns, each line of a value
// under the one before. On a terminal a long value is wrapped between
// words, its further lines under its first, as kubectl describe does.
func (t Term) fields(fs []Field) error {
	nameW := 0
	for _, f := range fs {
		nameW = max(nameW, Width(f.Name))
	}
	for _, f := range fs {
		var lines []string
		for _, l := range strings.Split(strings.TrimRight(f.Value, "\n"), "\n") {
			if t.IsTerminal {
				lines = append(lines, Wrap(l, t.width()-nameW-4)...)
			} else {
				lines = append(lines, l)
			}
		}
		for i, l := range lines {
			label := ""
			if i == 0 {
				label = f.Name
			}
			if err := t.println(strings.TrimRight("  "+pad(label, nameW)+"  "+t.Paint(l, f.Style), " ")); err != nil {
				return err
			}
		}
	}
	return nil
}
