package trend

import (
	"io/fs"
	"strings"

	"github.com/ocotool/oco/internal/gitrev"
	"github.com/ocotool/oco/internal/programme"
)

// reader reads the milestones and reporting date of one revision after
// another. Parsing YAML is most of the cost of reading a revision, and a
// commit usually changes one milestone of many, so each file is cut into
// its milestones' entries and its programme section, and each distinct
// piece is parsed once. A file whose layout makes cutting unsafe
// (anchors, flow style, document markers, tabs) is parsed whole, as Load
// would. Where a file does not parse at all, both read what they can of
// it, and the reader may keep a piece Load loses.
type reader struct {
	entries map[string][]Milestone // parsed entries, by their text
	headers map[string]headerRead  // parsed programme sections, by their text
	files   map[string]fileRead    // the last text of each file, with what it held
	seen    map[string]bool        // ids of one revision, kept to save allocations
}

// fileRead is what one file holds that a trend tracks.
type fileRead struct {
	hash      string // the blob's, where the revision is read from git
	text      string
	ms        []Milestone
	hasHeader bool
	asOf      programme.Date
}

// headerRead is what a trend tracks of a programme section: whether it
// reads as one, and its as_of.
type headerRead struct {
	ok   bool
	asOf programme.Date
}

func newReader() *reader {
	return &reader{entries: map[string][]Milestone{}, headers: map[string]headerRead{}, files: map[string]fileRead{}, seen: map[string]bool{}}
}

// read returns the milestones of the programme in fsys in the order Load
// finds them, and its as_of: the first programme section's, as in Load.
func (r *reader) read(fsys fs.FS) ([]Milestone, programme.Date) {
	names := programme.Files(fsys, func(string, error) {})
	// Read each file first, to allocate the list once at its size.
	reads := make([]fileRead, 0, len(names))
	n := 0
	var asOf programme.Date
	header := false
	for _, name := range names {
		f, ok := r.files[name]
		// A file whose blob has not changed since the last revision
		// need not be read again: most commits change one file of many.
		hash, hashed := gitrev.Hash(fsys, name)
		if !ok || !hashed || hash != f.hash {
			data, err := fs.ReadFile(fsys, name)
			if err != nil {
				continue
			}
			if text := string(data); !ok || f.text != text {
				f = r.file(text)
			}
			f.hash = hash
			r.files[name] = f
		}
		reads = append(reads, f)
		n += len(f.ms)
	}
	out := make([]Milestone, 0, n)
	for _, f := range reads {
		out = append(out, f.ms...)
		if f.hasHeader && !header {
			header, asOf = true, f.asOf
		}
	}
	return out, asOf
}

// parse loads text as a programme of one file.
func parse(text string) *programme.Programme {
	return programme.Load(gitrev.Files{"f.yaml": []byte(text)}, "")
}

func milestonesOf(p *programme.Programme) []Milestone {
	out := make([]Milestone, 0, len(p.Milestones))
	for _, m := range p.Milestones {
		out = append(out, Milestone{ID: m.ID, Title: m.Title, Due: m.Due, Forecast: m.Forecast, Done: m.Done})
	}
	return out
}

// file reads one file's text.
func (r *reader) file(text string) fileRead {
	entries, ok := milestoneEntries(text)
	header, found, hok := section(text, "programme")
	if !ok || !hok {
		p := parse(text)
		return fileRead{text: text, ms: milestonesOf(p), hasHeader: p.Header.File != "", asOf: p.Header.AsOf}
	}
	f := fileRead{text: text}
	if found {
		h, ok := r.headers[header]
		if !ok {
			p := parse(header)
			h = headerRead{ok: p.Header.File != "", asOf: p.Header.AsOf}
			r.headers[strings.Clone(header)] = h // not a slice of the whole file
		}
		f.hasHeader, f.asOf = h.ok, h.asOf
	}
	for _, e := range entries {
		ms, ok := r.entries[e]
		if !ok {
			ms = milestonesOf(parse("milestones:\n" + e))
			r.entries[strings.Clone(e)] = ms // not a slice of the whole file
		}
		f.ms = append(f.ms, ms...)
	}
	return f
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

// unsafeLine reports what could tie an entry to text outside it: anchors,
// aliases, merge keys, tabs, and flow collections left open at the end of
// a line. "Health & Care" is none of them.
func unsafeLine(line string) bool {
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

// milestoneEntries cuts a file into the text of each entry of its
// milestones section, or reports that its layout is not the plain block
// style in which entries can be cut without changing their meaning.
func milestoneEntries(text string) ([]string, bool) {
	var entries []string
	start, end := -1, -1 // the current entry, as offsets into text
	flush := func() {
		if start >= 0 {
			entries = append(entries, text[start:end])
		}
		start, end = -1, -1
	}
	inSection, seen := false, false
	keyed := false // a top-level key has been seen
	indent := -1
	off := 0
	for line := range strings.Lines(text) {
		at := off
		off += len(line)
		trimmed := strings.TrimSpace(line)
		if trimmed == "" || strings.HasPrefix(trimmed, "#") {
			if inSection && indent >= 0 {
				end = off
			}
			continue
		}
		if line[0] != ' ' {
			key, ok := topKey(strings.TrimRight(line, "\r\n"))
			if !ok {
				return nil, false
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
				return nil, false // an indented root: not plain block style
			}
			continue
		}
		// Inside the section only the entries' lines need to be plain: the
		// rest of the file cannot reach into them.
		if unsafeLine(line) {
			return nil, false
		}
		n := len(line) - len(strings.TrimLeft(line, " "))
		if item := itemIndent(line); item >= 0 && (indent < 0 || item == indent) {
			indent = item
			flush()
			start = at
		} else if indent < 0 || n <= indent {
			return nil, false
		}
		end = off
	}
	flush()
	return entries, true
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
