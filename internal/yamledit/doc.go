// Package yamledit edits programme YAML files the way a careful person would
// by hand: only the lines an edit concerns change, and every other byte of
// the file, comments and blank lines included, stays as it was.
//
// The yaml encoder cannot do this (it drops blank lines and reflows text), so
// edits are made on the text: the file is parsed into yaml.Node trees, the
// nodes' positions give the lines an item or field occupies, and only those
// lines are replaced. After every edit the text is parsed again, and the
// parsed tree is compared with the one before and with what the edit meant
// to do; an edit whose result would differ anywhere else is refused rather
// than written.
package yamledit

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// Order gives the canonical key order of mappings: Order["milestones"] is
// the order of a milestone's keys; nested mappings use dotted paths:
// Order["programme.tolerances"], Order["risks.target"], Order["milestones.depends_on"].
type Order map[string][]string

// ErrNotFound reports that a section, item or field is absent.
var ErrNotFound = errors.New("not found")

// Doc is a parsed programme file together with its original text.
type Doc struct {
	bom   bool     // the text began with a UTF-8 byte order mark
	lines []string // the text, one line each, with its line ending
	nl    string   // the line ending for new lines: that of the first line
	root  *yaml.Node
	spans map[*yaml.Node]span
	limit int // last line the document's content may occupy
}

// span is the range of lines a node occupies, 1-based and inclusive.
type span struct{ first, last int }

const bom = "\uFEFF"

// Parse parses one YAML document whose top level is a mapping (or which is
// empty). Files with several documents or with line breaks other than LF
// and CRLF are refused: edits could not tell where their lines are.
func Parse(src []byte) (d *Doc, err error) {
	defer func() {
		// The yaml parser has panicked on odd input before; a bad file must
		// give an error, never a crash.
		if r := recover(); r != nil {
			d, err = nil, fmt.Errorf("yaml: %v", r)
		}
	}()
	if !utf8.Valid(src) {
		return nil, errors.New("not valid UTF-8")
	}
	text := string(src)
	d = &Doc{nl: "\n"}
	if strings.HasPrefix(text, bom) {
		d.bom = true
		text = text[len(bom):]
	}
	if strings.ContainsAny(text, "\u0085\u2028\u2029") || strings.Contains(strings.ReplaceAll(text, "\r\n", ""), "\r") {
		return nil, errors.New("unsupported line break (only LF and CRLF are kept)")
	}
	if strings.Contains(text, "\uFEFF") {
		return nil, errors.New("byte order mark inside the text")
	}
	d.lines = splitLines(text)
	if len(d.lines) > 0 && strings.HasSuffix(d.lines[0], "\r\n") {
		d.nl = "\r\n"
	}

	dec := yaml.NewDecoder(strings.NewReader(text))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil && err != io.EOF {
		return nil, err
	}
	var more yaml.Node
	if err := dec.Decode(&more); err != io.EOF {
		if err != nil {
			return nil, err
		}
		return nil, errors.New("several YAML documents in one file")
	}
	if doc.Kind == yaml.DocumentNode && len(doc.Content) == 1 {
		root := doc.Content[0]
		if root.Kind != yaml.MappingNode || root.Style&yaml.FlowStyle != 0 {
			return nil, errors.New("the top level is not a block mapping")
		}
		d.root = root
	}
	d.measure()
	return d, nil
}

// value decodes the document's data, as a check that reformatting kept
// its meaning; edits compare the parsed trees instead (see same.go).
func (d *Doc) value() (any, error) {
	var v any
	if d.root != nil {
		if err := d.root.Decode(&v); err != nil {
			return nil, err
		}
	}
	return normalize(v), nil
}

// splitLines splits text into lines that keep their line endings.
func splitLines(text string) []string {
	var lines []string
	for text != "" {
		i := strings.IndexByte(text, '\n')
		if i < 0 {
			lines = append(lines, text)
			break
		}
		lines = append(lines, text[:i+1])
		text = text[i+1:]
	}
	return lines
}

