package programme

import (
	"runtime"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

func newFast(src []byte) *fast {
	return &fast{src: src, line: 1, tags: map[string]string{}, strs: map[string]string{}}
}

// fastLoad reads the items of src, the file's bytes, as they are parsed
// by the fast parser, one top-level list entry at a time: the entry's tree
// is dropped (its memory used again) as soon as its item is read, so that
// a file of any size needs the memory of its items alone. src is plain
// (scanBytes says so, as parse has asked). It reports false, having kept
// nothing, where the fast parser leaves the file to the library. The loader sees what it would see of the whole tree, but for
// the order of its findings: a key given twice at the top is reported
// when it is met, not ahead of the rest.
func (pf *parsedFile) fastLoad(src []byte) bool {
	f := newFast(src)
	if !f.skip() || f.ind != 0 {
		return false
	}
	l := &loader{p: &pf.scratch, file: pf.file, budget: pf.budget, claim: &pf.claim}
	keys := map[string]int{}
	for {
		k, after := f.key(f.cs)
		if k == nil {
			return pf.unload()
		}
		first, dup := keys[k.Value]
		if dup {
			l.givenTwice(k, first)
		} else {
			keys[k.Value] = k.Line
		}
		kind, known := SectionKind(k.Value)
		if list := !dup && known && kind != KindProgramme && f.listBelow(after); list {
			name := k.Value
			f.advance()
			f.skip()
			if pieces := f.split(f.ind); pieces != nil {
				// A long list: its entries are read on every core.
				if !pf.readPieces(src, f.ind, kind, name, pieces) {
					return pf.unload()
				}
				last := pieces[len(pieces)-1]
				f.pos, f.line = last.to, last.endLine
				if !f.skip() {
					return true
				}
				if f.ind != 0 {
					return pf.unload()
				}
				continue // a top-level key follows
			}
			f.readList(f.ind, l, kind, name)
		} else {
			v := f.value(after, 0)
			if v == nil {
				return pf.unload()
			}
			if !dup {
				l.topLevel(k, v)
			}
		}
		if f.bad {
			return pf.unload()
		}
		f.slab = f.slab[:0]
		if !f.skip() {
			return true
		}
		if f.ind != 0 {
			return pf.unload()
		}
	}
}

// readList reads the entries of the list of section name at indentation
// ind into l, an entry at a time, its nodes' memory used again for the
// next once its item is read.
func (f *fast) readList(ind int, l *loader, kind Kind, name string) {
	reading, mark := true, len(f.slab)
	f.seqEach(ind, func(el *yaml.Node) {
		if reading {
			reading = l.sectionItem(kind, name, el)
		}
		f.slab = f.slab[:mark]
	})
}

// piece is a run of entries of a top-level list: the bytes [from, to) of
// the file, starting at line line; endLine is the line at to.
type piece struct {
	from, to, line, endLine int
}

// split cuts the list whose entries start at indentation ind, from the
// current line, into pieces of whole entries to be read on every core;
// nil where the list is short or there is one core. It reads no further
// than the list's end: the first line with content less indented.
func (f *fast) split(ind int) []piece {
	batch, ok := splitBatch(len(f.src) - f.pos)
	if !ok {
		return nil
	}
	var out []piece
	start, startLine := f.pos, f.line
	pos, line := f.pos, f.line
	for pos < len(f.src) {
		end := pos
		for end < len(f.src) && f.src[end] != '\n' {
			end++
		}
		i := pos
		for i < end && f.src[i] == ' ' {
			i++
		}
		if i < end && f.src[i] != '#' {
			if i-pos < ind {
				break // the list ends
			}
			if i-pos == ind && f.src[i] == '-' && (i+1 == end || f.src[i+1] == ' ') && pos-start >= batch {
				out = append(out, piece{start, pos, startLine, line})
				start, startLine = pos, line
			}
		}
		pos, line = end+1, line+1
	}
	pos = min(pos, len(f.src))
	if len(out) == 0 {
		return nil
	}
	return append(out, piece{start, pos, startLine, line})
}

// readPieces reads the entries of each piece of the list section name on
// every core, into scratch programmes added to the file's in order, so
// that items and findings come as one core would give them. It reports
// false where any piece is not read whole.
func (pf *parsedFile) readPieces(src []byte, ind int, kind Kind, name string, pieces []piece) bool {
	parts := make([]Programme, len(pieces))
	ok := make([]bool, len(pieces))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(pieces)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= len(pieces) {
					return
				}
				pc := pieces[i]
				f := newFast(src[:pc.to])
				f.pos, f.line = pc.from, pc.line
				if !f.skip() || f.ind != ind || !f.entry(f.cs) {
					continue
				}
				l := &loader{p: &parts[i], file: pf.file, budget: 4*(pc.to-pc.from) + 10000}
				f.readList(ind, l, kind, name)
				ok[i] = !f.bad && !f.skip()
			}
		}()
	}
	wg.Wait()
	for i := range parts {
		if !ok[i] {
			return false
		}
		pf.scratch.merge(&parts[i])
	}
	return true
}

