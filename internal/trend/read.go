package trend

import (
	"cmp"
	"io/fs"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/ocotool/oco/internal/gitrev"
	"github.com/ocotool/oco/internal/programme"
)

// reader reads the milestones and reporting date of one revision after
// another. Parsing YAML is most of the cost of reading a revision, and a
// commit usually changes one file of many and one milestone of that file,
// so each blob is read once (its id is a hash of its content), cut into its
// milestones' entries and its programme section, and only the pieces not
// seen before are parsed: all of them in one Load, once per blob. A new
// version of a file whose changed lines lie inside one entry is read from
// those lines alone (patch). A file whose layout makes cutting unsafe
// (anchors, flow style, document markers, tabs) is parsed whole, as Load
// would. Where a file does not
// parse at all, both read what they can of it, and the reader may keep a
// piece Load loses.
type reader struct {
	blobs   map[string]*fileRead   // what each blob holds, by blob id (or text, outside git)
	entries map[string][]Milestone // parsed entries, by their text
	headers map[string]headerRead  // parsed programme sections, by their text

	// The files of the revision read last, and how often each milestone
	// id occurs in them, kept up to date file by file: most revisions
	// have no id twice, and need no look-up per milestone to know it.
	last  map[string]*fileRead
	ids   map[string]int
	twice int // ids that occur more than once, "" counting always
	seen  map[string]bool

	// texts are blobs read ahead for the revisions to come, by id, and
	// names the files of those revisions; each dropped once read.
	texts map[string]string
	names map[fs.FS][]named
	// prev is the text of each file in the revision read last, where it
	// was cut into entries: the next version is read from its changes.
	prev map[string]string
}

// fileRead is what one file holds that a trend tracks.
type fileRead struct {
	ms        []Milestone
	hasHeader bool
	asOf      programme.Date
	// Where the file was cut into entries: each entry's place and
	// milestones, and the indentation of their "- ", so that the next
	// version of the file can be read from the lines that changed.
	spans  []span
	per    [][]Milestone
	indent int
}

// headerRead is what a trend tracks of a programme section: whether it
// reads as one, and its as_of.
type headerRead struct {
	ok   bool
	asOf programme.Date
}

func newReader() *reader {
	return &reader{blobs: map[string]*fileRead{}, entries: map[string][]Milestone{}, headers: map[string]headerRead{},
		last: map[string]*fileRead{}, ids: map[string]int{}, seen: map[string]bool{},
		texts: map[string]string{}, names: map[fs.FS][]named{}, prev: map[string]string{}}
}

// parses counts the YAML parses the reader has made: one for each blob
// with a piece not seen before, so a test can hold a history to the
// number of distinct blobs, whatever the machine's speed.
var parses atomic.Int64

// Parses is how many times the trend reader has parsed YAML in this
// process.
func Parses() int64 { return parses.Load() }

