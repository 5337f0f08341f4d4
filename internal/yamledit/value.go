package yamledit

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// Value is what an edit writes into a field: a scalar, or a list when
// IsList is set. Scalars are written plain where that reads back as the
// same text, and quoted where it would not ("yes", "1: x", "#x", "*x").
// A list entry is a scalar, List[i], or where Maps[i] is not nil a mapping
// of scalar fields written in flow style: {id: M-4, lag: 2w}.
type Value struct {
	Scalar string
	List   []string
	Maps   [][]KV
	IsList bool
}

// Scalar returns a scalar Value.
func Scalar(s string) Value { return Value{Scalar: s} }

// List returns a list Value.
func List(items ...string) Value { return Value{List: items, IsList: true} }

// Entries returns a list Value of entries that may be mappings.
func Entries(es ...Entry) Value {
	v := Value{IsList: true, List: make([]string, len(es))}
	for i, e := range es {
		v.List[i] = e.Scalar
		if e.Fields != nil {
			if v.Maps == nil {
				v.Maps = make([][]KV, len(es))
			}
			v.Maps[i] = e.Fields
		}
	}
	return v
}

// Entry is one entry of a list: a scalar, or a mapping of scalar fields
// where Fields is set.
type Entry struct {
	Scalar string
	Fields []KV
}

// entry returns list entry i as a mapping's fields, or nil for a scalar.
func (v Value) entry(i int) []KV {
	if i < len(v.Maps) {
		return v.Maps[i]
	}
	return nil
}

