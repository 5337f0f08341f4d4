package programme

import (
	"encoding/json"
	"testing"
	"testing/fstest"
)

// WithFile must give the programme that Load gives with the file changed:
// items in reading order, the header where it now is, findings of the file
// as it now reads, and the missing-header finding kept right.
func TestWithFile(t *testing.T) {
	base := fstest.MapFS{
		"a.yaml":         {Data: []byte("milestones:\n  - {id: A-1, title: a, due: 2024-02-01}\n")},
		"b/c.yaml":       {Data: []byte("milestones:\n  - {id: C-1, title: c, due: 2024-02-01}\nrisks:\n  - {id: R-1, title: r}\n")},
		"programme.yaml": {Data: []byte("programme: {id: demo, name: Demo, start: 2024-01-01, end: 2024-12-31}\n")},
		"z.yaml":         {Data: []byte("milestones:\n  - {id: Z-1, title: z, due: 2024-02-01}\n")},
	}
	for _, tc := range []struct{ name, file, src string }{
		{"more items", "b/c.yaml", "milestones:\n  - {id: C-1, title: c, due: 2024-02-01}\n  - {id: C-2, title: d, due: 2024-03-01}\n"},
		{"emptied", "a.yaml", ""},
		{"new file", "m.yaml", "issues:\n  - {id: I-1, title: i}\nmilestones:\n  - {id: M-1, title: m, due: 2024-02-01}\n"},
		{"broken", "z.yaml", "milestones:\n  - id: [\n"},
		{"header gone", "programme.yaml", "people: []\n"},
		{"header twice", "z.yaml", "programme: {id: other, name: O, start: 2024-01-01, end: 2024-12-31}\n"},
		{"bad value", "b/c.yaml", "milestones:\n  - {id: C-1, title: c, due: someday}\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			changed := fstest.MapFS{}
			for k, v := range base {
				changed[k] = v
			}
			changed[tc.file] = &fstest.MapFile{Data: []byte(tc.src)}
			want := Load(changed, "prog")
			got := Load(base, "prog").WithFile("prog/"+tc.file, []byte(tc.src))
			SortFindings(want.Findings)
			SortFindings(got.Findings)
			w, _ := json.Marshal(want)
			g, _ := json.Marshal(got)
			if string(w) != string(g) {
				t.Errorf("WithFile:\n%s\nLoad:\n%s", g, w)
			}
			if _, ok := got.Lookup("C-1"); !ok && tc.file != "b/c.yaml" {
				t.Error("C-1 is not indexed")
			}
		})
	}
}
