package view

import (
	"cmp"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/ocotool/oco/internal/programme"
	"github.com/ocotool/oco/internal/render"
	"github.com/ocotool/oco/internal/schedule"
)

// Show is one item as `oco show` shows it: -o json prints the tagged
// fields; the table adds Title and Fields.
type Show struct {
	Kind    string            `json:"kind" yaml:"kind"`
	ID      string            `json:"id" yaml:"id"`
	Defined string            `json:"defined" yaml:"defined"` // file:line
	Item    any               `json:"item" yaml:"item"`       // the kind's record, as every command prints it
	Links   map[string][]Link `json:"links" yaml:"links"`

	Title  string  `json:"-" yaml:"-"` // what the item is called
	Fields []Field `json:"-" yaml:"-"` // every field it gives, then what oco works out about it
}

// Link is an item related to the one shown.
type Link struct {
	ID     string         `json:"id" yaml:"id"`
	Kind   string         `json:"kind" yaml:"kind"`
	Title  string         `json:"title,omitempty" yaml:"title,omitempty"`
	Date   programme.Date `json:"date,omitempty" yaml:"date,omitempty"`     // a milestone's date, a decision's
	Status string         `json:"status,omitempty" yaml:"status,omitempty"` // a milestone's, risk's, issue's or assumption's
	Type   string         `json:"type,omitempty" yaml:"type,omitempty"`     // of a dependency: ss, ff or sf; fs is left out
	Lag    string         `json:"lag,omitempty" yaml:"lag,omitempty"`       // of a dependency
	Via    string         `json:"via,omitempty" yaml:"via,omitempty"`       // affects it through this phase or workstream
	label  string         // the lag column's text: "ss 5wd"; "" for none
}

// Field is one line of the field list: a field's name and value as a
// person reads it, and the word whose colour it takes (a rating, or
// "grey"), if any.
type Field struct {
	Name, Value string
	Tone        string
}

// shower gathers what show says about one item.
type shower struct {
	p    *programme.Programme
	plan func() *schedule.Plan // built only for a milestone
	asOf programme.Date
}

// NewShow finds id and gathers everything shown about it; false when no
// item has that id. plan is called only where the schedule is needed.
func NewShow(p *programme.Programme, plan func() *schedule.Plan, asOf programme.Date, id string) (*Show, bool) {
	var kind programme.Kind
	var v any
	if r, ok := p.Lookup(id); ok {
		kind, v = r.Kind, r.Item
	} else if id != "" && id == p.Header.ID {
		kind, v = programme.KindProgramme, &p.Header
	} else {
		return nil, false
	}
	s := &shower{p: p, plan: plan, asOf: asOf}
	it := itemBase(v)
	rec := &Show{Kind: string(kind), ID: id, Links: map[string][]Link{}, Title: programme.TitleOf(v)}
	if pos := it.Pos(); pos.Line > 0 {
		rec.Defined = fmt.Sprintf("%s:%d", pos.File, pos.Line)
	} else {
		rec.Defined = pos.File
	}
	rec.Item = s.record(v)
	s.addLinks(rec, v)
	rec.Fields = append(s.fields(v), s.derived(v)...)
	return rec, true
}

// itemBase returns the position part every item embeds.
func itemBase(v any) *programme.Item {
	return reflect.ValueOf(v).Elem().FieldByName("Item").Addr().Interface().(*programme.Item)
}

// record converts any item to its record.
func (s *shower) record(v any) any {
	p := s.p
	switch x := v.(type) {
	case *programme.Header:
		return NewProgramme(p)
	case *programme.Person:
		return NewPerson(x)
	case *programme.Body:
		return NewBody(x)
	case *programme.Workstream:
		return NewWorkstream(x)
	case *programme.Phase:
		return NewPhase(x, p.PhaseStateExpected(x, s.asOf, s.plan().Expected))
	case *programme.Milestone:
		return NewMilestone(p, s.plan(), slices.Index(p.Milestones, x), s.asOf)
	case *programme.Risk:
		return NewRisk(p, x)
	case *programme.Assumption:
		return NewAssumption(x)
	case *programme.Issue:
		return NewIssue(x)
	case *programme.Decision:
		return NewDecision(x)
	case *programme.Benefit:
		return NewBenefit(x)
	}
	return nil
}

