package check

import (
	"math/rand"
	"slices"
	"testing"

	"github.com/ocotool/oco/internal/programme"
)

// TestPlausibleAgrees checks that the cheap filter before Nearest never
// drops a candidate Nearest would have chosen.
func TestPlausibleAgrees(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	alpha := "AbM-1234x._"
	gen := func() string {
		n := 1 + r.Intn(9)
		b := make([]byte, n)
		for i := range b {
			b[i] = alpha[r.Intn(len(alpha))]
		}
		return string(b)
	}
	var cands []string
	for range 3000 {
		cands = append(cands, gen())
	}
	for range 3000 {
		s := gen()
		a := programme.Nearest(s, cands, 3)
		b := programme.Nearest(s, plausible(s, cands), 3)
		if !slices.Equal(a, b) {
			t.Fatalf("%q: %v vs %v", s, a, b)
		}
	}
}
