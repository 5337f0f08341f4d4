package cli

import (
	"cmp"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/spf13/cobra"

	"github.com/ocotool/oco/internal/programme"
	"github.com/ocotool/oco/internal/render"
)

func newShowCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:     "show ID",
		GroupID: "view",
		Short:   "Show one item in full, with what it depends on and what depends on it",
		Long: `Show any item (programme, person, body, workstream, phase, milestone, risk,
assumption, issue, decision or benefit) by its id: every field, its derived
status, where it is defined, and how it links to the rest of the programme:
what it depends on and what depends on it, a phase's milestones, what a
person or body owns, chairs or sits on, the risks, assumptions, issues and
decisions that affect it (for a milestone, also through its phase or
workstream), and for a milestone its expected date and slack.

-o json and -o yaml print {kind, id, defined, item, links}: item is the
record 'oco milestones -o json' (and the like) prints, links the related
items by relation (depends_on, needed_by, milestones, affected_by, owns, ...).`,
		Example: `  oco show M-12
  oco show coo
  oco show M-12 -o json | jq -r '.links.needed_by[].id'`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error { return runShow(g, args[0]) },
	}
	g.addOutputFlag(cmd, "table", render.FormatTable, render.FormatJSON, render.FormatYAML)
	return cmd
}

// showRecord is one item as `oco show -o json` prints it.
type showRecord struct {
	Kind    string                  `json:"kind" yaml:"kind"`
	ID      string                  `json:"id" yaml:"id"`
	Defined string                  `json:"defined" yaml:"defined"` // file:line
	Item    any                     `json:"item" yaml:"item"`
	Links   map[string][]linkRecord `json:"links" yaml:"links"`
}

// linkRecord is an item related to the one shown.
type linkRecord struct {
	ID     string         `json:"id" yaml:"id"`
	Kind   string         `json:"kind" yaml:"kind"`
	Title  string         `json:"title,omitempty" yaml:"title,omitempty"`
	Date   programme.Date `json:"date,omitempty" yaml:"date,omitempty"`     // a milestone's date, a decision's
	Status string         `json:"status,omitempty" yaml:"status,omitempty"` // a milestone's, risk's, issue's or assumption's
	Lag    string         `json:"lag,omitempty" yaml:"lag,omitempty"`       // of a dependency
	Via    string         `json:"via,omitempty" yaml:"via,omitempty"`       // affects it through this phase or workstream
}

func runShow(g *globals, id string) error {
	f, err := g.format(render.FormatTable, render.FormatJSON, render.FormatYAML)
	if err != nil {
		return err
	}
	s, err := g.load()
	if err != nil {
		return err
	}
	rec, v, it, err := s.show(id)
	if err != nil {
		return err
	}
	t := g.term()
	switch f {
	case render.FormatJSON:
		return render.JSON(t.Out, rec)
	case render.FormatYAML:
		return render.YAML(t.Out, rec)
	}
	return printShow(t, s, rec, v, it)
}

// show finds id and gathers everything shown about it. v is the
// model's item and it its position.
func (s *session) show(id string) (rec *showRecord, v any, it *programme.Item, err error) {
	p := s.p
	var kind programme.Kind
	if r, ok := p.Lookup(id); ok {
		kind, v = r.Kind, r.Item
	} else if id != "" && id == p.Header.ID {
		kind, v = programme.KindProgramme, &p.Header
	} else {
		all := append([]string{p.Header.ID}, p.IDs()...)
		return nil, nil, nil, usageError("no item has the id %q%s", id, nearestHint(id, all))
	}
	it = itemBase(v)
	rec = &showRecord{Kind: string(kind), ID: id, Links: map[string][]linkRecord{}}
	if pos := it.Pos(); pos.Line > 0 {
		rec.Defined = fmt.Sprintf("%s:%d", pos.File, pos.Line)
	} else {
		rec.Defined = pos.File
	}
	rec.Item = s.record(v)
	s.addLinks(rec, v)
	return rec, v, it, nil
}

// itemBase returns the position part every item embeds.
func itemBase(v any) *programme.Item {
	return reflect.ValueOf(v).Elem().FieldByName("Item").Addr().Interface().(*programme.Item)
}

