package programme

import (
	"reflect"
	"testing"
)

func day(t *testing.T, s string) Date {
	t.Helper()
	d, err := ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// Two phases whose windows both hold the reporting date: the listing, the
// dashboard and show must name the same one current.
func TestCurrentPhaseOverlap(t *testing.T) {
	p := &Programme{Phases: []*Phase{
		{ID: "P1", Start: day(t, "2017-01-01"), End: day(t, "2017-12-31")},
		{ID: "P2", Start: day(t, "2017-06-01"), End: day(t, "2017-09-30")},
	}}
	asOf := day(t, "2017-06-30")
	cur := p.CurrentPhase(asOf)
	if cur == nil || cur.ID != "P2" {
		t.Fatalf("CurrentPhase = %v, want P2", cur)
	}
	states := p.PhaseStates(asOf)
	for i, ph := range p.Phases {
		one := p.PhaseState(ph, asOf)
		if one != states[i] {
			t.Errorf("%s: PhaseState %+v, PhaseStates %+v", ph.ID, one, states[i])
		}
		if want := ph == cur; one.Current != want {
			t.Errorf("%s: Current = %v, want %v", ph.ID, one.Current, want)
		}
	}
}

func TestPhaseRAG(t *testing.T) {
	asOf := day(t, "2017-06-30")
	p := &Programme{
		Phases: []*Phase{{ID: "P1"}, {ID: "P2"}, {ID: "P3"}},
		Milestones: []*Milestone{
			{ID: "M-1", Phase: "P1", Due: day(t, "2017-05-01"), Done: day(t, "2017-05-20")}, // late: amber, but finished
			{ID: "M-2", Phase: "P1", Due: day(t, "2017-08-01")},                             // green
			{ID: "M-3", Phase: "P2", Due: day(t, "2017-06-01")},                             // overdue: red
			{ID: "M-4", Phase: "P2", Due: day(t, "2017-08-01"), Forecast: day(t, "2017-08-20")},
		},
	}
	want := []PhaseState{{Done: 1, Total: 2, RAG: Green}, {Total: 2, RAG: Red}, {}}
	for i, s := range p.PhaseStates(asOf) {
		if s != want[i] {
			t.Errorf("%s: %+v, want %+v", p.Phases[i].ID, s, want[i])
		}
	}
	if got := p.Rating(asOf); got != Red {
		t.Errorf("Rating = %q, want red", got)
	}
}

func TestWorseRAG(t *testing.T) {
	for _, c := range []struct{ a, b, want string }{
		{"", Green, Green}, {Green, "", Green}, {Green, Amber, Amber}, {Red, Amber, Red}, {Amber, Red, Red}, {"", "", ""},
	} {
		if got := WorseRAG(c.a, c.b); got != c.want {
			t.Errorf("WorseRAG(%q, %q) = %q, want %q", c.a, c.b, got, c.want)
		}
	}
}

// Overdue has one default for every kind: a status left out is the
// kind's default; a status the loader rejected is not.
func TestOverdueDefaults(t *testing.T) {
	asOf := day(t, "2017-06-30")
	before := day(t, "2017-06-01")
	// An item whose status key is there, with no value the model kept.
	rejected := func(v any) Item {
		si := infoOf(reflect.TypeOf(v).Elem())
		return Item{si: si, keys: []keyAt{{field: uint8(si.byName["status"])}}}
	}
	for _, c := range []struct {
		name string
		got  bool
		want bool
	}{
		{"assumption, status left out", (&Assumption{ValidateBy: before}).Overdue(asOf), true},
		{"assumption, unverified", (&Assumption{Status: "unverified", ValidateBy: before}).Overdue(asOf), true},
		{"assumption, valid", (&Assumption{Status: "valid", ValidateBy: before}).Overdue(asOf), false},
		{"assumption, status rejected", (&Assumption{Item: rejected(&Assumption{}), ValidateBy: before}).Overdue(asOf), false},
		{"assumption, no date", (&Assumption{}).Overdue(asOf), false},
		{"assumption, on the day", (&Assumption{ValidateBy: asOf}).Overdue(asOf), false},
		{"issue, status left out", (&Issue{ResolveBy: before}).Overdue(asOf), true},
		{"issue, closed", (&Issue{Status: "closed", ResolveBy: before}).Overdue(asOf), false},
		{"issue, status rejected", (&Issue{Item: rejected(&Issue{}), ResolveBy: before}).Overdue(asOf), false},
		{"risk, status left out", (&Risk{ReviewBy: before}).ReviewOverdue(asOf), true},
		{"risk, occurred", (&Risk{Status: "occurred", ReviewBy: before}).ReviewOverdue(asOf), false},
		{"risk, status rejected", (&Risk{Item: rejected(&Risk{}), ReviewBy: before}).ReviewOverdue(asOf), false},
	} {
		if c.got != c.want {
			t.Errorf("%s: overdue = %v, want %v", c.name, c.got, c.want)
		}
	}
}

func TestLagString(t *testing.T) {
	for _, s := range []string{"0d", "1d", "10d", "14d"} {
		l, err := ParseLag(s)
		if err != nil {
			t.Fatal(err)
		}
		if l.String() != s {
			t.Errorf("ParseLag(%q).String() = %q", s, l.String())
		}
	}
	if l, _ := ParseLag("2w"); l.String() != "14d" {
		t.Errorf("2w prints as %q, want 14d", l.String())
	}
}

func TestLinkTo(t *testing.T) {
	m := &Milestone{DependsOn: []Dep{{ID: "A", Lag: 3}, {ID: "B", Lag: 1}, {ID: "A", Lag: 7}}}
	if got := m.LinkTo("A").Lag; got != 7 {
		t.Errorf("LinkTo(A).Lag = %d, want the longest, 7", got)
	}
	if got := m.LinkTo("C").Lag; got != 0 {
		t.Errorf("LinkTo(C).Lag = %d, want 0", got)
	}
}

// A lag column names a link's type and its working days, as the link's
// shorthand does.
func TestLagLabel(t *testing.T) {
	for _, tc := range []struct {
		d    Dep
		want string
	}{
		{Dep{ID: "A"}, "0d"},
		{Dep{ID: "A", Lag: 14}, "14d"},
		{Dep{ID: "A", Lag: 5, Working: true}, "5wd"},
		{Dep{ID: "A", Type: "ss", Lag: 5, Working: true}, "ss 5wd"},
		{Dep{ID: "A", Type: "ff", Lag: -2}, "ff -2d"},
		{Dep{ID: "A", Type: "fs", Lag: 1}, "1d"},
	} {
		if got := tc.d.LagLabel(); got != tc.want {
			t.Errorf("%+v: LagLabel() = %q, want %q", tc.d, got, tc.want)
		}
	}
}

func TestSuggest(t *testing.T) {
	for _, c := range []struct {
		s     string
		cands []string
		want  string
	}{
		{"titel", []string{"title", "due", "owner"}, `; did you mean "title"?`},
		{"M-44", []string{"M-1", "M-2", "M-4", "M-10"}, `; did you mean "M-4", "M-1" or "M-2"?`},
		{"p9", []string{"p1", "p2"}, `; did you mean "p1" or "p2"?`},
		{"zzzzzz", []string{"p1"}, ""},
	} {
		if got := Suggest(c.s, c.cands); got != c.want {
			t.Errorf("Suggest(%q) = %q, want %q", c.s, got, c.want)
		}
	}
}

func TestCompareIDs(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want int
	}{
		{"M-2", "M-10", -1}, {"M-10", "M-2", 1}, {"M-02", "M-2", 0}, {"M-1", "M-1a", -1}, {"A", "B", -1}, {"R-1", "M-1", 1},
	} {
		got := CompareIDs(c.a, c.b)
		if (got < 0) != (c.want < 0) || (got > 0) != (c.want > 0) {
			t.Errorf("CompareIDs(%q, %q) = %d, want the sign of %d", c.a, c.b, got, c.want)
		}
	}
}
