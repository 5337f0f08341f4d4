package programme

import (
	"reflect"
	"sort"
	"strings"
)

// Defaults of SPEC section 3, used where the programme does not set them.
var (
	DefaultTolerances = Tolerances{AmberDays: 14, RedDays: 30, DueSoonDays: 30}
	DefaultRiskBands  = RiskBands{Amber: 5, Red: 15}
)

var defaults = map[reflect.Type]any{
	reflect.TypeOf((*Tolerances)(nil)): &DefaultTolerances,
	reflect.TypeOf((*RiskBands)(nil)):  &DefaultRiskBands,
}

func (p *Programme) applyDefaults() {
	if p.Header.Tolerances == nil {
		t := DefaultTolerances
		p.Header.Tolerances = &t
	}
	if p.Header.RiskBands == nil {
		b := DefaultRiskBands
		p.Header.RiskBands = &b
	}
	// A status left out takes its default; one the loader rejected stays
	// empty, so that no rule mistakes it for what the user wrote.
	for _, r := range p.Risks {
		if r.Status == "" && r.Blank("status") {
			r.Status = "open"
		}
	}
	for _, a := range p.Assumptions {
		if a.Status == "" && a.Blank("status") {
			a.Status = "unverified"
		}
	}
	for _, i := range p.Issues {
		if i.Status == "" && i.Blank("status") {
			i.Status = "open"
		}
	}
}

// Each calls fn for every item of the programme with an id, kinds in
// section order and items in file order.
func (p *Programme) Each(fn func(kind Kind, id string, it *Item, v any)) {
	for _, x := range p.People {
		fn(KindPerson, x.ID, &x.Item, x)
	}
	for _, x := range p.Bodies {
		fn(KindBody, x.ID, &x.Item, x)
	}
	for _, x := range p.Workstreams {
		fn(KindWorkstream, x.ID, &x.Item, x)
	}
	for _, x := range p.Phases {
		fn(KindPhase, x.ID, &x.Item, x)
	}
	for _, x := range p.Milestones {
		fn(KindMilestone, x.ID, &x.Item, x)
	}
	for _, x := range p.Risks {
		fn(KindRisk, x.ID, &x.Item, x)
	}
	for _, x := range p.Assumptions {
		fn(KindAssumption, x.ID, &x.Item, x)
	}
	for _, x := range p.Issues {
		fn(KindIssue, x.ID, &x.Item, x)
	}
	for _, x := range p.Decisions {
		fn(KindDecision, x.ID, &x.Item, x)
	}
	for _, x := range p.Benefits {
		fn(KindBenefit, x.ID, &x.Item, x)
	}
	for _, x := range p.Calendars {
		fn(KindCalendar, x.ID, &x.Item, x)
	}

	// The board cycle (SPEC 7.3).
	for _, x := range p.Assessments {
		fn(KindAssessment, x.ID, &x.Item, x)
	}
	for _, x := range p.Lessons {
		fn(KindLesson, x.ID, &x.Item, x)
	}
}

func (p *Programme) buildIndex() {
	p.index = make(map[string]Ref)
	p.Each(func(kind Kind, id string, it *Item, v any) {
		if id == "" {
			return
		}
		if _, dup := p.index[id]; !dup {
			p.index[id] = Ref{Kind: kind, Item: v, At: it}
		}
	})
	p.indexBuiltinCalendars()
}

// Lookup finds an item by id. Where an id is used twice, the first wins.
// A programme put together in code, not loaded, is indexed on first use.
func (p *Programme) Lookup(id string) (Ref, bool) {
	if p.index == nil {
		p.buildIndex()
	}
	r, ok := p.index[id]
	return r, ok
}

// IDs returns every id of the given kinds (all kinds when none are given).
func (p *Programme) IDs(kinds ...Kind) []string {
	var out []string
	p.Each(func(kind Kind, id string, _ *Item, _ any) {
		if id != "" && (len(kinds) == 0 || containsKind(kinds, kind)) {
			out = append(out, id)
		}
	})
	if containsKind(kinds, KindCalendar) {
		out = p.appendBuiltinCalendars(out)
	}
	return out
}

func containsKind(ks []Kind, k Kind) bool {
	for _, x := range ks {
		if x == k {
			return true
		}
	}
	return false
}

// Milestone returns the milestone with the given id, or nil.
func (p *Programme) Milestone(id string) *Milestone {
	if r, ok := p.Lookup(id); ok {
		if m, ok := r.Item.(*Milestone); ok {
			return m
		}
	}
	return nil
}

// Phase returns the phase with the given id, or nil.
func (p *Programme) Phase(id string) *Phase {
	if r, ok := p.Lookup(id); ok {
		if ph, ok := r.Item.(*Phase); ok {
			return ph
		}
	}
	return nil
}

// Pos is where the item starts.
func (it *Item) Pos() Pos {
	if it.Line == 0 {
		return Pos{File: it.File}
	}
	return Pos{File: it.File, Line: it.Line, Col: it.Col}
}

func (it *Item) key(field string) *keyAt {
	if it.si == nil {
		return nil
	}
	f, ok := it.si.byName[field]
	if !ok {
		return nil
	}
	for i := range it.keys {
		if int(it.keys[i].field) == f {
			return &it.keys[i]
		}
	}
	return nil
}

// Has reports whether the item's file gives the field a value.
func (it *Item) Has(field string) bool {
	k := it.key(field)
	return k != nil && k.flags&keyNull == 0
}

// Blank reports whether the item leaves the field out: no key, no value,
// or text of spaces only.
func (it *Item) Blank(field string) bool {
	k := it.key(field)
	return k == nil || k.flags&keyBlank != 0
}

// KeyPos is where the field's key is, or the item's start if it has none.
func (it *Item) KeyPos(field string) Pos {
	if k := it.key(field); k != nil {
		return Pos{File: it.File, Line: int(k.line), Col: int(k.col)}
	}
	return it.Pos()
}

// ElemPos is where the i-th entry of a list field is, counting the entries
// the model kept (an entry that is not an id is reported and left out).
func (it *Item) ElemPos(field string, i int) Pos {
	k := it.key(field)
	if k == nil {
		return it.Pos()
	}
	if i >= 0 && i < int(k.nelem) {
		e := it.elems[int(k.elem)+2*i:]
		return Pos{File: it.File, Line: int(e[0]), Col: int(e[1])}
	}
	return Pos{File: it.File, Line: int(k.line), Col: int(k.col)}
}

// suggest is Suggest, for the loader's messages.
func suggest(s string, candidates []string) string { return Suggest(s, candidates) }

// Nearest returns up to n candidates close to s by edit distance (ignoring
// case), nearest first.
func Nearest(s string, candidates []string, n int) []string {
	type scored struct {
		c string
		d int
	}
	ls := strings.ToLower(s)
	limit := max(2, len(s)/3)
	var out []scored
	for _, c := range candidates {
		lc := strings.ToLower(c)
		if abs(len(lc)-len(ls)) > limit {
			continue
		}
		d := distance(ls, lc)
		if d <= limit && c != s {
			out = append(out, scored{c, d})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].d < out[j].d })
	var res []string
	for i := 0; i < len(out) && i < n; i++ {
		res = append(res, out[i].c)
	}
	return res
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// distance is the optimal string alignment distance: a swap of two
// neighbouring letters counts once, as typists make it.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	if len(ra) > 200 || len(rb) > 200 {
		return 1 << 20
	}
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}