// addLinks gathers the items v refers to and those that refer to it.
func (s *shower) addLinks(rec *Show, v any) {
	p := s.p
	seen := map[string]bool{}
	// An item is listed once under a relation: directly where it is so,
	// else through the first phase or workstream it affects.
	add := func(rel, id string, link *programme.Dep, via string) {
		key := rel + "\x00" + id
		if seen[key] {
			if via == "" {
				for i, l := range rec.Links[rel] {
					if l.ID == id {
						rec.Links[rel][i].Via = ""
					}
				}
			}
			return
		}
		seen[key] = true
		l := s.link(id)
		if link != nil {
			d := linkOf(*link)
			l.Type, l.Lag = d.Type, d.Lag
			if link.Lag != 0 || d.Type != "" {
				l.label = link.LagLabel()
			}
		}
		l.Via = via
		rec.Links[rel] = append(rec.Links[rel], l)
	}
	for _, r := range programme.References(v) {
		var link *programme.Dep
		if r.Field == "depends_on" && rec.Kind == string(programme.KindMilestone) {
			link = &r.Link
		}
		add(r.Field, r.ID, link, "")
	}
	if p.Header.Owner == rec.ID && rec.Kind != string(programme.KindProgramme) {
		add("owns", p.Header.ID, nil, "")
	}
	var m *programme.Milestone
	if x, ok := v.(*programme.Milestone); ok {
		m = x
	}
	p.Each(func(kind programme.Kind, id string, _ *programme.Item, other any) {
		for _, r := range programme.References(other) {
			rel := programme.Inverse(r.Field)
			switch {
			case r.ID == rec.ID && rel != "":
				var link *programme.Dep
				if kind == programme.KindMilestone && r.Field == "depends_on" {
					link = &r.Link
				}
				add(rel, id, link, "")
			case m != nil && r.Field == "affects" && r.ID != "" && (r.ID == m.Phase || r.ID == m.Workstream):
				// What affects a milestone's phase or workstream affects it.
				add("affected_by", id, nil, r.ID)
			}
		}
	})
	// A phase's or workstream's milestones read best in date order.
	if ms := rec.Links["milestones"]; len(ms) > 0 {
		slices.SortStableFunc(ms, func(a, b Link) int { return cmp.Or(cmp.Compare(a.Date, b.Date), programme.CompareIDs(a.ID, b.ID)) })
	}
}

// link describes a related item by id.
func (s *shower) link(id string) Link {
	p := s.p
	l := Link{ID: id}
	r, ok := p.Lookup(id)
	if !ok {
		if id == p.Header.ID {
			return Link{ID: id, Kind: string(programme.KindProgramme), Title: p.Header.Name}
		}
		l.Kind = "unknown" // a broken reference; oco validate names it
		return l
	}
	l.Kind = string(r.Kind)
	l.Title = programme.TitleOf(r.Item)
	switch x := r.Item.(type) {
	case *programme.Milestone:
		st := p.State(x, s.asOf)
		l.Date, l.Status = st.Date, st.Status
	case *programme.Decision:
		l.Date = x.Date
	case *programme.Risk:
		l.Status = x.Status
	case *programme.Issue:
		l.Status = x.Status
	case *programme.Assumption:
		l.Status = x.Status
	}
	return l
}

// fields lists every field the item gives, in the format's order, under
// the format's names; references name what they refer to.
func (s *shower) fields(v any) []Field {
	var out []Field
	rv := reflect.ValueOf(v).Elem()
	rt := rv.Type()
	for i := 0; i < rt.NumField(); i++ {
		name, opts, _ := strings.Cut(rt.Field(i).Tag.Get("oco"), ",")
		if name == "" || name == "-" || name == "id" {
			continue
		}
		if (name == "title" || name == "name" || name == "statement") && rv.Field(i).Interface() == programme.TitleOf(v) {
			continue // the heading says it
		}
		text := s.valueText(rv.Field(i), strings.Contains(opts, "ref="))
		if text == "" {
			continue
		}
		out = append(out, Field{Name: name, Value: text})
	}
	return out
}

