package programme

import (
	"bytes"
	"fmt"
	"regexp"
	"sync"

	"go.yaml.in/yaml/v3"
)

// Broken is a file that could not be read whole: only what parsed of it is
// in the programme.
type Broken struct {
	File string
	// Whole is set when nothing of the file could be read.
	Whole bool
	// Lost names the items that were lost, where they could be told apart.
	Lost []Lost
}

// Lost is an item of a file that failed to parse.
type Lost struct {
	Pos     Pos
	Section string
	ID      string // as far as it can be read from the broken text; may be ""
	// Whole is set where the whole section was lost, not one item of it.
	Whole bool

	end int // the line after its last
}

// Incomplete reports whether part of the programme could not be read: a
// file unread, or a file or item that did not parse. A view of such a
// programme must not look whole.
func (p *Programme) Incomplete() bool { return len(p.Broken) > 0 || len(p.Unread) > 0 }

// broke records a file that was not read whole.
func (p *Programme) broke(b Broken) { p.Broken = append(p.Broken, b) }

// idInLine finds an item's id in broken text; compiled on first use, as
// only a broken file needs it.
var idInLine = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?:^|[{,\s-])id[ \t]*:[ \t]*["']?([A-Za-z][A-Za-z0-9._-]{0,63})`)
})

// topKey returns the name of the section a line starts, `name:` at the
// left margin followed by a space or the end of the line, and the length
// of that prefix.
func topKey(ln []byte) (name []byte, end int, ok bool) {
	i := 0
	for i < len(ln) && (ln[i] >= 'a' && ln[i] <= 'z' || ln[i] >= 'A' && ln[i] <= 'Z' || ln[i] == '_' ||
		i > 0 && (ln[i] >= '0' && ln[i] <= '9' || ln[i] == '-')) {
		i++
	}
	if i == 0 {
		return nil, 0, false
	}
	name = ln[:i]
	for i < len(ln) && (ln[i] == ' ' || ln[i] == '\t') {
		i++
	}
	if i == len(ln) || ln[i] != ':' {
		return nil, 0, false
	}
	i++
	if i < len(ln) && ln[i] != ' ' && ln[i] != '\t' && ln[i] != '\n' && ln[i] != '\r' {
		return nil, 0, false
	}
	return name, i, true
}

// itemStart reports whether ln starts a block list item, "- " after
// spaces, and how far it is indented.
func itemStart(ln []byte) (indent int, ok bool) {
	for indent < len(ln) && ln[indent] == ' ' {
		indent++
	}
	if indent == len(ln) || ln[indent] != '-' {
		return 0, false
	}
	if indent+1 < len(ln) && ln[indent+1] != ' ' && ln[indent+1] != '\t' {
		return 0, false
	}
	return indent, true
}

// chunk is a run of lines of a file: [from, to) counted from 0.
type chunk struct{ from, to int }

// recoverFile reads what it can of a file that failed to parse as a whole:
// each top-level section on its own, and within a section written as a
// block list, each item on its own. It returns a document holding what
// parsed, with positions as in the whole file, and the pieces that did not.
func recoverFile(src []byte) (doc *yaml.Node, lost []Lost, errs []error) {
	lines := bytes.SplitAfter(src, []byte("\n"))
	if len(lines) > 0 && len(lines[len(lines)-1]) == 0 {
		lines = lines[:len(lines)-1]
	}
	root := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: 1, Column: 1}
	var sections []chunk
	for i, ln := range lines {
		if _, _, ok := topKey(ln); ok {
			if len(sections) > 0 {
				sections[len(sections)-1].to = i
			}
			sections = append(sections, chunk{i, len(lines)})
		}
	}
	for _, s := range sections {
		key, _, _ := topKey(lines[s.from])
		name := string(key)
		if n, err := parseChunk(lines, s.from, s.to); err == nil {
			if n.Kind == yaml.MappingNode && len(n.Content) >= 2 {
				root.Content = append(root.Content, n.Content[:2]...)
			}
			continue
		} else if items := listItems(lines, s.from+1, s.to); len(items) > 0 {
			key := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: name, Line: s.from + 1, Column: 1}
			seq := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Line: items[0].from + 1, Column: 1}
			for _, it := range items {
				n, err := parseChunk(lines, it.from, it.to)
				if err == nil && n.Kind == yaml.SequenceNode && len(n.Content) == 1 {
					seq.Content = append(seq.Content, n.Content[0])
					continue
				}
				lost = append(lost, lostItem(lines, name, it))
				errs = append(errs, err)
			}
			root.Content = append(root.Content, key, seq)
		} else {
			l := lostItem(lines, name, s)
			l.Whole, l.ID = true, ""
			lost = append(lost, l)
			errs = append(errs, err)
		}
	}
	return &yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{root}, Line: 1, Column: 1}, lost, errs
}

// lostItem names the item in lines c, from the first `id:` its text holds.
func lostItem(lines [][]byte, section string, c chunk) Lost {
	l := Lost{Section: section, Pos: Pos{Line: c.from + 1, Col: 1}, end: c.to}
	first := lines[c.from]
	l.Pos.Col = len(first) - len(bytes.TrimLeft(first, " ")) + 1
	for i := c.from; i < c.to; i++ {
		if m := idInLine().FindSubmatch(lines[i]); m != nil {
			l.ID = string(m[1])
			break
		}
	}
	return l
}

// listItems splits lines [from, to), the body of a section, into the items
// of a block list: each starts with "- " at the list's indentation. It
// returns nothing where the body is not such a list.
func listItems(lines [][]byte, from, to int) []chunk {
	indent := -1
	var items []chunk
	for i := from; i < to; i++ {
		ln := bytes.TrimRight(lines[i], "\r\n")
		trimmed := bytes.TrimLeft(ln, " ")
		if len(trimmed) == 0 || trimmed[0] == '#' {
			continue
		}
		at, item := itemStart(ln)
		if indent < 0 {
			if !item {
				return nil
			}
			indent = at
		}
		if item && at == indent {
			if len(items) > 0 {
				items[len(items)-1].to = i
			}
			items = append(items, chunk{i, to})
		} else if len(ln)-len(trimmed) <= indent && !item {
			// Text at or left of the list's indentation that starts no
			// item: the section is not a plain block list.
			return nil
		}
	}
	return items
}

// parseChunk parses lines [from, to) alone, and moves the positions of
// the result to where they are in the whole file.
func parseChunk(lines [][]byte, from, to int) (*yaml.Node, error) {
	src := bytes.Join(lines[from:to], nil)
	dec := yaml.NewDecoder(bytes.NewReader(src))
	var doc yaml.Node
	if err := decodeSafely(dec, &doc); err != nil {
		return nil, err
	}
	var extra yaml.Node
	if err := decodeSafely(dec, &extra); err == nil {
		return nil, fmt.Errorf("yaml: a second document")
	}
	if len(doc.Content) == 0 {
		return nil, fmt.Errorf("yaml: nothing here")
	}
	shift(doc.Content[0], from)
	return doc.Content[0], nil
}

// shift adds by to the line of every node below n, without recursion (a
// deep item must not exhaust the stack). The parser shares no node between
// two parents (an alias is a node of its own), so each is moved once.
func shift(n *yaml.Node, by int) {
	stack := []*yaml.Node{n}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if n == nil {
			continue
		}
		n.Line += by
		stack = append(stack, n.Content...)
	}
}