// read returns the milestones of the programme in fsys file by file, in
// the order Load finds them, where an id is used twice the first, and its
// as_of: the first programme section's, as in Load. A file unchanged since
// the last revision gives the same slice as it did then.
func (r *reader) read(fsys fs.FS) ([][]Milestone, programme.Date) {
	names, ok := r.names[fsys]
	if ok {
		delete(r.names, fsys)
	} else {
		names = namesOf(fsys)
	}
	files := make([]*fileRead, len(names))
	// Blobs not read before are parsed together, on every core; an fs.FS
	// need not be safe for concurrent use, so they are read in turn.
	type job struct {
		at   []int // where the blob appears in files
		text string
		// The same file in the revision read last, and its text, where
		// it was cut into entries.
		was     *fileRead
		wasText string
		f       *fileRead
		new     pieces
	}
	var jobs []*job
	pending := map[string]*job{}
	for i, nm := range names {
		name, key, hashed := nm.name, nm.hash, nm.hashed
		if f, ok := r.blobs[key]; ok && hashed {
			files[i] = f
			if r.last[name] != f {
				delete(r.prev, name) // a blob read before: its text is gone
			}
			continue
		}
		text, ok := r.texts[key]
		if ok && hashed {
			delete(r.texts, key)
		} else {
			data, err := fs.ReadFile(fsys, name)
			if err != nil {
				continue
			}
			text = string(data)
		}
		if !hashed {
			key = "\x00" + text // not a blob id
			if f, ok := r.blobs[key]; ok {
				files[i] = f
				continue
			}
		}
		if j, ok := pending[key]; ok {
			j.at = append(j.at, i)
			continue
		}
		j := &job{at: []int{i}, text: text}
		if was := r.last[name]; was != nil && was.spans != nil {
			j.was, j.wasText = was, r.prev[name]
		}
		pending[key] = j
		jobs = append(jobs, j)
	}
	run := func(j *job) {
		if j.was != nil && j.wasText != "" {
			var ok bool
			if j.f, j.new, ok = r.patch(j.was, j.wasText, j.text); ok {
				return
			}
		}
		j.f, j.new = r.file(j.text)
	}
	if len(jobs) == 1 || runtime.GOMAXPROCS(0) < 2 {
		for _, j := range jobs {
			run(j)
		}
	} else {
		var wg sync.WaitGroup
		work := make(chan *job)
		for range min(len(jobs), runtime.GOMAXPROCS(0)) {
			wg.Go(func() {
				for j := range work {
					run(j)
				}
			})
		}
		for _, j := range jobs {
			work <- j
		}
		close(work)
		wg.Wait()
	}
	for key, j := range pending {
		r.blobs[key] = j.f
		r.keep(j.new)
		for _, i := range j.at {
			files[i] = j.f
			if j.f.spans != nil {
				r.prev[names[i].name] = j.text
			} else {
				delete(r.prev, names[i].name)
			}
		}
	}
	n := 0
	var asOf programme.Date
	header := false
	next := make(map[string]*fileRead, len(names))
	for i, f := range files {
		if f == nil {
			continue
		}
		n += len(f.ms)
		if f.hasHeader && !header {
			header, asOf = true, f.asOf
		}
		next[names[i].name] = f
	}
	r.count(next)
	parts := make([][]Milestone, 0, len(files))
	for _, f := range files {
		if f != nil {
			parts = append(parts, f.ms)
		}
	}
	if r.twice > 0 {
		// Keep the first of each id, as the loader's lookups do.
		out := make([]Milestone, 0, n)
		clear(r.seen)
		for _, part := range parts {
			for _, m := range part {
				if m.ID != "" && !r.seen[m.ID] {
					out = append(out, m)
				}
				r.seen[m.ID] = true
			}
		}
		parts = [][]Milestone{out}
	}
	return parts, asOf
}

// named is a file of a revision and, where git holds it, its blob id.
type named struct {
	name, hash string
	hashed     bool
}

// namesOf lists the files of fsys as Load finds them, each with its blob
// id, worked out once for the read ahead and the read.
func namesOf(fsys fs.FS) []named {
	names := programme.Files(fsys, func(string, error) {})
	out := make([]named, len(names))
	for i, name := range names {
		hash, hashed := gitrev.Hash(fsys, name)
		out[i] = named{name, hash, hashed}
	}
	return out
}

// batch is what git read ahead for some revisions: their directories
// (or the errors reading them), the files of each, and the blobs of those
// files not read before.
type batch struct {
	commits []gitrev.Commit
	fss     []fs.FS
	errs    []error
	names   map[fs.FS][]named
	texts   map[string]string
	err     error // git failed: the history cannot be read
}

