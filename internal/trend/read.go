package cli

import (
	"io/fs"
	"strings"
	"testing/fstest"

	"github.com/ocotool/oco/internal/programme"
)

// milestoneReader reads the milestones of one revision after another for
// `oco history`. Parsing YAML is most of the cost of reading a revision,
// and a commit usually changes one milestone of many, so each file is cut
// into its milestones' entries and each distinct entry is parsed once. A
// file whose layout makes cutting unsafe (anchors, flow style, documents
// markers, tabs) is parsed whole, as Load would.
type milestoneReader struct {
	entries map[string][]namedMilestone // parsed entries, by their text
	files   map[string]fileMilestones   // the last text of each file, with its milestones
}

type namedMilestone struct {
	id string
	milestoneAt
}

type fileMilestones struct {
	text string
	ms   []namedMilestone
}

func newMilestoneReader() *milestoneReader {
	return &milestoneReader{entries: map[string][]namedMilestone{}, files: map[string]fileMilestones{}}
}

// read returns the milestones of the programme in fsys in the order Load
// finds them.
func (r *milestoneReader) read(fsys fs.FS) []namedMilestone {
	names := programme.Files(fsys, func(string, error) {})
	var out []namedMilestone
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			continue
		}
		text := string(data)
		if f, ok := r.files[name]; ok && f.text == text {
			out = append(out, f.ms...)
			continue
		}
		ms := r.file(text)
		r.files[name] = fileMilestones{text: text, ms: ms}
		out = append(out, ms...)
	}
	return out
}

func milestonesOf(p *programme.Programme) []namedMilestone {
	out := make([]namedMilestone, 0, len(p.Milestones))
	for _, m := range p.Milestones {
		out = append(out, namedMilestone{id: m.ID, milestoneAt: milestoneAt{title: m.Title, due: m.Due, forecast: m.Forecast, done: m.Done}})
	}
	return out
}

func parseMilestones(text string) []namedMilestone {
	return milestonesOf(programme.Load(fstest.MapFS{"f.yaml": {Data: []byte(text)}}, ""))
}

// file returns the milestones of one file's text.
func (r *milestoneReader) file(text string) []namedMilestone {
	entries, ok := milestoneEntries(text)
	if !ok {
		return parseMilestones(text)
	}
	var out []namedMilestone
	for _, e := range entries {
		ms, ok := r.entries[e]
		if !ok {
			ms = parseMilestones("milestones:\n" + e)
			r.entries[e] = ms
		}
		out = append(out, ms...)
	}
	return out
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
	lines := strings.SplitAfter(text, "\n")
	var entries []string
	var cur strings.Builder
	inSection, seen := false, false
	indent := -1
	flush := func() {
		if cur.Len() > 0 {
			entries = append(entries, cur.String())
			cur.Reset()
		}
	}
	for _, line := range lines {
		trimmed := strings.TrimSpace(line)
		if trimmed == "" || strings.HasPrefix(trimmed, "#") {
			if inSection && indent >= 0 {
				cur.WriteString(line)
			}
			continue
		}
		if line[0] != ' ' {
			key, ok := topKey(strings.TrimRight(line, "\r\n"))
			if !ok {
				return nil, false
			}
			flush()
			inSection = key == "milestones" && !seen
			if key == "milestones" {
				seen = true
			}
			continue
		}
		if !inSection {
			continue
		}
		// Inside the section only the entries' lines need to be plain: the
		// rest of the file cannot reach into them.
		if unsafeLine(line) {
			return nil, false
		}
		n := len(line) - len(strings.TrimLeft(line, " "))
		if at := itemIndent(line); at >= 0 && (indent < 0 || at == indent) {
			indent = at
			flush()
		} else if indent < 0 || n <= indent {
			return nil, false
		}
		cur.WriteString(line)
	}
	flush()
	return entries, true
}
