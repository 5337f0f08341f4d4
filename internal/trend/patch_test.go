package trend

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// Reading a new version of a file from its changed lines finds what
// cutting and reading the whole of it finds, whatever the edit: a date
// moved, a line added or dropped inside an entry or across two, an entry
// added or removed, a key or a comment put anywhere.
func TestPatchAgreesWithFile(t *testing.T) {
	base := "# workstream\nprogramme:\n  id: P\n  as_of: 2017-06-30\nmilestones:\n"
	for k := range 8 {
		base += fmt.Sprintf("  - id: M-%d\n    title: Milestone %d\n    due: 2017-03-%02d\n", k, k, k+1)
		if k%2 == 1 {
			base += fmt.Sprintf("    forecast: 2017-04-%02d\n    depends_on:\n      - M-%d\n", k+1, k-1)
		}
		if k == 4 {
			base += "\n  # a comment between entries\n"
		}
	}
	base += "risks:\n  - id: R-1\n    title: r\n"
	lines := strings.SplitAfter(base, "\n")
	pieces := []string{
		"    forecast: 2018-01-01\n", "    done: 2017-05-05\n", "    title: Changed\n", "\n", "# note\n", "    # note\n",
		"  - id: M-new\n", "milestones:\n", "risks:\n", "    title: A & *B\n", "    depends_on: [M-1,\n", "      - M-9\n",
		"\tdue: 2017-01-01\n", "   due: 2017-01-01\n", "  due: 2017-01-01\n", "    due: 2017-13-45\n",
	}
	rng := rand.New(rand.NewPCG(1, 2))
	patched := 0
	for range 3000 {
		edited := append([]string(nil), lines...)
		for range 1 + rng.IntN(2) {
			at := rng.IntN(len(edited))
			switch rng.IntN(3) {
			case 0: // replace a line
				edited[at] = pieces[rng.IntN(len(pieces))]
			case 1: // insert one
				edited = append(edited[:at], append([]string{pieces[rng.IntN(len(pieces))]}, edited[at:]...)...)
			case 2: // drop one
				edited = append(edited[:at], edited[at+1:]...)
			}
		}
		text := strings.Join(edited, "")
		r := newReader()
		was, _ := r.file(base)
		f, _, ok := r.patch(was, base, text)
		if !ok {
			continue
		}
		patched++
		whole, _ := newReader().file(text)
		got := fmt.Sprint(f.ms, f.hasHeader, f.asOf, f.spans, f.indent)
		want := fmt.Sprint(whole.ms, whole.hasHeader, whole.asOf, whole.spans, whole.indent)
		if got != want {
			t.Fatalf("%q:\npatched %s\n  whole %s", text, got, want)
		}
	}
	if patched < 300 {
		t.Errorf("only %d of 3,000 edits read from their changes", patched)
	}
	t.Logf("%d of 3,000 edits read from their changes", patched)
}