// ahead reads commits from git in batches, in order, while the caller
// parses what came before: a window of commits at a time, their trees in
// a few round trips, then the blobs no batch has held yet, up to
// aheadBlobs of them a batch so that commits that each rewrite every file
// do not fill memory. It stops when done is closed. It only reads the
// reader's blobs before it starts, so that reading and parsing can run
// side by side.
func (r *reader) ahead(repo *gitrev.Repo, dir string, commits []gitrev.Commit, done <-chan struct{}) <-chan batch {
	asked := map[string]bool{}
	for hash := range r.blobs {
		asked[hash] = true
	}
	out := make(chan batch, 1)
	send := func(b batch) bool {
		select {
		case out <- b:
			return b.err == nil
		case <-done:
			return false
		}
	}
	go func() {
		defer close(out)
		for len(commits) > 0 {
			window := commits[:min(len(commits), aheadTrees)]
			commits = commits[len(window):]
			fss, errs, err := repo.FSLog(window, dir)
			if err != nil {
				send(batch{err: err})
				return
			}
			for i := 0; i < len(window); {
				b := batch{names: map[fs.FS][]named{}}
				var want []string
				start := i
				for ; i < len(window) && len(want) < aheadBlobs; i++ {
					fsys := fss[i]
					if fsys == nil {
						continue
					}
					names := namesOf(fsys)
					b.names[fsys] = names
					for _, nm := range names {
						if !nm.hashed || asked[nm.hash] {
							continue
						}
						asked[nm.hash] = true
						want = append(want, nm.hash)
					}
				}
				b.commits, b.fss, b.errs = window[start:i], fss[start:i], errs[start:i]
				blobs, err := repo.Blobs(want)
				if err != nil {
					send(batch{err: err})
					return
				}
				b.texts = make(map[string]string, len(want))
				for k, text := range blobs {
					b.texts[want[k]] = text
				}
				if !send(b) {
					return
				}
			}
		}
	}()
	return out
}

// aheadTrees is how many commits' trees are read from git together:
// enough that a history waits on git a few times, few enough that the
// trees read ahead stay small.
const aheadTrees = 128

// aheadBlobs bounds the blobs read ahead in one batch.
const aheadBlobs = 32

// count brings the id counts from the last revision's files to next's,
// looking only at the files that changed.
func (r *reader) count(next map[string]*fileRead) {
	add := func(f *fileRead, d int) {
		for _, m := range f.ms {
			was := r.ids[m.ID]
			r.ids[m.ID] = was + d
			switch {
			case m.ID == "":
				r.twice += d
			case d > 0 && was == 1:
				r.twice++
			case d < 0 && was == 2:
				r.twice--
			}
		}
	}
	for name, f := range r.last {
		g := next[name]
		switch {
		case g == f:
		case g != nil && sameIDs(f.ms, g.ms):
			// A commit that moves a date keeps every id: nothing to count.
		default:
			add(f, -1)
			if g != nil {
				add(g, +1)
			}
		}
	}
	for name, g := range next {
		if _, ok := r.last[name]; !ok {
			add(g, +1)
		}
	}
	r.last = next
}

// sameIDs reports whether two lists of milestones have the same ids in
// the same places.
func sameIDs(a, b []Milestone) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].ID != b[i].ID {
			return false
		}
	}
	return true
}

// pieces are the entries and programme sections one blob parsed that had
// not been seen before.
type pieces struct {
	entries map[string][]Milestone
	headers map[string]headerRead
}

// keep adds a blob's new pieces to those known.
func (r *reader) keep(p pieces) {
	for e, ms := range p.entries {
		if _, ok := r.entries[e]; !ok {
			r.entries[strings.Clone(e)] = ms // not a slice of the whole file
		}
	}
	for h, hr := range p.headers {
		if _, ok := r.headers[h]; !ok {
			r.headers[strings.Clone(h)] = hr
		}
	}
}

// parse loads text as a programme of one file.
func parse(text string) *programme.Programme {
	parses.Add(1)
	return programme.Load(gitrev.Files{"f.yaml": []byte(text)}, "")
}

func milestonesOf(p *programme.Programme) []Milestone {
	out := make([]Milestone, 0, len(p.Milestones))
	for _, m := range p.Milestones {
		out = append(out, milestoneOf(m))
	}
	return out
}

func milestoneOf(m *programme.Milestone) Milestone {
	return Milestone{ID: m.ID, Title: m.Title, Due: m.Due, Forecast: m.Forecast, Done: m.Done}
}