// Bytes returns the document's text, with every edit made so far.
func (d *Doc) Bytes() []byte {
	var b bytes.Buffer
	if d.bom {
		b.WriteString(bom)
	}
	for _, l := range d.lines {
		b.WriteString(l)
	}
	return b.Bytes()
}

// line returns line n (1-based) without its line ending.
func (d *Doc) line(n int) string {
	if n < 1 || n > len(d.lines) {
		return ""
	}
	return strings.TrimSuffix(strings.TrimSuffix(d.lines[n-1], "\n"), "\r")
}

// eol returns the line ending of line n.
func (d *Doc) eol(n int) string {
	l := d.lines[n-1]
	switch {
	case strings.HasSuffix(l, "\r\n"):
		return "\r\n"
	case strings.HasSuffix(l, "\n"):
		return "\n"
	}
	return ""
}

// offset converts a node's 1-based column, which the parser counts in
// characters, into a byte offset within its line.
func (d *Doc) offset(line, column int) int {
	s := d.line(line)
	i := 0
	for c := 1; c < column && i < len(s); c++ {
		_, w := utf8.DecodeRuneInString(s[i:])
		i += w
	}
	return i
}

// indent counts the leading spaces of a line.
func indent(s string) int {
	return len(s) - len(strings.TrimLeft(s, " "))
}

// blank reports whether a line holds nothing but spaces.
func blank(s string) bool { return strings.Trim(s, " ") == "" }

// comment reports whether a line holds only a comment.
func comment(s string) bool { return strings.HasPrefix(strings.TrimLeft(s, " \t"), "#") }

// Has reports whether the section holds an item with the id.
func (d *Doc) Has(section, id string) bool {
	_, err := d.item(section, id)
	return err == nil
}

// Root returns the document's top-level mapping as parsed from its text
// now, or nil for a file with no document. It is for reading only.
func (d *Doc) Root() *yaml.Node { return d.root }

// Item returns an item's mapping as the document holds it now, for a
// caller to read its fields; the edits find items by section and id too.
func (d *Doc) Item(section, id string) (*yaml.Node, error) { return d.item(section, id) }

// item finds an item: the mapping of section's entry with the given id, or,
// for the programme section, the section's own mapping (id "" or its id).
func (d *Doc) item(section, id string) (*yaml.Node, error) {
	v := d.section(section)
	if v == nil {
		return nil, fmt.Errorf("section %s: %w", section, ErrNotFound)
	}
	if v.Kind == yaml.MappingNode {
		if id == "" || scalarValue(lookup(v, "id")) == id {
			return v, nil
		}
	}
	if v.Kind == yaml.SequenceNode {
		for _, it := range v.Content {
			if it.Kind == yaml.MappingNode && scalarValue(lookup(it, "id")) == id && id != "" {
				return it, nil
			}
		}
	}
	return nil, fmt.Errorf("%s %q: %w", section, id, ErrNotFound)
}

// section returns the value of a top-level key.
func (d *Doc) section(name string) *yaml.Node {
	if d.root == nil {
		return nil
	}
	return lookup(d.root, name)
}

// lookup returns the value of key in mapping m, or nil.
func lookup(m *yaml.Node, key string) *yaml.Node {
	if i := keyIndex(m, key); i >= 0 {
		return m.Content[i+1]
	}
	return nil
}

// keyIndex returns the index of key's node in m.Content, or -1.
func keyIndex(m *yaml.Node, key string) int {
	if m == nil || m.Kind != yaml.MappingNode {
		return -1
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if k := m.Content[i]; k.Kind == yaml.ScalarNode && k.Value == key {
			return i
		}
	}
	return -1
}

func scalarValue(n *yaml.Node) string {
	if n == nil || n.Kind != yaml.ScalarNode {
		return ""
	}
	return n.Value
}