// entryText renders list entry i for one line; flow is set inside [ ].
func (v Value) entryText(i int, flow bool) string {
	fields := v.entry(i)
	if fields == nil {
		return quote(v.List[i], flow, anyStyle)
	}
	parts := make([]string, len(fields))
	for j, f := range fields {
		parts[j] = quote(f.Key, true, anyStyle) + ": " + quote(f.Value.Scalar, true, anyStyle)
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

// KV is one field of an appended item.
type KV struct {
	Key   string
	Value Value
}

func (v Value) check() error {
	for _, s := range append([]string{v.Scalar}, v.List...) {
		if !utf8.ValidString(s) {
			return errors.New("value is not valid UTF-8")
		}
	}
	for i := range v.List {
		for _, f := range v.entry(i) {
			if f.Key == "" || f.Value.IsList || !utf8.ValidString(f.Key) || !utf8.ValidString(f.Value.Scalar) || strings.Contains(f.Value.Scalar, "\n") {
				return errors.New("a list entry's mapping holds one-line scalars under names")
			}
		}
	}
	return nil
}

// style is how a scalar is to be quoted.
type style int

const (
	anyStyle style = iota
	singleStyle
	doubleStyle
)

// quote renders s as a scalar for one line. flow is set inside [ ].
func quote(s string, flow bool, want style) string {
	switch {
	case want == doubleStyle:
		return doubleQuote(s)
	case want == singleStyle && singleOK(s):
		return "'" + strings.ReplaceAll(s, "'", "''") + "'"
	case want == singleStyle:
		return doubleQuote(s)
	case plainOK(s, flow):
		return s
	}
	return doubleQuote(s)
}

// ambiguous are words that some YAML readers take for booleans or null.
var ambiguous = map[string]bool{
	"y": true, "yes": true, "n": true, "no": true, "true": true, "false": true,
	"on": true, "off": true, "null": true, "~": true, "": true,
}

// plainOK reports whether s can be written without quotes and read back as
// the same text.
func plainOK(s string, flow bool) bool {
	if ambiguous[strings.ToLower(s)] || s != strings.TrimSpace(s) {
		return false
	}
	for _, r := range s {
		if !unicode.IsPrint(r) || r == '\uFEFF' {
			return false
		}
	}
	if strings.ContainsAny(s[:1], "?:,[]{}#&*!|>'\"%@`") {
		return false
	}
	if s[0] == '-' && (len(s) == 1 || s[1] == ' ') {
		return false
	}
	if strings.Contains(s, ": ") || strings.Contains(s, " #") || strings.HasSuffix(s, ":") {
		return false
	}
	if flow && strings.ContainsAny(s, ",[]{}") {
		return false
	}
	// What the rules above miss, the parser catches.
	doc := "k: " + s
	if flow {
		doc = "k: [" + s + "]"
	}
	var n yaml.Node
	if yaml.Unmarshal([]byte(doc), &n) != nil || len(n.Content) != 1 || len(n.Content[0].Content) != 2 {
		return false
	}
	v := n.Content[0].Content[1]
	if flow {
		if v.Kind != yaml.SequenceNode || len(v.Content) != 1 {
			return false
		}
		v = v.Content[0]
	}
	return v.Kind == yaml.ScalarNode && v.Value == s && v.Style == 0
}

func singleOK(s string) bool {
	for _, r := range s {
		if !unicode.IsPrint(r) && r != ' ' || r == '\uFEFF' {
			return false
		}
	}
	return true
}

// doubleQuote writes s with YAML's double-quoted escapes, which are not Go's:
// \x in YAML names a code point, never a byte.
func doubleQuote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\t':
			b.WriteString(`\t`)
		case '\r':
			b.WriteString(`\r`)
		case 0:
			b.WriteString(`\0`)
		default:
			switch {
			case r == '\uFEFF' || !unicode.IsPrint(r) && r != ' ':
				if r <= 0xFFFF {
					fmt.Fprintf(&b, `\u%04X`, r)
				} else {
					fmt.Fprintf(&b, `\U%08X`, r)
				}
			default:
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}

// literal renders a multi-line s as a literal block scalar: the header and
// the content lines indented by ind. ok is false where a literal block
// cannot say exactly s.
func literal(s string, ind int) (head string, lines []string, ok bool) {
	body := strings.TrimSuffix(s, "\n")
	head = "|"
	if body == s {
		head = "|-"
	}
	if body == "" || strings.HasSuffix(body, "\n") || strings.ContainsAny(body, "\r") ||
		strings.HasPrefix(body, " ") || strings.HasPrefix(body, "\t") {
		return "", nil, false
	}
	for _, r := range body {
		if r != '\n' && r != '\t' && !unicode.IsPrint(r) && r != ' ' || r == '\uFEFF' {
			return "", nil, false
		}
	}
	pad := strings.Repeat(" ", ind)
	for _, l := range strings.Split(body, "\n") {
		if strings.TrimRight(l, " ") == "" {
			if l != "" {
				// A line of only spaces would be read as indentation.
				return "", nil, false
			}
			lines = append(lines, "")
			continue
		}
		lines = append(lines, pad+l)
	}
	// Read it back: the block's rules on indentation are easy to get wrong.
	var got struct{ K string }
	doc := "k: " + head + "\n" + strings.Join(lines, "\n") + "\n"
	if yaml.Unmarshal([]byte(doc), &got) != nil || got.K != s {
		return "", nil, false
	}
	return head, lines, true
}

// normalize makes decoded data comparable: a date read as a timestamp and
// the same date read as text are the same programme data, and NaN must
// equal itself.
func normalize(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			x[k] = normalize(e)
		}
	case map[any]any:
		for k, e := range x {
			x[k] = normalize(e)
		}
	case []any:
		for i, e := range x {
			x[i] = normalize(e)
		}
	case time.Time:
		if x.Equal(x.Truncate(24*time.Hour)) && x.Location() == time.UTC {
			return x.Format(time.DateOnly)
		}
		return x.Format(time.RFC3339Nano)
	case float64:
		if math.IsNaN(x) {
			return "NaN\x00"
		}
	}
	return v
}

func equal(a, b any) bool { return reflect.DeepEqual(a, b) }
