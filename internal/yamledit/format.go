package yamledit

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// Format returns src in the canonical form: each item's keys in the order
// given (keys the order does not name after, as they were), block mappings
// and lists indented by two spaces with a section's items as "  - id: ...",
// and quoted dates unquoted. Everything else stays: comments, blank lines,
// the order of items and of sections, quoting, flow or block style, line
// endings. A file already canonical comes back byte for byte; the result
// always means the same data as src, or Format returns an error.
//
// Format works on the text, like the edits, in three passes that each
// re-parse: dates, then indentation, then key order.
func Format(src []byte, order Order) ([]byte, error) {
	switch top, err := topLevel(src); {
	case err != nil:
		return nil, err
	case top == topEmpty:
		return src, nil // no data: nothing to put in order
	case top == topFlow:
		block, err := blockTop(src)
		if err != nil {
			return nil, err
		}
		// Once, not again: should the encoder write a flow mapping back
		// (a key that is itself a mapping, say), it is refused.
		if again, err := topLevel(block); err != nil || again != topBlock {
			return nil, errors.New("cannot put this file in canonical form: its top level stays a flow mapping")
		}
		src = block
	}
	d, err := Parse(src)
	if err != nil {
		return nil, err
	}
	if d.root == nil {
		return src, nil
	}
	// What the file means, to compare with at the end; a file whose data
	// does not decode (a key given twice, say) is not put in any form.
	want, err := d.value()
	if err != nil {
		return nil, err
	}
	changed := false
	for _, pass := range []func(*Doc) []string{unquoteDates, reindent} {
		if lines := pass(d); lines != nil {
			changed = true
			if d, err = d.reparse(lines); err != nil {
				return nil, err
			}
		}
	}
	// Reordering goes from the outside in: a nested mapping moves with its
	// parent's field before its own keys are put in order.
	for range 64 {
		lines := reorder(d, order)
		if lines == nil {
			break
		}
		changed = true
		if d, err = d.reparse(lines); err != nil {
			return nil, err
		}
	}
	if !changed {
		return src, nil
	}
	got, err := d.value()
	if err != nil {
		return nil, err
	}
	if !equal(want, got) {
		return nil, errors.New("cannot put this file in canonical form without changing its meaning")
	}
	return d.Bytes(), nil
}

// Canonical reports whether src is already in the canonical form Format
// gives. It parses src once and stops at the first pass that would change
// a line, without making the change: a check of many files costs about as
// much as reading them.
func Canonical(src []byte, order Order) (bool, error) {
	switch top, err := topLevel(src); {
	case err != nil:
		return false, err
	case top == topEmpty:
		return true, nil
	case top == topFlow:
		return false, nil
	}
	d, err := Parse(src)
	if err != nil {
		return false, err
	}
	if d.root == nil {
		return true, nil
	}
	if err := decodable(d.root); err != nil {
		return false, err
	}
	for _, pass := range []func(*Doc) []string{unquoteDates, reindent, func(d *Doc) []string { return reorder(d, order) }} {
		if pass(d) != nil {
			return false, nil
		}
	}
	return true, nil
}

var dateRE = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

// unquoteDates drops the quotes around dates: quoted or not, a date is
// the same programme data, and one way of writing it keeps diffs small.
func unquoteDates(d *Doc) []string {
	type cut struct{ line, from, to int }
	var cuts []cut
	var walk func(n *yaml.Node, key bool)
	walk = func(n *yaml.Node, key bool) {
		switch n.Kind {
		case yaml.ScalarNode:
			if key || n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) == 0 ||
				!dateRE.MatchString(n.Value) || n.Tag != "!!str" || n.Anchor != "" {
				return
			}
			off := d.offset(n.Line, n.Column)
			if l, end, ok := d.scanQuoted(n.Line, off); ok && l == n.Line && d.line(l)[off] == d.line(l)[end-1] {
				cuts = append(cuts, cut{n.Line, off, end})
			}
		case yaml.MappingNode:
			for i, c := range n.Content {
				walk(c, i%2 == 0)
			}
		case yaml.SequenceNode, yaml.DocumentNode:
			for _, c := range n.Content {
				walk(c, false)
			}
		}
	}
	walk(d.root, false)
	if len(cuts) == 0 {
		return nil
	}
	lines := slices.Clone(d.lines)
	// Right to left, so earlier offsets on a line stay valid.
	slices.SortFunc(cuts, func(a, b cut) int {
		if a.line != b.line {
			return a.line - b.line
		}
		return b.from - a.from
	})
	for _, c := range cuts {
		s := lines[c.line-1]
		lines[c.line-1] = s[:c.from] + s[c.from+1:c.to-1] + s[c.to:]
	}
	return lines
}

