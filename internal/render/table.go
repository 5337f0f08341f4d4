package render

import (
	"bytes"
	"slices"
	"strings"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/renderer"
	"github.com/olekukonko/tablewriter/tw"
)

// Align is a column's alignment.
type Align int

// Numbers read best right-aligned; everything else left.
const (
	Left Align = iota
	Right
)

// Column describes one column of a table.
type Column struct {
	Header string
	Align  Align
	// Flex marks a column of free text (a title, notes) that may be cut with
	// an ellipsis so the table fits a terminal. Ids and dates are never cut.
	Flex bool
	// Drop, above 0, lets a narrow terminal leave the column out, highest
	// first, rather than cut a Flex column below flexKeep columns. Piped,
	// every column is printed.
	Drop int
}

// Cell is one value, with the style it is painted in on a colour terminal.
// Tail, if any, follows Text and is never cut: a marker such as
// " (current)" survives the narrowest terminal.
type Cell struct {
	Text  string
	Style Style
	Tail  string
}

// Cells makes a row of unstyled cells.
func Cells(texts ...string) []Cell {
	row := make([]Cell, len(texts))
	for i, s := range texts {
		row[i] = Cell{Text: s}
	}
	return row
}

// Table is the data of a table, independent of how it is drawn.
type Table struct {
	Columns []Column
	Rows    [][]Cell
}

// columnGap separates columns, as kubectl and gh do.
const columnGap = "  "

// minFlex is the narrowest a flex column is cut to: a few characters and
// the ellipsis still hint at the text.
const minFlex = 5

// flexKeep is how narrow a flex column may be cut before columns that may
// be dropped are left out.
const flexKeep = 24

// Table prints tb aligned in columns under a header.
//
// On a terminal the header is underlined (bold when coloured), cells are
// painted in their styles, and Flex columns are cut with an ellipsis so the
// table fits t.Width. Piped, the same header and rows are printed aligned
// but uncut and without the rule, so scripts can skip one header line.
// Either way line breaks inside a cell become spaces, so one row is one
// line, and no line has trailing spaces.
func (t Term) Table(tb Table) error {
	if t.IsTerminal {
		tb = dropColumns(tb, t.width())
	}
	n := len(tb.Columns)
	if n == 0 {
		return nil
	}
	header := make([]string, n)
	for i, c := range tb.Columns {
		header[i] = oneLine(c.Header)
	}
	rows := make([][]string, len(tb.Rows))
	for r, row := range tb.Rows {
		rows[r] = make([]string, n)
		for i := 0; i < n && i < len(row); i++ {
			rows[r][i] = oneLine(row[i].Text + row[i].Tail)
		}
	}

	if t.IsTerminal {
		widths := fitColumns(tb.Columns, header, rows, t.width())
		for i := range header {
			header[i] = Cut(header[i], widths[i])
		}
		for r, row := range rows {
			for i := range row {
				if Width(row[i]) <= widths[i] {
					continue
				}
				tail := ""
				if i < len(tb.Rows[r]) {
					tail = oneLine(tb.Rows[r][i].Tail)
				}
				row[i] = Cut(strings.TrimSuffix(row[i], tail), widths[i]-Width(tail)) + tail
			}
		}
	}

	// Paint after cutting, so escape codes are never cut or measured.
	if t.Color {
		if t.IsTerminal {
			for i := range header {
				header[i] = t.Paint(header[i], Bold)
			}
		}
		for r, row := range rows {
			for i := range row {
				if i < len(tb.Rows[r]) {
					row[i] = t.Paint(row[i], tb.Rows[r][i].Style)
				}
			}
		}
	}

	if !t.IsTerminal {
		_, err := t.Out.Write(plainTable(tb.Columns, header, rows))
		return err
	}
	out, err := viaTablewriter(tb.Columns, header, rows, t.IsTerminal)
	if err != nil {
		return err
	}
	_, err = t.Out.Write(out)
	return err
}

// viaTablewriter lays the table out with tablewriter, with a rule under
// the header where rule is set.
func viaTablewriter(cols []Column, header []string, rows [][]string, rule bool) ([]byte, error) {
	var buf bytes.Buffer
	table := tablewriter.NewTable(&buf, tableOptions(cols, rule)...)
	table.Header(header)
	for _, row := range rows {
		// Append keeps the slice, and each row here is its own.
		if err := table.Append(row); err != nil {
			return nil, err
		}
	}
	if err := table.Render(); err != nil {
		return nil, err
	}
	return trimLines(buf.Bytes()), nil
}

