package render

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/ocotool/oco/internal/programme"
)

// Sheet is one worksheet: a name (at most 31 characters, as Excel allows)
// and a table under a header row.
type Sheet struct {
	Name  string
	Table Table
}

// Workbook is what XLSX writes: one sheet per table, then, where HeatMap is
// set, a sheet drawing the risk matrix.
type Workbook struct {
	Sheets  []Sheet
	HeatMap *Matrix
}

// Fill colours of RAG cells and heat-map squares: the light shades
// spreadsheets use for conditional formatting, dark text stays readable.
var xlsxFills = map[Style]string{Red: "FFC7CE", Amber: "FFEB9C", Green: "C6EFCE", Grey: "D9D9D9", Blue: "BDD7EE", Cyan: "DDEBF7"}

// xlsxDateFormat shows dates as the programme's files write them.
const xlsxDateFormat = "yyyy-mm-dd"

// XLSX writes wb as an Office Open XML workbook. In each sheet the header
// row is bold and frozen and carries filters; a column whose every value
// is a date holds real dates, one whose every value is a whole number holds
// numbers; every other cell is a text cell, which a spreadsheet never runs
// as a formula, whatever it starts with. Cells with a colour style (a RAG
// word) are filled in that colour.
func XLSX(w io.Writer, wb Workbook) error {
	f := excelize.NewFile()
	defer f.Close()
	st, err := newXLSXStyles(f)
	if err != nil {
		return err
	}
	first := true
	names := map[string]bool{}
	for _, sh := range wb.Sheets {
		name := sheetName(sh.Name, names)
		if first {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				return err
			}
			first = false
		} else if _, err := f.NewSheet(name); err != nil {
			return err
		}
		if err := writeSheet(f, name, sh.Table, st); err != nil {
			return fmt.Errorf("sheet %s: %w", name, err)
		}
	}
	if wb.HeatMap != nil {
		name := sheetName("risk heat map", names)
		if first {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				return err
			}
		} else if _, err := f.NewSheet(name); err != nil {
			return err
		}
		if err := writeHeatMap(f, name, *wb.HeatMap, st); err != nil {
			return fmt.Errorf("sheet %s: %w", name, err)
		}
	}
	f.SetActiveSheet(0)
	_, err = f.WriteTo(w)
	return err
}

