package programme

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"path"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// Load reads every *.yaml and *.yml file below the root of fsys, in lexical
// order of path, skipping names that start with ".". Positions name files as
// prefix joined with their path in fsys, so that findings read as the user
// would type them. Load never fails: every problem, down to unreadable files
// and bytes that are not YAML, becomes a finding in the result.
func Load(fsys fs.FS, prefix string) *Programme {
	loads.Add(1)
	p := &Programme{}
	files := Files(fsys, func(name string, err error) {
		p.unread(joinPrefix(prefix, name), err)
	})
	parseFiles(fsys, prefix, files, func(f *parsedFile) {
		if f.readErr != nil {
			p.unread(f.file, f.readErr)
			return
		}
		p.Files = append(p.Files, f.file)
		p.apply(f)
	})
	if p.Header.File == "" && !p.Incomplete() {
		file := prefix
		if len(p.Files) > 0 {
			file = p.Files[0]
			for _, f := range p.Files {
				if path.Base(f) == "programme.yaml" || path.Base(f) == "programme.yml" {
					file = f
					break
				}
			}
		}
		p.fail(Pos{File: file, Line: 1, Col: 1}, "missing-field", "no programme section: one file must hold `programme:` with id, name, start and end")
	}
	p.applyDefaults()
	p.buildIndex()
	return p
}

// joinPrefix names a file as prefix/name, or as prefix+name where the
// prefix ends in a colon: a programme at the top of a revision or of
// another programme's repository, "lco:programme.yaml", as git names a
// file at a revision.
func joinPrefix(prefix, name string) string {
	if strings.HasSuffix(prefix, ":") {
		return prefix + path.Clean(name)
	}
	return path.Join(prefix, name)
}

// loads counts calls to Load, so that a test can tell a command read the
// programme once, whatever the machine's speed.
var loads atomic.Int64

// Loads is how many times Load has run in this process.
func Loads() int64 { return loads.Load() }

// Files lists the programme files below the root of fsys in the order Load
// reads them (lexical order of path): *.yaml and *.yml, skipping names that
// start with "." and links that lead out of the directory. Entries that
// cannot be read are passed to bad, and left out.
func Files(fsys fs.FS, bad func(name string, err error)) []string {
	var files []string
	err := fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			bad(name, err)
			return nil
		}
		base := path.Base(name)
		if name != "." && strings.HasPrefix(base, ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() || !(strings.HasSuffix(base, ".yaml") || strings.HasSuffix(base, ".yml")) {
			return nil
		}
		if err := plainFileInside(fsys, name, d); err != nil {
			bad(name, err)
			return nil
		}
		files = append(files, name)
		return nil
	})
	if err != nil {
		bad(".", err)
	}
	return files
}

// maxLinks bounds a chain of symbolic links, as the kernel's own limit does.
const maxLinks = 40

