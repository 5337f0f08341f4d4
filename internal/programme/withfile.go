package programme

import (
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// noHeader starts the message of the finding Load adds when no file holds
// the programme section.
const noHeader = "no programme section"

// WithFile returns the programme as it would be with file (named as its
// findings name it) holding src: that file's items, header and findings are
// read from src, every other file's are shared with p as they are. An edit
// re-checks the programme this way without reading or parsing any other
// file again. p itself is not changed.
func (p *Programme) WithFile(file string, src []byte) *Programme {
	return p.with(file, func(q *Programme) { q.apply(parse(file, src)) })
}

// WithParsed is WithFile for a file its caller has already parsed, root
// being its top-level node (nil for a file with no document), as an editor
// holds it: the file is not parsed again.
func (p *Programme) WithParsed(file string, src []byte, root *yaml.Node) *Programme {
	return p.with(file, func(q *Programme) {
		if _, _, bad := badBytes(file, src); bad || root == nil {
			q.apply(parse(file, src))
			return
		}
		q.apply(&parsedFile{file: file, doc: root, budget: 4*len(src) + 10000})
	})
}

func (p *Programme) with(file string, load func(q *Programme)) *Programme {
	q := &Programme{}
	if p.Header.File != file {
		q.Header = p.Header
	}
	// Read the file alone, with the header as it stands, so that a second
	// programme section is found as Load would find it. (Where the file
	// comes before the header's own file, Load would take the file's
	// header and report the other; here the finding is the other way
	// round, an error either way.)
	load(q)

	q.Files = slices.Clone(p.Files)
	if !slices.Contains(q.Files, file) {
		i, _ := slices.BinarySearch(q.Files, file)
		q.Files = slices.Insert(q.Files, i, file)
	}
	rank := make(map[string]int, len(q.Files))
	for i, f := range q.Files {
		rank[f] = i
	}
	for _, u := range p.Unread {
		if u != file {
			q.Unread = append(q.Unread, u)
		}
	}
	fresh := q.Broken
	q.Broken = nil
	for _, b := range p.Broken {
		if b.File != file {
			q.Broken = append(q.Broken, b)
		}
	}
	q.Broken = append(q.Broken, fresh...)
	freshFindings := q.Findings
	q.Findings = nil
	for _, f := range p.Findings {
		if f.Pos.File != file && !(f.Rule == "missing-field" && strings.HasPrefix(f.Message, noHeader)) {
			q.Findings = append(q.Findings, f)
		}
	}
	q.Findings = append(q.Findings, freshFindings...)

	q.People = splice(p.People, q.People, file, rank)
	q.Bodies = splice(p.Bodies, q.Bodies, file, rank)
	q.Workstreams = splice(p.Workstreams, q.Workstreams, file, rank)
	q.Phases = splice(p.Phases, q.Phases, file, rank)
	q.Milestones = splice(p.Milestones, q.Milestones, file, rank)
	q.Risks = splice(p.Risks, q.Risks, file, rank)
	q.Assumptions = splice(p.Assumptions, q.Assumptions, file, rank)
	q.Issues = splice(p.Issues, q.Issues, file, rank)
	q.Decisions = splice(p.Decisions, q.Decisions, file, rank)
	q.Benefits = splice(p.Benefits, q.Benefits, file, rank)
	q.Calendars = splice(p.Calendars, q.Calendars, file, rank)
	q.Assessments = splice(p.Assessments, q.Assessments, file, rank)
	q.Lessons = splice(p.Lessons, q.Lessons, file, rank)

	if q.Header.File == "" && !q.Incomplete() {
		at := file
		for _, f := range q.Files {
			if strings.HasSuffix(f, "/programme.yaml") || strings.HasSuffix(f, "/programme.yml") || f == "programme.yaml" || f == "programme.yml" {
				at = f
				break
			}
		}
		q.fail(Pos{File: at, Line: 1, Col: 1}, "missing-field", noHeader+": one file must hold `programme:` with id, name, start and end")
	}
	q.applyDefaults()
	q.buildIndex()
	return q
}

// splice returns old with the items of file replaced by fresh, which go
// where the file's items were, or where the file comes in reading order.
func splice[T interface{ Pos() Pos }](old, fresh []T, file string, rank map[string]int) []T {
	r := rank[file]
	i := 0
	for i < len(old) && rank[old[i].Pos().File] < r {
		i++
	}
	j := i
	for j < len(old) && old[j].Pos().File == file {
		j++
	}
	if i == j && len(fresh) == 0 {
		return old
	}
	if len(old)-(j-i)+len(fresh) == 0 {
		return nil // as Load leaves a kind with no items
	}
	out := make([]T, 0, len(old)-(j-i)+len(fresh))
	out = append(out, old[:i]...)
	out = append(out, fresh...)
	return append(out, old[j:]...)
}