// record converts any item to its -o json record.
func (s *session) record(v any) any {
	p := s.p
	switch x := v.(type) {
	case *programme.Header:
		return programmeRec(p)
	case *programme.Person:
		return personRec(x)
	case *programme.Body:
		return bodyRec(x)
	case *programme.Workstream:
		return workstreamRec(x)
	case *programme.Phase:
		return phaseRec(p, x, s.asOf)
	case *programme.Milestone:
		return milestoneRec(p, s.plan(), slices.Index(p.Milestones, x), s.asOf)
	case *programme.Risk:
		return riskRec(p, x)
	case *programme.Assumption:
		return assumptionRec(x)
	case *programme.Issue:
		return issueRec(x)
	case *programme.Decision:
		return decisionRec(x)
	case *programme.Benefit:
		return benefitRec(x)
	}
	return nil
}

// itemRef is one reference an item makes: field names the id.
type itemRef struct {
	field string
	id    string
	lag   programme.Lag
	list  bool // the field holds a list
}

// itemRefs lists the references an item makes, in the order of its fields,
// read from the model's tags so every reference the format has is found.
func itemRefs(v any) []itemRef {
	var out []itemRef
	rv := reflect.ValueOf(v).Elem()
	rt := rv.Type()
	for i := 0; i < rt.NumField(); i++ {
		name, opts, _ := strings.Cut(rt.Field(i).Tag.Get("oco"), ",")
		if name == "" || name == "-" || !rt.Field(i).IsExported() {
			continue
		}
		switch x := rv.Field(i).Interface().(type) {
		case []programme.Dep:
			for _, d := range x {
				out = append(out, itemRef{field: name, id: d.ID, lag: d.Lag, list: true})
			}
		case []string:
			if strings.Contains(opts, "ref=") {
				for _, id := range x {
					out = append(out, itemRef{field: name, id: id, list: true})
				}
			}
		case string:
			if strings.Contains(opts, "ref=") && x != "" {
				out = append(out, itemRef{field: name, id: x})
			}
		}
	}
	return out
}

// incomingRelation names what a reference is from the side of the item referred
// to: a milestone's depends_on makes its predecessor needed_by it.
var incomingRelation = map[string]string{
	"depends_on":   "needed_by",
	"phase":        "milestones",
	"workstream":   "milestones",
	"affects":      "affected_by",
	"decision":     "approves",
	"owner":        "owns",
	"by":           "decided",
	"lead":         "leads",
	"body":         "runs",
	"chair":        "chairs",
	"members":      "member_of",
	"reports_to":   "reported_to_by",
	"escalated_to": "escalations",
	"risk":         "assumptions",
	"issue":        "risks",
	"enabled_by":   "enables",
}

// addLinks gathers the items v refers to and those that refer to it.
func (s *session) addLinks(rec *showRecord, v any) {
	p := s.p
	seen := map[string]bool{}
	// An item is listed once under a relation: directly where it is so,
	// else through the first phase or workstream it affects.
	add := func(rel, id string, lag *programme.Lag, via string) {
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
		if lag != nil {
			l.Lag = lagOf(*lag)
		}
		l.Via = via
		rec.Links[rel] = append(rec.Links[rel], l)
	}
	for _, r := range itemRefs(v) {
		var lag *programme.Lag
		if r.field == "depends_on" && rec.Kind == string(programme.KindMilestone) {
			lag = &r.lag
		}
		add(r.field, r.id, lag, "")
	}
	if p.Header.Owner == rec.ID && rec.Kind != string(programme.KindProgramme) {
		add("owns", p.Header.ID, nil, "")
	}
	var m *programme.Milestone
	if x, ok := v.(*programme.Milestone); ok {
		m = x
	}
	p.Each(func(kind programme.Kind, id string, _ *programme.Item, other any) {
		for _, r := range itemRefs(other) {
			rel := incomingRelation[r.field]
			switch {
			case r.id == rec.ID && rel != "":
				var lag *programme.Lag
				if kind == programme.KindMilestone && r.field == "depends_on" {
					lag = &r.lag
				}
				add(rel, id, lag, "")
			case m != nil && r.field == "affects" && r.id != "" && (r.id == m.Phase || r.id == m.Workstream):
				// What affects a milestone's phase or workstream affects it.
				add("affected_by", id, nil, r.id)
			}
		}
	})
	// A phase's or workstream's milestones read best in date order.
	if ms := rec.Links["milestones"]; len(ms) > 0 {
		slices.SortStableFunc(ms, func(a, b linkRecord) int { return cmp.Or(cmp.Compare(a.Date, b.Date), idOrder(a.ID, b.ID)) })
	}
}