// measure records the lines every node occupies. A node's last line is
// found from the text, bounded by where the next sibling starts, because
// yaml.Node keeps only where a node begins.
func (d *Doc) measure() {
	d.spans = map[*yaml.Node]span{}
	d.limit = len(d.lines)
	if d.root == nil {
		return
	}
	// A document end marker closes the content; nothing after it belongs.
	for n := d.root.Line + 1; n <= len(d.lines); n++ {
		s := d.line(n)
		if (strings.HasPrefix(s, "...") || strings.HasPrefix(s, "---")) && (len(s) == 3 || s[3] == ' ' || s[3] == '\t') {
			d.limit = n - 1
			break
		}
	}
	d.measureNode(d.root, -1, d.limit)
}

// measureNode records n's span and returns its last line. parent is the
// indentation of the enclosing block (a key's or a dash's column), limit the
// last line n may reach.
func (d *Doc) measureNode(n *yaml.Node, parent, limit int) int {
	last := n.Line
	switch {
	case n.Kind == yaml.MappingNode && n.Style&yaml.FlowStyle == 0:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			lim := limit
			if i+2 < len(n.Content) {
				lim = n.Content[i+2].Line - 1
			}
			ind := k.Column - 1
			kl := d.measureNode(k, ind, max(k.Line, v.Line-1))
			vl := d.measureNode(v, ind, lim)
			last = max(last, kl, vl)
		}
	case n.Kind == yaml.SequenceNode && n.Style&yaml.FlowStyle == 0:
		for i, it := range n.Content {
			lim := limit
			if i+1 < len(n.Content) {
				lim = d.dashLine(n.Content[i+1]) - 1
			}
			_, dc := d.dash(it)
			last = max(last, d.measureNode(it, dc, lim))
		}
	case n.Kind == yaml.MappingNode || n.Kind == yaml.SequenceNode:
		if l, _, ok := d.scanFlow(n.Line, d.offset(n.Line, n.Column)); ok {
			last = l
		}
		for _, c := range n.Content {
			d.measureNode(c, parent, last)
		}
	case n.Kind == yaml.ScalarNode:
		last = d.scalarEnd(n, parent, limit)
	}
	if last > limit && limit >= n.Line {
		last = limit
	}
	d.spans[n] = span{n.Line, max(last, n.Line)}
	return max(last, n.Line)
}

// scalarEnd finds the last line of a scalar.
func (d *Doc) scalarEnd(n *yaml.Node, parent, limit int) int {
	switch {
	case n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0:
		if l, _, ok := d.scanQuoted(n.Line, d.offset(n.Line, n.Column)); ok {
			return l
		}
		return n.Line
	case n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0:
		content := -1
		head := d.line(n.Line)[d.offset(n.Line, n.Column):]
		if i := strings.IndexAny(head, "|>"); i >= 0 {
			for _, c := range head[i+1:] {
				if c >= '1' && c <= '9' {
					content = max(parent, 0) + int(c-'0')
					break
				}
				if c != '+' && c != '-' {
					break
				}
			}
		}
		last := n.Line
		for l := n.Line + 1; l <= limit; l++ {
			s := d.line(l)
			if blank(s) {
				continue
			}
			if content < 0 {
				if indent(s) <= parent {
					break
				}
				content = indent(s)
			}
			if indent(s) < content {
				break
			}
			last = l
		}
		return last
	case n.Value == "" && n.Tag == "!!null":
		return n.Line
	}
	// A plain scalar continues on more-indented lines; a comment ends it.
	last := n.Line
	if strings.Contains(d.line(n.Line)[d.offset(n.Line, n.Column):], " #") {
		return last
	}
	for l := n.Line + 1; l <= limit; l++ {
		s := d.line(l)
		if blank(s) {
			continue
		}
		if comment(s) || indent(s) <= parent {
			break
		}
		last = l
	}
	return last
}

// dash returns the line and column (0-based, in bytes) of the dash that
// introduces a block sequence item.
func (d *Doc) dash(it *yaml.Node) (int, int) {
	l := it.Line
	s := d.line(l)[:d.offset(it.Line, it.Column)]
	for l >= 1 {
		t := strings.TrimRight(s, " \t")
		if strings.HasSuffix(t, "-") {
			return l, len(t) - 1
		}
		if strings.TrimSpace(t) != "" && !comment(t) {
			break
		}
		l--
		s = d.line(l)
		if i := strings.Index(s, "#"); i >= 0 {
			s = s[:i]
		}
	}
	return it.Line, max(d.offset(it.Line, it.Column)-2, 0)
}