// file reads one file's text, parsing what the reader has not seen. It
// only reads the reader's pieces, so that files can be read side by side;
// what it parsed is returned, for keep.
func (r *reader) file(text string) (*fileRead, pieces) {
	spans, indent, ok := cutEntries(text)
	entries := make([]string, len(spans))
	for i, sp := range spans {
		entries[i] = text[sp.start:sp.end]
	}
	header, found, hok := section(text, "programme")
	if !ok || !hok {
		p := parse(text)
		return &fileRead{ms: milestonesOf(p), hasHeader: p.Header.File != "", asOf: p.Header.AsOf}, pieces{}
	}
	got := pieces{entries: map[string][]Milestone{}, headers: map[string]headerRead{}}
	if f, ok := r.whole(text, spans, indent, header, found, got); ok {
		return f, got
	}
	// The pieces not seen before, each once, in one text: the section,
	// then the entries under a milestones key of their own.
	var b strings.Builder
	b.Grow(len(text) + len("milestones:\n"))
	var unseen []string
	newHeader := false
	if _, ok := r.headers[header]; found && !ok {
		newHeader = true
		b.WriteString(header)
		endLine(&b)
	}
	for _, e := range entries {
		if _, ok := r.entries[e]; ok {
			continue
		}
		if _, ok := got.entries[e]; ok {
			continue
		}
		got.entries[e] = nil
		if len(unseen) == 0 {
			b.WriteString("milestones:\n")
		}
		unseen = append(unseen, e)
		b.WriteString(e)
		endLine(&b)
	}
	if b.Len() > 0 {
		p := parse(b.String())
		// Each entry is one list item; where one does not read as one
		// milestone, they are parsed one by one to find out which.
		if len(p.Milestones) == len(unseen) && len(p.Broken) == 0 {
			for i, e := range unseen {
				got.entries[e] = []Milestone{milestoneOf(p.Milestones[i])}
			}
			if newHeader {
				got.headers[header] = headerRead{ok: p.Header.File != "", asOf: p.Header.AsOf}
			}
		} else {
			for _, e := range unseen {
				got.entries[e] = milestonesOf(parse("milestones:\n" + e))
			}
			if newHeader {
				p := parse(header)
				got.headers[header] = headerRead{ok: p.Header.File != "", asOf: p.Header.AsOf}
			}
		}
	}
	f := &fileRead{spans: spans, indent: indent, per: make([][]Milestone, len(entries))}
	if found {
		h, ok := got.headers[header]
		if !ok {
			h = r.headers[header]
		}
		f.hasHeader, f.asOf = h.ok, h.asOf
	}
	for i, e := range entries {
		ms, ok := got.entries[e]
		if !ok {
			ms = r.entries[e]
		}
		f.per[i] = ms
		f.ms = append(f.ms, ms...)
	}
	return f, got
}

// whole reads a file none of whose pieces has been seen, as the first
// revision's files are, by parsing its text as it is rather than copying
// its pieces into a text of their own: where the file parses to one
// milestone an entry, each entry is the milestone in its place.
func (r *reader) whole(text string, spans []span, indent int, header string, found bool, got pieces) (*fileRead, bool) {
	if _, ok := r.headers[header]; found && ok {
		return nil, false
	}
	for _, sp := range spans {
		if _, ok := r.entries[text[sp.start:sp.end]]; ok {
			return nil, false
		}
	}
	p := parse(text)
	if len(p.Milestones) != len(spans) || len(p.Broken) != 0 {
		return nil, false
	}
	f := &fileRead{spans: spans, indent: indent, per: make([][]Milestone, len(spans)), ms: milestonesOf(p)}
	for i, sp := range spans {
		e := text[sp.start:sp.end]
		f.per[i] = f.ms[i : i+1 : i+1]
		if _, ok := got.entries[e]; !ok {
			got.entries[e] = f.per[i]
		}
	}
	if found {
		f.hasHeader, f.asOf = p.Header.File != "", p.Header.AsOf
		got.headers[header] = headerRead{ok: f.hasHeader, asOf: f.asOf}
	}
	return f, true
}

