package edit

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/ocotool/oco/internal/programme"
	"github.com/ocotool/oco/internal/yamledit"
)

// The depends_on shorthand of SPEC 7.2 and 7.5, within a programme and
// across programmes: what each reads as, and how it reads back.
func TestParseLink(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Link
		show string // "" is in
	}{
		{"M-12", Link{ID: "M-12"}, ""},
		{"M-12+5d", Link{ID: "M-12", Lag: "5d"}, ""},
		{"M-4+2w", Link{ID: "M-4", Lag: "2w"}, ""},
		{"M-12+-2d", Link{ID: "M-12", Lag: "-2d"}, ""},
		{"M-12:ss", Link{ID: "M-12", Type: "ss"}, ""},
		{"M-12:ss+5wd", Link{ID: "M-12", Type: "ss", Lag: "5wd"}, ""},
		{"M-12:ff-2d", Link{ID: "M-12", Type: "ff", Lag: "-2d"}, ""},
		{"M-12:sf+1w", Link{ID: "M-12", Type: "sf", Lag: "1w"}, ""},
		{"M-12:fs+3d", Link{ID: "M-12", Lag: "3d"}, "M-12+3d"}, // fs is the default
		{" M-12 ", Link{ID: "M-12"}, "M-12"},
		// Another programme's milestone.
		{"lco:M-12", Link{ID: "lco:M-12"}, ""},
		{"lco:M-12+5d", Link{ID: "lco:M-12", Lag: "5d"}, ""},
		{"lco:M-12+-2d", Link{ID: "lco:M-12", Lag: "-2d"}, ""},
		{"lco:M-12:ss", Link{ID: "lco:M-12", Type: "ss"}, ""},
		{"lco:M-12:ss+5wd", Link{ID: "lco:M-12", Type: "ss", Lag: "5wd"}, ""},
		{"lco:M-12:ff-2d", Link{ID: "lco:M-12", Type: "ff", Lag: "-2d"}, ""},
		{"back-office:M-3:sf+2w", Link{ID: "back-office:M-3", Type: "sf", Lag: "2w"}, ""},
		{"lco:M-12:fs", Link{ID: "lco:M-12"}, "lco:M-12"},
		// Read within the programme first: a milestone lco, type ss.
		{"lco:ss", Link{ID: "lco", Type: "ss"}, ""},
	} {
		got, err := ParseLink(tc.in)
		if err != nil {
			t.Errorf("ParseLink(%q): %v", tc.in, err)
			continue
		}
		if got != tc.want {
			t.Errorf("ParseLink(%q) = %+v, want %+v", tc.in, got, tc.want)
		}
		show := tc.show
		if show == "" {
			show = tc.in
		}
		if got.String() != show {
			t.Errorf("ParseLink(%q).String() = %q, want %q", tc.in, got.String(), show)
		}
		if back, err := ParseLink(got.String()); err != nil || back != got {
			t.Errorf("ParseLink(%q) reads back as %+v, %v", got.String(), back, err)
		}
	}
	for _, bad := range []string{
		"", "M-12+", "M-12+5", "M-12+5x", "M-12:ss+", "M-12:ss+5d+1d",
		"lco:", ":M-12", "lco:M-12:xx", "lco:M-12+5", "lco:M-12:ss:ff", "lco:M 12", "a:b:c:d",
		"M-12+5wd+1d", "lco::M-12",
	} {
		if l, err := ParseLink(bad); err == nil {
			t.Errorf("ParseLink(%q) = %+v, want an error", bad, l)
		} else if !strings.Contains(err.Error(), "lco:M-12:ss+5wd") {
			t.Errorf("ParseLink(%q): %v: the message should show the shorthand", bad, err)
		}
	}
}

// `oco set M-1 depends_on=lco:M-12:ss+5wd` writes the link as the model
// reads it: a cross-programme id, its type and its working-day lag.
func TestSetCrossProgrammeLink(t *testing.T) {
	files := fstest.MapFS{"programme.yaml": {Data: []byte(`programme:
  id: oco
  name: One Commissioning Organisation
  start: 2017-01-01
  end: 2017-12-31
milestones:
  - id: M-1
    title: Go live
    due: 2017-06-30 # agreed
  - id: M-2
    title: Review
    due: 2017-03-31
`)}}
	for _, tc := range []struct {
		value string
		lines string // what the item gains, after its due line
		deps  []programme.Dep
		show  string
	}{
		{"lco:M-12:ss+5wd", "    depends_on: [{id: lco:M-12, type: ss, lag: 5wd}]\n",
			[]programme.Dep{{ID: "lco:M-12", Type: "ss", Lag: 5, Working: true}}, "lco:M-12:ss+5wd"},
		{"lco:M-12+5d,M-2:ff-2d", "    depends_on: [{id: lco:M-12, lag: 5d}, {id: M-2, type: ff, lag: -2d}]\n",
			[]programme.Dep{{ID: "lco:M-12", Lag: 5}, {ID: "M-2", Type: "ff", Lag: -2}}, "lco:M-12+5d,M-2:ff-2d"},
		{"lco:M-12", "    depends_on: [lco:M-12]\n", []programme.Dep{{ID: "lco:M-12"}}, "lco:M-12"},
	} {
		s := memSource(files, "prog", programme.NewDate(2017, 6, 1))
		res, err := s.Set("M-1", []string{"depends_on=" + tc.value}, programme.NewDate(2017, 6, 1), false)
		if err != nil {
			t.Fatalf("set depends_on=%s: %v", tc.value, err)
		}
		if len(res.Errors) > 0 {
			t.Fatalf("set depends_on=%s: refused: %v", tc.value, res.Errors)
		}
		if got := res.Fields[0].Show; got != tc.show {
			t.Errorf("set depends_on=%s shows %q, want %q", tc.value, got, tc.show)
		}
		want := strings.Replace(string(files["programme.yaml"].Data), "# agreed\n", "# agreed\n"+tc.lines, 1)
		if got := string(s.mem["programme.yaml"]); got != want {
			t.Errorf("set depends_on=%s:\n%s", tc.value, UnifiedDiff("programme.yaml", []byte(want), []byte(got)))
		}
		m := res.After.Milestone("M-1")
		if m == nil || len(m.DependsOn) != len(tc.deps) {
			t.Fatalf("set depends_on=%s: M-1 reads %+v", tc.value, m)
		}
		for i, d := range m.DependsOn {
			d.Pos = programme.Pos{}
			if d != tc.deps[i] {
				t.Errorf("set depends_on=%s: link %d reads %+v, want %+v", tc.value, i, d, tc.deps[i])
			}
		}
		d, _ := yamledit.Parse(s.mem["programme.yaml"])
		n, _ := res.Target.node(d)
		if got := ValueText(fieldNode(n, "depends_on")); got != tc.show {
			t.Errorf("set depends_on=%s reads back as %q", tc.value, got)
		}
	}
}