// valueText writes a field's value as a person reads it; "" for absent.
func (s *shower) valueText(fv reflect.Value, isRef bool) string {
	named := func(id string) string {
		if !isRef {
			return id
		}
		if r, ok := s.p.Lookup(id); ok {
			if t := programme.TitleOf(r.Item); t != "" {
				return id + " (" + OneLine(t) + ")"
			}
		}
		return id
	}
	switch x := fv.Interface().(type) {
	case programme.Date:
		return x.String()
	case string:
		if x == "" {
			return ""
		}
		return named(x)
	case int:
		if x == 0 {
			return ""
		}
		return strconv.Itoa(x)
	case []string:
		return strings.Join(x, ", ")
	case []programme.Dep:
		parts := make([]string, len(x))
		for i, d := range x {
			parts[i] = d.ID
			if d.Lag != 0 || d.LinkType() != "fs" {
				parts[i] += " (lag " + d.LagLabel() + ")"
			}
		}
		return strings.Join(parts, ", ")
	}
	if fv.Kind() == reflect.Pointer && !fv.IsNil() && fv.Elem().Kind() == reflect.Struct {
		// A mapping inside an item, such as a risk's target.
		var parts []string
		e := fv.Elem()
		for i := 0; i < e.NumField(); i++ {
			name, _, _ := strings.Cut(e.Type().Field(i).Tag.Get("oco"), ",")
			if t := s.valueText(e.Field(i), false); t != "" {
				parts = append(parts, name+" "+t)
			}
		}
		return strings.Join(parts, ", ")
	}
	return ""
}

// derived lists what oco works out about the item.
func (s *shower) derived(v any) []Field {
	p := s.p
	switch x := v.(type) {
	case *programme.Milestone:
		plan := s.plan()
		i := slices.Index(p.Milestones, x)
		st := MilestoneState(p, plan, i, s.asOf)
		// The item's own dates are among its fields; what is derived from
		// them is said once, on the expected date.
		out := []Field{{Name: "status", Value: st.Status + " (" + st.RAG + ")", Tone: st.RAG}}
		if st.Status == programme.StatusOverdue {
			out[0].Value += ", " + programme.Plural(-st.Left, "day") + " past its date"
		}
		if i >= 0 && i < len(plan.Expected) {
			if !st.Finished() {
				out = append(out, Field{Name: "expected", Value: ExpectedText(plan, i, s.asOf), Tone: st.RAG})
			}
			out = append(out,
				Field{Name: "slack", Value: programme.Plural(plan.Slack[i], "day")})
			if plan.Critical[i] {
				out = append(out, Field{Name: "critical", Value: "on the critical path", Tone: programme.Red})
			}
		}
		return out
	case *programme.Phase:
		st := p.PhaseStateExpected(x, s.asOf, s.plan().Expected)
		out := []Field{{Name: "progress", Value: fmt.Sprintf("%d of %d milestones done", st.Done, st.Total)}}
		if st.RAG != "" {
			out = append(out, Field{Name: "rag", Value: st.RAG, Tone: st.RAG})
		}
		if st.Current {
			out = append(out, Field{Name: "current", Value: "its window holds the reporting date " + s.asOf.String()})
		}
		return out
	case *programme.Risk:
		if !x.Assessed() {
			return []Field{{Name: "rag", Value: "not assessed", Tone: "grey"}}
		}
		rag := p.RAG(x.Score())
		return []Field{{Name: "score", Value: strconv.Itoa(x.Score()) + " (" + rag + ")", Tone: rag}}
	case *programme.Assumption:
		if x.Overdue(s.asOf) {
			return []Field{{Name: "overdue", Value: "validation was due " + programme.Plural(s.asOf.Sub(x.ValidateBy), "day") + " ago", Tone: programme.Red}}
		}
	case *programme.Issue:
		if x.Overdue(s.asOf) {
			return []Field{{Name: "overdue", Value: "resolution was due " + programme.Plural(s.asOf.Sub(x.ResolveBy), "day") + " ago", Tone: programme.Red}}
		}
	}
	return nil
}

// OneLine keeps a heading to one line, and safe: see Safe.
func OneLine(s string) string { return strings.Join(strings.Fields(Safe(s)), " ") }