// plainTable lays out a piped table as tablewriter does with
// tableOptions and no rule, at a small part of its cost (a history of
// 10,000 rows spent longer in tablewriter than in reading 200 commits):
// columns two spaces apart, each as wide as its widest cell, numbers to
// the right, no trailing spaces. TestPlainTableAsTablewriter holds the two
// to the same bytes.
func plainTable(cols []Column, header []string, rows [][]string) []byte {
	widths := make([]int, len(cols))
	cells := make([][]int, 0, len(rows)+1) // each cell's width, measured once
	measure := func(row []string) {
		w := make([]int, len(cols))
		for i, c := range row {
			w[i] = Width(c)
			widths[i] = max(widths[i], w[i])
		}
		cells = append(cells, w)
	}
	measure(header)
	for _, row := range rows {
		measure(row)
	}
	for i := range widths {
		widths[i] = max(widths[i], 1) // as tablewriter keeps an empty column
	}
	var b bytes.Buffer
	line := func(row []string, w []int) {
		start := b.Len()
		for i, c := range row {
			if i > 0 {
				b.WriteString(columnGap)
			}
			pad := widths[i] - w[i]
			if cols[i].Align == Right {
				b.WriteString(strings.Repeat(" ", pad))
				b.WriteString(c)
			} else {
				b.WriteString(c)
				b.WriteString(strings.Repeat(" ", pad))
			}
		}
		trimmed := bytes.TrimRight(b.Bytes()[start:], " ")
		b.Truncate(start + len(trimmed))
		b.WriteByte('\n')
	}
	line(header, cells[0])
	for r, row := range rows {
		line(row, cells[r+1])
	}
	return b.Bytes()
}

// tableOptions configures tablewriter as a light, borderless layout: no box,
// two spaces between columns, no padding inside cells, and, on a terminal
// only, a rule under the header. It never wraps or cuts: Table has already
// cut what needs cutting, by rules tablewriter does not know (only Flex
// columns), and piped output must stay whole.
func tableOptions(cols []Column, rule bool) []tablewriter.Option {
	align := make(tw.Alignment, len(cols))
	for i, c := range cols {
		align[i] = tw.AlignLeft
		if c.Align == Right {
			align[i] = tw.AlignRight
		}
	}
	sym := tw.NewSymbolCustom("oco").
		WithRow("─").
		WithColumn(columnGap).WithCenter(columnGap).
		WithTopMid(columnGap).WithBottomMid(columnGap).WithHeaderMid(columnGap)
	ruleState := tw.Off
	if rule {
		ruleState = tw.On
	}
	return []tablewriter.Option{
		tablewriter.WithRenderer(renderer.NewBlueprint(tw.Rendition{
			Borders: tw.BorderNone,
			Symbols: sym,
			Settings: tw.Settings{
				Separators: tw.Separators{BetweenColumns: tw.On, BetweenRows: tw.Off, ShowHeader: ruleState},
				Lines:      tw.Lines{ShowTop: tw.Off, ShowBottom: tw.Off, ShowHeaderLine: ruleState, ShowFooterLine: tw.Off},
			},
		})),
		tablewriter.WithPadding(tw.PaddingNone),
		tablewriter.WithHeaderAutoFormat(tw.Off),
		tablewriter.WithHeaderAutoWrap(tw.WrapNone),
		tablewriter.WithRowAutoWrap(tw.WrapNone),
		tablewriter.WithMaxWidth(0),
		tablewriter.WithTrimSpace(tw.Off),
		tablewriter.WithAlignment(align),
	}
}

// dropColumns leaves out the columns marked Drop, highest first, while
// the table is wider than width even with its flex columns cut to
// flexKeep.
func dropColumns(tb Table, width int) Table {
	for {
		natural := make([]int, len(tb.Columns))
		total := Width(columnGap) * (len(tb.Columns) - 1)
		drop := -1
		for i, c := range tb.Columns {
			natural[i] = Width(oneLine(c.Header))
			for _, row := range tb.Rows {
				if i < len(row) {
					natural[i] = max(natural[i], Width(oneLine(row[i].Text+row[i].Tail)))
				}
			}
			if c.Flex {
				natural[i] = min(natural[i], flexKeep)
			}
			total += natural[i]
			if c.Drop > 0 && (drop < 0 || c.Drop > tb.Columns[drop].Drop) {
				drop = i
			}
		}
		if total <= width || drop < 0 {
			return tb
		}
		out := Table{Columns: slices.Delete(slices.Clone(tb.Columns), drop, drop+1)}
		for _, row := range tb.Rows {
			if drop < len(row) {
				row = slices.Delete(slices.Clone(row), drop, drop+1)
			}
			out.Rows = append(out.Rows, row)
		}
		tb = out
	}
}

// fitColumns returns the width of each column so the table fits width,
// taking columns from the widest Flex column first. Other columns keep
// their natural width even if the table then overflows.
func fitColumns(cols []Column, header []string, rows [][]string, width int) []int {
	w := make([]int, len(cols))
	for i := range cols {
		w[i] = Width(header[i])
		for _, row := range rows {
			w[i] = max(w[i], Width(row[i]))
		}
	}
	total := Width(columnGap) * (len(cols) - 1)
	for _, x := range w {
		total += x
	}
	for total > width {
		widest := -1
		for i, c := range cols {
			if c.Flex && w[i] > minFlex && (widest < 0 || w[i] > w[widest]) {
				widest = i
			}
		}
		if widest < 0 {
			break
		}
		w[widest]--
		total--
	}
	return w
}

// trimLines removes trailing spaces from every line: padding of the last
// column is invisible on screen and noise in files and diffs.
func trimLines(b []byte) []byte {
	lines := bytes.Split(b, []byte("\n"))
	for i, l := range lines {
		lines[i] = bytes.TrimRight(l, " ")
	}
	return bytes.Join(lines, []byte("\n"))
}