// reindent moves every block mapping and list to its canonical column:
// top-level keys at 0, each nested level two further, a list's dashes two
// in from its key and its items' keys two in from the dash. Each line moves
// with the innermost block it belongs to, so block scalars, continued
// scalars and comments keep their place relative to their key.
func reindent(d *Doc) []string {
	n := len(d.lines)
	shift := make([]int, n+2)
	// after[l] is where the first space after a dash on line l starts,
	// and spaces how many to keep: "-   id" becomes "- id".
	type gap struct{ at, width int }
	gaps := map[int][]gap{}
	set := func(from, to, delta int) {
		for l := max(from, 1); l <= min(to, n); l++ {
			shift[l] = delta
		}
	}
	var walk func(c *yaml.Node, want, first int)
	// walk handles block collection c, whose content should start at column
	// want; lines from first on move with it (first is past a dash line that
	// its parent moves).
	walk = func(c *yaml.Node, want, first int) {
		sp := d.spans[c]
		switch {
		case c.Style&yaml.FlowStyle != 0 || len(c.Content) == 0:
			return
		case c.Kind == yaml.MappingNode:
			k0 := c.Content[0]
			delta := want - (k0.Column - 1)
			set(first, sp.last, delta)
			for i := 0; i+1 < len(c.Content); i += 2 {
				k, v := c.Content[i], c.Content[i+1]
				if k.Column != k0.Column {
					return // keys not aligned: leave the rest to the parser's reading
				}
				if (v.Kind == yaml.MappingNode || v.Kind == yaml.SequenceNode) && v.Style&yaml.FlowStyle == 0 {
					walk(v, want+2, k.Line+1)
				}
			}
		case c.Kind == yaml.SequenceNode:
			_, dc := d.dash(c.Content[0])
			set(first, sp.last, want-dc)
			for _, it := range c.Content {
				dl, col := d.dash(it)
				if col != dc || it.Style&yaml.FlowStyle != 0 || (it.Kind != yaml.MappingNode && it.Kind != yaml.SequenceNode) {
					continue
				}
				start := d.offset(it.Line, it.Column)
				if it.Kind == yaml.MappingNode && len(it.Content) > 0 {
					start = d.offset(it.Content[0].Line, it.Content[0].Column)
				}
				if it.Kind == yaml.MappingNode && (it.Content[0].Line != it.Line || it.Content[0].Column != it.Column) {
					continue // an anchor or tag before the keys: leave as written
				}
				if it.Line == dl {
					gaps[dl] = append(gaps[dl], gap{col + 1, start - col - 1})
					walk(it, want+2, dl+1)
				} else {
					walk(it, want+2, it.Line)
				}
			}
		}
	}
	k0 := d.root.Content[0]
	if strings.TrimSpace(d.line(k0.Line)[:d.offset(k0.Line, k0.Column)]) != "" {
		return nil
	}
	walk(d.root, 0, d.spans[d.root].first)

	changed := false
	lines := slices.Clone(d.lines)
	for l := 1; l <= n; l++ {
		s, eol := d.line(l), d.eol(l)
		g := gaps[l]
		slices.SortFunc(g, func(a, b gap) int { return b.at - a.at })
		for _, x := range g {
			if x.width != 1 && x.at+x.width <= len(s) && strings.Trim(s[x.at:x.at+x.width], " ") == "" {
				s = s[:x.at] + " " + s[x.at+x.width:]
			}
		}
		switch delta := shift[l]; {
		case delta > 0 && s != "":
			s = strings.Repeat(" ", delta) + s
		case delta < 0:
			s = s[min(-delta, indent(s)):]
		}
		if s+eol != lines[l-1] {
			lines[l-1] = s + eol
			changed = true
		}
	}
	if !changed {
		return nil
	}
	return lines
}

