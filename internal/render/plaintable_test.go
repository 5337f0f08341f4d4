package render

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/olekukonko/tablewriter/pkg/twwidth"
)

// The piped layout is written by plainTable, the terminal's by
// tablewriter: piped, both must give the same bytes.
func TestPlainTableAsTablewriter(t *testing.T) {
	// Painted words too: a table piped with --color=always takes this way.
	words := []string{"", "M-12", "Programme structure agreed", "2017-06-30", "28d", "−3", "Amber", "über", "数据", "a  b", "x", "12,345",
		"\x1b[31mred\x1b[0m", "\x1b[1mBOLD HEADER\x1b[0m"}
	rng := rand.New(rand.NewPCG(1, 2))
	for n := range 3000 {
		ncol := 1 + rng.IntN(5)
		cols := make([]Column, ncol)
		header := make([]string, ncol)
		for i := range cols {
			header[i] = strings.ToUpper(words[rng.IntN(len(words))])
			if rng.IntN(3) == 0 {
				cols[i].Align = Right
			}
		}
		rows := make([][]string, rng.IntN(6))
		for r := range rows {
			rows[r] = make([]string, ncol)
			for i := range rows[r] {
				rows[r][i] = words[rng.IntN(len(words))]
			}
		}
		want, err := viaTablewriter(cols, header, rows, false)
		if err != nil {
			t.Fatal(err)
		}
		if got := plainTable(cols, header, rows); string(got) != string(want) {
			t.Fatalf("table %d, header %q, rows %q:\nplainTable gives\n%q\ntablewriter gives\n%q", n, header, rows, got, want)
		}
	}
}

// Width's shortcut for printable ASCII measures as the library does.
func TestWidthASCII(t *testing.T) {
	for _, s := range []string{"", "M-12", "Programme structure agreed", " a  b ", "~!@#$%^&*()_+{}|:<>?", "\x1b[31mred\x1b[0m", "über", "数据", "a\tb"} {
		if got, want := Width(s), twwidth.Width(s); got != want {
			t.Errorf("Width(%q) = %d, the library says %d", s, got, want)
		}
	}
}
