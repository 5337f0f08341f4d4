package check

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/ocotool/oco/internal/programme"
)

// genStreams is how many workstreams a generated programme has, each in a
// file of its own, as a large programme would be split.
const genStreams = 20

var genBase = programme.NewDate(2017, time.January, 1)

// generated returns a programme of n milestones written the way people
// write them (block mappings, one workstream per file under workstreams/):
// each workstream a chain, milestones two days apart; every fourth
// milestone also waits, with a lag of a day or two, for the one two steps
// back in the next workstream; the first third is done, every seventh of
// the rest has a forecast three days late, which knocks on to the next. So
// the plan is valid and the checks have some findings to report, as in
// life. It also returns the total size of the YAML in bytes.
func generated(n int) (fstest.MapFS, int) {
	per := max(n/genStreams, 1)
	streams := (n + per - 1) / per
	asOf := genBase.AddDays(2 * per / 3)
	end := genBase.AddDays(2*per + 60)
	span := max(per/2, 1) // four phases share the 2*per days of milestones

	fsys := fstest.MapFS{}
	var b strings.Builder
	fmt.Fprintf(&b, "programme:\n  id: GEN\n  name: Generated programme of %d milestones\n  start: %s\n  end: %s\n  as_of: %s\n", n, genBase, end, asOf)
	b.WriteString("people:\n")
	for w := range streams {
		fmt.Fprintf(&b, "  - id: lead-%d\n    name: Lead of workstream %d\n", w, w)
	}
	b.WriteString("workstreams:\n")
	for w := range streams {
		fmt.Fprintf(&b, "  - id: W-%d\n    name: Workstream %d\n    lead: lead-%d\n", w, w, w)
	}
	b.WriteString("phases:\n")
	for ph := range 4 {
		from, to := genBase.AddDays(ph*span), genBase.AddDays((ph+1)*span-1)
		if ph == 3 {
			to = end
		}
		fmt.Fprintf(&b, "  - id: PH-%d\n    name: Phase %d\n    start: %s\n    end: %s\n", ph, ph, from, to)
		if ph > 0 {
			fmt.Fprintf(&b, "    depends_on: [PH-%d]\n", ph-1)
		}
	}
	size := b.Len()
	fsys["programme.yaml"] = &fstest.MapFile{Data: []byte(b.String())}

	for w := range streams {
		b.Reset()
		b.WriteString("milestones:\n")
		for k := range per {
			if w*per+k >= n {
				break
			}
			due := genBase.AddDays(2 * k)
			fmt.Fprintf(&b, "  - id: M-%d-%d\n    title: Milestone %d of workstream %d\n    workstream: W-%d\n    phase: PH-%d\n    owner: lead-%d\n    due: %s\n",
				w, k, k, w, w, min(2*k/span, 3), w, due)
			switch {
			case due < asOf:
				fmt.Fprintf(&b, "    done: %s\n", due)
			case k%7 == 0:
				fmt.Fprintf(&b, "    forecast: %s\n", due.AddDays(3))
			}
			cross := k%4 == 0 && k >= 2 && (w+1)*per+k-2 < n && w+1 < streams
			if k > 0 || cross {
				b.WriteString("    depends_on:\n")
			}
			if k > 0 {
				fmt.Fprintf(&b, "      - M-%d-%d\n", w, k-1)
			}
			if cross {
				fmt.Fprintf(&b, "      - {id: M-%d-%d, lag: %dd}\n", w+1, k-2, 1+k%2)
			}
		}
		size += b.Len()
		fsys[fmt.Sprintf("workstreams/w%02d.yaml", w)] = &fstest.MapFile{Data: []byte(b.String())}
	}
	return fsys, size
}

// chainProgramme returns a programme of one chain of n milestones, a day
// apart, each waiting a day after the one before: the deepest network n
// milestones can make, and all of it on the critical path.
func chainProgramme(n int) (fstest.MapFS, int) {
	var b strings.Builder
	end := genBase.AddDays(n + 30)
	fmt.Fprintf(&b, "programme:\n  id: CHAIN\n  name: A chain of %d milestones\n  start: %s\n  end: %s\n  as_of: %s\n", n, genBase, end, genBase)
	b.WriteString("people:\n  - {id: ann, name: Ann}\nmilestones:\n")
	for i := range n {
		fmt.Fprintf(&b, "  - id: M-%d\n    title: Step %d\n    owner: ann\n    due: %s\n", i, i, genBase.AddDays(i+1))
		if i > 0 {
			fmt.Fprintf(&b, "    depends_on: [{id: M-%d, lag: 1d}]\n", i-1)
		}
	}
	return fstest.MapFS{"programme.yaml": {Data: []byte(b.String())}}, b.Len()
}

// TestGenerated checks that the generated programmes are what the
// benchmarks claim: valid, every milestone loaded, some knock-on slips.
func TestGenerated(t *testing.T) {
	fsys, size := generated(1_000)
	p := programme.Load(fsys, "programme")
	if len(p.Milestones) != 1_000 {
		t.Fatalf("%d milestones, want 1000", len(p.Milestones))
	}
	counts := map[string]int{}
	for _, f := range Run(p, Options{AsOf: p.Header.AsOf}) {
		counts[f.Rule]++
		if f.Severity == programme.Error {
			t.Errorf("generated programme: %s", f)
		}
	}
	if counts["knock-on"] == 0 || len(counts) != 1 {
		t.Errorf("findings by rule %v, want only knock-on", counts)
	}
	t.Logf("1,000 milestones: %d bytes of YAML, %v", size, counts)

	fsys, _ = chainProgramme(1_000)
	p = programme.Load(fsys, "programme")
	if fs := Run(p, Options{AsOf: p.Header.AsOf}); len(p.Milestones) != 1_000 || len(fs) != 0 {
		t.Errorf("chain: %d milestones, findings %v", len(p.Milestones), fs)
	}
}

// TestWriteGenerated writes a generated programme to $OCO_GEN_DIR, for
// timing the real binary:
//
//	OCO_GEN_DIR=/tmp/chain20k OCO_GEN=chain:20000 go test ./internal/check -run TestWriteGenerated
//	OCO_GEN_DIR=/tmp/gen10k OCO_GEN=streams:10000 go test ./internal/check -run TestWriteGenerated
func TestWriteGenerated(t *testing.T) {
	dir, spec := os.Getenv("OCO_GEN_DIR"), os.Getenv("OCO_GEN")
	if dir == "" || spec == "" {
		t.Skip("set OCO_GEN_DIR and OCO_GEN=chain:N or streams:N")
	}
	kind, num, _ := strings.Cut(spec, ":")
	n, err := strconv.Atoi(num)
	if err != nil {
		t.Fatalf("OCO_GEN=%s: %v", spec, err)
	}
	var fsys fstest.MapFS
	switch kind {
	case "chain":
		fsys, _ = chainProgramme(n)
	case "streams":
		fsys, _ = generated(n)
	default:
		t.Fatalf("OCO_GEN=%s: want chain:N or streams:N", spec)
	}
	for name, f := range fsys {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
