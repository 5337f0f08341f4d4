package check

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/ocotool/oco/internal/programme"
)

// bigProgramme is n milestones in one phase, each depending on the one
// before, with a risk affecting each and a benefit enabled by each tenth.
func bigProgramme(n int) []byte {
	var b strings.Builder
	b.WriteString(header)
	b.WriteString("phases:\n  - {id: PH-1, name: One, start: 2017-01-01, end: 2018-12-31}\nmilestones:\n")
	for i := range n {
		fmt.Fprintf(&b, "  - {id: M-%d, title: T, owner: P-1, phase: PH-1, due: 2018-06-01", i)
		if i > 0 {
			fmt.Fprintf(&b, ", depends_on: [M-%d]", i-1)
		}
		b.WriteString("}\n")
	}
	b.WriteString("risks:\n")
	for i := 0; i < n; i += 10 {
		fmt.Fprintf(&b, "  - {id: R-%d, title: R, owner: P-1, likelihood: 2, impact: 3, affects: [M-%d, PH-1]}\n", i, i)
	}
	return []byte(b.String())
}

// TestRunScales checks that Run is linear: 100,000 milestones, with a few
// hundred bad references asking for suggestions, give exactly those
// findings, and the allocations grow with the programme, not faster. The
// time it takes is BenchmarkRun100k's to show: a timed test fails on a busy
// machine.
func TestRunScales(t *testing.T) {
	if testing.Short() {
		t.Skip("large programme")
	}
	src := bigProgramme(100_000)
	// Some references to nothing, each asking for suggestions.
	src = append(src, []byte("assumptions:\n")...)
	for i := range 300 {
		src = append(src, fmt.Sprintf("  - {id: A-%d, statement: S, owner: P-1, affects: [M-%dx]}\n", i, i)...)
	}
	p := programme.Load(fstest.MapFS{"programme.yaml": {Data: src}}, "programme")
	fs := Run(p, Options{AsOf: p.Header.AsOf})
	if len(fs) != 300 {
		t.Errorf("%d findings, want 300 unknown-ref", len(fs))
	}

	allocs := func(n int) float64 {
		p := programme.Load(fstest.MapFS{"programme.yaml": {Data: bigProgramme(n)}}, "programme")
		return testing.AllocsPerRun(2, func() { Run(p, Options{AsOf: p.Header.AsOf}) })
	}
	small, large := allocs(10_000), allocs(100_000)
	t.Logf("allocations per Run: %.0f for 10,000 milestones, %.0f for 100,000", small, large)
	if large > 12*small {
		t.Errorf("allocations grow faster than the programme: %.0f for 10,000 milestones, %.0f for 100,000 (%.1fx)", small, large, large/small)
	}
}

func BenchmarkRun100k(b *testing.B) {
	p := programme.Load(fstest.MapFS{"programme.yaml": {Data: bigProgramme(100_000)}}, "programme")
	b.ResetTimer()
	for b.Loop() {
		Run(p, Options{AsOf: p.Header.AsOf})
	}
}

// TestMillionLoop checks that a loop through a million milestones is found
// without exhausting the stack, and printed at a readable length. The
// programme is built in code: loading a million items is the loader's cost.
func TestMillionLoop(t *testing.T) {
	if testing.Short() {
		t.Skip("large programme")
	}
	const n = 1_000_000
	p := &programme.Programme{People: []*programme.Person{{ID: "P", Name: "Ann"}}}
	p.Milestones = make([]*programme.Milestone, n)
	for i := range n {
		m := &programme.Milestone{ID: fmt.Sprintf("M-%d", i), Title: "T", Owner: "P", Due: programme.NewDate(2017, 9, 1)}
		m.File = "big.yaml"
		m.DependsOn = []programme.Dep{{ID: fmt.Sprintf("M-%d", (i+1)%n)}}
		p.Milestones[i] = m
	}
	fs := Run(p, Options{AsOf: programme.NewDate(2017, 6, 1)})
	if len(fs) != 1 || fs[0].Rule != "dependency-cycle" {
		t.Fatalf("want one dependency-cycle, got %d findings: %.300v", len(fs), fs)
	}
	msg := fs[0].Message
	if !strings.HasPrefix(msg, "dependency loop: M-0 -> M-1 -> ") || !strings.HasSuffix(msg, " -> M-999999 -> M-0") ||
		!strings.Contains(msg, "(999001 more steps)") || len(msg) > 20_000 {
		t.Errorf("message %.200q... (%d bytes)", msg, len(msg))
	}
}

// TestHostileFiles checks that files built to hurt give a finding rather
// than a crash or a hang (go test's own timeout catches a hang): 50 MB of
// junk, and a billion-laughs alias bomb.
func TestHostileFiles(t *testing.T) {
	if testing.Short() {
		t.Skip("large input")
	}
	junk := make([]byte, 50<<20)
	var x uint32 = 2463534242
	for i := range junk {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		junk[i] = " :-[]{}\n\tab1\"'&*!|>"[x%19]
	}
	cases := map[string][]byte{
		"junk":           junk,
		"binary":         []byte("\x00\x01\xff\xfeprogramme:"),
		"billion laughs": []byte(billionLaughs),
	}
	for name, src := range cases {
		t.Run(name, func(t *testing.T) {
			p := programme.Load(fstest.MapFS{"programme.yaml": {Data: src}}, "programme")
			fs := Run(p, Options{AsOf: programme.NewDate(2017, 6, 1)})
			if len(fs) == 0 {
				t.Error("no finding")
			}
		})
	}
}

const billionLaughs = `a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
programme: {id: OCO, name: N, start: 2017-01-01, end: 2018-12-31}
milestones: &m [{id: M-1, title: T, due: 2017-09-01, depends_on: *i}]
phases: *i
risks: [*m, *m, *m, *m, *m, *m, *m, *m, *m]
`

// BenchmarkRules times each rule alone on 100,000 milestones, to find the
// one that is slow when Run is.
func BenchmarkRules(b *testing.B) {
	p := programme.Load(fstest.MapFS{"programme.yaml": {Data: bigProgramme(100_000)}}, "programme")
	b.Run("NewContext", func(b *testing.B) {
		for b.Loop() {
			NewContext(p, Options{AsOf: p.Header.AsOf})
		}
	})
	for _, e := range catalogue {
		if e.run == nil {
			continue
		}
		c := NewContext(p, Options{AsOf: p.Header.AsOf})
		b.Run(e.Name, func(b *testing.B) {
			for b.Loop() {
				c.findings = c.findings[:0]
				e.run(c)
			}
		})
	}
}
