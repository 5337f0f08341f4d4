package compare

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/ocotool/oco/internal/programme"
	"github.com/ocotool/oco/internal/schedule"
)

const header = `programme:
  id: DEMO
  name: Demo
  start: 2017-01-01
  end: 2017-12-31
  as_of: 2017-03-01
people:
  - {id: ann, name: Ann}
  - {id: bob, name: Bob}
phases:
  - {id: P1, name: One, start: 2017-01-01, end: 2017-06-30}
decisions:
  - {id: D-1, title: Move Day 1, date: 2017-02-20}
`

func load(t *testing.T, body string) Side {
	t.Helper()
	p := programme.Load(fstest.MapFS{"programme.yaml": {Data: []byte(header + body)}}, "programme")
	return Side{P: p, AsOf: p.Header.AsOf}
}

// changes renders a result as "ID what from>to days by" lines, to compare
// whole results at a glance.
func changes(r *Result) []string {
	var out []string
	for _, ch := range r.Changes {
		s := ch.ID + " " + ch.What
		if ch.From != "" || ch.To != "" {
			s += " " + ch.From + ">" + ch.To
		}
		if ch.Days != 0 {
			s += " " + strings.TrimSpace(signedDays(ch.Days))
		}
		if ch.By != "" {
			s += " by " + ch.By
		}
		out = append(out, s)
	}
	return out
}

func rules(fs []programme.Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Rule+" "+f.ID)
	}
	return out
}

const base = `milestones:
  - {id: M-1, title: Case, owner: ann, phase: P1, due: 2017-04-01}
  - {id: M-2, title: Day 1, owner: ann, phase: P1, due: 2017-05-01, depends_on: [M-1]}
  - {id: M-3, title: Signed, owner: ann, phase: P1, due: 2017-02-15, done: 2017-02-15}
risks:
  - {id: R-1, title: Funding, owner: ann, likelihood: 2, impact: 3}
  - {id: R-2, title: Staff, owner: ann, likelihood: 1, impact: 1}
assumptions:
  - {id: A-1, statement: Budgets pool, owner: ann, risk: R-1}
benefits:
  - {id: B-1, title: Savings, owner: ann, by: 2017-10-01, enabled_by: [M-2]}
`

func TestCompare(t *testing.T) {
	tests := []struct {
		name       string
		old, new   string
		want       []string
		introduced []string
		fixed      []string
		headline   string
	}{
		{
			name:     "no change",
			old:      base,
			new:      base,
			headline: "No change to the programme.",
		},
		{
			name: "slip with knock-on",
			old:  base,
			new:  strings.Replace(base, "due: 2017-04-01}", "due: 2017-04-01, forecast: 2017-05-10}", 1),
			want: []string{
				"M-1 slipped 2017-04-01>2017-05-10 +39 days",
				"M-1 status open, green>open, red",
				"M-2 knock-on >2017-05-10 +9 days by M-1",
			},
			introduced: []string{"slipped M-1", "knock-on M-2"},
			headline:   "M-1 slipped 39 days and now pushes M-2 (Day 1); 2 warnings introduced",
		},
		{
			name: "recovery clears the knock-on",
			old:  strings.Replace(base, "due: 2017-04-01}", "due: 2017-04-01, forecast: 2017-05-10}", 1),
			new:  strings.Replace(base, "due: 2017-04-01}", "due: 2017-04-01, forecast: 2017-04-10}", 1),
			want: []string{
				"M-1 recovered 2017-05-10>2017-04-10 +30 days",
				"M-1 status open, red>open, green",
				"M-2 knock-on-cleared 2017-05-10> +9 days by M-1",
			},
			fixed: []string{"slipped M-1", "knock-on M-2"},
		},
		{
			name:       "re-baseline with no decision",
			old:        base,
			new:        strings.Replace(base, "due: 2017-05-01", "due: 2017-05-31", 1),
			want:       []string{"M-2 rebaselined 2017-05-01>2017-05-31 +30 days"},
			introduced: []string{"rebaselined M-2"},
			headline:   "M-2 was re-baselined 30 days later with no decision; 1 warning introduced",
		},
		{
			name: "re-baseline by a decision",
			old:  base,
			new:  strings.Replace(base, "due: 2017-05-01", "due: 2017-05-31, decision: D-1", 1),
			want: []string{"M-2 rebaselined 2017-05-01>2017-05-31 +30 days by D-1"},
		},
		{
			name:       "re-baseline under the same decision as before",
			old:        strings.Replace(base, "due: 2017-05-01", "due: 2017-05-01, decision: D-1", 1),
			new:        strings.Replace(base, "due: 2017-05-01", "due: 2017-05-31, decision: D-1", 1),
			want:       []string{"M-2 rebaselined 2017-05-01>2017-05-31 +30 days by D-1"},
			introduced: []string{"rebaselined M-2"},
		},
		{
			name: "done and re-opened",
			old:  base,
			new: strings.Replace(strings.Replace(base, "due: 2017-04-01}", "due: 2017-04-01, done: 2017-02-28}", 1),
				", done: 2017-02-15}", "}", 1),
			want: []string{
				"M-1 done >2017-02-28 -32 days",
				"M-3 reopened 2017-02-15>",
			},
			introduced: []string{"overdue M-3"},
		},
		{
			name: "milestones added and removed",
			old:  base,
			new: strings.Replace(base, "  - {id: M-3, title: Signed, owner: ann, phase: P1, due: 2017-02-15, done: 2017-02-15}\n",
				"  - {id: M-4, title: New, owner: ann, phase: P1, due: 2017-06-01}\n", 1),
			want: []string{"M-4 added >2017-06-01", "M-3 removed 2017-02-15>"},
		},
		{
			name: "risks raised, closed, re-scored and re-owned",
			old:  base,
			new: strings.Replace(strings.Replace(base,
				"likelihood: 2, impact: 3}", "likelihood: 4, impact: 4, status: closed}", 1),
				"  - {id: R-2, title: Staff, owner: ann,", "  - {id: R-3, title: Estates, owner: ann, likelihood: 3, impact: 5}\n  - {id: R-2, title: Staff, owner: bob,", 1),
			want: []string{
				"R-1 closed open>closed",
				"R-1 score 6 (amber)>16 (red)",
				"R-3 added >15 (red)",
				"R-2 owner ann>bob",
			},
			headline: "New risk R-3 (red, score 15); R-1 closed",
		},
		{
			name: "assumption invalidated, benefit moved, phase moved",
			old:  base,
			new: strings.Replace(strings.Replace(strings.Replace(base,
				"owner: ann, risk: R-1}", "owner: ann, risk: R-1, status: invalid}", 1),
				"by: 2017-10-01", "by: 2017-11-01", 1), "", "", 1),
			want: []string{
				"A-1 invalidated unverified>invalid by R-1",
				"B-1 moved 2017-10-01>2017-11-01 +31 days",
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := Compare(load(t, tc.old), load(t, tc.new))
			if got := changes(res); !slices.Equal(got, tc.want) {
				t.Errorf("changes:\n got %q\nwant %q", got, tc.want)
			}
			if got := rules(res.Introduced); !slices.Equal(got, tc.introduced) {
				t.Errorf("introduced: got %q, want %q", got, tc.introduced)
			}
			if got := rules(res.Fixed); !slices.Equal(got, tc.fixed) {
				t.Errorf("fixed: got %q, want %q", got, tc.fixed)
			}
			if tc.headline != "" && res.Headline() != tc.headline {
				t.Errorf("headline:\n got %q\nwant %q", res.Headline(), tc.headline)
			}
		})
	}
}