// unload forgets what fastLoad read of a file it leaves to the library.
func (pf *parsedFile) unload() bool {
	pf.scratch, pf.claim = Programme{}, headerClaim{}
	return false
}

// listBelow reports whether the value of a top-level key, whose colon
// ends at after, is a block list on the lines below, starting at an
// indentation past the key's.
func (f *fast) listBelow(after int) bool {
	if !f.rest(after) {
		return false
	}
	save, line := f.pos, f.line
	defer func() { f.pos, f.line = save, line; f.look() }()
	f.advance()
	return f.skip() && f.ind > 0 && f.entry(f.cs)
}

// fast is the fast parser: for the plain shape almost every programme
// file has (block mappings and lists indented with spaces, keys that are
// simple words, values that are plain or quoted one-line text, folded or
// literal text of even indentation, one-line flow lists and mappings of
// simple words) it builds the very nodes the YAML library would build,
// several times faster. Anything else (anchors, aliases, tags, tabs,
// documents, escapes, a syntax error, comments where a value continues)
// makes it give up at once, and the file is parsed by the library as
// before. Comments are not kept, as the loader reads none. The tests hold
// it to the library on every file in the repository and on any bytes
// (FuzzFastParse, FuzzFastLoad).
//
// maxFastDepth bounds the nesting the fast parser follows; a programme
// file nests five or six deep, and deeper ones go to the library.
const maxFastDepth = 50

type fast struct {
	src  []byte
	pos  int // where the current line starts
	line int // its number, from 1
	// The current line once skip has found it: its indentation, where
	// its content starts, where it ends (its newline, or the end).
	ind, cs, end int
	bad          bool
	depth        int // mappings and lists open
	slab         []yaml.Node
	tags         map[string]string // a plain scalar's tag, for those the library must resolve
	strs         map[string]string // short values, shared
	unique       bool              // the value being read is an id
}

func (f *fast) fail() *yaml.Node {
	f.bad = true
	return nil
}

func (f *fast) node(kind yaml.Kind, tag, value string, line, col int) *yaml.Node {
	if len(f.slab) == cap(f.slab) {
		// Small files are many: the first slabs are small.
		f.slab = make([]yaml.Node, 0, min(512, max(32, 2*cap(f.slab))))
	}
	f.slab = append(f.slab, yaml.Node{Kind: kind, Tag: tag, Value: value, Line: line, Column: col})
	return &f.slab[len(f.slab)-1]
}

// look reads the current line's indentation and bounds.
func (f *fast) look() {
	i := f.pos
	for i < len(f.src) && f.src[i] == ' ' {
		i++
	}
	f.ind, f.cs = i-f.pos, i
	for i < len(f.src) && f.src[i] != '\n' {
		i++
	}
	f.end = i
}

// advance moves to the next line.
func (f *fast) advance() {
	f.pos = f.end + 1
	f.line++
	if f.pos <= len(f.src) {
		f.look()
	}
}

// skip moves past blank and comment lines, from the current line on, and
// reports whether a line with content is left.
func (f *fast) skip() bool {
	for f.pos < len(f.src) {
		f.look()
		if f.cs < f.end && f.src[f.cs] != '#' {
			return true
		}
		f.pos = f.end + 1
		f.line++
	}
	return false
}

func (f *fast) col(at int) int { return at - f.pos + 1 }

// entry reports whether a list entry ("- " or a lone "-") starts at i.
func (f *fast) entry(i int) bool {
	return f.src[i] == '-' && (i+1 == f.end || f.src[i+1] == ' ')
}

