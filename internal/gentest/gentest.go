// Package gentest generates large programmes, the same for every
// package's benchmarks and for timing the binary: what scale is measured
// on.
package gentest

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ocotool/oco/internal/programme"
)

// Streams is how many workstreams a generated programme has, each in a
// file of its own, as a large programme would be split.
const Streams = 20

// Base is the day generated programmes start.
var Base = programme.NewDate(2017, time.January, 1)

// Generated returns a programme of n milestones written the way people
// write them (block mappings, one workstream per file under workstreams/):
// each workstream a chain, milestones two days apart; every fourth
// milestone also waits, with a lag of a day or two, for the one two steps
// back in the next workstream; the first third is done, every seventh of
// the rest has a forecast three days late, which knocks on to the next. So
// the plan is valid and the checks have some findings to report, as in
// life. It also returns the total size of the YAML in bytes.
func Generated(n int) (map[string][]byte, int) {
	per := max(n/Streams, 1)
	streams := (n + per - 1) / per
	asOf := Base.AddDays(2 * per / 3)
	end := Base.AddDays(2*per + 60)
	span := max(per/2, 1) // four phases share the 2*per days of milestones

	fsys := map[string][]byte{}
	var b strings.Builder
	fmt.Fprintf(&b, "programme:\n  id: GEN\n  name: Generated programme of %d milestones\n  start: %s\n  end: %s\n  as_of: %s\n", n, Base, end, asOf)
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
		from, to := Base.AddDays(ph*span), Base.AddDays((ph+1)*span-1)
		if ph == 3 {
			to = end
		}
		fmt.Fprintf(&b, "  - id: PH-%d\n    name: Phase %d\n    start: %s\n    end: %s\n", ph, ph, from, to)
		if ph > 0 {
			fmt.Fprintf(&b, "    depends_on: [PH-%d]\n", ph-1)
		}
	}
	size := b.Len()
	fsys["programme.yaml"] = []byte(b.String())

	for w := range streams {
		b.Reset()
		b.WriteString("milestones:\n")
		for k := range per {
			if w*per+k >= n {
				break
			}
			due := Base.AddDays(2 * k)
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
		fsys[fmt.Sprintf("workstreams/w%02d.yaml", w)] = []byte(b.String())
	}
	return fsys, size
}

// Chain returns a programme of one chain of n milestones, a day
// apart, each waiting a day after the one before: the deepest network n
// milestones can make, and all of it on the critical path.
func Chain(n int) (map[string][]byte, int) {
	var b strings.Builder
	end := Base.AddDays(n + 30)
	fmt.Fprintf(&b, "programme:\n  id: CHAIN\n  name: A chain of %d milestones\n  start: %s\n  end: %s\n  as_of: %s\n", n, Base, end, Base)
	b.WriteString("people:\n  - {id: ann, name: Ann}\nmilestones:\n")
	for i := range n {
		fmt.Fprintf(&b, "  - id: M-%d\n    title: Step %d\n    owner: ann\n    due: %s\n", i, i, Base.AddDays(i+1))
		if i > 0 {
			fmt.Fprintf(&b, "    depends_on: [{id: M-%d, lag: 1d}]\n", i-1)
		}
	}
	return map[string][]byte{"programme.yaml": []byte(b.String())}, b.Len()
}

// Write writes the files of a generated programme below dir.
func Write(tb testing.TB, dir string, files map[string][]byte) {
	for name, data := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			tb.Fatal(err)
		}
	}
}