// reorder puts the keys of mappings in canonical order, the outermost that
// are out of order first. It moves whole fields, each with the comments and
// blank lines above it, so nothing inside a field changes. It returns nil
// when every mapping is in order.
func reorder(d *Doc, order Order) []string {
	lines := slices.Clone(d.lines)
	changed := false
	var walk func(n *yaml.Node, path string)
	walk = func(n *yaml.Node, path string) {
		switch n.Kind {
		case yaml.SequenceNode:
			for _, c := range n.Content {
				walk(c, path)
			}
			return
		case yaml.MappingNode:
		default:
			return
		}
		if ord, ok := order[path]; ok && n.Style&yaml.FlowStyle == 0 && len(n.Content) > 2 {
			if moved := d.reorderMapping(n, ord, lines); moved {
				changed = true
				return // its fields have moved; nested ones next pass
			}
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			p := n.Content[i].Value
			if path != "" {
				p = path + "." + p
			}
			walk(n.Content[i+1], p)
		}
	}
	for i := 0; i+1 < len(d.root.Content); i += 2 {
		walk(d.root.Content[i+1], d.root.Content[i].Value)
	}
	if !changed {
		return nil
	}
	return lines
}

// reorderMapping writes m's fields into lines in canonical order, and
// reports whether it moved any.
func (d *Doc) reorderMapping(m *yaml.Node, ord []string, lines []string) bool {
	type field struct {
		key         string
		first, key1 int // first line (comments above included) and key line
		last        int
		rank, at    int
	}
	var fs []field
	k0 := m.Content[0]
	prev := k0.Line - 1
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		if k.Kind != yaml.ScalarNode || d.spans[k].last != k.Line || k.Column != k0.Column {
			return false
		}
		last := max(d.spans[v].last, k.Line)
		rank := slices.Index(ord, k.Value)
		if rank < 0 {
			rank = len(ord)
		}
		fs = append(fs, field{k.Value, prev + 1, k.Line, last, rank, i})
		prev = last
	}
	sorted := slices.Clone(fs)
	slices.SortStableFunc(sorted, func(a, b field) int { return a.rank - b.rank })
	if slices.EqualFunc(fs, sorted, func(a, b field) bool { return a.key == b.key }) {
		return false
	}
	// The first key may share its line with the item's dash: the prefix
	// stays on the first line, whichever key comes first now.
	koff := d.offset(k0.Line, k0.Column)
	prefix := d.line(k0.Line)[:koff]
	compact := strings.TrimSpace(prefix) != ""
	if compact && (m.Line != k0.Line || m.Column != k0.Column || koff != k0.Column-1) {
		return false
	}
	pad := strings.Repeat(" ", koff)
	var out []string
	for i, f := range sorted {
		for l := f.first; l <= f.last; l++ {
			s, eol := d.line(l), d.eol(l)
			if eol == "" {
				eol = d.nl
			}
			if compact {
				content := s
				switch {
				case l == k0.Line:
					content = s[koff:]
				case l == f.key1:
					content = s[min(koff, indent(s)):]
				}
				switch {
				case i == 0 && l == f.key1:
					// Comments above this key land above the dash line.
					s = prefix + content
				case l == k0.Line:
					s = pad + content
				}
			}
			out = append(out, s+eol)
		}
	}
	end := fs[len(fs)-1].last
	if d.eol(end) == "" {
		out[len(out)-1] = strings.TrimSuffix(strings.TrimSuffix(out[len(out)-1], "\n"), "\r")
	}
	copy(lines[fs[0].first-1:end], out)
	return true
}

// What a file holds at its top level, as far as formatting goes.
const (
	topBlock = iota // a block mapping, or anything Parse judges
	topEmpty        // no data: an empty file, "---" alone, "~", "{}"
	topFlow         // a mapping written in flow style: {milestones: [...]}
)