// sheetName makes name a valid, unused sheet name: Excel refuses names over
// 31 characters and the characters []:*?/\ in them.
func sheetName(name string, used map[string]bool) string {
	name = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\`, r) {
			return '_'
		}
		return r
	}, name)
	if r := []rune(name); len(r) > 31 {
		name = string(r[:31])
	}
	base := name
	for i := 2; used[strings.ToLower(name)]; i++ {
		suffix := " " + strconv.Itoa(i)
		r := []rune(base)
		if len(r)+len(suffix) > 31 {
			r = r[:31-len(suffix)]
		}
		name = string(r) + suffix
	}
	used[strings.ToLower(name)] = true
	return name
}

type xlsxStyles struct {
	header, date, wrap int
	fill, dateFill     map[Style]int
}

func newXLSXStyles(f *excelize.File) (*xlsxStyles, error) {
	st := &xlsxStyles{fill: map[Style]int{}, dateFill: map[Style]int{}}
	var err error
	if st.header, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F2F2F2"}}}); err != nil {
		return nil, err
	}
	df := xlsxDateFormat
	if st.date, err = f.NewStyle(&excelize.Style{CustomNumFmt: &df}); err != nil {
		return nil, err
	}
	if st.wrap, err = f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}); err != nil {
		return nil, err
	}
	for s, colour := range xlsxFills {
		fill := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{colour}}
		if st.fill[s], err = f.NewStyle(&excelize.Style{Fill: fill}); err != nil {
			return nil, err
		}
		if st.dateFill[s], err = f.NewStyle(&excelize.Style{Fill: fill, CustomNumFmt: &df}); err != nil {
			return nil, err
		}
	}
	return st, nil
}

// columnType is how a column's cells are stored.
type columnType int

const (
	textColumn columnType = iota
	dateColumn
	numberColumn
)

// columnTypes finds the columns whose every value is a date, or a whole
// number; an empty column stays text.
func columnTypes(tb Table) []columnType {
	types := make([]columnType, len(tb.Columns))
	for i := range tb.Columns {
		dates, numbers, values := true, true, 0
		for _, row := range tb.Rows {
			if i >= len(row) || row[i].Text == "" {
				continue
			}
			values++
			s := row[i].Text
			if _, err := programme.ParseDate(s); err != nil || len(s) != 10 {
				dates = false
			}
			if _, err := strconv.Atoi(s); err != nil {
				numbers = false
			}
		}
		switch {
		case values == 0:
		case dates:
			types[i] = dateColumn
		case numbers:
			types[i] = numberColumn
		}
	}
	return types
}

// maxColumnWidth caps a column of free text; such cells wrap instead.
const maxColumnWidth = 60

func writeSheet(f *excelize.File, name string, tb Table, st *xlsxStyles) error {
	types := columnTypes(tb)
	widths := make([]int, len(tb.Columns))
	for i, c := range tb.Columns {
		cell, _ := excelize.CoordinatesToCellName(i+1, 1)
		if err := f.SetCellStr(name, cell, c.Header); err != nil {
			return err
		}
		widths[i] = Width(c.Header) + 3 // room for the filter's button
	}
	for r, row := range tb.Rows {
		for i := 0; i < len(tb.Columns) && i < len(row); i++ {
			c := row[i]
			if c.Text == "" && c.Style&colourMask == None {
				continue
			}
			cell, _ := excelize.CoordinatesToCellName(i+1, r+2)
			style := 0
			if id, ok := st.fill[c.Style&colourMask]; ok {
				style = id
			}
			var err error
			switch {
			case c.Text == "":
			case types[i] == dateColumn:
				d, _ := programme.ParseDate(c.Text)
				err = f.SetCellValue(name, cell, dateTime(d))
				style = st.date
				if id, ok := st.dateFill[c.Style&colourMask]; ok {
					style = id
				}
			case types[i] == numberColumn:
				n, _ := strconv.Atoi(c.Text)
				err = f.SetCellInt(name, cell, int64(n))
			default:
				err = f.SetCellStr(name, cell, c.Text)
				if strings.Contains(c.Text, "\n") && style == 0 {
					style = st.wrap
				}
			}
			if err != nil {
				return err
			}
			if style != 0 {
				if err := f.SetCellStyle(name, cell, cell, style); err != nil {
					return err
				}
			}
			widths[i] = max(widths[i], min(longestLine(c.Text), maxColumnWidth))
		}
	}
	for i, w := range widths {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(name, col, col, float64(w+1)); err != nil {
			return err
		}
	}
	if len(tb.Columns) == 0 {
		return nil
	}
	last, _ := excelize.CoordinatesToCellName(len(tb.Columns), 1)
	if err := f.SetCellStyle(name, "A1", last, st.header); err != nil {
		return err
	}
	if err := f.SetPanes(name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	end, _ := excelize.CoordinatesToCellName(len(tb.Columns), len(tb.Rows)+1)
	return f.AutoFilter(name, "A1:"+end, nil)
}

// dateTime is d at midnight UTC, which excelize stores as a whole serial
// day number.
func dateTime(d programme.Date) time.Time {
	return d.Time()
}

func longestLine(s string) int {
	n := 0
	for _, l := range strings.Split(s, "\n") {
		n = max(n, Width(l))
	}
	return n
}

// writeHeatMap draws the risk matrix as the board pack shows it: impact
// across, likelihood up, each square with its count and ids, filled by
// band.
func writeHeatMap(f *excelize.File, name string, m Matrix, st *xlsxStyles) error {
	title := m.Title
	if title == "" {
		title = "Risk heat map (likelihood × impact)"
	}
	if err := f.SetCellStr(name, "A1", title); err != nil {
		return err
	}
	if err := f.SetCellStyle(name, "A1", "A1", st.header); err != nil {
		return err
	}
	set := func(col, row int, v any, style int) error {
		cell, _ := excelize.CoordinatesToCellName(col, row)
		if v != "" {
			if err := f.SetCellValue(name, cell, v); err != nil {
				return err
			}
		}
		if style != 0 {
			return f.SetCellStyle(name, cell, cell, style)
		}
		return nil
	}
	// Rows 3..7 hold likelihood 5..1; columns B..F impact 1..5.
	if err := set(1, 2, "likelihood \\ impact", st.header); err != nil {
		return err
	}
	for i := 1; i <= 5; i++ {
		if err := set(i+1, 2, i, st.header); err != nil {
			return err
		}
	}
	filled := map[Style]int{}
	for s, colour := range xlsxFills {
		id, err := f.NewStyle(&excelize.Style{Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{colour}},
			Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"},
			Border: []excelize.Border{{Type: "left", Color: "FFFFFF", Style: 2}, {Type: "right", Color: "FFFFFF", Style: 2},
				{Type: "top", Color: "FFFFFF", Style: 2}, {Type: "bottom", Color: "FFFFFF", Style: 2}}})
		if err != nil {
			return err
		}
		filled[s] = id
	}
	for l := 5; l >= 1; l-- {
		row := 3 + 5 - l
		if err := set(1, row, l, st.header); err != nil {
			return err
		}
		if err := f.SetRowHeight(name, row, 48); err != nil {
			return err
		}
		for i := 1; i <= 5; i++ {
			c := m.Cells[l-1][i-1]
			text := ""
			if c.Count > 0 {
				text = strconv.Itoa(c.Count) + ": " + strings.Join(c.IDs, ", ")
			}
			style := 0
			if m.Bands != nil {
				style = filled[m.Bands(l*i)&colourMask]
			}
			if err := set(i+1, row, text, style); err != nil {
				return err
			}
		}
	}
	if err := f.SetColWidth(name, "A", "A", 20); err != nil {
		return err
	}
	return f.SetColWidth(name, "B", "F", 22)
}
