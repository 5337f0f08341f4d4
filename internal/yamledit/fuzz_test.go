package yamledit

import (
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

var seeds = []string{
	milestones,
	"programme:\n  id: oco\n  name: OCO  # short\n  start: '2016-09-01'\n  tolerances:\n    red_days: 30\n",
	"milestones:\r\n- id: M-01\r\n  depends_on: [M-00]\r\n\r\n- id: M-02\r\n  notes: |\r\n    # not a comment\r\n\r\n    text\r\n",
	"risks:\n  - id: R-1\n    target: {likelihood: 2, impact: 3}\n    affects:\n    - M-01\n    title: \"multi\n      line\"\n  - id: R-2",
	"# only a comment\n",
	"milestones:\n  -   id: M-1\n      title: >\n        folded\n        text\n\n      due: 2016-01-01 # d\n",
}

// FuzzEdit sets, removes and appends random fields on seed documents. An
// edit may be refused, but one that succeeds leaves every line outside the
// item it edits as it was, and the file still parses.
func FuzzEdit(f *testing.F) {
	for i, s := range seeds {
		f.Add(s, uint8(i), uint8(0), "due", "2017-01-01")
		f.Add(s, uint8(i+1), uint8(1), "title", "yes: no # x")
		f.Add(s, uint8(i+2), uint8(2), "tolerances.amber_days", "14")
		f.Add(s, uint8(i+3), uint8(0), "notes", "two\nlines")
	}
	f.Fuzz(func(t *testing.T, src string, op, pick uint8, field, value string) {
		d, err := Parse([]byte(src))
		if err != nil {
			return
		}
		type target struct {
			section, id string
			first, last int
		}
		var targets []target
		if d.root != nil {
			for i := 0; i+1 < len(d.root.Content); i += 2 {
				name, v := d.root.Content[i].Value, d.root.Content[i+1]
				if name == "programme" && v.Kind == yaml.MappingNode {
					targets = append(targets, target{name, "", d.spans[v].first, d.spans[v].last})
				}
				if v.Kind != yaml.SequenceNode {
					continue
				}
				for _, it := range v.Content {
					if id := scalarValue(lookup(it, "id")); id != "" && it.Kind == yaml.MappingNode {
						m, _ := d.item(name, id)
						if m == it {
							targets = append(targets, target{name, id, d.dashLine(it), d.spans[it].last})
						}
					}
				}
			}
		}
		old := lineTexts(d)
		var tg target
		if len(targets) > 0 {
			tg = targets[int(pick)%len(targets)]
		}
		switch op % 4 {
		case 0:
			err = d.Set(tg.section, tg.id, field, Scalar(value), order)
		case 1:
			err = d.Set(tg.section, tg.id, field, List(strings.Split(value, ",")...), order)
		case 2:
			err = d.Remove(tg.section, tg.id, field)
		case 3:
			section := "milestones"
			if tg.section != "" && tg.section != "programme" {
				section = tg.section
			}
			err = d.Append(section, []KV{{"id", Scalar("X-1")}, {field, Scalar(value)}}, order)
			tg = target{first: 1 << 30}
		}
		if err != nil {
			return
		}
		out := d.Bytes()
		if _, err := Parse(out); err != nil {
			t.Fatalf("result does not parse: %v\n%s", err, out)
		}
		got := lineTexts(d)
		// Lines before the item and after it are unchanged.
		if tg.first == 1<<30 {
			// An append only inserts, apart from an empty section's key line.
			i := 0
			for i < len(old) && i < len(got) && old[i] == got[i] {
				i++
			}
			j := 0
			for j < len(old)-i && j < len(got)-i && old[len(old)-1-j] == got[len(got)-1-j] {
				j++
			}
			if i+j < len(old)-1 {
				t.Fatalf("append changed lines %d..%d:\n%s\n---\n%s", i+1, len(old)-j, src, out)
			}
			return
		}
		for l := 1; l < tg.first && l <= len(got); l++ {
			if old[l-1] != got[l-1] {
				t.Fatalf("line %d before the item changed:\n%s\n---\n%s", l, src, out)
			}
		}
		for j := 0; j < len(old)-tg.last; j++ {
			if j >= len(got) || old[len(old)-1-j] != got[len(got)-1-j] {
				t.Fatalf("line %d after the item changed:\n%s\n---\n%s", len(old)-j, src, out)
			}
		}
	})
}

// lineTexts returns the document's lines without their line endings.
func lineTexts(d *Doc) []string {
	out := make([]string, len(d.lines))
	for i := range d.lines {
		out[i] = d.line(i + 1)
	}
	return out
}

// FuzzFormat checks Format on any input: no panic, and a result that parses,
// means the same and is a fixed point.
func FuzzFormat(f *testing.F) {
	for _, s := range seeds {
		f.Add(s)
	}
	f.Add("milestones:\n- due: 1\n  id: a\n  depends_on:\n  - {lag: 1, id: b}\n  - lag: 2\n    id: c\n")
	f.Fuzz(func(t *testing.T, src string) {
		out, err := Format([]byte(src), order)
		canonical, cerr := Canonical([]byte(src), order)
		if err != nil {
			// A file Format refuses is never canonical; it may be one
			// that parses, which Canonical then calls not canonical.
			if canonical {
				t.Fatalf("Canonical says yes where Format fails (%v):\n%s", err, src)
			}
			return
		}
		if cerr != nil || canonical != (string(out) == src) {
			t.Fatalf("Canonical = %v, %v; Format changes the file: %v\n%s", canonical, cerr, string(out) != src, src)
		}
		checkFormat(t, []byte(src), out)
	})
}
