package render

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"

	"github.com/ocotool/oco/internal/programme"
	"go.yaml.in/yaml/v3"
)

// Format is an output format chosen with -o.
type Format string

// The formats oco prints. Table is for people; the others for scripts and
// documents.
const (
	FormatTable    Format = "table"
	FormatJSON     Format = "json"
	FormatYAML     Format = "yaml"
	FormatCSV      Format = "csv"
	FormatMarkdown Format = "markdown"
)

// AllFormats are the formats of a command that prints a list of items.
var AllFormats = []Format{FormatTable, FormatJSON, FormatYAML, FormatCSV, FormatMarkdown}

// formatAliases are spellings people type for the same format.
var formatAliases = map[string]Format{"yml": FormatYAML, "md": FormatMarkdown}

// ParseFormat checks s against the formats a command allows (all five when
// none are given). Case is ignored, "yml" and "md" are accepted, and "" means
// the first allowed format. The error lists the valid ones.
func ParseFormat(s string, allowed ...Format) (Format, error) {
	if len(allowed) == 0 {
		allowed = AllFormats
	}
	name := strings.ToLower(strings.TrimSpace(s))
	if name == "" {
		return allowed[0], nil
	}
	f := Format(name)
	if a, ok := formatAliases[name]; ok {
		f = a
	}
	for _, a := range allowed {
		if a == f {
			return f, nil
		}
	}
	names := make([]string, len(allowed))
	for i, a := range allowed {
		names[i] = string(a)
	}
	return "", fmt.Errorf("unknown output format %q: valid formats are %s", s, strings.Join(names, ", "))
}

// Output prints in format f: tb for table, CSV and markdown, v for JSON and
// YAML. It saves each command the same switch.
func (t Term) Output(f Format, tb Table, v any) error {
	switch f {
	case FormatTable, "":
		return t.Table(tb)
	case FormatJSON:
		return JSON(t.Out, v)
	case FormatYAML:
		return YAML(t.Out, v)
	case FormatCSV:
		return CSV(t.Out, tb)
	case FormatMarkdown:
		return Markdown(t.Out, tb)
	}
	return fmt.Errorf("unknown output format %q", f)
}

// isNilSlice reports a nil slice, which encoders print as null but a script
// expects as an empty list.
func isNilSlice(v any) bool {
	rv := reflect.ValueOf(v)
	return rv.Kind() == reflect.Slice && rv.IsNil()
}

// JSON writes v indented by two spaces with a trailing newline. A nil or
// empty list prints as [], also inside structs and lists (jq cannot iterate
// over null); lists behind pointers and in maps are left as they are.
// Dates (programme.Date) print as "YYYY-MM-DD". HTML characters are not
// escaped: the output is read by people and jq, not embedded in pages.
func JSON(w io.Writer, v any) error {
	if isNilSlice(v) {
		_, err := io.WriteString(w, "[]\n")
		return err
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(emptyLists(v))
}

// emptyLists returns a copy of v in which nil slices, in v's structs and
// slices, are empty ones. Slices are copied before they are changed, so the
// caller's data is never touched; for the same reason pointers and maps are
// not followed.
func emptyLists(v any) any {
	rv := reflect.ValueOf(v)
	if !rv.IsValid() {
		return v
	}
	c := reflect.New(rv.Type()).Elem()
	c.Set(rv)
	fillLists(c)
	return c.Interface()
}

func fillLists(v reflect.Value) {
	switch v.Kind() {
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if f := v.Field(i); f.CanSet() {
				fillLists(f)
			}
		}
	case reflect.Array:
		for i := 0; i < v.Len(); i++ {
			fillLists(v.Index(i))
		}
	case reflect.Slice:
		if v.IsNil() {
			if v.Type().Elem().Kind() != reflect.Uint8 { // []byte is base64 text
				v.Set(reflect.MakeSlice(v.Type(), 0, 0))
			}
			return
		}
		switch v.Type().Elem().Kind() {
		case reflect.Struct, reflect.Slice, reflect.Array:
			c := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
			reflect.Copy(c, v)
			for i := 0; i < c.Len(); i++ {
				fillLists(c.Index(i))
			}
			v.Set(c)
		}
	}
}