// mapping reads a block mapping whose keys are at indentation ind, from
// the current line, which has content there.
func (f *fast) mapping(ind int) *yaml.Node {
	if f.depth++; f.depth > maxFastDepth {
		return f.fail()
	}
	defer func() { f.depth-- }()
	m := f.node(yaml.MappingNode, "!!map", "", f.line, ind+1)
	for {
		k, after := f.key(f.cs)
		if k == nil {
			return f.fail()
		}
		f.unique = k.Value == "id"
		v := f.value(after, ind)
		f.unique = false
		if v == nil {
			return f.fail()
		}
		m.Content = append(m.Content, k, v)
		if !f.skip() || f.ind < ind {
			return m
		}
		if f.ind > ind {
			return f.fail()
		}
	}
}

// key reads a key, a simple word followed by a colon, at i; after is
// where its value starts.
func (f *fast) key(i int) (k *yaml.Node, after int) {
	j := f.colon(i, false)
	if j < 0 {
		return nil, 0
	}
	if k = f.keyNode(i, j, f.col(i)); k == nil {
		return nil, 0
	}
	return k, j + 1
}

// colon is where the colon of a simple key at i is: a word of at most
// maxKey characters, then a colon before a space or (but in a flow
// collection) the end of the line. -1 where there is none.
func (f *fast) colon(i int, inFlow bool) int {
	j := f.word(i)
	switch {
	case j == i || j-i > maxKey || j == f.end || f.src[j] != ':':
		return -1
	case j+1 == f.end && !inFlow, j+1 < f.end && f.src[j+1] == ' ':
		return j
	}
	return -1
}

// keyNode is the node of the key src[i:j] at column col; nil for a word
// the library takes for something other than text.
func (f *fast) keyNode(i, j, col int) *yaml.Node {
	name, known := keyNames()[string(f.src[i:j])]
	if !known {
		name = string(f.src[i:j])
		if _, special := resolveWords[name]; special {
			return nil
		}
	}
	return f.node(yaml.ScalarNode, "!!str", name, f.line, col)
}

// maxKey is the longest key the fast parser reads: YAML takes a key of
// more than 1,024 characters on one line for no key at all.
const maxKey = 1000

// word is the end of the simple word at i: a letter or underscore, then
// letters, digits, underscores and hyphens.
func (f *fast) word(i int) int {
	j := i
	for ; j < f.end; j++ {
		c := f.src[j]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || j > i && (c >= '0' && c <= '9' || c == '-')) {
			break
		}
	}
	return j
}

// keyNames are the format's own keys, sections and fields, each string
// shared by every item that uses it: taken from the model on first use.
var keyNames = sync.OnceValue(func() map[string]string {
	m := map[string]string{}
	for _, name := range sectionNames() {
		m[name] = name
	}
	for _, si := range allInfos() {
		for _, f := range si.fields {
			m[f.Name] = f.Name
		}
	}
	return m
})

// resolveWords are the plain words the library takes for something other
// than text.
var resolveWords = map[string]string{
	"true": "!!bool", "True": "!!bool", "TRUE": "!!bool",
	"false": "!!bool", "False": "!!bool", "FALSE": "!!bool",
	"~": "!!null", "null": "!!null", "Null": "!!null", "NULL": "!!null",
}

// rest reports whether nothing but spaces and a comment follows i on the
// current line.
func (f *fast) rest(i int) bool {
	for ; i < f.end; i++ {
		switch f.src[i] {
		case ' ':
		case '#':
			return f.src[i-1] == ' '
		default:
			return false
		}
	}
	return true
}

// value reads the value that starts at i of the current line (or on the
// lines below, where the line ends there) of a key or list entry at
// indentation ind. It leaves the current line past what it read.
func (f *fast) value(i, ind int) *yaml.Node {
	for i < f.end && f.src[i] == ' ' {
		i++
	}
	if i == f.end || f.src[i] == '#' {
		f.advance()
		if !f.skip() || f.ind <= ind {
			return nil // no value: the library says where it puts the null
		}
		if f.entry(f.cs) {
			return f.seq(f.ind)
		}
		return f.mapping(f.ind)
	}
	var n *yaml.Node
	switch c := f.src[i]; c {
	case '[', '{':
		n = f.flow(i)
	case '"', '\'':
		var end int
		n, end = f.quoted(i)
		if n != nil && !f.rest(end) {
			return nil
		}
		f.advance()
	case '|', '>':
		return f.block(i, ind)
	default:
		return f.plain(i, ind)
	}
	return n
}

