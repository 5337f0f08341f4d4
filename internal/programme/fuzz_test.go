package programme

import (
	"strings"
	"testing"
	"testing/fstest"
)

// FuzzRecover loads any bytes as a milestones file next to a good header,
// and holds the loader to SPEC 7.1: no panic; every finding at a real
// file:line:col; an item lost only where the file did not parse whole,
// once each; and every milestone kept at a line of the file.
func FuzzRecover(f *testing.F) {
	good := "milestones:\n  - id: M-1\n    title: A\n    due: 2017-02-01\n  - id: M-2\n    title: B\n    due: 2017-03-01\n    depends_on: [M-1]\n"
	f.Add(good)
	f.Add(strings.Replace(good, "title: B", `title: "B`, 1))
	f.Add(strings.Replace(good, "title: A", "title: [A", 1))
	f.Add("milestones:\n- id: M-1\n  title: x\n\t- id: M-2\n")
	f.Add("milestones: &a\n  - *a\nrisks:\n  - {id: R-1, title: \"t}\n")
	f.Add("programme: [\nmilestones:\n  - {id: M-9, title: t, due: 2017-01-01}\n")
	f.Fuzz(func(t *testing.T, src string) {
		p := Load(fstest.MapFS{
			"programme.yaml":  {Data: []byte(header)},
			"milestones.yaml": {Data: []byte(src)},
		}, "p")
		for _, fd := range p.Findings {
			if fd.Pos.File == "" || fd.Pos.Line < 1 || fd.Pos.Col < 1 {
				t.Fatalf("a finding without a position: %v", fd)
			}
		}
		if !parses([]byte(src)) && len(p.Broken) == 0 {
			if _, _, bad := badBytes("", []byte(src)); !bad {
				t.Fatalf("a file that does not parse is not marked broken")
			}
		}
		for _, b := range p.Broken {
			seen := map[int]bool{}
			for _, l := range b.Lost {
				if seen[l.Pos.Line] {
					t.Fatalf("item at line %d lost twice", l.Pos.Line)
				}
				seen[l.Pos.Line] = true
			}
		}
		for _, m := range p.Milestones {
			if m.Line < 1 || m.File != "p/milestones.yaml" {
				t.Fatalf("milestone %q kept at %s:%d, not in the file", m.ID, m.File, m.Line)
			}
		}
	})
}
