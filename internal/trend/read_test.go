package trend

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The reader cuts files into entries and sections to parse each once;
// whatever the layout, it must find what Load finds.
func TestReaderAgreesWithLoad(t *testing.T) {
	for name, text := range readerCases(t) {
		if got, want := readerAndLoad(text); got != want {
			t.Errorf("%s:\n got %s\nwant %s", name, got, want)
		}
		if _, _, cut := cutEntries(text); strings.Contains(name, "milestones.yaml") && !cut {
			t.Errorf("%s: the shipped layout should be cut into entries", name)
		}
		if _, _, cut := section(text, "programme"); strings.HasSuffix(name, "programme.yaml") && !cut {
			t.Errorf("%s: the shipped layout should be cut into sections", name)
		}
	}
}

// readerAndLoad is what the reader finds in a file's text, and what Load
// finds, in one form to compare.
func readerAndLoad(text string) (got, want string) {
	f, _ := newReader().file(text)
	p := parse(text)
	return fmt.Sprint(f.ms, f.hasHeader, f.asOf), fmt.Sprint(milestonesOf(p), p.Header.File != "", p.Header.AsOf)
}

func FuzzReaderAgreesWithLoad(f *testing.F) {
	for _, text := range readerCases(f) {
		f.Add(text)
	}
	f.Fuzz(func(t *testing.T, text string) {
		// A file that does not parse whole is read piece by piece by both,
		// Load by list item and the reader by entry and section, and the
		// reader may keep more of it: a programme section, say, beside a
		// quote left open in another.
		for _, finding := range parse(text).Findings {
			if finding.Rule == "syntax" {
				t.Skip()
			}
		}
		if got, want := readerAndLoad(text); got != want {
			t.Errorf("%q:\n got %s\nwant %s", text, got, want)
		}
	})
}

func readerCases(t testing.TB) map[string]string {
	files := map[string]string{
		"flow deps":     "milestones:\n  - id: M-1\n    title: A & B\n    due: 2017-01-01\n    depends_on: [M-0]\n  - {id: M-2, title: x, due: 2017-02-01}\n",
		"anchor":        "milestones:\n  - &m\n    id: M-1\n    title: A\n    due: 2017-01-01\n  - <<: *m\n    id: M-2\n",
		"comments":      "# top\nmilestones: # the list\n  # ---- P1 ----\n  - id: M-1\n    title: A\n    due: 2017-01-01\n    notes: >-\n      - not an item\n      *emphasis*\n\n  - id: M-2\n    title: B\n    due: 2017-03-01\n    forecast: 2017-04-01\nrisks:\n  - id: R-1\n    title: r\n",
		"unindented":    "milestones:\n- id: M-1\n  title: A\n  due: 2017-01-01\n- id: M-2\n  title: B\n  due: 2017-02-01\n",
		"twice":         "milestones:\n  - {id: M-1, title: A, due: 2017-01-01}\nmilestones:\n  - {id: M-2, title: B, due: 2017-01-01}\n",
		"open flow":     "milestones:\n  - id: M-1\n    title: A\n    due: 2017-01-01\n    depends_on: [M-0,\n      M-3]\n",
		"crlf":          "milestones:\r\n  - id: M-1\r\n    title: A\r\n    due: 2017-01-01\r\n",
		"tabs":          "milestones:\n  - id: M-1\n\ttitle: A\n",
		"empty":         "",
		"quoted key":    "\"milestones\":\n  - {id: M-1, title: A, due: 2017-01-01}\n",
		"deeper":        "milestones:\n    - id: M-1\n      title: A\n      due: 2017-01-01\n    - id: M-2\n      title: B\n      due: 2017-02-01\n",
		"header":        "programme:\n  id: P\n  name: P\n  # when\n  as_of: 2017-06-30 # the board\nmilestones:\n  - {id: M-1, title: A, due: 2017-01-01}\n",
		"header crlf":   "programme:\r\n  id: P\r\n  as_of: 2017-06-30\r\n",
		"header twice":  "programme:\n  as_of: 2017-06-30\nprogramme:\n  as_of: 2018-01-01\n",
		"header alias":  "x: &d 2017-06-30\nprogramme:\n  as_of: *d\n",
		"header flow":   "programme: {id: P, as_of: 2017-06-30}\n",
		"header bad":    "programme:\n  as_of: 30/06/2017\n",
		"header none":   "programme:\n",
		"header list":   "programme:\n  - as_of: 2017-06-30\n",
		"indented root": " milestones:\n  - {id: M-1, title: A, due: 2017-01-01}\n",
	}
	shipped, _ := filepath.Glob("../../programme/*.yaml")
	for _, name := range shipped {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		files[name] = string(data)
	}
	return files
}