// plainFileInside says why name, found in the walk as d, is not to be
// opened: a link whose chain leaves the programme directory at any step,
// or that does not end; or anything but a regular file at the end of it (a
// named pipe would hang the read, a device never end it). Nothing is
// opened to find this out.
func plainFileInside(fsys fs.FS, name string, d fs.DirEntry) error {
	mode := d.Type()
	if mode&fs.ModeSymlink != 0 {
		rl, ok := fsys.(fs.ReadLinkFS)
		cur := name
		for i := 0; ok; i++ {
			if i == maxLinks {
				return errors.New("a chain of symbolic links that does not end; not followed")
			}
			if st, err := rl.Lstat(cur); err == nil && st.Mode()&fs.ModeSymlink == 0 {
				break // the chain ends here
			}
			target, err := rl.ReadLink(cur)
			if err != nil {
				return fmt.Errorf("a symbolic link that leads nowhere: %v", unwrapPathError(err))
			}
			if path.IsAbs(target) || strings.HasPrefix(target, "/") {
				return errors.New("a symbolic link that leads out of the programme directory; not followed")
			}
			cur = path.Join(path.Dir(cur), target)
			if cur == ".." || strings.HasPrefix(cur, "../") {
				return errors.New("a symbolic link that leads out of the programme directory; not followed")
			}
		}
		st, err := fs.Stat(fsys, name)
		if err != nil {
			return fmt.Errorf("a symbolic link that leads nowhere readable: %v", unwrapPathError(err))
		}
		mode = st.Mode().Type()
	}
	switch {
	case mode.IsRegular():
		return nil
	case mode.IsDir():
		return errors.New("a directory named like a programme file; not read")
	case mode&fs.ModeNamedPipe != 0:
		return errors.New("a named pipe, not a file; not read")
	case mode&fs.ModeSocket != 0:
		return errors.New("a socket, not a file; not read")
	case mode&fs.ModeDevice != 0:
		return errors.New("a device, not a file; not read")
	}
	return errors.New("not a regular file; not read")
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// unread records a file that could not be read, and says so as a finding
// so that every output format shows it.
func (p *Programme) unread(file string, err error) {
	p.Unread = append(p.Unread, file)
	p.fail(Pos{File: file, Line: 1, Col: 1}, "syntax", "cannot read: %v", unwrapPathError(err))
}

func (p *Programme) fail(pos Pos, rule, format string, args ...any) {
	p.Findings = append(p.Findings, Finding{Pos: pos, Severity: Error, Rule: rule, Message: fmt.Sprintf(format, args...)})
}

// loader holds the state of reading one file.
type loader struct {
	p      *Programme
	file   string
	budget int // decoding steps left: bounds the work aliases can cause
	// claim, where set, notes where the file gives the programme section
	// and which findings reading it made.
	claim *headerClaim
}

// headerClaim is a file's programme section, read before the files ahead
// of it are known: if one of them gives the section too, this one is the
// second, and what reading it found gives way to that one finding.
type headerClaim struct {
	key      Pos // the programme key
	from, to int // the findings made reading the section
	made     bool
}

// yamlLine reads the parser's errors; compiled on first use, as only a
// broken file needs it.
var yamlLine = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^yaml: line (\d+): (.*)$`) })

// parsedFile is one file read and parsed, not yet part of the programme:
// files are parsed in parallel, then applied in path order.
type parsedFile struct {
	file    string
	readErr error
	doc     *yaml.Node // nil where nothing of the file could be read
	budget  int
	// scratch holds the file's items, findings and losses, read where it
	// was parsed (on any core), to be added to the programme when the
	// file is applied in its turn.
	scratch Programme
	claim   headerClaim
}

// extract reads the file's items from its tree into scratch, and drops
// the tree, which is many times the size of what is kept.
func (f *parsedFile) extract() {
	if f.doc == nil {
		return
	}
	l := &loader{p: &f.scratch, file: f.file, budget: f.budget, claim: &f.claim}
	l.document(f.doc)
	f.doc = nil
}

// libraryOnly turns the fast parser off, for tests that hold it to the
// library.
var libraryOnly = false

// parse reads src, the bytes of file, into a YAML tree, recovering what it
// can of a file that does not parse whole.
func parse(file string, src []byte) *parsedFile {
	f := &parsedFile{file: file, budget: 4*len(src) + 10000}
	p := &f.scratch
	pos, msg, bad, plain := scanBytes(file, src)
	if bad {
		p.fail(pos, "syntax", "%s", msg)
		p.broke(Broken{File: file, Whole: true})
		return f
	}
	if plain && !libraryOnly && f.fastLoad(src) {
		return f
	}
	if doc, ok := parseSplit(src); ok {
		f.doc = doc
		return f
	}
	dec := yaml.NewDecoder(bytes.NewReader(src))
	var doc yaml.Node
	l := &loader{p: p, file: file}
	if err := decodeSafely(dec, &doc); err != nil {
		if errors.Is(err, io.EOF) {
			return f // an empty file, or one of comments only
		}
		f.doc = l.recover(src, err)
		return f
	}
	var extra yaml.Node
	if err := decodeSafely(dec, &extra); err == nil {
		p.fail(Pos{File: file, Line: extra.Line, Col: extra.Column}, "syntax", "a programme file holds one YAML document; this is a second, and is not read")
		p.broke(Broken{File: file})
	} else if !errors.Is(err, io.EOF) {
		p.fail(syntaxPos(file, src, err), "syntax", "%s; the rest of the file is not read", syntaxMessage(err))
		p.broke(Broken{File: file})
	}
	f.doc = &doc
	return f
}

// apply adds a parsed file's items and findings to the programme, as they
// come in path order.
func (p *Programme) apply(f *parsedFile) {
	f.extract()
	s := &f.scratch
	findings := s.Findings
	if c := f.claim; c.made {
		if p.Header.File != "" {
			// An earlier file gave the section: this one is the second.
			findings = slices.Concat(findings[:c.from], []Finding{{Pos: c.key, Severity: Error, Rule: "duplicate-section",
				Message: fmt.Sprintf("programme given twice (first at %s)", p.Header.Pos())}}, findings[c.to:])
		} else {
			p.Header = s.Header
		}
	}
	p.Findings = append(p.Findings, findings...)
	p.Broken = append(p.Broken, s.Broken...)
	p.mergeItems(s)
}

// merge adds the findings and items of s, read from a later part of the
// same file, to p.
func (p *Programme) merge(s *Programme) {
	p.Findings = append(p.Findings, s.Findings...)
	p.mergeItems(s)
}

// mergeItems adds the items of s to p, kind by kind, in order.
func (p *Programme) mergeItems(s *Programme) {
	s.Each(func(kind Kind, _ string, _ *Item, v any) { p.appendItem(kind, v) })
}

// syntaxFinding is the finding for a parse error err in src, whose first
// line is line from+1 of the file.
func (l *loader) syntaxFinding(src []byte, from int, err error, suffix string) {
	pos := syntaxPos(l.file, src, err)
	msg := syntaxMessage(err)
	if line := lineAt(src, pos.Line); bytes.HasPrefix(bytes.TrimLeft(line, " "), []byte("\t")) {
		pos.Col = len(line) - len(bytes.TrimLeft(line, " ")) + 1
		msg = "not valid YAML: a tab indents this line; YAML is indented with spaces"
	}
	pos.Line += from
	l.p.fail(pos, "syntax", "%s%s", msg, suffix)
}

// recover reads what it can of a file that does not parse whole (SPEC
// 7.1): every item but the broken ones, with one finding per broken item.
// It returns the document of what parsed, or nil.
func (l *loader) recover(src []byte, whole error) *yaml.Node {
	doc, lost, errs := recoverFile(src)
	root := doc.Content[0]
	if len(lost) == 0 {
		// Every piece parses alone, but not the file as a whole.
		l.syntaxFinding(src, 0, whole, "")
		l.p.broke(Broken{File: l.file, Whole: len(root.Content) == 0})
		if len(root.Content) == 0 {
			return nil
		}
		return doc
	}
	lines := bytes.SplitAfter(src, []byte("\n"))
	for i, it := range lost {
		it.Pos.File = l.file
		lost[i] = it
		what := it.Section
		if kind, ok := SectionKind(it.Section); ok && !it.Whole {
			what = string(kind)
			if it.ID != "" {
				what += " " + it.ID
			}
			what = fmt.Sprintf("%s (line %d) is lost", what, it.Pos.Line)
		} else {
			what = fmt.Sprintf("the %s section (line %d) is lost", it.Section, it.Pos.Line)
		}
		if piece := bytes.Join(lines[it.Pos.Line-1:it.end], nil); errs[i] != nil {
			l.syntaxFinding(piece, it.Pos.Line-1, errs[i], "; "+what)
		} else {
			l.p.fail(it.Pos, "syntax", "not valid YAML here; %s", what)
		}
	}
	l.p.broke(Broken{File: l.file, Lost: lost, Whole: len(root.Content) == 0})
	return doc
}

// decodeSafely turns a panic inside the YAML parser into an error, so that
// no input can crash oco.
func decodeSafely(dec *yaml.Decoder, n *yaml.Node) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("yaml: cannot parse this file (%v)", r)
		}
	}()
	return dec.Decode(n)
}

// syntaxPos says where a syntax error is. The parser names the line where
// the enclosing block starts, which can be far above the mistake, so for
// files of a reasonable size the first line at which a prefix of the file
// stops parsing is found by bisection, and the later of the two is taken.
func syntaxPos(file string, src []byte, err error) Pos {
	line := 1
	if m := yamlLine().FindStringSubmatch(err.Error()); m != nil {
		line, _ = strconv.Atoi(m[1])
	}
	lines := bytes.SplitAfter(src, []byte("\n"))
	if len(src) <= 1<<20 {
		lo, hi := 1, len(lines) // the prefix of hi lines fails
		for lo < hi {
			mid := (lo + hi) / 2
			if parses(bytes.Join(lines[:mid], nil)) {
				lo = mid + 1
			} else {
				hi = mid
			}
		}
		line = max(line, hi)
	}
	col := 1
	if line >= 1 && line <= len(lines) {
		text := lines[line-1]
		col += len(text) - len(bytes.TrimLeft(text, " \t"))
	}
	return Pos{File: file, Line: line, Col: col}
}

// lineAt returns line n (from 1) of src, or nil.
func lineAt(src []byte, n int) []byte {
	for i := 1; i < n; i++ {
		j := bytes.IndexByte(src, '\n')
		if j < 0 {
			return nil
		}
		src = src[j+1:]
	}
	if j := bytes.IndexByte(src, '\n'); j >= 0 {
		src = src[:j]
	}
	return src
}

func parses(src []byte) bool {
	dec := yaml.NewDecoder(bytes.NewReader(src))
	for {
		var n yaml.Node
		err := decodeSafely(dec, &n)
		if errors.Is(err, io.EOF) {
			return true
		}
		if err != nil {
			return false
		}
	}
}

func syntaxMessage(err error) string {
	msg := err.Error()
	if m := yamlLine().FindStringSubmatch(msg); m != nil {
		msg = m[2]
	}
	msg = strings.TrimPrefix(msg, "yaml: ")
	return "not valid YAML: " + msg
}

// badBytes finds bytes YAML cannot hold (invalid UTF-8, control characters)
// and says exactly where, which the YAML parser does not.
func badBytes(file string, src []byte) (Pos, string, bool) {
	pos, msg, bad, _ := scanBytes(file, src)
	return pos, msg, bad
}

// scanBytes is badBytes, and says in the same pass whether src is plain
// enough for the fast parser: no tab, carriage return, byte order mark or
// character the YAML library takes as a line break (NEL, U+2028, U+2029)
// or control (C1).
func scanBytes(file string, src []byte) (pos Pos, msg string, bad, plain bool) {
	line, col := 1, 1
	plain = true
	for i := 0; i < len(src); col++ {
		if c := src[i]; c < utf8.RuneSelf { // ASCII, a byte a character
			switch {
			case c == '\n':
				line, col = line+1, 0
			case c == '\t' || c == '\r':
				plain = false
			case c < 0x20 || c == 0x7f:
				return Pos{file, line, col}, fmt.Sprintf("not valid YAML: control character %U", rune(c)), true, false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(src[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			return Pos{file, line, col}, fmt.Sprintf("not valid YAML: byte 0x%02x is not UTF-8 text", src[i]), true, false
		case r == 0xfffe || r == 0xffff:
			return Pos{file, line, col}, fmt.Sprintf("not valid YAML: control character %U", r), true, false
		case r < 0xa0 || r == 0x2028 || r == 0x2029 || r == 0xfeff:
			plain = false
		}
		i += size
	}
	return Pos{}, "", false, plain
}

func (l *loader) pos(n *yaml.Node) Pos { return Pos{File: l.file, Line: n.Line, Col: n.Column} }

func (l *loader) errorf(n *yaml.Node, rule, format string, args ...any) {
	l.p.Findings = append(l.p.Findings, Finding{Pos: l.pos(n), Severity: Error, Rule: rule, Message: fmt.Sprintf(format, args...)})
}

func (l *loader) errorID(n *yaml.Node, id, rule, format string, args ...any) {
	l.p.Findings = append(l.p.Findings, Finding{Pos: l.pos(n), Severity: Error, Rule: rule, Message: fmt.Sprintf(format, args...), ID: id})
}

// resolve follows aliases.
func (l *loader) resolve(n *yaml.Node) *yaml.Node { return Deref(n) }

func (l *loader) spend(n int) bool {
	l.budget -= n
	return l.budget >= 0
}

func shape(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return "empty"
		}
		return Quote(n.Value)
	}
	return "an alias"
}

func (l *loader) document(doc *yaml.Node) {
	root := doc
	if doc.Kind == yaml.DocumentNode {
		if len(doc.Content) == 0 {
			return
		}
		root = doc.Content[0]
	}
	root = l.resolve(root)
	if root == nil {
		l.errorf(doc, "type", "the file must be a mapping of sections")
		return
	}
	if root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
		return
	}
	if root.Kind != yaml.MappingNode {
		l.errorf(root, "type", "the file must be a mapping of sections (programme, milestones, risks, ...), not %s", shape(root))
		return
	}
	for _, kv := range l.pairs(root) {
		l.topLevel(kv[0], kv[1])
	}
}

// topLevel reads the section under the top-level key k, once per key:
// pairs, and the fast parser, report a key given twice.
func (l *loader) topLevel(k, v *yaml.Node) {
	name := k.Value
	kind, ok := SectionKind(name)
	switch {
	case !ok:
		l.errorf(k, "duplicate-section", "%s is not a section%s", Quote(name), suggest(name, sectionNames()))
	case kind == KindProgramme:
		l.header(k, v)
	default:
		l.section(kind, name, v)
	}
}

// givenTwice reports key k given again in one mapping, first at line first.
func (l *loader) givenTwice(k *yaml.Node, first int) {
	l.errorf(k, "syntax", "key %s given twice in one mapping (first at line %d)", Quote(k.Value), first)
}

func sectionNames() []string {
	out := make([]string, len(Sections))
	for i, s := range Sections {
		out[i] = s.Name
	}
	return out
}

// pairs returns a mapping's key/value pairs with the keys checked: non-scalar
// keys and keys given twice are findings, merge keys are expanded.
func (l *loader) pairs(m *yaml.Node) [][2]*yaml.Node {
	var out [][2]*yaml.Node
	seen := map[string]int{}
	var merged [][2]*yaml.Node
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := l.resolve(m.Content[i]), m.Content[i+1]
		if k == nil || k.Kind != yaml.ScalarNode {
			l.errorf(m.Content[i], "type", "a key must be a plain name, not %s", shape(m.Content[i]))
			continue
		}
		if k.Tag == "!!merge" {
			// A merge key names a mapping, or a list of them: the first
			// to give a key wins, and keys given here win over all.
			src := l.resolve(v)
			sources := []*yaml.Node{src}
			if src != nil && src.Kind == yaml.SequenceNode {
				sources = src.Content
			}
			for _, m := range sources {
				m = l.resolve(m)
				if m == nil || m.Kind != yaml.MappingNode || !l.spend(len(m.Content)+1) {
					l.errorf(k, "type", "a merge key must name a mapping, or a list of mappings")
					break
				}
				merged = append(merged, l.pairs(m)...)
			}
			continue
		}
		if line, dup := seen[k.Value]; dup {
			l.givenTwice(k, line)
			continue
		}
		seen[k.Value] = k.Line
		out = append(out, [2]*yaml.Node{k, v})
	}
	for _, kv := range merged {
		if _, dup := seen[kv[0].Value]; !dup {
			seen[kv[0].Value] = kv[0].Line
			out = append(out, kv)
		}
	}
	return out
}

// header reads a file's programme section, once a file (its key given
// twice is pairs' finding, and the section in two files apply's).
func (l *loader) header(key, v *yaml.Node) {
	if l.claim != nil {
		from := len(l.p.Findings)
		defer func() { *l.claim = headerClaim{key: l.pos(key), from: from, to: len(l.p.Findings), made: true} }()
	}
	m := l.resolve(v)
	if m == nil || m.Kind != yaml.MappingNode {
		l.errorf(key, "type", "programme must be a mapping of fields (id, name, start, end, ...), not %s", shape(v))
		l.p.Header.File, l.p.Header.Line, l.p.Header.Col = l.file, key.Line, key.Column
		return
	}
	l.item(KindProgramme, m, reflect.ValueOf(&l.p.Header).Elem())
}

func (l *loader) section(kind Kind, name string, v *yaml.Node) {
	list := l.resolve(v)
	if list == nil {
		l.errorf(v, "type", "%s must be a list of items", name)
		return
	}
	if list.Kind == yaml.ScalarNode && list.Tag == "!!null" {
		return
	}
	if list.Kind != yaml.SequenceNode {
		l.errorf(list, "type", "%s must be a list of items (each starting `- id: ...`), not %s", name, shape(list))
		return
	}
	for _, el := range list.Content {
		if !l.sectionItem(kind, name, el) {
			return
		}
	}
}

// sectionItem reads el, an item of the section name of the given kind;
// false means the file's budget is spent and the rest is not read.
func (l *loader) sectionItem(kind Kind, name string, el *yaml.Node) bool {
	if !l.spend(1) {
		l.errorf(el, "syntax", "aliases expand this file beyond any real programme; giving up on it")
		return false
	}
	m := l.resolve(el)
	if m == nil || m.Kind != yaml.MappingNode {
		what := el
		if m != nil {
			what = m // say what an alias leads to, not that it is one
		}
		l.errorf(el, "type", "each item of %s must be a mapping of fields, not %s", name, shape(what))
		return true
	}
	ptr := reflect.New(kindTypes[kind])
	l.item(kind, m, ptr.Elem())
	l.p.appendItem(kind, ptr.Interface())
	return true
}

func (p *Programme) appendItem(kind Kind, it any) {
	switch kind {
	case KindPerson:
		p.People = append(p.People, it.(*Person))
	case KindBody:
		p.Bodies = append(p.Bodies, it.(*Body))
	case KindWorkstream:
		p.Workstreams = append(p.Workstreams, it.(*Workstream))
	case KindPhase:
		p.Phases = append(p.Phases, it.(*Phase))
	case KindMilestone:
		p.Milestones = append(p.Milestones, it.(*Milestone))
	case KindRisk:
		p.Risks = append(p.Risks, it.(*Risk))
	case KindAssumption:
		p.Assumptions = append(p.Assumptions, it.(*Assumption))
	case KindIssue:
		p.Issues = append(p.Issues, it.(*Issue))
	case KindDecision:
		p.Decisions = append(p.Decisions, it.(*Decision))
	case KindBenefit:
		p.Benefits = append(p.Benefits, it.(*Benefit))
	case KindCalendar:
		p.Calendars = append(p.Calendars, it.(*Calendar))

	// The board cycle (SPEC 7.3).
	case KindAssessment:
		p.Assessments = append(p.Assessments, it.(*Assessment))
	case KindLesson:
		p.Lessons = append(p.Lessons, it.(*Lesson))
	}
}

// item decodes one item's mapping into dst, a struct of the model.
func (l *loader) item(kind Kind, m *yaml.Node, dst reflect.Value) {
	it := dst.FieldByName("Item").Addr().Interface().(*Item)
	it.File, it.Line, it.Col = l.file, m.Line, m.Column
	si := infoOf(dst.Type())
	id := ""
	if v := MapValue(m, "id"); v != nil {
		if v = l.resolve(v); v != nil && v.Kind == yaml.ScalarNode {
			id = v.Value
		}
	}
	name := string(kind)
	if id != "" {
		name += " " + Clip(id)
	}
	l.fields(name, id, si, m, dst, it)
}

// fields decodes the keys of mapping m into dst, with name naming the item
// in messages ("milestone M-3", "programme tolerances"). Where keys is not
// nil, it records where each key and list entry is.
func (l *loader) fields(name, id string, si *structInfo, m *yaml.Node, dst reflect.Value, it *Item) {
	present := map[string]bool{}
	pairs := l.pairs(m)
	if it != nil {
		it.si = si
		it.keys = make([]keyAt, 0, len(pairs))
	}
	for _, kv := range pairs {
		k, v := kv[0], kv[1]
		if !l.spend(1) {
			return
		}
		at := &keyAt{} // where list entries go when no one keeps them
		if it != nil {
			// value adds to this key's entries only; no other key is
			// added meanwhile, so the pointer stays good.
			it.keys = append(it.keys, keyAt{elem: int32(len(it.elems))})
			at = &it.keys[len(it.keys)-1]
		}
		i, ok := si.byName[k.Value]
		val := l.resolve(v)
		at.line, at.col, at.field = int32(k.Line), int32(k.Column), noField
		if ok && i < noField {
			at.field = uint8(i)
		}
		if val == nil || isNull(val) {
			at.flags = keyNull | keyBlank
		} else if val.Kind == yaml.ScalarNode && strings.TrimSpace(val.Value) == "" {
			at.flags = keyBlank
		}
		if !ok {
			l.errorID(k, id, "unknown-field", "%s has no field %s%s", name, Quote(k.Value), suggest(k.Value, fieldNames(si)))
			continue
		}
		f := si.fields[i]
		if val == nil {
			l.errorID(v, id, "type", "%s: %s is an alias that leads nowhere", name, f.Name)
			continue
		}
		if isNull(val) || (f.Kind != KindStruct && f.Kind != KindRefs && f.Kind != KindDeps && val.Kind == yaml.ScalarNode && val.Value == "" && f.Required) {
			continue // treated as absent; a required field is reported below
		}
		present[f.Name] = true
		l.value(name, id, f, k, val, dst.FieldByIndex(f.index), at, it)
	}
	for _, f := range si.fields {
		if f.Required && !present[f.Name] {
			l.errorID(m, id, "missing-field", "%s has no %s", name, f.Name)
		}
	}
}

func fieldNames(si *structInfo) []string {
	out := make([]string, len(si.fields))
	for i, f := range si.fields {
		out[i] = f.Name
	}
	return out
}

func isNull(n *yaml.Node) bool { return n.Kind == yaml.ScalarNode && n.Tag == "!!null" }

// MapValue returns the value of key in mapping m, following aliases, or
// nil where m is no mapping or has no such key.
func MapValue(m *yaml.Node, key string) *yaml.Node {
	m = Deref(m)
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if k := m.Content[i]; k.Kind == yaml.ScalarNode && k.Value == key {
			return Deref(m.Content[i+1])
		}
	}
	return nil
}

// Deref follows an alias to what it names; a chain that does not end in
// a node after a hundred steps leads nowhere.
func Deref(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode; i++ {
		if i == 100 {
			return nil
		}
		n = n.Alias
	}
	return n
}

// ValidID reports whether s has the id syntax of SPEC section 2: letters,
// digits, "-", "_" and ".", starting with a letter, at most 64 characters.
func ValidID(s string) bool {
	if len(s) == 0 || len(s) > 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		letter := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
		if !letter && (i == 0 || !(c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-')) {
			return false
		}
	}
	return true
}

// ParseLag reads a lag such as 10d, 2w, 5wd or -3d: in days, or in
// working days for `wd` (ParseSpan says which).
func ParseLag(s string) (Lag, error) {
	sp, err := ParseSpan(s)
	return Lag(sp.N), err
}

// value decodes one field's value into dst, noting in at where the list
// entries it keeps are.
func (l *loader) value(name, id string, f Field, k, v *yaml.Node, dst reflect.Value, at *keyAt, it *Item) {
	keep := func(el *yaml.Node) {
		if it != nil && at.nelem < 1<<16-1 {
			it.elems = append(it.elems, int32(el.Line), int32(el.Column))
			at.nelem++
		}
	}
	scalar := func(what string) (string, bool) {
		if v.Kind != yaml.ScalarNode {
			l.errorID(v, id, "type", "%s: %s must be %s, not %s", name, f.Name, what, shape(v))
			return "", false
		}
		if v.Style&yaml.TaggedStyle != 0 && !tagFits(f.Kind, v.Tag) {
			l.errorID(v, id, "type", "%s: %s must be %s, but is tagged %s", name, f.Name, what, Quote(v.Tag))
			return "", false
		}
		return v.Value, true
	}
	switch f.Kind {
	case KindText:
		if s, ok := scalar("text"); ok {
			if f.Required && strings.TrimSpace(s) == "" {
				l.errorID(k, id, "missing-field", "%s has an empty %s", name, f.Name)
			}
			dst.SetString(s)
		}
	case KindID:
		if s, ok := scalar("an id"); ok {
			if !ValidID(s) {
				l.errorID(v, id, "invalid-id", "%s: %s is not a valid id (letters, digits, - _ . ; starting with a letter; at most 64 characters)", name, Quote(s))
			}
			dst.SetString(s)
		}
	case KindRef:
		if s, ok := scalar("an id"); ok {
			dst.SetString(s)
		}
	case KindEnum:
		if s, ok := scalar("one of " + strings.Join(f.Enum, ", ")); ok {
			if !contains(f.Enum, s) {
				l.errorID(v, id, "invalid-value", "%s: %s %s is not one of %s%s", name, f.Name, Quote(s), strings.Join(f.Enum, ", "), suggest(s, f.Enum))
				return
			}
			dst.SetString(s)
		}
	case KindDate:
		if s, ok := scalar("a date (YYYY-MM-DD)"); ok {
			d, err := ParseDate(s)
			if err != nil {
				l.errorID(v, id, "invalid-date", "%s: %s %v", name, f.Name, err)
				return
			}
			dst.SetInt(int64(d))
		}
	case KindInt:
		s, ok := scalar("a whole number")
		if !ok {
			return
		}
		n, err := strconv.Atoi(s)
		if v.Tag == "!!float" {
			// 4.0 is the whole number 4, as a spreadsheet writes it.
			if x, ferr := strconv.ParseFloat(s, 64); ferr == nil && x == math.Trunc(x) && math.Abs(x) < 1e9 {
				n, err = int(x), nil
			} else {
				err = strconv.ErrSyntax
			}
		}
		if (v.Tag != "!!int" && v.Tag != "!!float") || err != nil {
			l.errorID(v, id, "type", "%s: %s must be a whole number, not %s", name, f.Name, Quote(s))
			return
		}
		if f.HasRange && (n < f.Min || n > f.Max) {
			l.errorID(v, id, "invalid-value", "%s: %s %s is outside %d..%d", name, f.Name, s, f.Min, f.Max)
			return
		}
		dst.SetInt(int64(n))
	case KindLag:
		if s, ok := scalar("a lag such as 10d or 2w"); ok {
			sp, err := ParseSpan(s)
			if err != nil {
				l.errorID(v, id, "invalid-value", "%s: %v", name, err)
				return
			}
			if dst.Type() == spanType {
				dst.Set(reflect.ValueOf(sp))
				return
			}
			dst.SetInt(int64(sp.N))
		}
	case KindNumber:
		s, ok := scalar("a number")
		if !ok {
			return
		}
		x, err := strconv.ParseFloat(s, 64)
		if (v.Tag != "!!int" && v.Tag != "!!float") || err != nil {
			l.errorID(v, id, "type", "%s: %s must be a number, not %q", name, f.Name, s)
			return
		}
		if f.HasRange && (x < float64(f.Min) || x > float64(f.Max)) {
			l.errorID(v, id, "invalid-value", "%s: %s %s is outside %d..%d", name, f.Name, s, f.Min, f.Max)
			return
		}
		dst.SetFloat(x)
	case KindWeekdays:
		out := make([]string, 0, len(v.Content))
		if !l.entries(name, id, f.Name+" must be a list of days, such as [mon, tue, wed, thu, fri]", v, func(el, e *yaml.Node) {
			if e == nil || e.Kind != yaml.ScalarNode || !contains(Weekdays[:], e.Value) {
				l.errorID(el, id, "invalid-value", "%s: each entry of %s must be one of %s, not %s", name, f.Name, strings.Join(Weekdays[:], ", "), shape(el))
				return
			}
			out = append(out, e.Value)
			keep(el)
		}) {
			return
		}
		if len(v.Content) == 0 {
			l.errorID(v, id, "invalid-value", "%s: %s must name at least one day", name, f.Name)
		}
		dst.Set(reflect.ValueOf(out))
	case KindHolidays:
		out := make([]Holiday, 0, len(v.Content))
		if !l.entries(name, id, f.Name+" must be a list of dates or {date: DATE, name: TEXT}", v, func(el, e *yaml.Node) {
			var h Holiday
			switch {
			case e != nil && e.Kind == yaml.ScalarNode && !isNull(e):
				d, err := ParseDate(e.Value)
				if err != nil {
					l.errorID(el, id, "invalid-date", "%s: %s %v", name, f.Name, err)
					return
				}
				h.Date = d
			case e != nil && e.Kind == yaml.MappingNode:
				l.fields(name+" holidays entry", id, infoOf(holsType.Elem()), e, reflect.ValueOf(&h).Elem(), nil)
			default:
				l.errorID(el, id, "type", "%s: each entry of %s must be a date or {date: DATE, name: TEXT}, not %s", name, f.Name, shape(el))
				return
			}
			if h.Date != 0 {
				out = append(out, h)
				keep(el)
			}
		}) {
			return
		}
		dst.Set(reflect.ValueOf(out))
	case KindRefs:
		out := make([]string, 0, len(v.Content))
		if !l.entries(name, id, f.Name+" must be a list of ids, such as [A, B]", v, func(el, e *yaml.Node) {
			if e == nil || e.Kind != yaml.ScalarNode || isNull(e) {
				l.errorID(el, id, "type", "%s: each entry of %s must be an id, not %s", name, f.Name, shape(el))
				return
			}
			out = append(out, e.Value)
			keep(el)
		}) {
			return
		}
		dst.Set(reflect.ValueOf(out))
	case KindDeps:
		deps := make([]Dep, 0, len(v.Content))
		if !l.entries(name, id, "depends_on must be a list of ids or {id: ID, lag: LAG}", v, func(el, e *yaml.Node) {
			switch {
			case e != nil && e.Kind == yaml.ScalarNode && !isNull(e):
				deps = append(deps, Dep{ID: e.Value, Pos: l.pos(el)})
				keep(el)
			case e != nil && e.Kind == yaml.MappingNode:
				var d Dep
				l.fields(name+" depends_on entry", id, infoOf(depsType.Elem()), e, reflect.ValueOf(&d).Elem(), nil)
				d.Pos = l.pos(el)
				if lv := MapValue(e, "lag"); lv != nil && lv.Kind == yaml.ScalarNode {
					if sp, err := ParseSpan(lv.Value); err == nil {
						d.Working = sp.Working
					}
				}
				if d.ID != "" {
					deps = append(deps, d)
					keep(el)
				}
			default:
				l.errorID(el, id, "type", "%s: each entry of depends_on must be an id or {id: ID, lag: LAG}, not %s", name, shape(el))
			}
		}) {
			return
		}
		dst.Set(reflect.ValueOf(deps))
	case KindStruct:
		if v.Kind != yaml.MappingNode {
			l.errorID(v, id, "type", "%s: %s must be a mapping, not %s", name, f.Name, shape(v))
			return
		}
		ptr := reflect.New(dst.Type().Elem())
		if init, ok := defaults[dst.Type()]; ok {
			ptr.Elem().Set(reflect.ValueOf(init).Elem())
		}
		l.fields(name+" "+f.Name, id, infoOf(dst.Type().Elem()), v, ptr.Elem(), nil)
		dst.Set(ptr)
	case KindMap:
		l.mapValue(name, id, f, v, dst)
	}
}

// entries hands each entry of the list v, and what it leads to, to each;
// what says what the list must be where v is none ("depends_on must be a
// list of ids"). It reports false, the field to be left unset, where v
// is no list or the file's budget is spent.
func (l *loader) entries(name, id, what string, v *yaml.Node, each func(el, e *yaml.Node)) bool {
	if v.Kind != yaml.SequenceNode {
		l.errorID(v, id, "type", "%s: %s, not %s", name, what, shape(v))
		return false
	}
	for _, el := range v.Content {
		e := l.resolve(el)
		if !l.spend(1) {
			return false
		}
		each(el, e)
	}
	return true
}

// tagFits reports whether an explicit tag suits a field of kind k: a
// value tagged !!int where text belongs would be read one way here and
// another by fmt and set.
func tagFits(k ValueKind, tag string) bool {
	switch k {
	case KindInt:
		return tag == "!!int" || tag == "!!float"
	case KindDate:
		return tag == "!!str" || tag == "!!timestamp"
	}
	return tag == "!!str"
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