// Safe drops control characters other than line breaks, so an escape
// code typed into a file cannot reach the terminal.
func Safe(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n':
			return r
		case r == '\t':
			return ' '
		case unicode.IsControl(r):
			return -1
		}
		return r
	}, s)
}

// linkSections are the relations shown as tables, in order, with their
// headings. References to a single item (phase, owner, decision) are shown
// among the fields instead.
var linkSections = []struct{ rel, heading string }{
	{"depends_on", "Depends on"},
	{"needed_by", "Needed by"},
	{"milestones", "Milestones"},
	{"affects", "Affects"},
	{"affected_by", "Affected by"},
	{"approves", "Approves the dates of"},
	{"enabled_by", "Enabled by"},
	{"enables", "Enables"},
	{"members", "Members"},
	{"chairs", "Chairs"},
	{"member_of", "Member of"},
	{"owns", "Owns"},
	{"leads", "Leads"},
	{"runs", "Runs"},
	{"decided", "Decisions taken"},
	{"reported_to_by", "Reported to by"},
	{"escalations", "Risks escalated to it"},
	{"assumptions", "Assumptions that would become it if false"},
	{"risks", "Risks that occurred as it"},
}

// Page is the item as `oco show` prints it: its id and title, its kind
// and where it is defined, its fields, then its links by relation.
func (rec *Show) Page() render.Page {
	var pg render.Page
	pg.Add(render.Block{Line: []render.Cell{{Text: rec.ID, Style: render.Bold}, {Text: "  " + OneLine(rec.Title)}}},
		render.Block{Line: []render.Cell{{Text: rec.Kind + " · " + rec.Defined, Style: render.Grey}}},
		render.Block{})
	tabled := map[string]bool{}
	for _, sec := range linkSections {
		tabled[sec.rel] = len(rec.Links[sec.rel]) > 0
	}
	var fields []render.Field
	for _, f := range rec.Fields {
		if tabled[f.Name] {
			continue // a table below lists them, each with its title
		}
		fields = append(fields, render.Field{Name: f.Name, Value: Safe(f.Value), Style: toneStyle(f.Tone)})
	}
	pg.Add(render.Block{Fields: fields})
	for _, sec := range linkSections {
		if links := rec.Links[sec.rel]; len(links) > 0 {
			pg.Section(sec.heading, linkTable(links), "")
		}
	}
	return pg
}

// toneStyle is the colour of a field's tone: a rating's, or grey.
func toneStyle(tone string) render.Style {
	if tone == "grey" {
		return render.Grey
	}
	return render.RAGStyle(tone)
}

// linkTable lays out related items, leaving out columns none of them fill.
func linkTable(links []Link) render.Table {
	cols := []struct {
		col  render.Column
		cell func(Link) render.Cell
	}{
		{render.Column{Header: "ID"}, func(l Link) render.Cell { return render.Cell{Text: l.ID} }},
		{render.Column{Header: "KIND"}, func(l Link) render.Cell { return render.Cell{Text: l.Kind} }},
		{render.Column{Header: "TITLE", Flex: true}, func(l Link) render.Cell { return render.Cell{Text: l.Title} }},
		{render.Column{Header: "DATE"}, func(l Link) render.Cell { return dateCell(l.Date) }},
		{render.Column{Header: "STATUS"}, func(l Link) render.Cell { return ragCell(l.Status, l.Status) }},
		{render.Column{Header: "LAG", Align: render.Right}, func(l Link) render.Cell {
			return render.Cell{Text: l.label}
		}},
		{render.Column{Header: "VIA"}, func(l Link) render.Cell { return render.Cell{Text: l.Via} }},
	}
	var tb render.Table
	var keep []int
	for i, c := range cols {
		if c.col.Header == "KIND" && !slices.ContainsFunc(links, func(l Link) bool { return l.Kind != links[0].Kind }) {
			continue // the heading says what they are
		}
		for _, l := range links {
			if c.cell(l).Text != "" {
				keep = append(keep, i)
				break
			}
		}
	}
	for _, i := range keep {
		tb.Columns = append(tb.Columns, cols[i].col)
	}
	for _, l := range links {
		row := make([]render.Cell, len(keep))
		for j, i := range keep {
			row[j] = cols[i].cell(l)
		}
		tb.Rows = append(tb.Rows, row)
	}
	return tb
}
