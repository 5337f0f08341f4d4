package check

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/ocotool/oco/internal/programme"
)

// FuzzLoadCheck loads arbitrary bytes as programme.yaml and checks them:
// nothing a user writes may crash oco, and every finding must say where
// it is and which rule it breaks.
func FuzzLoadCheck(f *testing.F) {
	for _, tc := range ruleCases {
		src := tc.src
		if !tc.raw {
			src = header + strings.TrimPrefix(src, "\n")
		}
		f.Add([]byte(src))
	}
	for _, s := range []string{
		"",
		"\x00\x01\x02\xff\xfe\xfd",
		"\xef\xbb\xbfprogramme: {id: A}",
		billionLaughs,
		strings.Repeat("[", 5000) + strings.Repeat("]", 5000),
		strings.Repeat("- ", 3000) + "x",
		strings.Repeat("{a: ", 2000) + "b" + strings.Repeat("}", 2000),
		"programme:\n\tid: OCO\n\tname: N\n",
		"programme: [id, name]\nmilestones: {id: M-1}\n",
		"milestones:\n  - [M-1, title]\n  - M-2\n  - {depends_on: {id: M-1}}\n",
		"milestones:\n  - &m {id: M-1, title: T, due: 2017-01-01, depends_on: [*m]}\n",
		"milestones:\n  - {<<: [*a], id: M-1}\n",
		"a: &a {<<: *a}\nprogramme: *a\n",
		"programme: {id: A, name: N, start: 9999-12-31, end: 0001-01-01}\n",
		"milestones:\n  - {id: M-1, title: T, due: 2017-01-01, depends_on: [{id: M-1, lag: 999999w}]}\n",
		"--- a\n--- b\n",
		"? [a, b]\n: c\n",
		"programme: !!binary aGVsbG8=\n",
	} {
		f.Add([]byte(s))
	}
	rules := map[string]bool{}
	for _, r := range Rules() {
		rules[r.Name] = true
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		p := programme.Load(fstest.MapFS{"programme.yaml": {Data: src}}, "programme")
		asOf := p.Header.AsOf
		if asOf == 0 {
			asOf = programme.NewDate(2017, 6, 1)
		}
		for _, fd := range Run(p, Options{AsOf: asOf}) {
			if fd.Pos.File == "" || fd.Rule == "" || fd.Message == "" {
				t.Errorf("finding without a file, rule or message: %#v", fd)
			}
			if !rules[fd.Rule] {
				t.Errorf("finding with a rule Rules() does not list: %s", fd)
			}
		}
	})
}
