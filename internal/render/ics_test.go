package render

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// Long lines fold at 75 octets, never inside a character, and unfold to
// the original (RFC 5545 3.1).
func TestICSLineFolding(t *testing.T) {
	for _, line := range []string{
		"SUMMARY:short",
		"DESCRIPTION:" + strings.Repeat("x", 63),
		"DESCRIPTION:" + strings.Repeat("x", 64),
		"DESCRIPTION:" + strings.Repeat("é", 100),
		"SUMMARY:" + strings.Repeat("Café – ", 40),
	} {
		var b strings.Builder
		icsLine(&b, line)
		out := b.String()
		if !strings.HasSuffix(out, "\r\n") {
			t.Errorf("%q: no CRLF at the end", out)
		}
		parts := strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n")
		for i, p := range parts {
			if len(p) > 75 {
				t.Errorf("line %d is %d octets", i, len(p))
			}
			if i > 0 && !strings.HasPrefix(p, " ") {
				t.Errorf("continuation %q does not start with a space", p)
			}
			if !utf8.ValidString(p) {
				t.Errorf("line %q splits a character", p)
			}
		}
		if unfolded := strings.ReplaceAll(strings.TrimSuffix(out, "\r\n"), "\r\n ", ""); unfolded != line {
			t.Errorf("unfolds to %q, want %q", unfolded, line)
		}
	}
}
