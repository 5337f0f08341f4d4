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
		// A file of every other section, which an edit elsewhere must keep.
		"rest.yaml": {Data: []byte("calendars:\n  - {id: legal}\nassessments:\n  - {id: DCA-1, date: 2024-03-01, rating: amber}\n" +
			"lessons:\n  - {id: L-1, title: l}\npeople:\n  - {id: P-1, name: p}\nbodies:\n  - {id: B-1, name: b}\n" +
			"workstreams:\n  - {id: W-1, name: w}\nphases:\n  - {id: PH-1, name: ph, start: 2024-01-01, end: 2024-06-30}\n" +
			"assumptions:\n  - {id: AS-1, statement: s}\ndecisions:\n  - {id: D-1, title: d, date: 2024-01-02}\nbenefits:\n  - {id: BE-1, title: b}\n")},
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
			for _, id := range []string{"legal", "DCA-1", "L-1", "P-1", "B-1", "W-1", "PH-1", "AS-1", "D-1", "BE-1"} {
				if _, ok := got.Lookup(id); !ok {
					t.Errorf("%s, in a file the edit did not touch, is lost", id)
				}
			}
		})
	}
}