// topLevel tells an empty document and a flow mapping at the top level,
// which the loader reads as well as any other, from the rest.
func topLevel(src []byte) (int, error) {
	if !utf8.Valid(src) {
		// Parse refuses it. The parser must never see it: bytes that look
		// like a UTF-16 mark switch it to UTF-16, where some inputs make
		// it loop without end.
		return topBlock, nil
	}
	// The common case, a file whose first line of data is `key:` at the
	// margin, is decided without parsing.
	for rest := src; len(rest) > 0; {
		line := rest
		if i := bytes.IndexByte(rest, '\n'); i >= 0 {
			line, rest = rest[:i], rest[i+1:]
		} else {
			rest = nil
		}
		t := bytes.TrimSpace(line)
		if len(t) == 0 || t[0] == '#' || bytes.Equal(t, []byte("---")) || bytes.HasPrefix(t, []byte("\uFEFF")) {
			continue
		}
		if c := line[0]; c != ' ' && c != '{' && c != '~' && c != '-' && c != '!' && c != '&' && c != '*' && c != '%' &&
			bytes.Contains(line, []byte(":")) && !bytes.Equal(t, []byte("null")) {
			return topBlock, nil
		}
		break
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return topBlock, nil // Parse says what is wrong
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return topEmpty, nil
	}
	root := doc.Content[0]
	switch {
	case root.Kind == yaml.ScalarNode && root.Tag == "!!null":
		return topEmpty, nil
	case root.Kind == yaml.MappingNode && len(root.Content) == 0:
		return topEmpty, nil
	case root.Kind == yaml.MappingNode && root.Style&yaml.FlowStyle != 0:
		return topFlow, nil
	}
	return topBlock, nil
}

// blockTop rewrites a flow mapping at the top level as a block mapping of
// its sections, each section's value as it was written.
func blockTop(src []byte) ([]byte, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return nil, err
	}
	doc.Content[0].Style &^= yaml.FlowStyle
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(&doc); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	var before, after any
	if yaml.Unmarshal(src, &before) != nil || yaml.Unmarshal(b.Bytes(), &after) != nil || !equal(before, after) {
		return nil, errors.New("cannot put this file in canonical form without changing its meaning")
	}
	return b.Bytes(), nil
}

// mergeable reports whether v may follow a merge key: a mapping, or a
// list of mappings, either possibly through aliases.
func mergeable(v *yaml.Node) bool {
	v = deref(v)
	switch {
	case v == nil:
		return false
	case v.Kind == yaml.MappingNode:
		return true
	case v.Kind == yaml.SequenceNode:
		for _, e := range v.Content {
			if e = deref(e); e == nil || e.Kind != yaml.MappingNode {
				return false
			}
		}
		return true
	}
	return false
}

// decodable finds what would stop the data decoding, as Format's check of
// its meaning would, without building the data: a key given twice in one
// mapping, or an alias inside the node it names. It walks the tree once,
// without recursion.
func decodable(root *yaml.Node) error {
	type step struct {
		n    *yaml.Node
		exit bool
	}
	open := map[*yaml.Node]bool{} // the nodes being walked: ancestors
	stack := []step{{n: root}}
	for len(stack) > 0 {
		st := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if st.n == nil {
			continue
		}
		if st.exit {
			delete(open, st.n)
			continue
		}
		n := st.n
		if n.Kind == yaml.AliasNode {
			if open[n.Alias] {
				return fmt.Errorf("yaml: anchor '%s' value contains itself", n.Value)
			}
			continue // what it names is walked where it is defined
		}
		if n.Kind == yaml.MappingNode {
			seen := make(map[string]bool, len(n.Content)/2)
			for i := 0; i+1 < len(n.Content); i += 2 {
				k := n.Content[i]
				if r := deref(k); r != nil {
					k = r
				}
				if k.Kind == yaml.MappingNode || k.Kind == yaml.SequenceNode {
					return fmt.Errorf("yaml: line %d: invalid map key: a list or mapping", n.Content[i].Line)
				}
				if k.Kind == yaml.ScalarNode && k.Tag == "!!merge" {
					if !mergeable(n.Content[i+1]) {
						return fmt.Errorf("yaml: line %d: map merge requires map or sequence of maps as the value", k.Line)
					}
					continue
				}
				if k.Kind != yaml.ScalarNode {
					continue
				}
				if seen[k.Value] {
					return fmt.Errorf("yaml: line %d: mapping key %q already defined", k.Line, k.Value)
				}
				seen[k.Value] = true
			}
		}
		open[n] = true
		stack = append(stack, step{n: n, exit: true})
		for i := len(n.Content) - 1; i >= 0; i-- {
			stack = append(stack, step{n: n.Content[i]})
		}
	}
	return nil
}