// patch reads text, a new version of the file was read from wasText, from
// the lines that changed: where they all lie inside one milestone entry
// and keep it plain, every other entry and the programme section are as
// they were, and only that entry is looked up or parsed. A commit that
// moves one date in a file of 500 milestones costs one entry, not 500.
func (r *reader) patch(was *fileRead, wasText, text string) (*fileRead, pieces, bool) {
	// The common start and end of the two texts, compared a block at a time.
	n := min(len(wasText), len(text))
	a := 0
	for a+64 <= n && wasText[a:a+64] == text[a:a+64] {
		a += 64
	}
	for a < n && wasText[a] == text[a] {
		a++
	}
	b := 0
	for b+64 <= n-a && wasText[len(wasText)-b-64:len(wasText)-b] == text[len(text)-b-64:len(text)-b] {
		b += 64
	}
	for b < n-a && wasText[len(wasText)-1-b] == text[len(text)-1-b] {
		b++
	}
	// The changed lines: text[lo:hi] in place of wasText[lo:hi-delta].
	delta := len(text) - len(wasText)
	lo := strings.LastIndexByte(text[:a], '\n') + 1
	hi := len(text)
	if at := max(len(text)-b-1, a); at < len(text) {
		if i := strings.IndexByte(text[at:], '\n'); i >= 0 {
			hi = at + i + 1
		}
	}
	// The entry whose first line comes before them and whose end after.
	j, _ := slices.BinarySearchFunc(was.spans, lo, func(sp span, lo int) int { return cmp.Compare(sp.start, lo) })
	j-- // the last entry starting before lo
	if j < 0 || hi-delta > was.spans[j].end {
		return nil, pieces{}, false
	}
	for line := range strings.Lines(text[lo:hi]) {
		if !blankLine(line) && (line[0] != ' ' || !continues(line, was.indent) || unsafeLine(line)) {
			return nil, pieces{}, false
		}
	}
	f := &fileRead{hasHeader: was.hasHeader, asOf: was.asOf, indent: was.indent,
		spans: slices.Clone(was.spans), per: slices.Clone(was.per)}
	f.spans[j].end += delta
	for k := j + 1; k < len(f.spans); k++ {
		f.spans[k].start += delta
		f.spans[k].end += delta
	}
	var got pieces
	e := text[f.spans[j].start:f.spans[j].end]
	ms, ok := r.entries[e]
	if !ok {
		ms = milestonesOf(parse("milestones:\n" + e))
		got.entries = map[string][]Milestone{e: ms}
	}
	f.per[j] = ms
	f.ms = make([]Milestone, 0, len(was.ms)-len(was.per[j])+len(ms))
	for _, ms := range f.per {
		f.ms = append(f.ms, ms...)
	}
	return f, got, true
}

// endLine ends the text in b with a line break, where it has none.
func endLine(b *strings.Builder) {
	if s := b.String(); s != "" && s[len(s)-1] != '\n' {
		b.WriteByte('\n')
	}
}

// topKey reports whether line is a plain top-level key, `name:` with at
// most a comment after it, and returns the name.
func topKey(line string) (string, bool) {
	i := 0
	for i < len(line) && (line[i] == '_' || 'a' <= line[i] && line[i] <= 'z' || 'A' <= line[i] && line[i] <= 'Z') {
		i++
	}
	if i == 0 || i >= len(line) || line[i] != ':' {
		return "", false
	}
	rest := strings.TrimSpace(line[i+1:])
	if rest != "" && (rest[0] != '#' || line[i+1] != ' ') {
		return "", false
	}
	return line[:i], true
}

// itemIndent returns the indentation of a line that starts a list entry,
// "  - id: ...", or -1.
func itemIndent(line string) int {
	n := len(line) - len(strings.TrimLeft(line, " "))
	if n+2 < len(line) && line[n] == '-' && line[n+1] == ' ' && line[n+2] != ' ' && line[n+2] != '\r' && line[n+2] != '\n' {
		return n
	}
	return -1
}

// marks are the bytes unsafeLine looks at.
var marks = [256]bool{'\t': true, '<': true, '&': true, '*': true, '[': true, ']': true, '{': true, '}': true}

