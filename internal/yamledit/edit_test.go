package yamledit

import (
	"errors"
	"strings"
	"testing"
)

var order = Order{
	"programme":             {"id", "name", "description", "start", "end", "as_of", "owner", "tolerances", "risk_bands"},
	"programme.tolerances":  {"amber_days", "red_days", "due_soon_days"},
	"milestones":            {"id", "title", "phase", "workstream", "owner", "due", "start", "forecast", "done", "depends_on", "decision", "notes", "source"},
	"milestones.depends_on": {"id", "lag"},
	"risks":                 {"id", "title", "owner", "likelihood", "impact", "status", "target", "affects"},
	"risks.target":          {"likelihood", "impact"},
}

const milestones = `# Milestones of the programme.

milestones:
  # ---- P1 ----

  - id: M-01
    title: Structure established  # the PID's words
    owner: JLT
    due: 2016-09-30
    notes: >-
      The team reports to the JLT
      and sets up the work groups.
    source: PID 5.1

  - id: M-02
    title: 'Risks log'
    due: "2016-10-14"
    depends_on:
      - M-01
    # the log's owner is not named
  # end of P1
`

// diffCount returns how many lines a diff from a to b removes and adds:
// the lines outside their longest common subsequence.
func diffCount(a, b string) (removed, added int) {
	x, y := strings.SplitAfter(a, "\n"), strings.SplitAfter(b, "\n")
	lcs := make([][]int, len(x)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(y)+1)
	}
	for i := len(x) - 1; i >= 0; i-- {
		for j := len(y) - 1; j >= 0; j-- {
			if x[i] == y[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	return len(x) - lcs[0][0], len(y) - lcs[0][0]
}

func TestEdit(t *testing.T) {
	tests := []struct {
		name           string
		src            string
		edit           func(*Doc) error
		want           string
		removed, added int
	}{
		{
			name:    "set a plain scalar: one line, comment kept",
			src:     milestones,
			edit:    func(d *Doc) error { return d.Set("milestones", "M-01", "title", Scalar("Structure set up"), order) },
			want:    strings.Replace(milestones, "title: Structure established  #", "title: Structure set up  #", 1),
			removed: 1, added: 1,
		},
		{
			name:    "set keeps single quotes",
			src:     milestones,
			edit:    func(d *Doc) error { return d.Set("milestones", "M-02", "title", Scalar("Issues log"), order) },
			want:    strings.Replace(milestones, "title: 'Risks log'", "title: 'Issues log'", 1),
			removed: 1, added: 1,
		},
		{
			name:    "set keeps double quotes",
			src:     milestones,
			edit:    func(d *Doc) error { return d.Set("milestones", "M-02", "due", Scalar("2016-10-21"), order) },
			want:    strings.Replace(milestones, `due: "2016-10-14"`, `due: "2016-10-21"`, 1),
			removed: 1, added: 1,
		},
		{
			name:    "set quotes what would not read back",
			src:     milestones,
			edit:    func(d *Doc) error { return d.Set("milestones", "M-01", "owner", Scalar("yes"), order) },
			want:    strings.Replace(milestones, "owner: JLT", `owner: "yes"`, 1),
			removed: 1, added: 1,
		},
		{
			name: "set a folded scalar to one line",
			src:  milestones,
			edit: func(d *Doc) error { return d.Set("milestones", "M-01", "notes", Scalar("Short."), order) },
			want: strings.Replace(milestones, "notes: >-\n      The team reports to the JLT\n      and sets up the work groups.\n",
				"notes: Short.\n", 1),
			removed: 3, added: 1,
		},
		{
			name: "set several lines as a literal block",
			src:  milestones,
			edit: func(d *Doc) error { return d.Set("milestones", "M-01", "source", Scalar("PID 5.1\nPID 4"), order) },
			want: strings.Replace(milestones, "    source: PID 5.1\n",
				"    source: |-\n      PID 5.1\n      PID 4\n", 1),
			removed: 1, added: 3,
		},
		{
			name: "add a field at its canonical place",
			src:  milestones,
			edit: func(d *Doc) error { return d.Set("milestones", "M-01", "forecast", Scalar("2016-10-07"), order) },
			want: strings.Replace(milestones, "    due: 2016-09-30\n",
				"    due: 2016-09-30\n    forecast: 2016-10-07\n", 1),
			removed: 0, added: 1,
		},
		{
			name: "add a field whose predecessors are absent goes after the nearest present",
			src:  milestones,
			edit: func(d *Doc) error { return d.Set("milestones", "M-02", "phase", Scalar("P1"), order) },
			want: strings.Replace(milestones, "    title: 'Risks log'\n",
				"    title: 'Risks log'\n    phase: P1\n", 1),
			removed: 0, added: 1,
		},
		{
			name: "add a field after a block list, before the comment",
			src:  milestones,
			edit: func(d *Doc) error { return d.Set("milestones", "M-02", "decision", Scalar("D-01"), order) },
			want: strings.Replace(milestones, "      - M-01\n",
				"      - M-01\n    decision: D-01\n", 1),
			removed: 0, added: 1,
		},
		{
			name: "add an unknown field at the end of the item",
			src:  milestones,
			edit: func(d *Doc) error { return d.Set("milestones", "M-01", "colour", Scalar("red"), order) },
			want: strings.Replace(milestones, "    source: PID 5.1\n",
				"    source: PID 5.1\n    colour: red\n", 1),
			removed: 0, added: 1,
		},
		{
			name:    "remove a one-line field",
			src:     milestones,
			edit:    func(d *Doc) error { return d.Remove("milestones", "M-01", "owner") },
			want:    strings.Replace(milestones, "    owner: JLT\n", "", 1),
			removed: 1, added: 0,
		},
		{
			name:    "remove a block list removes all its lines",
			src:     milestones,
			edit:    func(d *Doc) error { return d.Remove("milestones", "M-02", "depends_on") },
			want:    strings.Replace(milestones, "    depends_on:\n      - M-01\n", "", 1),
			removed: 2, added: 0,
		},
		{
			name:    "remove a folded scalar",
			src:     milestones,
			edit:    func(d *Doc) error { return d.Remove("milestones", "M-01", "notes") },
			want:    strings.Replace(milestones, "    notes: >-\n      The team reports to the JLT\n      and sets up the work groups.\n", "", 1),
			removed: 3, added: 0,
		},
		{
			name:    "remove the key on the dash line",
			src:     "milestones:\n  - id: M-01\n    title: A\n  - id: M-02\n",
			edit:    func(d *Doc) error { return d.Remove("milestones", "M-01", "id") },
			want:    "milestones:\n  - title: A\n  - id: M-02\n",
			removed: 2, added: 1,
		},
		{
			name:    "remove an absent field changes nothing",
			src:     milestones,
			edit:    func(d *Doc) error { return d.Remove("milestones", "M-01", "forecast") },
			want:    milestones,
			removed: 0, added: 0,
		},
		{
			name:    "set a block list stays block",
			src:     milestones,
			edit:    func(d *Doc) error { return d.Set("milestones", "M-02", "depends_on", List("M-01", "M-00"), order) },
			want:    strings.Replace(milestones, "      - M-01\n", "      - M-01\n      - M-00\n", 1),
			removed: 0, added: 1,
		},
		{
			name:    "set a flow list stays flow",
			src:     "milestones:\n  - id: M-01\n    depends_on: [M-00]  # first\n",
			edit:    func(d *Doc) error { return d.Set("milestones", "M-01", "depends_on", List("M-00", "M-09"), order) },
			want:    "milestones:\n  - id: M-01\n    depends_on: [M-00, M-09]  # first\n",
			removed: 1, added: 1,
		},
		{
			name:    "a new list is flow",
			src:     milestones,
			edit:    func(d *Doc) error { return d.Set("milestones", "M-01", "depends_on", List("M-00", "a, b"), order) },
			want:    strings.Replace(milestones, "    notes: >-", "    depends_on: [M-00, \"a, b\"]\n    notes: >-", 1),
			removed: 0, added: 1,
		},
		{
			name:    "set an empty value",
			src:     "milestones:\n  - id: M-01\n    owner:   # to name\n",
			edit:    func(d *Doc) error { return d.Set("milestones", "M-01", "owner", Scalar("PMT"), order) },
			want:    "milestones:\n  - id: M-01\n    owner: PMT   # to name\n",
			removed: 1, added: 1,
		},
		{
			name: "programme is a mapping",
			src:  "programme:\n  id: oco\n  name: OCO\n  end: 2018-03-31\n  tolerances:\n    red_days: 30\n",
			edit: func(d *Doc) error {
				if err := d.Set("programme", "", "start", Scalar("2016-09-01"), order); err != nil {
					return err
				}
				if err := d.Set("programme", "oco", "tolerances.amber_days", Scalar("14"), order); err != nil {
					return err
				}
				return d.Set("programme", "", "risk_bands.red", Scalar("15"), order)
			},
			want: "programme:\n  id: oco\n  name: OCO\n  start: 2016-09-01\n  end: 2018-03-31\n  tolerances:\n    amber_days: 14\n    red_days: 30\n" +
				"  risk_bands:\n    red: 15\n",
			removed: 0, added: 4,
		},
		{
			name:    "CRLF line endings are kept",
			src:     "milestones:\r\n  - id: M-01\r\n    due: 2016-09-30\r\n\r\n  - id: M-02\r\n",
			edit:    func(d *Doc) error { return d.Set("milestones", "M-01", "done", Scalar("2016-09-29"), order) },
			want:    "milestones:\r\n  - id: M-01\r\n    due: 2016-09-30\r\n    done: 2016-09-29\r\n\r\n  - id: M-02\r\n",
			removed: 0, added: 1,
		},
		{
			name:    "a missing final line ending stays missing",
			src:     "milestones:\n  - id: M-01\n    due: 2016-09-30",
			edit:    func(d *Doc) error { return d.Set("milestones", "M-01", "done", Scalar("2016-09-29"), order) },
			want:    "milestones:\n  - id: M-01\n    due: 2016-09-30\n    done: 2016-09-29",
			removed: 1, added: 2,
		},
		{
			name: "append keeps the blank lines between items",
			src:  milestones,
			edit: func(d *Doc) error {
				return d.Append("milestones", []KV{{"due", Scalar("2017-03-31")}, {"title", Scalar("Day 1")}, {"id", Scalar("M-03")}}, order)
			},
			// The comment indented as M-02's keys is M-02's: M-03 follows it.
			want:    milestones[:strings.Index(milestones, "  # end of P1")] + "\n  - id: M-03\n    title: Day 1\n    due: 2017-03-31\n" + milestones[strings.Index(milestones, "  # end of P1"):],
			removed: 0, added: 4,
		},
		{
			name: "append follows the items' indentation",
			src:  "risks:\n- id: R-1\n  title: A\n- id: R-2\n  title: B\n",
			edit: func(d *Doc) error {
				return d.Append("risks", []KV{{"title", Scalar("#3")}, {"id", Scalar("R-3")}, {"affects", List("M-01")}}, order)
			},
			want:    "risks:\n- id: R-1\n  title: A\n- id: R-2\n  title: B\n- id: R-3\n  title: \"#3\"\n  affects: [M-01]\n",
			removed: 0, added: 3,
		},
		{
			name: "append adds a missing section at the end",
			src:  milestones,
			edit: func(d *Doc) error {
				return d.Append("risks", []KV{{"id", Scalar("R-1")}, {"title", Scalar("*star")}}, order)
			},
			want:    milestones + "\nrisks:\n  - id: R-1\n    title: \"*star\"\n",
			removed: 0, added: 4,
		},
		{
			name: "append fills an empty section",
			src:  "risks: []  # none yet\nissues:\n",
			edit: func(d *Doc) error {
				return d.Append("risks", []KV{{"id", Scalar("R-1")}}, order)
			},
			want:    "risks:  # none yet\n  - id: R-1\nissues:\n",
			removed: 1, added: 2,
		},
		{
			name: "head and foot comments around the item survive",
			src:  "milestones:\n  # before\n  - id: M-01  # line\n    due: 2016-09-30\n    # inside\n  # after\n",
			edit: func(d *Doc) error {
				if err := d.Set("milestones", "M-01", "due", Scalar("2016-10-01"), order); err != nil {
					return err
				}
				return d.Set("milestones", "M-01", "title", Scalar("T"), order)
			},
			want:    "milestones:\n  # before\n  - id: M-01  # line\n    title: T\n    due: 2016-10-01\n    # inside\n  # after\n",
			removed: 1, added: 2,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Parse([]byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			if err := tt.edit(d); err != nil {
				t.Fatal(err)
			}
			got := string(d.Bytes())
			if got != tt.want {
				t.Fatalf("got:\n%s\nwant:\n%s", got, tt.want)
			}
			if r, a := diffCount(tt.src, got); r != tt.removed || a != tt.added {
				t.Errorf("diff -%d +%d, want -%d +%d", r, a, tt.removed, tt.added)
			}
		})
	}
}

func TestEditErrors(t *testing.T) {
	src := "programme:\n  id: oco\nmilestones:\n  - {id: M-01, due: 2016-09-30}\n  - id: M-02\n    due: &d 2016-09-30\n    start: *d\n"
	d, err := Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Set("milestones", "M-09", "due", Scalar("x"), order); !errors.Is(err, ErrNotFound) {
		t.Errorf("absent item: %v", err)
	}
	if err := d.Set("milestones", "M-01", "due", Scalar("2017-01-01"), order); err == nil {
		t.Error("a flow item was edited")
	}
	if err := d.Set("milestones", "M-02", "due", Scalar("2017-01-01"), order); err == nil {
		t.Error("a value shared through an anchor was edited")
	}
	if err := d.Append("programme", []KV{{"id", Scalar("x")}}, order); err == nil {
		t.Error("appended to the programme mapping")
	}
	if err := d.Set("milestones", "M-02", "title", Scalar("bad \xff"), order); err == nil {
		t.Error("invalid UTF-8 written")
	}
	if string(d.Bytes()) != src {
		t.Errorf("a refused edit changed the text:\n%s", d.Bytes())
	}
	if !d.Has("milestones", "M-02") || d.Has("milestones", "M-03") || !d.Has("programme", "") {
		t.Error("Has")
	}
	for _, bad := range []string{"a: 1\n---\nb: 2\n", "- a\n", "a: 1\rb: 2\n", "a: [\n"} {
		if _, err := Parse([]byte(bad)); err == nil {
			t.Errorf("Parse(%q) gave no error", bad)
		}
	}
}

// TestScalars checks that every value set reads back as itself.
func TestScalars(t *testing.T) {
	for _, s := range []string{"", "yes", "No", "null", "~", "1: x", "a #b", "#x", "*x", "&x", "!x", "- x", "-", "x:",
		"  lead", "trail ", "it's", `say "hi"`, "tab\there", "line\nbreak", "end\n", "\n\n", "é", "[a]", "{a}", "a, b", "|", ">",
		"%x", "@x", "`x", "12", "0x1F", "1e3", ".inf", "2017-02-30", "\u2028", "\x00", "\ufeff"} {
		d, err := Parse([]byte("milestones:\n  - id: M-01\n    title: old\n"))
		if err != nil {
			t.Fatal(err)
		}
		if err := d.Set("milestones", "M-01", "title", Scalar(s), order); err != nil {
			t.Errorf("%q: %v", s, err)
		}
		if err := d.Set("milestones", "M-01", "affects", List(s, "b"), order); err != nil {
			t.Errorf("list %q: %v", s, err)
		}
	}
}
