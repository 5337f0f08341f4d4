package render

import (
	"fmt"
	"io"
	"strings"
)

// MatrixCell is one square of the risk matrix.
type MatrixCell struct {
	Count int
	IDs   []string
}

// Matrix is a 5×5 likelihood × impact grid.
type Matrix struct {
	Cells [5][5]MatrixCell // [likelihood-1][impact-1]
	// Bands gives the colour of a score (likelihood × impact); nil means
	// no colour.
	Bands func(score int) Style
	Title string
}

// Cell widths: a cell is as wide as fits the terminal, up to a cap; piped,
// at least matrixMinCell and as wide as its longest id.
const (
	matrixMinCell = 8
	matrixMaxCell = 18
	matrixMargin  = "      " // the likelihood axis: "    5 "
	matrixIDLines = 2        // id lines per cell on a terminal
)

// Matrix prints the risk matrix: impact across (1 to 5, left to right),
// likelihood up (5 at the top), each cell showing its count and then its
// ids. On a terminal the grid fits t.Width, ids beyond two lines per cell
// are cut with an ellipsis, and cells are shaded by band. Piped, cells are
// wide enough for the longest id and list every id.
func (t Term) Matrix(m Matrix) error {
	inner := t.matrixCellWidth(m) // columns inside a cell's borders
	text := inner - 2             // less a space each side

	var b strings.Builder
	if m.Title != "" {
		b.WriteString(t.Paint(oneLine(m.Title), Bold) + "\n")
	}
	b.WriteString("likelihood\n")
	rule := func(left, mid, right string) {
		b.WriteString(matrixMargin + left)
		for i := 0; i < 5; i++ {
			if i > 0 {
				b.WriteString(mid)
			}
			b.WriteString(strings.Repeat("─", inner))
		}
		b.WriteString(right + "\n")
	}
	rule("┌", "┬", "┐")
	var below []string
	for l := 5; l >= 1; l-- {
		var cells [5][]string
		height := 1
		for i := 0; i < 5; i++ {
			var wide []string
			cells[i], wide = t.matrixLines(m.Cells[l-1][i], text)
			if len(wide) > 0 {
				// An id is never cut, since a cut id can read as another:
				// one too wide for its cell is named under the grid.
				below = append(below, fmt.Sprintf("likelihood %d × impact %d: %s", l, i+1, strings.Join(wide, " ")))
			}
			height = max(height, len(cells[i]))
		}
		for line := 0; line < height; line++ {
			if line == 0 {
				fmt.Fprintf(&b, "    %d │", l)
			} else {
				b.WriteString(matrixMargin + "│")
			}
			for i := 0; i < 5; i++ {
				s := ""
				if line < len(cells[i]) {
					s = cells[i][line]
				}
				if line == 0 && !t.Color && m.Bands != nil {
					// Without colour each cell names its band in a letter.
					s = pad(s, text-1) + bandLetter(m.Bands(l*(i+1)))
				}
				s = " " + pad(s, text) + " "
				if t.Color {
					var params []string
					if m.Bands != nil {
						params = append(params, m.Bands(l*(i+1)).background())
					}
					if line == 0 {
						params = append(params, "1") // the count
					}
					// One code per cell line: a nested reset would end the shading.
					s = paint(s, strings.Join(params, ";"))
				}
				b.WriteString(s + "│")
			}
			b.WriteString("\n")
		}
		if l > 1 {
			rule("├", "┼", "┤")
		}
	}
	rule("└", "┴", "┘")
	b.WriteString(matrixMargin + " ")
	for i := 1; i <= 5; i++ {
		left := (inner - 1) / 2
		b.WriteString(strings.Repeat(" ", left) + fmt.Sprint(i) + strings.Repeat(" ", inner-left-1) + " ")
	}
	b.WriteString("\n")
	axis := "impact"
	b.WriteString(strings.Repeat(" ", len(matrixMargin)+1+max(0, (5*inner+4-len(axis))/2)) + axis + "\n")
	if len(below) > 0 {
		b.WriteString("\n" + strings.Join(below, "\n") + "\n")
	}
	if !t.Color && m.Bands != nil {
		b.WriteString("\n" + matrixMargin + "R red   A amber   G green\n")
	}

	lines := strings.Split(b.String(), "\n")
	for i := range lines {
		lines[i] = trimRight(lines[i])
	}
	_, err := io.WriteString(t.Out, strings.Join(lines, "\n"))
	return err
}

// bandLetter is a band's colour as a letter, for output without colour.
func bandLetter(st Style) string {
	switch st & colourMask {
	case Red:
		return "R"
	case Amber:
		return "A"
	case Green:
		return "G"
	}
	return " "
}

// matrixCellWidth is the width inside a cell's borders: what fits the
// width, within bounds. Piped, a cell widens to hold its longest id whole.
func (t Term) matrixCellWidth(m Matrix) int {
	// the margin, a border, then five cells each followed by a border
	w := min(max((t.width()-len(matrixMargin)-6)/5, 3), matrixMaxCell)
	if t.IsTerminal {
		return w
	}
	w = max(w, matrixMinCell)
	for _, row := range m.Cells {
		for _, c := range row {
			w = max(w, Width(fmt.Sprint(c.Count))+2)
			for _, id := range c.IDs {
				w = max(w, Width(oneLine(id))+2)
			}
		}
	}
	return w
}

// matrixLines is a cell's text: its count, then its ids filled into lines
// of width w. On a terminal at most matrixIDLines id lines are kept, the
// last cut with an ellipsis; an empty cell has no lines.
func (t Term) matrixLines(c MatrixCell, w int) (lines, wide []string) {
	if c.Count == 0 && len(c.IDs) == 0 {
		return nil, nil
	}
	lines = []string{Cut(fmt.Sprint(c.Count), w)}
	var ids []string
	line := ""
	for _, id := range c.IDs {
		id = oneLine(id)
		switch {
		case t.IsTerminal && Width(id) > w:
			wide = append(wide, id)
		case line == "":
			line = id
		case Width(line)+1+Width(id) <= w:
			line += " " + id
		default:
			ids = append(ids, line)
			line = id
		}
	}
	if line != "" {
		ids = append(ids, line)
	}
	if t.IsTerminal {
		if len(ids) > matrixIDLines {
			ids = append(ids[:matrixIDLines-1], cutWords(ids[matrixIDLines-1:], w))
		}
	}
	return append(lines, ids...), wide
}

// cutWords joins lines of ids into one line of width w, ending with an
// ellipsis where ids were left out. It drops whole ids rather than cut one,
// since a cut id can read as another.
func cutWords(lines []string, w int) string {
	words := strings.Fields(strings.Join(lines, " "))
	line := ""
	for _, id := range words {
		next := id
		if line != "" {
			next = line + " " + id
		}
		if Width(next)+1+Width(Ellipsis) > w {
			break
		}
		line = next
	}
	if line == "" {
		return Ellipsis // the count above says how many
	}
	return line + " " + Ellipsis
}