// unsafeLine reports what could tie an entry to text outside it: anchors,
// aliases, merge keys, tabs, and flow collections left open at the end of
// a line. "Health & Care" is none of them.
func unsafeLine(line string) bool {
	plain := true
	for i := 0; i < len(line) && plain; i++ {
		plain = !marks[line[i]]
	}
	if plain {
		return false // most lines: one pass, no state
	}
	depth := 0
	for i := 0; i < len(line); i++ {
		switch c := line[i]; c {
		case '\t':
			return true
		case '<':
			if i+1 < len(line) && line[i+1] == '<' {
				return true
			}
		case '&', '*':
			after := i+1 < len(line) && line[i+1] != ' ' && line[i+1] != '\r' && line[i+1] != '\n'
			before := i == 0 || strings.IndexByte(" [{,", line[i-1]) >= 0
			if after && before {
				return true
			}
		case '[', '{':
			depth++
		case ']', '}':
			depth--
		}
	}
	return depth != 0
}

// span is where an entry is in its file's text.
type span struct{ start, end int }

// cutEntries finds the entries of text's milestones section, and the
// indentation of their "- ", or reports that its layout is not the plain
// block style in which entries can be cut without changing their meaning.
func cutEntries(text string) (spans []span, indent int, ok bool) {
	start, end := -1, -1 // the current entry, as offsets into text
	flush := func() {
		if start >= 0 {
			spans = append(spans, span{start, end})
		}
		start, end = -1, -1
	}
	inSection, seen := false, false
	keyed := false // a top-level key has been seen
	indent = -1
	off := 0
	for line := range strings.Lines(text) {
		at := off
		off += len(line)
		if blankLine(line) {
			if inSection && indent >= 0 {
				end = off
			}
			continue
		}
		if line[0] != ' ' {
			key, ok := topKey(strings.TrimRight(line, "\r\n"))
			if !ok {
				return nil, 0, false
			}
			flush()
			keyed = true
			inSection = key == "milestones" && !seen
			if key == "milestones" {
				seen = true
			}
			continue
		}
		if !inSection {
			if !keyed {
				return nil, 0, false // an indented root: not plain block style
			}
			continue
		}
		// Inside the section only the entries' lines need to be plain: the
		// rest of the file cannot reach into them.
		if unsafeLine(line) {
			return nil, 0, false
		}
		if item := itemIndent(line); item >= 0 && (indent < 0 || item == indent) {
			indent = item
			flush()
			start = at
		} else if indent < 0 || !continues(line, indent) {
			return nil, 0, false
		}
		end = off
	}
	flush()
	return spans, indent, true
}

// blankLine reports whether line is empty, spaces, or a comment.
func blankLine(line string) bool {
	trimmed := strings.TrimSpace(line)
	return trimmed == "" || strings.HasPrefix(trimmed, "#")
}

// continues reports whether a line that is not blank goes on the entry
// before it: indented deeper than the entries' "- ".
func continues(line string, indent int) bool {
	return len(line)-len(strings.TrimLeft(line, " ")) > indent
}

// section returns the text of the top-level section key, from its key line
// to the next top-level key, and whether the file has one; ok is false
// where the layout is not the plain block style in which a section can be
// read apart from the rest of the file.
func section(text, key string) (sec string, found, ok bool) {
	start, end := -1, -1
	in, keyed := false, false
	off := 0
	for line := range strings.Lines(text) {
		at := off
		off += len(line)
		trimmed := strings.TrimSpace(line)
		if trimmed == "" || strings.HasPrefix(trimmed, "#") {
			if in {
				end = off
			}
			continue
		}
		if line[0] == ' ' && !keyed {
			return "", false, false // an indented root: not plain block style
		}
		if line[0] != ' ' {
			k, plain := topKey(strings.TrimRight(line, "\r\n"))
			if !plain {
				return "", false, false
			}
			keyed = true
			if k == key && found {
				return "", false, false // given twice: Load reports it
			}
			in = k == key
			if in {
				found, start = true, at
			}
		}
		if in {
			if unsafeLine(line) {
				return "", false, false
			}
			end = off
		}
	}
	if !found {
		return "", false, true
	}
	return text[start:end], true, true
}