// plainStart reports whether a plain scalar the fast parser reads may
// start at i: a letter or digit, a sign or point before a digit, or a
// character beyond ASCII.
func (f *fast) plainStart(i int) bool {
	c := f.src[i]
	switch {
	case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80:
		return true
	case c == '-' || c == '+' || c == '.':
		return i+1 < f.end && f.src[i+1] >= '0' && f.src[i+1] <= '9'
	}
	return false
}

// plainLine is where the plain text from i ends on the current line, its
// trailing spaces and any comment left out; false where the text has
// what the fast parser leaves to the library (": ", a closing colon).
func (f *fast) plainLine(i int) (int, bool) {
	end := f.end
	for j := i; j < f.end; j++ {
		switch f.src[j] {
		case '#':
			if f.src[j-1] == ' ' {
				end = j
				j = f.end
			}
		case ':':
			if j+1 == f.end || f.src[j+1] == ' ' {
				return 0, false
			}
		}
	}
	for end > i && f.src[end-1] == ' ' {
		end--
	}
	return end, end > i
}

// plain reads plain text, continued on the lines below that are indented
// past ind, as the library folds it: lines joined by a space.
func (f *fast) plain(i, ind int) *yaml.Node {
	if !f.plainStart(i) {
		return nil
	}
	end, ok := f.plainLine(i)
	if !ok {
		return nil
	}
	line, col := f.line, f.col(i)
	text := f.src[i:end]
	var more []byte
	commented := end < f.end
	for {
		f.advance()
		if f.pos >= len(f.src) || f.cs == f.end || f.ind <= ind {
			break
		}
		if commented || !f.plainStart(f.cs) && f.src[f.cs] != '(' {
			return nil // a comment ends the text; what follows is the library's
		}
		e, ok := f.plainLine(f.cs)
		if !ok {
			return nil
		}
		if more == nil {
			more = append(more, text...)
		}
		more = append(append(more, ' '), f.src[f.cs:e]...)
		commented = e < f.end
	}
	if more != nil {
		text = more
	}
	return f.scalar(text, line, col)
}

// scalar makes the node of plain text, tagged as the library tags it.
func (f *fast) scalar(text []byte, line, col int) *yaml.Node {
	tag := "!!str"
	switch c := text[0]; {
	case c >= '0' && c <= '9' || c == '-' || c == '+' || c == '.':
		if t := numberTag(text); t != "" {
			tag = t
			break
		}
		t, ok := f.tags[string(text)]
		if !ok {
			var doc yaml.Node
			if yaml.Unmarshal(text, &doc) != nil || len(doc.Content) != 1 || doc.Content[0].Kind != yaml.ScalarNode ||
				doc.Content[0].Value != string(text) || doc.Content[0].Style != 0 {
				return nil
			}
			t = doc.Content[0].Tag
			f.tags[string(text)] = t
		}
		tag = t
	case c == 'y' || c == 'Y' || c == 'n' || c == 'N' || c == 't' || c == 'T' || c == 'f' || c == 'F' || c == 'o' || c == 'O':
		if t, ok := resolveWords[string(text)]; ok {
			tag = t
		}
	}
	return f.node(yaml.ScalarNode, tag, f.text(text), line, col)
}

// text is the string of a value. The short ones a programme repeats (the
// workstream, phase and owner of every milestone, its dates) are shared,
// so that a hundred thousand items hold one copy of each; ids, unique,
// are not looked for.
func (f *fast) text(b []byte) string {
	if f.unique || len(b) > 24 {
		return string(b)
	}
	if s, ok := f.strs[string(b)]; ok {
		return s
	}
	s := string(b)
	if len(f.strs) < 1<<16 {
		f.strs[s] = s
	}
	return s
}