// A finding that only moves down the file is neither introduced nor fixed.
func TestFindingsCompareByRuleIDAndMessage(t *testing.T) {
	slipped := "  - {id: M-9, title: Late, owner: ann, phase: P1, due: 2017-04-01, forecast: 2017-06-01}\n"
	a := load(t, strings.Replace(base, "milestones:\n", "milestones:\n"+slipped, 1))
	b := load(t, strings.Replace(base, "milestones:\n", "milestones:\n  # a comment moves every line down\n\n"+slipped, 1))
	res := Compare(a, b)
	if len(res.Introduced) != 0 || len(res.Fixed) != 0 {
		t.Errorf("introduced %v, fixed %v; want none", res.Introduced, res.Fixed)
	}
}

func TestRebaselinedPosition(t *testing.T) {
	res := Compare(load(t, base), load(t, strings.Replace(base, "due: 2017-05-01", "due: 2017-05-31", 1)))
	if len(res.Introduced) != 1 {
		t.Fatalf("introduced %v", res.Introduced)
	}
	f := res.Introduced[0]
	if f.Pos.File != "programme/programme.yaml" || f.Pos.Line != 16 || f.Pos.Col != 52 || f.Severity != programme.Warning {
		t.Errorf("finding %v: want a warning at programme/programme.yaml:16:52, the due key", f)
	}
}

func TestPhaseCompleted(t *testing.T) {
	old := load(t, base)
	done := strings.Replace(strings.Replace(base, "due: 2017-04-01}", "due: 2017-04-01, done: 2017-02-20}", 1),
		"due: 2017-05-01, depends_on: [M-1]}", "due: 2017-05-01, done: 2017-02-25, depends_on: [M-1]}", 1)
	res := Compare(old, load(t, done))
	got := changes(res)
	if !slices.Contains(got, "P1 completed 1/3>3/3") {
		t.Errorf("changes %q: want P1 completed", got)
	}
}

// Each side is scheduled once, for the knock-on changes and the check
// findings alike, and not at all where the caller passes its plan.
func TestScheduleEachSideOnce(t *testing.T) {
	calls := 0
	defer func(b func(*programme.Programme, programme.Date) *schedule.Plan) { build = b }(build)
	build = func(p *programme.Programme, asOf programme.Date) *schedule.Plan {
		calls++
		return schedule.Build(p, asOf)
	}
	old := load(t, base)
	new := load(t, strings.Replace(base, "due: 2017-04-01}", "due: 2017-04-01, forecast: 2017-06-01}", 1))
	want := changes(Compare(old, new))
	if calls != 2 {
		t.Errorf("Compare scheduled %d times, want 2 (once a side)", calls)
	}
	calls = 0
	old.Plan, new.Plan = schedule.Build(old.P, old.AsOf), schedule.Build(new.P, new.AsOf)
	got := changes(Compare(old, new))
	if calls != 0 {
		t.Errorf("Compare scheduled %d times with both plans given, want 0", calls)
	}
	if !slices.Equal(got, want) || !slices.Contains(got, "M-2 knock-on >2017-06-01 +31 days by M-1") {
		t.Errorf("with plans given:\n%q\nwithout:\n%q", got, want)
	}
}

