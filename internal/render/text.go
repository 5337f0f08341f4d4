package render

import (
	"strings"
	"unicode"

	"github.com/olekukonko/tablewriter/pkg/twwidth"
)

// Ellipsis marks text cut to fit.
const Ellipsis = "…"

// Width is the number of terminal columns s occupies: wide characters count
// two, combining marks none, and ANSI escape codes nothing. It is the same
// measure the table layout uses, so cut text and columns agree.
func Width(s string) int {
	// Printable ASCII, the common case, is a column a byte.
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			return twwidth.Width(s)
		}
	}
	return len(s)
}

// Cut shortens plain text s to at most w columns, ending it with an
// ellipsis when anything was removed. It cuts between words, so a word
// is not cut in two, unless the first word alone is wider than w (then
// after a hyphen or slash in it, where there is one).
func Cut(s string, w int) string {
	if Width(s) <= w {
		return s
	}
	if w <= 0 {
		return ""
	}
	room := w - Width(Ellipsis)
	if room < 0 {
		// Not even the ellipsis fits, as when it is two columns wide.
		return strings.Repeat(".", w)
	}
	var b strings.Builder
	used, next := 0, rune(0)
	for _, r := range s {
		rw := twwidth.Width(string(r))
		if used+rw > room {
			next = r
			break
		}
		b.WriteRune(r)
		used += rw
	}
	kept := b.String()
	if next != ' ' {
		// Between words; else after a hyphen or slash inside the first.
		if k := strings.LastIndexByte(strings.TrimRight(kept, " "), ' '); k > 0 {
			kept = kept[:k]
		} else if k := strings.LastIndexAny(kept, "-/"); k > 0 {
			kept = kept[:k+1]
		}
	}
	return strings.TrimRight(kept, " ,;:") + Ellipsis
}

// oneLine makes s safe to print as a single terminal line: line breaks and
// tabs become spaces, and other control characters (an escape code typed
// into a YAML file, say) are dropped so they cannot reach the terminal.
func oneLine(s string) string {
	if !strings.ContainsFunc(s, unicode.IsControl) {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", " ")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\r' || r == '\t':
			return ' '
		case unicode.IsControl(r):
			return -1
		}
		return r
	}, s)
}

// pad returns s followed by spaces up to w columns.
func pad(s string, w int) string {
	if n := w - Width(s); n > 0 {
		return s + strings.Repeat(" ", n)
	}
	return s
}

// trimRight removes trailing spaces, which are invisible on screen and
// noise in files and diffs.
func trimRight(s string) string { return strings.TrimRight(s, " ") }
