package render

import (
	"fmt"
	"strings"
)

// Bar draws progress as plain ASCII, such as "[######----]  60%": width
// cells between brackets, then the percentage in four columns, so the whole
// is always width+7 columns and bars line up in a table. The bar is full,
// and the share reads 100%, only when done equals total; nothing to do
// (total 0) shows an empty bar and "-".
func Bar(done, total, width int) string {
	width = max(width, 1)
	filled, label := progress(done, total, width)
	return "[" + strings.Repeat("#", filled/8) + strings.Repeat("-", width-filled/8) + "] " + label
}

// Bar draws progress for t: on a colour terminal as coloured Unicode blocks
// with eighth-cell resolution, "[██████▍   ]  64%"; otherwise as the plain
// Bar. The width is the same either way.
func (t Term) Bar(done, total, width int) string {
	if !t.Color {
		return Bar(done, total, width)
	}
	width = max(width, 1)
	filled, label := progress(done, total, width)
	full, part := filled/8, filled%8
	bar := strings.Repeat("█", full)
	rest := width - full
	if part > 0 {
		bar += string([]rune(" ▏▎▍▌▋▊▉")[part])
		rest--
	}
	return "[" + t.Paint(bar, Green) + t.Paint(strings.Repeat("·", rest), Grey) + "] " + label
}

// progress returns the filled length in eighths of a cell, rounded down so
// that unfinished work never looks finished, and the percentage label.
func progress(done, total, width int) (eighths int, label string) {
	if total <= 0 {
		return 0, "   -"
	}
	done = min(max(done, 0), total)
	return done * width * 8 / total, fmt.Sprintf("%3d%%", done*100/total)
}