// YAML writes v as a YAML document indented by two spaces. A nil or empty
// list prints as []. Dates print as plain YYYY-MM-DD scalars, as in the
// programme's own files: yaml.v3 would otherwise quote them, since an
// unquoted date resolves to a timestamp rather than a string.
func YAML(w io.Writer, v any) error {
	if isNilSlice(v) {
		_, err := io.WriteString(w, "[]\n")
		return err
	}
	var doc yaml.Node
	if err := doc.Encode(v); err != nil {
		return err
	}
	plainDates(&doc)
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(&doc); err != nil {
		return err
	}
	if err := enc.Close(); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// plainDates marks every string scalar holding a real date as a timestamp,
// which the encoder writes unquoted.
func plainDates(n *yaml.Node) {
	if n.Kind == yaml.ScalarNode && n.Tag == "!!str" && len(n.Value) == 10 {
		if _, err := programme.ParseDate(n.Value); err == nil {
			n.Tag = "!!timestamp"
			n.Style = 0
		}
	}
	for _, c := range n.Content {
		plainDates(c)
	}
}

// CSV writes tb as RFC 4180 CSV with one header row: fields holding commas,
// quotes or line breaks are quoted, quotes doubled. Lines end in \n, not
// \r\n: spreadsheets accept both and Unix tools prefer \n. There is no byte
// order mark (scripts would read it as part of the first header; BOM adds
// one for Excel). Styles are ignored; cells are their text, except that a
// cell a spreadsheet would run as a formula is escaped (see EscapeFormula).
func CSV(w io.Writer, tb Table) error {
	cw := csv.NewWriter(w)
	header := make([]string, len(tb.Columns))
	for i, c := range tb.Columns {
		header[i] = EscapeFormula(c.Header)
	}
	if err := cw.Write(header); err != nil {
		return err
	}
	for _, row := range tb.Rows {
		rec := make([]string, len(tb.Columns))
		for i := 0; i < len(rec) && i < len(row); i++ {
			rec[i] = EscapeFormula(row[i].Text)
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// BOM is the UTF-8 byte order mark. Excel on Windows reads a CSV file as
// UTF-8 only when it starts with one; without it "café" shows as "cafÃ©".
const BOM = "\ufeff"

// EscapeFormula makes a cell that a spreadsheet would run as a formula
// (one starting with =, +, -, @, a tab or a carriage return) plain text
// by putting a single quote before it, as OWASP advises for CSV
// injection: a title "=HYPERLINK(...)" must not become a link. A plain
// number such as -3 is a value, not a formula, and is left alone so that
// slack stays numeric. A cell already starting with quotes before such a
// character gets one more, so that UnescapeFormula gives back exactly
// what was escaped.
func EscapeFormula(s string) string {
	rest := strings.TrimLeft(s, "'")
	if rest == "" || !strings.ContainsRune(formulaStart, rune(rest[0])) {
		return s
	}
	if _, err := strconv.ParseFloat(s, 64); err == nil && s[0] != '=' && s[0] != '@' {
		return s
	}
	return "'" + s
}

// formulaStart are the characters that make a spreadsheet read a cell as
// a formula.
const formulaStart = "=+-@\t\r"

// UnescapeFormula undoes EscapeFormula, for a cell read back from a CSV
// file oco wrote.
func UnescapeFormula(s string) string {
	rest := strings.TrimLeft(s, "'")
	if len(rest) < len(s) && rest != "" && strings.ContainsRune(formulaStart, rune(rest[0])) {
		return s[1:]
	}
	return s
}

// Markdown writes tb as a GitHub pipe table. Right-aligned columns get
// "---:". In cells, | is escaped and line breaks become <br>, so a cell
// cannot break the table.
func Markdown(w io.Writer, tb Table) error {
	if len(tb.Columns) == 0 {
		return nil
	}
	var b strings.Builder
	line := func(cells []string) {
		b.WriteString("|")
		for _, c := range cells {
			b.WriteString(" ")
			b.WriteString(markdownCell(c))
			b.WriteString(" |")
		}
		b.WriteString("\n")
	}
	header := make([]string, len(tb.Columns))
	for i, c := range tb.Columns {
		header[i] = c.Header
	}
	line(header)
	b.WriteString("|")
	for _, c := range tb.Columns {
		if c.Align == Right {
			b.WriteString(" ---: |")
		} else {
			b.WriteString(" --- |")
		}
	}
	b.WriteString("\n")
	for _, row := range tb.Rows {
		cells := make([]string, len(tb.Columns))
		for i := 0; i < len(cells) && i < len(row); i++ {
			cells[i] = row[i].Text
		}
		line(cells)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

var markdownEscaper = strings.NewReplacer(
	"\\", "\\\\",
	"|", "\\|",
	"\r\n", "<br>",
	"\n", "<br>",
	"\r", "<br>",
)

func markdownCell(s string) string {
	return strings.TrimSpace(markdownEscaper.Replace(s))
}

// WithBOM writes w's output after the byte order mark, written before the
// first byte, so that output never written stays empty.
func WithBOM(w io.Writer) io.Writer { return &bomWriter{w: w} }

// bomWriter is WithBOM's writer.
type bomWriter struct {
	w       io.Writer
	written bool
}

func (b *bomWriter) Write(p []byte) (int, error) {
	if !b.written && len(p) > 0 {
		b.written = true
		if _, err := io.WriteString(b.w, BOM); err != nil {
			return 0, err
		}
	}
	return b.w.Write(p)
}
