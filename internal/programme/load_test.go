package programme

import (
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"
)

var _ = flag.Bool("update", false, "rewrite golden files (none in this package)")

const header = `programme:
  id: P
  name: Test
  start: 2017-01-01
  end: 2017-12-31
`

func findings(p *Programme) []string {
	SortFindings(p.Findings)
	var out []string
	for _, f := range p.Findings {
		out = append(out, f.String())
	}
	return out
}

func TestLoadFindings(t *testing.T) {
	tests := []struct {
		name string
		file string
		want []string
	}{
		{"empty file", "", nil},
		{"comments only", "# nothing yet\n", nil},
		{"syntax error has its line", "milestones:\n  - id: M-1\n   title: x\n  due: 2017-01-01\n",
			[]string{"p/m.yaml:3:4: error: not valid YAML: did not find expected '-' indicator; the milestones section (line 1) is lost [syntax]"}},
		{"invalid UTF-8 at its column", "milestones: []\n# caf\xe9\n",
			[]string{"p/m.yaml:2:6: error: not valid YAML: byte 0xe9 is not UTF-8 text [syntax]"}},
		{"NUL byte", "risks:\x00\n",
			[]string{"p/m.yaml:1:7: error: not valid YAML: control character U+0000 [syntax]"}},
		{"tab indentation", "milestones:\n\t- id: M-1\n",
			[]string{"p/m.yaml:2:1: error: not valid YAML: a tab indents this line; YAML is indented with spaces; the milestones section (line 1) is lost [syntax]"}},
		{"two documents", "milestones: []\n---\nrisks: []\n",
			[]string{"p/m.yaml:2:1: error: a programme file holds one YAML document; this is a second, and is not read [syntax]"}},
		{"a merge key with a list", "milestones:\n  - &a {id: M-1, title: T, due: 2017-01-01}\n  - {<<: [{owner: P}, *a], id: M-2}\n  - {<<: [*a, 3], id: M-3}\n",
			[]string{"p/m.yaml:4:6: error: a merge key must name a mapping, or a list of mappings [type]"}},
		{"explicit tag that does not fit", "milestones:\n  - {id: M-1, title: T, owner: !!int dcs, due: 2017-01-01}\n",
			[]string{"p/m.yaml:2:32: error: milestone M-1: owner must be an id, but is tagged \"!!int\" [type]"}},
		{"a whole number written as a float", "risks:\n  - {id: R-1, title: T, likelihood: 4.0, impact: 2.5}\n",
			[]string{"p/m.yaml:2:50: error: risk R-1: impact must be a whole number, not \"2.5\" [type]"}},
		{"a long value is cut in messages", "milestones:\n  - {id: M-1, title: T, due: 2017-01-01, colour: x}\n  - {id: " + strings.Repeat("x", 200) + "!, title: T, due: 2017-01-01}\n",
			[]string{
				"p/m.yaml:2:42: error: milestone M-1 has no field \"colour\" [unknown-field]",
				"p/m.yaml:3:10: error: milestone " + strings.Repeat("x", 60) + "...: \"" + strings.Repeat("x", 60) + "\"... is not a valid id (letters, digits, - _ . ; starting with a letter; at most 64 characters) [invalid-id]",
			}},
		{"a list at the top", "- id: M-1\n",
			[]string{"p/m.yaml:1:1: error: the file must be a mapping of sections (programme, milestones, risks, ...), not a list [type]"}},
		{"a mapping where a list belongs", "milestones:\n  id: M-1\n",
			[]string{`p/m.yaml:2:3: error: milestones must be a list of items (each starting ` + "`- id: ...`" + `), not a mapping [type]`}},
		{"unknown section suggests", "milestone:\n  - id: M-1\n",
			[]string{`p/m.yaml:1:1: error: "milestone" is not a section; did you mean "milestones"? [duplicate-section]`}},
		{"key given twice", "milestones:\n  - id: M-1\n    title: a\n    title: b\n    due: 2017-02-01\n",
			[]string{`p/m.yaml:4:5: error: key "title" given twice in one mapping (first at line 3) [syntax]`}},
		{"quoted and unquoted bad dates", "milestones:\n  - id: M-1\n    title: a\n    due: \"2017-02-30\"\n    done: 2017-02-29\n",
			[]string{
				`p/m.yaml:4:10: error: milestone M-1: due "2017-02-30" is not a real calendar date [invalid-date]`,
				`p/m.yaml:5:11: error: milestone M-1: done "2017-02-29" is not a real calendar date [invalid-date]`,
			}},
		{"alias bomb", "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n",
			[]string{
				`p/m.yaml:1:1: error: "a" is not a section [duplicate-section]`,
				`p/m.yaml:2:1: error: "b" is not a section [duplicate-section]`,
				`p/m.yaml:3:1: error: "c" is not a section [duplicate-section]`,
			}},
		{"alias to a list where an item belongs", "x: &x [a, b]\nmilestones: [*x]\n",
			[]string{
				`p/m.yaml:1:1: error: "x" is not a section [duplicate-section]`,
				`p/m.yaml:2:14: error: each item of milestones must be a mapping of fields, not a list [type]`,
			}},
		{"six mistakes, six findings", "milestones:\n  - id: 1st\n    titel: a\n    due: 2017-13-01\n    depends_on: [{id: M-0, lag: 3m}]\n    owner: [a]\n    phase:\n      x: y\n",
			[]string{
				`p/m.yaml:2:5: error: milestone 1st has no title [missing-field]`,
				`p/m.yaml:2:9: error: milestone 1st: "1st" is not a valid id (letters, digits, - _ . ; starting with a letter; at most 64 characters) [invalid-id]`,
				`p/m.yaml:3:5: error: milestone 1st has no field "titel"; did you mean "title"? [unknown-field]`,
				`p/m.yaml:4:10: error: milestone 1st: due "2017-13-01" is not a real calendar date [invalid-date]`,
				`p/m.yaml:5:33: error: milestone 1st depends_on entry: lag "3m" must be a whole number of days or weeks, such as 10d or 2w [invalid-value]`,
				`p/m.yaml:6:12: error: milestone 1st: owner must be an id, not a list [type]`,
				`p/m.yaml:8:7: error: milestone 1st: phase must be an id, not a mapping [type]`,
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{
				"programme.yaml": {Data: []byte(header)},
				"m.yaml":         {Data: []byte(tt.file)},
			}
			got := findings(Load(fsys, "p"))
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestLoadJoinsSectionsAcrossFiles(t *testing.T) {
	fsys := fstest.MapFS{
		"programme.yaml":          {Data: []byte(header + "milestones:\n  - {id: M-1, title: a, due: 2017-02-01}\n")},
		"workstreams/finance.yml": {Data: []byte("milestones:\n  - {id: M-2, title: b, due: 2017-03-01}\n")},
		".hidden/x.yaml":          {Data: []byte("junk: [")},
		".draft.yaml":             {Data: []byte("junk: [")},
		"notes.txt":               {Data: []byte("junk: [")},
	}
	p := Load(fsys, "prog")
	if got := findings(p); len(got) != 0 {
		t.Fatalf("unexpected findings: %v", got)
	}
	if len(p.Milestones) != 2 || p.Milestones[1].ID != "M-2" || p.Milestones[1].File != "prog/workstreams/finance.yml" {
		t.Fatalf("milestones not joined in path order: %+v", p.Milestones)
	}
	if got := p.Milestones[1].KeyPos("due").String(); got != "prog/workstreams/finance.yml:2:25" {
		t.Errorf("KeyPos(due) = %s", got)
	}
	if tol := p.Tolerances(); tol != DefaultTolerances {
		t.Errorf("default tolerances not applied: %+v", tol)
	}
}

func TestLoadMissingProgramme(t *testing.T) {
	p := Load(fstest.MapFS{"milestones.yaml": {Data: []byte("milestones: []\n")}}, "p")
	want := "p/milestones.yaml:1:1: error: no programme section: one file must hold `programme:` with id, name, start and end [missing-field]"
	if got := findings(p); len(got) != 1 || got[0] != want {
		t.Errorf("got %v, want %s", got, want)
	}
}

func TestLoadProgrammeTwice(t *testing.T) {
	p := Load(fstest.MapFS{"programme.yaml": {Data: []byte(header)}, "z.yaml": {Data: []byte(header)}}, "p")
	want := "p/z.yaml:1:1: error: programme given twice (first at p/programme.yaml:2:3) [duplicate-section]"
	if got := findings(p); len(got) != 1 || got[0] != want {
		t.Errorf("got %v, want %s", got, want)
	}
}

func TestLoadSkipsLinksOutside(t *testing.T) {
	dir := t.TempDir()
	outside := t.TempDir()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.WriteFile(filepath.Join(dir, "programme.yaml"), []byte(header), 0o644))
	must(os.WriteFile(filepath.Join(outside, "x.yaml"), []byte("junk: ["), 0o644))
	must(os.WriteFile(filepath.Join(dir, "inner.txt"), []byte("milestones:\n  - {id: M-1, title: a, due: 2017-02-01}\n"), 0o644))
	must(os.Symlink(filepath.Join(outside, "x.yaml"), filepath.Join(dir, "out.yaml")))
	must(os.Symlink("../"+filepath.Base(outside)+"/x.yaml", filepath.Join(dir, "rel.yaml")))
	must(os.Symlink("inner.txt", filepath.Join(dir, "in.yaml")))
	p := Load(os.DirFS(dir), "p")
	want := []string{
		"p/out.yaml:1:1: error: cannot read: a symbolic link that leads out of the programme directory; not followed [syntax]",
		"p/rel.yaml:1:1: error: cannot read: a symbolic link that leads out of the programme directory; not followed [syntax]",
	}
	if got := findings(p); !slices.Equal(got, want) {
		t.Errorf("links outside: got %q, want %q", got, want)
	}
	if len(p.Milestones) != 1 {
		t.Errorf("a link inside was not followed: %d milestones", len(p.Milestones))
	}
}

func TestParseDate(t *testing.T) {
	for s, ok := range map[string]bool{
		"2017-02-28": true, "2016-02-29": true, "2017-02-29": false, "2017-02-30": false,
		"2017-1-01": false, "17-01-01": false, "2017-00-10": false, "2017-12-32": false,
		"0000-01-01": false, "2017-01-01T00:00:00Z": false, "２017-01-01": false, "": false,
	} {
		d, err := ParseDate(s)
		if (err == nil) != ok {
			t.Errorf("ParseDate(%q) error = %v, want ok=%v", s, err, ok)
		}
		if ok && d.String() != s {
			t.Errorf("ParseDate(%q).String() = %q", s, d)
		}
	}
	if d, _ := ParseDate("2017-03-01"); d.Sub(NewDate(2017, 2, 28)) != 1 {
		t.Error("date arithmetic is off across February")
	}
}

// TestLoadDirConfines checks that nothing outside the programme directory
// is read, however a link is built, and that nothing which is not a plain
// file is opened: a named pipe would hang the read, /dev/zero never end it.
func TestLoadDirConfines(t *testing.T) {
	dir := t.TempDir()
	outside := t.TempDir()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.WriteFile(filepath.Join(dir, "programme.yaml"), []byte(header), 0o644))
	must(os.WriteFile(filepath.Join(outside, "secret.yaml"), []byte("milestones: [{id: SECRET, title: s, due: 2017-02-01}]\n"), 0o644))
	must(os.WriteFile(filepath.Join(dir, "inner.txt"), []byte("milestones:\n  - {id: M-1, title: a, due: 2017-02-01}\n"), 0o644))
	must(os.Symlink(filepath.Join(outside, "secret.yaml"), filepath.Join(dir, "hop")))
	must(os.Symlink("hop", filepath.Join(dir, "chain.yaml")))      // a chain whose second link leaves
	must(os.Symlink("/dev/zero", filepath.Join(dir, "zero.yaml"))) // never ends
	must(os.Symlink("loop-b.yaml", filepath.Join(dir, "loop-a.yaml")))
	must(os.Symlink("loop-a.yaml", filepath.Join(dir, "loop-b.yaml")))
	must(os.Symlink("inner.txt", filepath.Join(dir, "in.yaml")))
	must(os.Mkdir(filepath.Join(dir, "folder.yaml"), 0o755)) // a folder, read as one
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.yaml"), 0o644); err != nil {
		t.Logf("no named pipe: %v", err)
	}
	p := LoadDir(dir, "p")
	var got []string
	for _, f := range p.Findings {
		got = append(got, f.String())
	}
	want := []string{
		"p/chain.yaml:1:1: error: cannot read: a symbolic link that leads out of the programme directory; not followed [syntax]",
		"p/loop-a.yaml:1:1: error: cannot read: a chain of symbolic links that does not end; not followed [syntax]",
		"p/loop-b.yaml:1:1: error: cannot read: a chain of symbolic links that does not end; not followed [syntax]",
		"p/pipe.yaml:1:1: error: cannot read: a named pipe, not a file; not read [syntax]",
		"p/zero.yaml:1:1: error: cannot read: a symbolic link that leads out of the programme directory; not followed [syntax]",
	}
	SortFindings(p.Findings)
	got = got[:0]
	for _, f := range p.Findings {
		got = append(got, f.String())
		if strings.Contains(f.Message, "SECRET") {
			t.Errorf("a finding shows what lies outside: %s", f)
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(p.Milestones) != 1 || p.Milestones[0].ID != "M-1" {
		t.Errorf("milestones %v: want only M-1, through the link that stays inside", p.Milestones)
	}
	if !p.Incomplete() {
		t.Error("a programme with unread files says it is complete")
	}
}
