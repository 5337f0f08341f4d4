package edit

import (
	"testing"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// FuzzValueText prints every node of any YAML the way an edit's messages
// print an old value: never a crash, a hang or a stack overflow, however
// the aliases are built, and never more than about sixty characters.
func FuzzValueText(f *testing.F) {
	f.Add("done: &loop [*loop]\n")
	f.Add("a: &a [x, x, x]\nb: &b [*a, *a, *a]\nc: &c [*b, *b, *b]\nd: [*c, *c, *c]\n")
	f.Add("depends_on: [{id: M-1, lag: 2w}, M-2]\n")
	f.Add("m: &m {k: *m}\n")
	f.Fuzz(func(t *testing.T, src string) {
		var doc yaml.Node
		if yaml.Unmarshal([]byte(src), &doc) != nil {
			return
		}
		stack := []*yaml.Node{&doc}
		for seen := 0; len(stack) > 0 && seen < 10_000; seen++ {
			n := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			s := ValueText(n)
			if len(s) > 64+3 {
				t.Fatalf("%d bytes printed for one value: %.80q", len(s), s)
			}
			if utf8.ValidString(n.Value) && !utf8.ValidString(s) {
				t.Fatalf("a value cut inside a character: %q", s)
			}
			stack = append(stack, n.Content...)
		}
	})
}