// The headline names every change, however many, and writes ids as the
// files do: ids are case-sensitive, so a sentence that starts with one
// keeps its first letter.
func TestHeadlineNamesEverything(t *testing.T) {
	old := strings.Replace(base, "id: M-1,", "id: m-case,", 1)
	old = strings.Replace(old, "depends_on: [M-1]", "depends_on: [m-case]", 1)
	nw := strings.Replace(old, "id: m-case, title: Case, owner: ann, phase: P1, due: 2017-04-01}",
		"id: m-case, title: Case, owner: ann, phase: P1, due: 2017-04-01, forecast: 2017-05-10}", 1)
	nw = strings.Replace(nw, "likelihood: 2, impact: 3}", "likelihood: 2, impact: 3, status: closed}", 1)
	nw = strings.Replace(nw, "likelihood: 1, impact: 1}", "likelihood: 1, impact: 1, status: closed}", 1)
	nw = strings.Replace(nw, "assumptions:", "  - {id: R-3, title: A, owner: ann, likelihood: 4, impact: 4}\n"+
		"  - {id: R-4, title: B, owner: ann, likelihood: 5, impact: 4}\nassumptions:", 1)
	nw = strings.Replace(nw, ", done: 2017-02-15}", "}", 1)
	h := Compare(load(t, old), load(t, nw)).Headline()
	if !strings.HasPrefix(h, "m-case slipped 39 days") {
		t.Errorf("headline %q: want it to start with the id as written", h)
	}
	for _, want := range []string{"R-3", "R-4", "R-1 closed", "R-2 closed", "3 warnings introduced"} {
		if !strings.Contains(h, want) {
			t.Errorf("headline %q does not name %s", h, want)
		}
	}
	if strings.Contains(h, " more") {
		t.Errorf("headline %q cuts the list short", h)
	}
}

// What a programme agreed with others is a change of its own: a pin made,
// moved to another commit or repository, or dropped, said as a reviewer
// reads it and placed at the line that changed.
func TestPins(t *testing.T) {
	side := func(upstream string) Side {
		t.Helper()
		h := strings.Replace(header, "  as_of: 2017-03-01\n", "  as_of: 2017-03-01\n"+upstream, 1)
		p := programme.Load(fstest.MapFS{"programme.yaml": {Data: []byte(h + base)}}, "programme")
		return Side{P: p, AsOf: p.Header.AsOf}
	}
	lco := "  upstream:\n    lco: {repo: ../lco, ref: 0b72558}\n"
	tests := []struct {
		name     string
		old, new string
		want     []string
		headline string
		line     int
	}{
		{"the same pin", lco, lco, nil, "No change to the programme.", 0},
		{"re-pinned to a newer commit", lco, strings.Replace(lco, "0b72558", "203e52c0b3866bab5f955f4a596e3ddfa8148915", 1),
			[]string{"lco repinned 0b72558>203e52c"}, "lco re-pinned from 0b72558 to 203e52c", 8},
		{"re-pinned to a tag", lco, strings.Replace(lco, "0b72558", "board-2017-03", 1),
			[]string{"lco repinned 0b72558>board-2017-03"}, "lco re-pinned from 0b72558 to board-2017-03", 8},
		{"moved to another repository", lco, strings.Replace(lco, "../lco", "https://git.example.org/lco.git", 1),
			[]string{"lco repinned ../lco>https://git.example.org/lco.git"}, "", 8},
		{"pinned", "", lco, []string{"lco pinned >0b72558"}, "lco pinned at 0b72558", 8},
		{"no longer pinned", lco, "", []string{"lco unpinned 0b72558>"}, "lco no longer pinned (was 0b72558)", 8},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := Compare(side(tc.old), side(tc.new))
			if got := changes(res); !slices.Equal(got, tc.want) {
				t.Errorf("changes:\n got %q\nwant %q", got, tc.want)
			}
			if tc.headline != "" && res.Headline() != tc.headline {
				t.Errorf("headline:\n got %q\nwant %q", res.Headline(), tc.headline)
			}
			for _, ch := range res.Changes {
				if ch.Pos.File != "programme/programme.yaml" || ch.Pos.Line != tc.line {
					t.Errorf("%s %s at %v, want programme/programme.yaml:%d", ch.ID, ch.What, ch.Pos, tc.line)
				}
			}
			if secs := res.Sections(); len(tc.want) > 0 && (len(secs) != 1 || secs[0].Title != "Pinned programmes") {
				t.Errorf("sections %v, want one: Pinned programmes", secs)
			}
		})
	}
}
