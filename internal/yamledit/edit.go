package yamledit

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Set gives an item's field a value, replacing the old one or adding the
// field at its canonical place. field may be a dotted path into nested
// mappings ("tolerances.amber_days"); missing mappings on the way are added.
//
// Replacing a one-line value changes only the value's text on its line:
// the key, the spacing and the line comment stay, and so does the quoting
// style where the new value allows it. Lists are written in flow style
// ([a, b]) unless the old value was a block list.
func (d *Doc) Set(section, id, field string, v Value, order Order) error {
	if err := v.check(); err != nil {
		return err
	}
	path, err := splitPath(field)
	if err != nil {
		return err
	}
	item, index, err := d.find(section, id)
	if err != nil {
		return err
	}
	m, key := item, section
	for i, name := range path {
		if err := d.editable(m, section, id); err != nil {
			return err
		}
		key += "." + name
		ki := keyIndex(m, name)
		if ki < 0 {
			lines := d.newField(path[i:], v, m.Content[0].Column-1)
			at := d.insertionLine(m, name, order[strings.TrimSuffix(key, "."+name)])
			return d.commit(d.splice(at, at-1, lines), section, index, path, v, false)
		}
		if i == len(path)-1 {
			lines, first, last, err := d.replaceField(m.Content[ki], m.Content[ki+1], v)
			if err != nil {
				return fmt.Errorf("%s %s: %s: %w", section, id, field, err)
			}
			return d.commit(d.splice(first, last, lines), section, index, path, v, false)
		}
		m = m.Content[ki+1]
		if m.Kind != yaml.MappingNode {
			return fmt.Errorf("%s %s: %s is not a mapping", section, id, strings.Join(path[:i+1], "."))
		}
	}
	return nil
}

// Remove deletes an item's field, with every line its value spans. Removing
// a field the item does not have changes nothing.
func (d *Doc) Remove(section, id, field string) error {
	path, err := splitPath(field)
	if err != nil {
		return err
	}
	m, index, err := d.find(section, id)
	if err != nil {
		return err
	}
	for _, name := range path[:len(path)-1] {
		if m = lookup(m, name); m == nil || m.Kind != yaml.MappingNode {
			return nil
		}
	}
	ki := keyIndex(m, path[len(path)-1])
	if ki < 0 {
		return nil
	}
	if err := d.editable(m, section, id); err != nil {
		return err
	}
	k := m.Content[ki]
	first, last := k.Line, d.spans[m.Content[ki+1]].last
	koff := d.offset(k.Line, k.Column)
	prefix := d.line(k.Line)[:koff]
	if strings.TrimSpace(prefix) == "" {
		return d.commit(d.splice(first, last, nil), section, index, path, Value{}, true)
	}
	// The key shares its line with the item's dash: the next key moves up
	// onto the dash line, and comments between them go above it.
	if ki+2 >= len(m.Content) {
		return d.commit(d.splice(first, last, []string{prefix + "{}"}), section, index, path, Value{}, true)
	}
	next := m.Content[ki+2]
	var lines []string
	for l := last + 1; l < next.Line; l++ {
		if comment(d.line(l)) {
			lines = append(lines, d.line(l))
		}
	}
	lines = append(lines, prefix+d.line(next.Line)[d.offset(next.Line, next.Column):])
	return d.commit(d.splice(first, next.Line, lines), section, index, path, Value{}, true)
}