// numberTag is the library's tag for the plain scalars a programme is
// full of: dates (2017-01-31), whole numbers without a leading zero, and
// lags (10d, -3wd); "" for others, which the library is asked about.
func numberTag(text []byte) string {
	if len(text) == 10 && text[4] == '-' && text[7] == '-' && digits(text[:4]) && digits(text[5:7]) && digits(text[8:]) {
		// The library tries its timestamp layouts; of them only 2006-1-2
		// can take ten characters. A day that does not exist is text.
		num := func(b []byte) int { return int(b[0]-'0')*10 + int(b[1]-'0') }
		y, m, d := num(text[:2])*100+num(text[2:4]), num(text[5:7]), num(text[8:])
		if m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, time.Month(m)) {
			return "!!timestamp"
		}
		return "!!str"
	}
	i := 0
	if text[0] == '-' || text[0] == '+' {
		i++
	}
	if i == len(text) || text[i] < '1' || text[i] > '9' {
		return ""
	}
	j := i
	for j < len(text) && text[j] >= '0' && text[j] <= '9' {
		j++
	}
	if j == len(text) {
		if j-i <= 18 {
			return "!!int"
		}
		return ""
	}
	for _, c := range text[j:] {
		// A suffix of letters, none of which could make an exponent.
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') || c == 'e' || c == 'E' {
			return ""
		}
	}
	return "!!str"
}

