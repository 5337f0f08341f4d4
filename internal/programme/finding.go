package programme

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"unicode/utf8"
)

// Pos is where a value sits in a programme file. Line and Col count from 1;
// a zero Line means the position is the file as a whole.
type Pos struct {
	File string
	Line int
	Col  int
}

func (p Pos) String() string {
	switch {
	case p.File == "":
		return "-"
	case p.Line == 0:
		return p.File
	default:
		return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
	}
}

// Severity orders findings: an error fails validation, a warning does not
// unless the user asks it to.
type Severity int

const (
	Warning Severity = iota
	Error
)

func (s Severity) String() string {
	if s == Error {
		return "error"
	}
	return "warning"
}

// MarshalText lets machine formats carry "error" or "warning".
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Finding is one problem with a programme: the single type every check
// produces and every output format renders.
type Finding struct {
	Pos      Pos
	Severity Severity
	Rule     string
	Message  string
	ID       string // the item the finding is about, where there is one
}

func (f Finding) String() string {
	return fmt.Sprintf("%s: %s: %s [%s]", f.Pos, f.Severity, f.Message, f.Rule)
}

// Plural counts a noun for a message: "1 day", "-1 day", "3 days".
func Plural(n int, word string) string {
	if n == 1 || n == -1 {
		return fmt.Sprintf("%d %s", n, word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// SortFindings orders findings by file, line, column, then rule and message,
// so that output is stable from run to run.
func SortFindings(fs []Finding) {
	slices.SortStableFunc(fs, func(a, b Finding) int {
		return cmp.Or(
			cmp.Compare(a.Pos.File, b.Pos.File),
			cmp.Compare(a.Pos.Line, b.Pos.Line),
			cmp.Compare(a.Pos.Col, b.Pos.Col),
			cmp.Compare(a.Rule, b.Rule),
			cmp.Compare(a.Message, b.Message),
		)
	})
}

// Count returns the number of errors and warnings in fs.
func Count(fs []Finding) (errors, warnings int) {
	for _, f := range fs {
		if f.Severity == Error {
			errors++
		} else {
			warnings++
		}
	}
	return errors, warnings
}

// quoteLimit is how much of a value a message repeats: enough to find it,
// never a whole file's worth.
const quoteLimit = 60

// Quote is s in double quotes as Go writes them, cut as Clip cuts it.
func Quote(s string) string {
	c := Clip(s)
	if len(c) == len(s) {
		return strconv.Quote(s)
	}
	return strconv.Quote(c[:len(c)-3]) + "..."
}

// Clip is s cut to about sixty characters, with "..." where it is longer.
func Clip(s string) string {
	if len(s) <= quoteLimit {
		return s
	}
	cut := quoteLimit
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "..."
}