// Append adds an item at the end of a section, its fields in canonical
// order and indented like the section's other items; a missing section is
// added at the end of the file.
func (d *Doc) Append(section string, fields []KV, order Order) error {
	if section == "programme" {
		return errors.New("programme is a single mapping: set its fields instead")
	}
	if len(fields) == 0 {
		return errors.New("an item needs at least one field")
	}
	seen := map[string]bool{}
	for _, f := range fields {
		if f.Key == "" || seen[f.Key] || strings.Contains(f.Key, ".") {
			return fmt.Errorf("field %q: empty, repeated or dotted", f.Key)
		}
		seen[f.Key] = true
		if err := f.Value.check(); err != nil {
			return fmt.Errorf("field %s: %w", f.Key, err)
		}
	}
	fields = sortFields(fields, order[section])

	dashInd, keyInd, sep := 2, 4, false
	var lines []string
	first, last := 0, 0 // the lines replaced; last is first-1 for an insertion
	sec := d.section(section)
	switch {
	case sec == nil:
		first = d.limit + 1
		if first > 1 && !blank(d.line(first-1)) {
			lines = append(lines, "")
		}
		lines = append(lines, plainKey(section)+":")
	case sec.Kind == yaml.SequenceNode && sec.Style&yaml.FlowStyle == 0 && len(sec.Content) > 0:
		items := sec.Content
		_, dashInd = d.dash(items[0])
		keyInd = dashInd + 2
		if it := items[0]; it.Kind == yaml.MappingNode && it.Line == d.dashLine(it) && len(it.Content) > 0 {
			keyInd = it.Content[0].Column - 1
		}
		if n := len(items); n > 1 {
			for l := d.spans[items[n-2]].last + 1; l < d.dashLine(items[n-1]); l++ {
				sep = sep || blank(d.line(l))
			}
		}
		first = d.spans[sec].last + 1
		// Comment lines indented as the last item's keys belong to it
		// (a field commented out, say): the new item goes after them.
		for first <= d.limit {
			t := d.line(first)
			body := strings.TrimLeft(t, " ")
			if !strings.HasPrefix(body, "#") || len(t)-len(body) < keyInd {
				break
			}
			first++
		}
		if sep {
			lines = append(lines, "")
		}
	case sec.Kind == yaml.ScalarNode && sec.Tag == "!!null" || sec.Kind == yaml.SequenceNode && len(sec.Content) == 0:
		// An empty section: its key line loses the empty value.
		k := d.root.Content[keyIndex(d.root, section)]
		head, tail, err := d.keyHead(k, sec)
		if err != nil {
			return err
		}
		dashInd, keyInd = k.Column-1+2, k.Column-1+4
		first, last = k.Line, d.spans[sec].last
		lines = append(lines, head+tail)
	default:
		return fmt.Errorf("section %s is not a block list", section)
	}
	if last == 0 {
		last = first - 1
	}
	for i, f := range fields {
		fl := d.newField([]string{f.Key}, f.Value, keyInd)
		if i == 0 {
			fl[0] = strings.Repeat(" ", dashInd) + "- " + strings.Repeat(" ", max(keyInd-dashInd-2, 0)) + fl[0][keyInd:]
		}
		lines = append(lines, fl...)
	}
	return d.commitAppend(d.splice(first, last, lines), section, fields)
}

// find returns an item's mapping and its index within its section (-1 for
// the programme mapping).
func (d *Doc) find(section, id string) (*yaml.Node, int, error) {
	m, err := d.item(section, id)
	if err != nil {
		return nil, 0, err
	}
	if s := d.section(section); s.Kind == yaml.SequenceNode {
		return m, slices.Index(s.Content, m), nil
	}
	return m, -1, nil
}

// editable refuses mappings written in flow style: they share lines with
// other fields, so no line of theirs could change alone.
func (d *Doc) editable(m *yaml.Node, section, id string) error {
	if m.Style&yaml.FlowStyle != 0 || len(m.Content) == 0 {
		return fmt.Errorf("%s %s is written in flow style ({...}), which oco does not edit; edit it by hand, or rewrite it one field a line", section, id)
	}
	return nil
}

func splitPath(field string) ([]string, error) {
	path := strings.Split(field, ".")
	for _, p := range path {
		if p == "" {
			return nil, fmt.Errorf("field %q: empty name", field)
		}
		if !utf8Printable(p) {
			return nil, fmt.Errorf("field %q: not a field name", field)
		}
	}
	return path, nil
}

func utf8Printable(s string) bool {
	return Value{Scalar: s}.check() == nil && singleOK(s)
}

// insertionLine returns the line before which a new key goes: after the
// nearest key before it in canonical order that m has, else after the last
// key for a key outside the order.
func (d *Doc) insertionLine(m *yaml.Node, key string, order []string) int {
	after := -1
	if i := slices.Index(order, key); i >= 0 {
		for j := i - 1; j >= 0 && after < 0; j-- {
			after = keyIndex(m, order[j])
		}
		if after < 0 {
			// Nothing precedes it: it goes first, unless the first key
			// shares the dash's line, which it keeps.
			k := m.Content[0]
			if strings.TrimSpace(d.line(k.Line)[:d.offset(k.Line, k.Column)]) == "" {
				return k.Line
			}
			after = 0
		}
	} else {
		after = len(m.Content) - 2
	}
	return max(d.spans[m.Content[after]].last, d.spans[m.Content[after+1]].last) + 1
}

