// Package sheet reads a table from a CSV file or an Excel workbook, for
// `oco import`: a header row naming fields, then one item a row, each cell
// with the place a spreadsheet user would look for it (row 3, column F).
package sheet

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/ocotool/oco/internal/programme"
	"github.com/ocotool/oco/internal/render"
)

// Table is a sheet as read: its header and its rows. Empty rows are left
// out; Row.Number keeps each row's place.
type Table struct {
	Sheet  string // the worksheet read; "" for CSV
	Header []string
	Rows   []Row
}

// Row is one row under the header.
type Row struct {
	Number int      // as the spreadsheet numbers it: the header is row 1
	Cells  []string // as shown, trimmed; a date cell as YYYY-MM-DD
}

// Cell returns the text of column i, "" past the row's end.
func (r Row) Cell(i int) string {
	if i < len(r.Cells) {
		return r.Cells[i]
	}
	return ""
}

// Column names column i (from 0) as spreadsheets do: A, B, ..., Z, AA.
func Column(i int) string {
	name, err := excelize.ColumnNumberToName(i + 1)
	if err != nil {
		return strconv.Itoa(i + 1)
	}
	return name
}

// IsXLSX reports whether data is a zip archive, as an .xlsx file is.
func IsXLSX(data []byte) bool { return bytes.HasPrefix(data, []byte("PK\x03\x04")) }

// Read reads data as a workbook when it is one, else as CSV. For a
// workbook, the sheet named sheet is read; with sheet "", the first of
// prefer that the workbook has (the names oco export gives), else the
// first sheet.
func Read(data []byte, sheet string, prefer ...string) (*Table, error) {
	if IsXLSX(data) {
		return ReadXLSX(data, sheet, prefer...)
	}
	if sheet != "" {
		return nil, errors.New("--sheet: a CSV file has no sheets")
	}
	return ReadCSV(data)
}

// ReadCSV reads CSV as oco and spreadsheets write it: a byte order mark is
// skipped, and a cell that oco escaped so that it would not run as a
// formula (a ' before =, +, -, @) gets its text back.
func ReadCSV(data []byte) (*Table, error) {
	data = bytes.TrimPrefix(data, []byte(render.BOM))
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	t := &Table{}
	for n := 1; ; n++ {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, fmt.Errorf("line %d, column %d: %v", pe.Line, pe.Column, pe.Err)
			}
			return nil, err
		}
		for i := range rec {
			rec[i] = strings.TrimSpace(render.UnescapeFormula(rec[i]))
		}
		if n == 1 {
			t.Header = rec
			continue
		}
		if !blank(rec) {
			t.Rows = append(t.Rows, Row{Number: n, Cells: rec})
		}
	}
	if t.Header == nil {
		return nil, errors.New("the file is empty: it needs a header row naming fields")
	}
	return t, nil
}

// ReadXLSX reads one sheet of a workbook. Dates come back as YYYY-MM-DD
// whatever format the cell shows them in; a cell holding a date and a time
// of midnight (as some tools write a date) is a date.
func ReadXLSX(data []byte, sheet string, prefer ...string) (*Table, error) {
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("not a workbook oco can read: %v", err)
	}
	defer f.Close()
	list := f.GetSheetList()
	name := ""
	if sheet != "" {
		for _, s := range list {
			if strings.EqualFold(s, sheet) {
				name = s
			}
		}
		if name == "" {
			return nil, fmt.Errorf("--sheet %s: the workbook has no such sheet (its sheets: %s)", sheet, strings.Join(list, ", "))
		}
	} else {
		for _, p := range prefer {
			for _, s := range list {
				if name == "" && strings.EqualFold(s, p) {
					name = s
				}
			}
		}
		if name == "" && len(list) > 0 {
			name = list[0]
		}
	}
	shown, err := f.GetRows(name)
	if err != nil {
		return nil, err
	}
	raw, err := f.GetRows(name, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, err
	}
	t := &Table{Sheet: name}
	for r, rec := range shown {
		cells := make([]string, len(rec))
		for i, s := range rec {
			s = strings.TrimSpace(s)
			if r > 0 && r < len(raw) && i < len(raw[r]) && isDateFormat(f, name, i, r) {
				if d, ok := serialDate(raw[r][i]); ok {
					s = d
				}
			}
			cells[i] = midnight(s)
		}
		if r == 0 {
			t.Header = cells
			continue
		}
		if !blank(cells) {
			t.Rows = append(t.Rows, Row{Number: r + 1, Cells: cells})
		}
	}
	if t.Header == nil {
		return nil, fmt.Errorf("sheet %s is empty: it needs a header row naming fields", name)
	}
	return t, nil
}

// isDateFormat reports whether a cell is shown as a date: its number
// format is one of Excel's built-in date formats, or a custom one with a
// year or day in it.
func isDateFormat(f *excelize.File, sheet string, col, row int) bool {
	cell, err := excelize.CoordinatesToCellName(col+1, row+1)
	if err != nil {
		return false
	}
	id, err := f.GetCellStyle(sheet, cell)
	if err != nil || id == 0 {
		return false
	}
	st, err := f.GetStyle(id)
	if err != nil || st == nil {
		return false
	}
	if st.NumFmt >= 14 && st.NumFmt <= 22 || st.NumFmt >= 27 && st.NumFmt <= 36 || st.NumFmt >= 50 && st.NumFmt <= 58 {
		return true
	}
	if st.CustomNumFmt != nil {
		c := strings.ToLower(*st.CustomNumFmt)
		return strings.Contains(c, "yy") || strings.Contains(c, "d")
	}
	return false
}

// serialDate reads a spreadsheet's day number as a date.
func serialDate(raw string) (string, bool) {
	v, err := strconv.ParseFloat(strings.TrimSpace(raw), 64)
	if err != nil || v < 1 || v > 2958465 {
		return "", false
	}
	t, err := excelize.ExcelDateToTime(math.Floor(v), false)
	if err != nil {
		return "", false
	}
	return programme.DateOf(t.UTC()).String(), true
}

// midnight turns "2017-06-30 00:00:00" and "2017-06-30T00:00:00" into the
// date they are.
func midnight(s string) string {
	if len(s) != 19 || s[10] != ' ' && s[10] != 'T' {
		return s
	}
	if t, err := time.Parse("2006-01-02T15:04:05", s[:10]+"T"+s[11:]); err == nil && t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 {
		return s[:10]
	}
	return s
}

func blank(rec []string) bool {
	for _, s := range rec {
		if strings.TrimSpace(s) != "" {
			return false
		}
	}
	return true
}
