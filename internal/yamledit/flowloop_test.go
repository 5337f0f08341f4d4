package yamledit

import "testing"

// A flow mapping at the top level comes out as a block mapping or is
// refused: never formatted round and round.
func TestFormatFlowTopLevelEnds(t *testing.T) {
	for _, src := range []string{"{a: b}\n", "{? {a: b}: c}\n", "{? [a]: b, c: d}\n", "{{}: x}\n", "{a: {b: c}, d: [e]}\n"} {
		out, err := Format([]byte(src), Order{})
		if err != nil {
			continue
		}
		if top, _ := topLevel(out); top != topBlock {
			t.Errorf("%q formats to %q, still a flow mapping at the top", src, out)
		}
	}
}
