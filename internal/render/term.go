// Package render draws everything oco prints: tables, data formats for
// scripts, colour, progress bars, the risk matrix and the Gantt chart.
//
// It takes plain data, never the programme model and never cobra, so every
// command renders the same way and the rendering can be tested on its own.
package render

import (
	"io"
	"strconv"
	"strings"
)

// Term describes where output goes. The caller says what the output is (a
// terminal or not, how wide) and NewTerm decides colour and width from that
// and the environment, so a test can say "this is an 80-column colour
// terminal" without one.
type Term struct {
	Out        io.Writer
	Color      bool // emit ANSI colour codes
	Width      int  // display columns available; 0 means DefaultWidth
	IsTerminal bool // a person is reading: cut to the width, draw rules
}

// DefaultWidth is used when the width cannot be known, as when piped.
const DefaultWidth = 80

// NewTerm describes out: isTerminal and width (0 when unknown) are what the
// caller found out about the device, getenv reads the environment (nil: an
// empty one).
//
// Colour is on only on a terminal, and off with --no-color, NO_COLOR (any
// non-empty value), CLICOLOR=0 or TERM=dumb. CLICOLOR_FORCE (non-empty, not
// "0") turns it on even when piped, but never overrides an explicit
// --no-color or NO_COLOR. COLUMNS overrides the terminal's width.
func NewTerm(out io.Writer, isTerminal bool, width int, noColorFlag bool, getenv func(string) string) Term {
	if getenv == nil {
		getenv = func(string) string { return "" }
	}
	t := Term{Out: out, Width: DefaultWidth, IsTerminal: isTerminal}
	if isTerminal && width > 0 {
		t.Width = width
	}
	if n, err := strconv.Atoi(strings.TrimSpace(getenv("COLUMNS"))); err == nil && n > 0 {
		t.Width = n
	}
	off := noColorFlag || getenv("NO_COLOR") != ""
	force := getenv("CLICOLOR_FORCE") != "" && getenv("CLICOLOR_FORCE") != "0"
	switch {
	case off:
		t.Color = false
	case force:
		t.Color = true
	default:
		t.Color = t.IsTerminal && getenv("TERM") != "dumb" && getenv("CLICOLOR") != "0"
	}
	return t
}

// width returns the usable width, never below 1.
func (t Term) width() int {
	if t.Width <= 0 {
		return DefaultWidth
	}
	return t.Width
}

// Style is a colour, optionally combined with attributes: Red|Bold.
type Style int

// Colours occupy the low bits; attributes are flags above them.
const (
	None  Style = 0
	Red   Style = 1
	Green Style = 2
	Amber Style = 3
	Blue  Style = 4
	Cyan  Style = 6
	Grey  Style = 8 // bright black: quiet text that still reads on dark and light themes

	Bold      Style = 1 << 4
	Dim       Style = 1 << 5
	Underline Style = 1 << 6

	colourMask Style = 0xf
)

// sgr returns the SGR parameters for st, such as "1;31"; "" for None.
func (st Style) sgr() string {
	var p []string
	if st&Bold != 0 {
		p = append(p, "1")
	}
	if st&Dim != 0 {
		p = append(p, "2")
	}
	if st&Underline != 0 {
		p = append(p, "4")
	}
	switch c := st & colourMask; {
	case c == Grey:
		p = append(p, "90")
	case c >= Red && c <= Cyan:
		p = append(p, strconv.Itoa(30+int(c)))
	}
	return strings.Join(p, ";")
}

// background returns SGR parameters drawing st's colour as a background,
// with dark text, for heat-map cells.
func (st Style) background() string {
	switch c := st & colourMask; {
	case c == Grey:
		return "30;100"
	case c >= Red && c <= Cyan:
		return "30;" + strconv.Itoa(40+int(c))
	}
	return ""
}

// Paint wraps s in the escape codes for st, or returns s unchanged when
// colour is off, the style is None or s is empty.
func (t Term) Paint(s string, st Style) string {
	if !t.Color || s == "" {
		return s
	}
	return paint(s, st.sgr())
}

func paint(s, params string) string {
	if params == "" || s == "" {
		return s
	}
	return "\x1b[" + params + "m" + s + "\x1b[0m"
}

// RAGStyle maps a status word to its colour, so every command colours the
// same word the same way. Case is ignored; an unknown word gets None.
//
//	red, overdue, critical, high, occurred, invalid  Red
//	amber, late, due soon, due-soon, medium           Amber
//	green, done, valid, low                           Green
//	closed, unverified                                Grey
func RAGStyle(word string) Style {
	switch strings.ToLower(strings.TrimSpace(word)) {
	case "red", "overdue", "critical", "high", "occurred", "invalid":
		return Red
	case "amber", "late", "due soon", "due-soon", "medium":
		return Amber
	case "green", "done", "valid", "low":
		return Green
	case "closed", "unverified":
		return Grey
	}
	return None
}