func digits(b []byte) bool {
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// quoted reads text in quotes that close on the same line, with no escape
// but a doubled single quote; end is past the closing quote.
func (f *fast) quoted(i int) (n *yaml.Node, end int) {
	q := f.src[i]
	var buf []byte
	for j := i + 1; j < f.end; j++ {
		c := f.src[j]
		switch {
		case c == '\\' && q == '"':
			return nil, 0
		case c == q && q == '\'' && j+1 < f.end && f.src[j+1] == '\'':
			if buf == nil {
				buf = append(buf, f.src[i+1:j]...)
			}
			buf = append(buf, '\'')
			j++
			continue
		case c == q:
			text := f.src[i+1 : j]
			if buf != nil {
				text = buf
			}
			n = f.node(yaml.ScalarNode, "!!str", string(text), f.line, f.col(i))
			if q == '"' {
				n.Style = yaml.DoubleQuotedStyle
			} else {
				n.Style = yaml.SingleQuotedStyle
			}
			return n, j + 1
		}
		if buf != nil {
			buf = append(buf, c)
		}
	}
	return nil, 0 // it goes on to another line
}

// block reads folded (>) or literal (|) text whose lines all have one
// indentation past ind, with no blank line among them, clipped or
// stripped of its final line break.
func (f *fast) block(i, ind int) *yaml.Node {
	style, line, col := yaml.LiteralStyle, f.line, f.col(i)
	if f.src[i] == '>' {
		style = yaml.FoldedStyle
	}
	strip := i+1 < f.end && f.src[i+1] == '-'
	j := i + 1
	if strip {
		j++
	}
	if j < f.end && f.src[j] != ' ' || !f.rest(j) {
		return nil // keep (+), an indentation digit, or text after the indicator
	}
	f.advance()
	if f.pos >= len(f.src) || f.cs == f.end || f.ind <= ind {
		return nil // empty, or starting with a blank line
	}
	indent := f.ind
	var text []byte
	broken := false // the last line ends in a line break
	for {
		if f.ind != indent {
			return nil // more indented: kept as it is, which the library does
		}
		if text != nil {
			if style == yaml.FoldedStyle {
				text = append(text, ' ')
			} else {
				text = append(text, '\n')
			}
		}
		text = append(text, f.src[f.cs:f.end]...)
		broken = f.end < len(f.src)
		f.advance()
		if f.pos >= len(f.src) {
			break
		}
		if f.cs == f.end {
			// A blank line: the text ends unless more of it follows.
			save, saveLine := f.pos, f.line
			if f.skipBlank(indent) && f.ind >= indent {
				return nil
			}
			if f.bad {
				return nil
			}
			f.pos, f.line = save, saveLine
			f.look()
			break
		}
		if f.ind < indent {
			break
		}
	}
	if !strip && broken {
		text = append(text, '\n')
	}
	n := f.node(yaml.ScalarNode, "!!str", string(text), line, col)
	n.Style = style
	return n
}

// skipBlank moves past blank lines and reports whether a line is left.
// A blank line of more spaces than indent is text to a block scalar, kept
// as it is: it is marked bad, for the library.
func (f *fast) skipBlank(indent int) bool {
	for f.pos < len(f.src) {
		f.look()
		if f.cs < f.end {
			return true
		}
		if f.ind > indent {
			f.bad = true
		}
		f.pos = f.end + 1
		f.line++
	}
	return false
}

// flow reads a one-line flow list or mapping at i, of simple words and
// of such lists and mappings.
func (f *fast) flow(i int) *yaml.Node {
	n, j := f.flowAt(i, 0)
	if n == nil || !f.rest(j) {
		return nil
	}
	f.advance()
	return n
}

// flowAt reads the flow collection that opens at i; j is past its close.
func (f *fast) flowAt(i, depth int) (n *yaml.Node, j int) {
	if depth > maxFastDepth {
		return nil, 0
	}
	open := f.src[i]
	kind, tag, close := yaml.SequenceNode, "!!seq", byte(']')
	if open == '{' {
		kind, tag, close = yaml.MappingNode, "!!map", '}'
	}
	n = f.node(kind, tag, "", f.line, f.runeCol(i))
	n.Style = yaml.FlowStyle
	j = i + 1
	for {
		for j < f.end && f.src[j] == ' ' {
			j++
		}
		if j == f.end {
			return nil, 0
		}
		if f.src[j] == close && len(n.Content) == 0 {
			return n, j + 1
		}
		if kind == yaml.MappingNode {
			e := f.colon(j, true)
			if e < 0 {
				return nil, 0
			}
			k := f.keyNode(j, e, f.runeCol(j))
			if k == nil {
				return nil, 0
			}
			n.Content = append(n.Content, k)
			for j = e + 1; j < f.end && f.src[j] == ' '; j++ {
			}
			if j == f.end {
				return nil, 0
			}
		}
		var v *yaml.Node
		if c := f.src[j]; c == '[' || c == '{' {
			if v, j = f.flowAt(j, depth+1); v == nil {
				return nil, 0
			}
		} else {
			e := j
			for e < f.end && flowWord(f.src[e]) {
				e++
			}
			if e == j || !f.plainStart(j) {
				return nil, 0
			}
			if v = f.scalar(f.src[j:e], f.line, f.runeCol(j)); v == nil {
				return nil, 0
			}
			j = e
		}
		n.Content = append(n.Content, v)
		for ; j < f.end && f.src[j] == ' '; j++ {
		}
		if j == f.end {
			return nil, 0
		}
		if f.src[j] == close {
			return n, j + 1
		}
		if f.src[j] != ',' {
			return nil, 0
		}
		j++
	}
}

// flowWord reports whether c may be part of a word in a flow collection.
func flowWord(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.' || c == '+' || c == '/'
}

// runeCol is the column of i counted in characters, as the library counts.
func (f *fast) runeCol(i int) int { return utf8.RuneCount(f.src[f.pos:i]) + 1 }

// seq reads a block list whose entries are at indentation ind.
func (f *fast) seq(ind int) *yaml.Node { return f.seqEach(ind, nil) }

// seqEach is seq, handing each entry to each, where given, rather than
// keeping it: the list node it returns has no entries then.
func (f *fast) seqEach(ind int, each func(*yaml.Node)) *yaml.Node {
	if f.depth++; f.depth > maxFastDepth {
		return f.fail()
	}
	defer func() { f.depth-- }()
	var s *yaml.Node
	if each == nil {
		s = f.node(yaml.SequenceNode, "!!seq", "", f.line, ind+1)
	} else {
		s = &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Line: f.line, Column: ind + 1}
	}
	for {
		if !f.entry(f.cs) {
			return f.fail()
		}
		i := f.cs + 1
		for i < f.end && f.src[i] == ' ' {
			i++
		}
		var item *yaml.Node
		switch {
		case i == f.end || f.src[i] == '#':
			item = f.value(i, ind)
		case f.entry(i):
			return f.fail() // a list in a list on one line
		case f.isKey(i):
			f.ind, f.cs = i-f.pos, i
			item = f.mapping(f.ind)
		default:
			item = f.value(i, ind)
		}
		if item == nil || f.bad {
			return f.fail()
		}
		if each != nil {
			each(item)
		} else {
			s.Content = append(s.Content, item)
		}
		if !f.skip() || f.ind < ind {
			return s
		}
		if f.ind > ind {
			return f.fail()
		}
	}
}

// isKey reports whether a simple key and its colon start at i.
func (f *fast) isKey(i int) bool { return f.colon(i, false) >= 0 }