// newField renders a new field, path[0] holding path[1] and so on down to
// the value, its first key indented by ind.
func (d *Doc) newField(path []string, v Value, ind int) []string {
	pad := strings.Repeat(" ", ind)
	head := pad + plainKey(path[0]) + ":"
	if len(path) > 1 {
		return append([]string{head}, d.newField(path[1:], v, ind+2)...)
	}
	if v.IsList {
		return []string{head + " " + flowList(v)}
	}
	if strings.Contains(v.Scalar, "\n") {
		if h, body, ok := literal(v.Scalar, ind+2); ok {
			return append([]string{head + " " + h}, body...)
		}
	}
	return []string{head + " " + quote(v.Scalar, false, anyStyle)}
}

func plainKey(k string) string { return quote(k, false, anyStyle) }

func flowList(v Value) string {
	q := make([]string, len(v.List))
	for i := range v.List {
		q[i] = v.entryText(i, true)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

// replaceField renders key k's new value and returns the lines replacing
// lines first..last.
func (d *Doc) replaceField(k, old *yaml.Node, v Value) ([]string, int, int, error) {
	sp := d.spans[old]
	inline, multi := "", strings.Contains(v.Scalar, "\n") && !v.IsList
	want := anyStyle
	if old.Kind == yaml.ScalarNode {
		switch {
		case old.Style&yaml.DoubleQuotedStyle != 0:
			want = doubleStyle
		case old.Style&yaml.SingleQuotedStyle != 0:
			want = singleStyle
		}
	}
	blockList := v.IsList && old.Kind == yaml.SequenceNode && old.Style&yaml.FlowStyle == 0 && len(v.List) > 0
	switch {
	case v.IsList:
		inline = flowList(v)
	case !multi:
		inline = quote(v.Scalar, false, want)
	}

	// One line, one value: only the value's text changes.
	if inline != "" && !blockList && old.Line == k.Line && sp.last == k.Line && old.Style&(yaml.LiteralStyle|yaml.FoldedStyle) == 0 {
		s := d.line(k.Line)
		off := d.offset(old.Line, old.Column)
		if old.Kind == yaml.ScalarNode && old.Tag == "!!null" && old.Value == "" {
			if off > 0 && off <= len(s) && s[off-1] == ':' {
				return []string{s[:off] + " " + inline + s[off:]}, k.Line, k.Line, nil
			}
		} else if l, o := d.skipProps(k.Line, off); l == k.Line {
			e := valueEnd(s, o)
			return []string{s[:o] + inline + s[e:]}, k.Line, k.Line, nil
		}
	}

	head, tail, err := d.keyHead(k, old)
	if err != nil {
		return nil, 0, 0, err
	}
	ind := k.Column - 1
	var lines []string
	switch {
	case blockList:
		_, dc := d.dash(old.Content[0])
		lines = []string{head + tail}
		for i := range v.List {
			lines = append(lines, strings.Repeat(" ", dc)+"- "+v.entryText(i, false))
		}
	case inline != "":
		lines = []string{head + " " + inline + tail}
	default:
		h, body, ok := literal(v.Scalar, ind+2)
		if !ok {
			lines = []string{head + " " + doubleQuote(v.Scalar) + tail}
		} else {
			lines = append([]string{head + " " + h + tail}, body...)
		}
	}
	return lines, k.Line, max(sp.last, k.Line), nil
}

// keyHead splits key k's line into the part up to and including the colon
// and the trailing comment (with the spaces before it), if any.
func (d *Doc) keyHead(k, v *yaml.Node) (string, string, error) {
	if d.spans[k].last != k.Line {
		return "", "", errors.New("the key spans several lines")
	}
	s := d.line(k.Line)
	off := d.offset(k.Line, k.Column)
	end := off
	if k.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0 {
		l, e, ok := d.scanQuoted(k.Line, off)
		if !ok || l != k.Line {
			return "", "", errors.New("cannot find the key's end")
		}
		end = e
	} else {
		for end < len(s) && !(s[end] == ':' && (end+1 == len(s) || s[end+1] == ' ' || s[end+1] == '\t')) {
			end++
		}
	}
	for end < len(s) && (s[end] == ' ' || s[end] == '\t') {
		end++
	}
	if end >= len(s) || s[end] != ':' {
		return "", "", errors.New("cannot find the key's colon")
	}
	head, rest := s[:end+1], s[end+1:]
	tail := ""
	switch {
	case v.Line > k.Line || v.Kind == yaml.ScalarNode && v.Tag == "!!null" && v.Value == "":
		if t := strings.TrimSpace(rest); t == "" || strings.HasPrefix(t, "#") {
			tail = rest
		}
	default:
		_, o := d.skipProps(k.Line, d.offset(v.Line, v.Column))
		if o <= len(s) && (d.spans[v].last == k.Line || v.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0) {
			tail = s[valueEnd(s, o):]
		}
	}
	if strings.TrimSpace(tail) == "" {
		tail = ""
	}
	return head, tail, nil
}

// splice returns the document's lines with lines first..last (1-based)
// replaced by repl, which are given without line endings. A file that
// ended without a line ending still does.
func (d *Doc) splice(first, last int, repl []string) []string {
	out := make([]string, 0, len(d.lines)+len(repl))
	out = append(out, d.lines[:first-1]...)
	for _, r := range repl {
		out = append(out, r+d.nl)
	}
	out = append(out, d.lines[max(last, first-1):]...)
	for i := range out[:max(len(out)-1, 0)] {
		if !strings.HasSuffix(out[i], "\n") {
			out[i] += d.nl
		}
	}
	if n := len(d.lines); n > 0 && d.eol(n) == "" && len(out) > 0 {
		out[len(out)-1] = strings.TrimSuffix(strings.TrimSuffix(out[len(out)-1], "\n"), "\r")
	}
	return out
}

// commit makes lines the document's text after checking that, of the
// decoded data, only the edited field changed and that it holds v.
func (d *Doc) commit(lines []string, section string, index int, path []string, v Value, removed bool) error {
	nd, err := d.reparse(lines)
	if err != nil {
		return err
	}
	if !sameTrees(d.root, nd.root, section, index, path) {
		return errors.New("the edit would change more than the field (is the value shared through an anchor?)")
	}
	m := nd.section(section)
	if index >= 0 {
		m = m.Content[index]
	}
	for _, p := range path[:len(path)-1] {
		m = lookup(m, p)
	}
	if got := lookup(m, path[len(path)-1]); removed != (got == nil) || !removed && !holds(got, v) {
		return errors.New("the edit did not read back as written")
	}
	*d = *nd
	return nil
}

func (d *Doc) commitAppend(lines []string, section string, fields []KV) error {
	nd, err := d.reparse(lines)
	if err != nil {
		return err
	}
	if !sameButAppended(d.root, nd.root, section) {
		return errors.New("the edit would change more than the new item")
	}
	items := nd.section(section).Content
	m := items[len(items)-1]
	if len(m.Content) != 2*len(fields) {
		return errors.New("the appended item did not read back as written")
	}
	for i, f := range fields {
		if m.Content[2*i].Value != f.Key || !holds(m.Content[2*i+1], f.Value) {
			return errors.New("the appended item did not read back as written")
		}
	}
	*d = *nd
	return nil
}

func (d *Doc) reparse(lines []string) (*Doc, error) {
	var b strings.Builder
	if d.bom {
		b.WriteString(bom)
	}
	for _, l := range lines {
		b.WriteString(l)
	}
	nd, err := Parse([]byte(b.String()))
	if err != nil {
		return nil, fmt.Errorf("the edit would break the file: %w", err)
	}
	return nd, nil
}

// holds reports whether node n reads as v.
func holds(n *yaml.Node, v Value) bool {
	if !v.IsList {
		return n.Kind == yaml.ScalarNode && n.Value == v.Scalar && n.Tag != "!!null"
	}
	if n.Kind != yaml.SequenceNode || len(n.Content) != len(v.List) {
		return false
	}
	for i, it := range n.Content {
		fields := v.entry(i)
		if fields == nil {
			if it.Kind != yaml.ScalarNode || it.Value != v.List[i] {
				return false
			}
			continue
		}
		if it.Kind != yaml.MappingNode || len(it.Content) != 2*len(fields) {
			return false
		}
		for j, f := range fields {
			if k, e := it.Content[2*j], it.Content[2*j+1]; k.Value != f.Key || !holds(e, f.Value) {
				return false
			}
		}
	}
	return true
}

// sortFields orders fields canonically: those in order first, in its order,
// then the rest as given.
func sortFields(fields []KV, order []string) []KV {
	out := slices.Clone(fields)
	rank := func(k string) int {
		if i := slices.Index(order, k); i >= 0 {
			return i
		}
		return len(order)
	}
	slices.SortStableFunc(out, func(a, b KV) int { return rank(a.Key) - rank(b.Key) })
	return out
}