// link describes a related item by id.
func (s *session) link(id string) linkRecord {
	p := s.p
	l := linkRecord{ID: id}
	r, ok := p.Lookup(id)
	if !ok {
		if id == p.Header.ID {
			return linkRecord{ID: id, Kind: string(programme.KindProgramme), Title: p.Header.Name}
		}
		l.Kind = "unknown" // a broken reference; oco validate names it
		return l
	}
	l.Kind = string(r.Kind)
	l.Title = itemTitle(r.Item)
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

// itemTitle is what an item is called: its title, name or statement.
func itemTitle(v any) string {
	switch x := v.(type) {
	case *programme.Header:
		return x.Name
	case *programme.Person:
		return x.Name
	case *programme.Body:
		return x.Name
	case *programme.Workstream:
		return x.Name
	case *programme.Phase:
		return x.Name
	case *programme.Milestone:
		return x.Title
	case *programme.Risk:
		return x.Title
	case *programme.Assumption:
		return x.Statement
	case *programme.Issue:
		return x.Title
	case *programme.Decision:
		return x.Title
	case *programme.Benefit:
		return x.Title
	}
	return ""
}

// linkSections are the relations printed as tables, in order, with their
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

// showField is one line of the field list.
type showField struct {
	name, value string
	style       render.Style
}

func printShow(t render.Term, s *session, rec *showRecord, v any, it *programme.Item) error {
	w := &sectionWriter{t: t}
	title := itemTitle(v)
	w.line(strings.TrimRight(t.Paint(rec.ID, render.Bold)+"  "+showOneLine(title), " "))
	w.line(t.Paint(rec.Kind+" · "+rec.Defined, render.Grey))
	w.line("")

	fields := s.fields(v)
	fields = append(fields, s.derived(v)...)
	nameW := 0
	for _, f := range fields {
		nameW = max(nameW, len(f.name))
	}
	for _, f := range fields {
		lines := strings.Split(strings.TrimRight(showSafe(f.value), "\n"), "\n")
		for i, l := range lines {
			label := ""
			if i == 0 {
				label = f.name
			}
			w.line(strings.TrimRight("  "+label+strings.Repeat(" ", nameW-len(label))+"  "+t.Paint(l, f.style), " "))
		}
	}

	for _, sec := range linkSections {
		links := rec.Links[sec.rel]
		if len(links) == 0 {
			continue
		}
		w.heading(sec.heading)
		if w.err == nil {
			w.err = t.Table(linkTable(links))
		}
	}
	return w.err
}

// showOneLine keeps a heading to one line, and safe: see showSafe.
func showOneLine(s string) string { return strings.Join(strings.Fields(showSafe(s)), " ") }

// showSafe drops control characters other than line breaks, so an escape
// code typed into a file cannot reach the terminal.
func showSafe(s string) string {
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

// linkTable lays out related items, leaving out columns none of them fill.
func linkTable(links []linkRecord) render.Table {
	cols := []struct {
		col  render.Column
		cell func(linkRecord) render.Cell
	}{
		{render.Column{Header: "ID"}, func(l linkRecord) render.Cell { return render.Cell{Text: l.ID} }},
		{render.Column{Header: "KIND"}, func(l linkRecord) render.Cell { return render.Cell{Text: l.Kind} }},
		{render.Column{Header: "TITLE", Flex: true}, func(l linkRecord) render.Cell { return render.Cell{Text: l.Title} }},
		{render.Column{Header: "DATE"}, func(l linkRecord) render.Cell { return listDateCell(l.Date) }},
		{render.Column{Header: "STATUS"}, func(l linkRecord) render.Cell { return listRAGCell(l.Status, l.Status) }},
		{render.Column{Header: "LAG", Align: render.Right}, func(l linkRecord) render.Cell {
			if l.Lag == "0d" {
				return render.Cell{}
			}
			return render.Cell{Text: l.Lag}
		}},
		{render.Column{Header: "VIA"}, func(l linkRecord) render.Cell { return render.Cell{Text: l.Via} }},
	}
	var tb render.Table
	var keep []int
	for i, c := range cols {
		if c.col.Header == "KIND" && !slices.ContainsFunc(links, func(l linkRecord) bool { return l.Kind != links[0].Kind }) {
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

// fields lists every field the item gives, in the format's order, under
// the format's names; references name what they refer to.
func (s *session) fields(v any) []showField {
	var out []showField
	rv := reflect.ValueOf(v).Elem()
	rt := rv.Type()
	for i := 0; i < rt.NumField(); i++ {
		name, opts, _ := strings.Cut(rt.Field(i).Tag.Get("oco"), ",")
		if name == "" || name == "-" || name == "id" {
			continue
		}
		text := s.valueText(rv.Field(i), strings.Contains(opts, "ref="))
		if text == "" {
			continue
		}
		out = append(out, showField{name: name, value: text})
	}
	return out
}

// valueText writes a field's value as a person reads it; "" for absent.
func (s *session) valueText(fv reflect.Value, isRef bool) string {
	named := func(id string) string {
		if !isRef {
			return id
		}
		if r, ok := s.p.Lookup(id); ok {
			if t := itemTitle(r.Item); t != "" {
				return id + " (" + showOneLine(t) + ")"
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
			if d.Lag != 0 {
				parts[i] += " (lag " + lagOf(d.Lag) + ")"
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
func (s *session) derived(v any) []showField {
	p := s.p
	switch x := v.(type) {
	case *programme.Milestone:
		st := p.State(x, s.asOf)
		out := []showField{{name: "status", value: st.Status + " (" + st.RAG + ")", style: render.RAGStyle(st.RAG)}}
		if st.Status != programme.StatusDone && st.Status != programme.StatusLate && !st.Date.IsZero() {
			when := "in " + programme.Plural(st.Left, "day")
			if st.Left < 0 {
				when = programme.Plural(-st.Left, "day") + " ago"
			}
			out = append(out, showField{name: "date", value: st.Date.String() + " (" + when + ")"})
		}
		if st.Slip != 0 {
			out = append(out, showField{name: "slip", value: fmt.Sprintf("%+d days from due", st.Slip)})
		}
		plan := s.plan()
		if i := slices.Index(p.Milestones, x); i >= 0 && i < len(plan.Expected) {
			exp := plan.Expected[i].String()
			if d := plan.Driver[i]; d >= 0 {
				exp += " (set by " + plan.Milestones[d].ID + ")"
			}
			out = append(out, showField{name: "expected", value: exp},
				showField{name: "slack", value: programme.Plural(plan.Slack[i], "day")})
			if plan.Critical[i] {
				out = append(out, showField{name: "critical", value: "on the critical path", style: render.Red})
			}
		}
		return out
	case *programme.Phase:
		r := phaseRec(p, x, s.asOf)
		out := []showField{{name: "progress", value: fmt.Sprintf("%d of %d milestones done", r.Done, r.Milestones)}}
		if r.RAG != "" {
			out = append(out, showField{name: "rag", value: r.RAG, style: render.RAGStyle(r.RAG)})
		}
		if r.Current {
			out = append(out, showField{name: "current", value: "its window holds the reporting date " + s.asOf.String()})
		}
		return out
	case *programme.Risk:
		if !x.Assessed() {
			return []showField{{name: "rag", value: "not assessed", style: render.Grey}}
		}
		rag := p.RAG(x.Score())
		return []showField{{name: "score", value: strconv.Itoa(x.Score()) + " (" + rag + ")", style: render.RAGStyle(rag)}}
	case *programme.Assumption:
		if x.Status == "unverified" && !x.ValidateBy.IsZero() && x.ValidateBy < s.asOf {
			return []showField{{name: "overdue", value: "validation was due " + programme.Plural(s.asOf.Sub(x.ValidateBy), "day") + " ago", style: render.Red}}
		}
	case *programme.Issue:
		if x.Status == "open" && !x.ResolveBy.IsZero() && x.ResolveBy < s.asOf {
			return []showField{{name: "overdue", value: "resolution was due " + programme.Plural(s.asOf.Sub(x.ResolveBy), "day") + " ago", style: render.Red}}
		}
	}
	return nil
}