func (d *Doc) dashLine(it *yaml.Node) int {
	l, _ := d.dash(it)
	return l
}

// scanQuoted finds the end of a quoted scalar that starts at byte off of
// line l (after any anchor or tag), returning the line and the byte offset
// just past its closing quote.
func (d *Doc) scanQuoted(l, off int) (int, int, bool) {
	l, off = d.skipProps(l, off)
	s := d.line(l)
	if off >= len(s) || (s[off] != '"' && s[off] != '\'') {
		return l, off, false
	}
	q := s[off]
	i := off + 1
	for l <= len(d.lines) {
		s = d.line(l)
		for i < len(s) {
			switch {
			case q == '"' && s[i] == '\\':
				i += 2
			case s[i] == q && q == '\'' && i+1 < len(s) && s[i+1] == '\'':
				i += 2
			case s[i] == q:
				return l, i + 1, true
			default:
				i++
			}
		}
		l, i = l+1, 0
	}
	return l, 0, false
}

// skipProps skips an anchor and a tag before a node's content.
func (d *Doc) skipProps(l, off int) (int, int) {
	for l <= len(d.lines) {
		s := d.line(l)
		for off < len(s) && (s[off] == ' ' || s[off] == '\t') {
			off++
		}
		if off >= len(s) {
			l, off = l+1, 0
			continue
		}
		if s[off] != '&' && s[off] != '!' {
			return l, off
		}
		for off < len(s) && s[off] != ' ' && s[off] != '\t' {
			off++
		}
	}
	return l, off
}

// scanFlow finds the end of a flow collection starting at byte off of line
// l, returning the line and byte offset just past its closing bracket.
func (d *Doc) scanFlow(l, off int) (int, int, bool) {
	l, off = d.skipProps(l, off)
	depth := 0
	i := off
	prev := byte(' ')
	for l <= len(d.lines) {
		s := d.line(l)
		for i < len(s) {
			c := s[i]
			switch {
			case c == '#' && (prev == ' ' || prev == '\t'):
				i = len(s)
				continue
			case (c == '"' || c == '\'') && strings.IndexByte("[{,:? \t", prev) >= 0:
				el, eo, ok := d.scanQuoted(l, i)
				if !ok {
					return l, i, false
				}
				l, i, s = el, eo, d.line(el)
				prev = c
				continue
			case c == '[' || c == '{':
				depth++
			case c == ']' || c == '}':
				depth--
				if depth == 0 {
					return l, i + 1, true
				}
			}
			prev = c
			i++
		}
		l, i, prev = l+1, 0, ' '
	}
	return l, 0, false
}

// valueEnd returns the byte offset where the content starting at off on
// line s ends, before any trailing spaces and comment.
func valueEnd(s string, off int) int {
	i := off
	prev := byte(' ')
	if off > 0 {
		prev = s[off-1]
	}
	depth := 0
	for i < len(s) {
		c := s[i]
		switch {
		case c == '#' && (prev == ' ' || prev == '\t'):
			return len(strings.TrimRight(s[:i], " \t"))
		case (c == '"' || c == '\'') && (i == off || depth > 0 && strings.IndexByte("[{,:? \t", prev) >= 0):
			j := i + 1
			for j < len(s) {
				if c == '"' && s[j] == '\\' {
					j += 2
					continue
				}
				if s[j] == c {
					if c == '\'' && j+1 < len(s) && s[j+1] == '\'' {
						j += 2
						continue
					}
					break
				}
				j++
			}
			i = min(j+1, len(s))
			prev = c
			continue
		case c == '[' || c == '{':
			depth++
		case c == ']' || c == '}':
			depth--
		}
		prev = c
		i++
	}
	return len(strings.TrimRight(s, " \t"))
}
