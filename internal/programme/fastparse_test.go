package programme

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"go.yaml.in/yaml/v3"
)

// fastParse is the fast parser on a whole file, building the whole tree
// (fastLoad reads a file an entry at a time): what the tests hold to the
// library's tree.
func fastParse(src []byte) (*yaml.Node, bool) {
	if !fastBytes(src) {
		return nil, false
	}
	f := newFast(src)
	if !f.skip() || f.ind != 0 {
		return nil, false // empty, comments only, or indented: the library says
	}
	doc := f.node(yaml.DocumentNode, "", "", f.line, 1)
	root := f.mapping(0)
	if f.bad || f.skip() {
		return nil, false
	}
	doc.Content = []*yaml.Node{root}
	return doc, true
}

// fastBytes reports whether src is UTF-8 with none of the characters the
// fast parser leaves to the library (scanBytes).
func fastBytes(src []byte) bool {
	_, _, bad, plain := scanBytes("", src)
	return !bad && plain
}

// sameTree says where a differs from b, the library's tree, leaving out
// comments, which the loader does not read; "" where they agree.
func sameTree(a, b *yaml.Node, at string) string {
	if a == nil || b == nil {
		if a != b {
			return at + ": one tree has no node"
		}
		return ""
	}
	if a.Kind != b.Kind || a.Tag != b.Tag || a.Value != b.Value || a.Style != b.Style || a.Line != b.Line ||
		a.Column != b.Column || a.Anchor != b.Anchor || (a.Alias == nil) != (b.Alias == nil) || len(a.Content) != len(b.Content) {
		return fmt.Sprintf("%s: fast {kind %d tag %s value %q style %d at %d:%d, %d below}, library {kind %d tag %s value %q style %d at %d:%d, %d below}",
			at, a.Kind, a.Tag, a.Value, a.Style, a.Line, a.Column, len(a.Content), b.Kind, b.Tag, b.Value, b.Style, b.Line, b.Column, len(b.Content))
	}
	for i := range a.Content {
		if d := sameTree(a.Content[i], b.Content[i], fmt.Sprintf("%s/%d", at, i)); d != "" {
			return d
		}
	}
	return ""
}

// agrees checks fastParse against the library on src: where the fast
// parser accepts, the library parses src to the same tree.
func agrees(t *testing.T, name string, src []byte) (accepted bool) {
	t.Helper()
	fastDoc, ok := fastParse(src)
	if !ok {
		return false
	}
	var doc yaml.Node
	err := func() (err error) {
		defer func() {
			if r := recover(); r != nil {
				err = fmt.Errorf("panic: %v", r)
			}
		}()
		return yaml.Unmarshal(src, &doc)
	}()
	if err != nil {
		t.Fatalf("%s: the fast parser accepts what the library refuses (%v):\n%s", name, err, src)
	}
	if d := sameTree(fastDoc, &doc, "doc"); d != "" {
		t.Fatalf("%s: the trees differ at %s:\n%s", name, d, src)
	}
	return true
}

// TestFastParseAgrees holds the fast parser to the library on every YAML
// file in the repository, and says which files it leaves to the library.
func TestFastParseAgrees(t *testing.T) {
	var files, accepted int
	var left []string
	filepath.WalkDir("../..", func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() && (d.Name() == ".git" || d.Name() == "node_modules") {
			if d != nil && d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".yaml") && !strings.HasSuffix(path, ".yml") {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return nil
		}
		files++
		if agrees(t, path, src) {
			accepted++
		} else {
			left = append(left, path)
		}
		return nil
	})
	// The programmes the command tests are written in, broken ones among
	// them.
	var inArchives, acceptedInArchives int
	archives, _ := filepath.Glob("../*/testdata/*/*.txtar")
	more, _ := filepath.Glob("../*/testdata/*.txtar")
	for _, name := range append(archives, more...) {
		a, err := txtar.ParseFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range a.Files {
			if strings.HasSuffix(f.Name, ".yaml") {
				inArchives++
				if agrees(t, name+":"+f.Name, f.Data) {
					acceptedInArchives++
				}
			}
		}
	}
	t.Logf("%d of %d files in test archives parsed fast", acceptedInArchives, inArchives)
	t.Logf("%d of %d files parsed fast; left to the library: %v", accepted, files, left)
	for _, f := range []string{"../../programme/milestones.yaml", "../../programme/risks.yaml", "../../programme/programme.yaml"} {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := fastParse(src); !ok {
			t.Errorf("%s is left to the library; the shipped programme should parse fast", f)
		}
	}
}

// FuzzFastParse holds the fast parser to the library on any bytes.
func FuzzFastParse(f *testing.F) {
	for _, name := range []string{"../../programme/milestones.yaml", "../../programme/risks.yaml", "../../programme/decisions.yaml", "../../programme/programme.yaml"} {
		if src, err := os.ReadFile(name); err == nil {
			f.Add(src)
		}
	}
	for _, s := range []string{
		"a: 1\n", "a:\n  - b\n  - c: d\n    e: [f, {g: 1d}]\n", "a: >-\n  x\n  y\n", "a: |\n  x\n  y\n\nb: 2\n",
		"a: 'it''s'\nb: \"q\"  # c\n", "a: x\n  y\n", "a: null\nb: ~\nc: true\nd: 2017-01-01\ne: 0x1F\nf: .5\n",
		"- a\n", "a:\n- b\n", "a: b: c\n", "a: [b,\n c]\n", "a: -1\nb: +2\nc: 1_000\n", "a: é\nb: [é, x]\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		agrees(t, "fuzz", src)
	})
}

// TestNumberTag holds the shortcut for dates, numbers and lags to the
// library's own resolution.
func TestNumberTag(t *testing.T) {
	for _, s := range []string{"2017-01-31", "2017-02-30", "2017-13-01", "0000-01-01", "12", "-7", "+3", "123456789012345678",
		"10d", "-3wd", "2w", "1e5", "1E", "12ab", "1x", "0d", "01", "08", "0x1F", "1_000", "9999-12-31", "2016-02-29", "2017-02-29"} {
		got := numberTag([]byte(s))
		if got == "" {
			continue // left to the library
		}
		var doc yaml.Node
		if err := yaml.Unmarshal([]byte(s), &doc); err != nil {
			t.Fatal(err)
		}
		if want := doc.Content[0].Tag; got != want {
			t.Errorf("numberTag(%q) = %s, the library says %s", s, got, want)
		}
	}
}

// loadsAlike checks that src, read as a file through the fast parser,
// gives the items, header and findings that the library's tree gives.
func loadsAlike(t *testing.T, name string, src []byte) {
	t.Helper()
	// What is compared: the items, header and findings (in sorted order,
	// as every command shows them), and the programme section's claim
	// with the findings it made.
	type read struct {
		p              Programme
		key            Pos
		made           bool
		headerFindings []Finding
	}
	load := func(library bool) read {
		libraryOnly = library
		defer func() { libraryOnly = false }()
		f := parse("programme/x.yaml", src)
		f.extract()
		r := read{key: f.claim.key, made: f.claim.made}
		r.headerFindings = slices.Clone(f.scratch.Findings[f.claim.from:f.claim.to])
		SortFindings(f.scratch.Findings)
		r.p = f.scratch
		return r
	}
	fast, lib := load(false), load(true)
	if !reflect.DeepEqual(fast, lib) {
		t.Fatalf("%s: read through the fast parser, the file gives\n%+v\nwhere the library gives\n%+v\n%s", name, fast, lib, src)
	}
}

// TestFastLoadAgrees reads the shipped programme, every programme in the
// test archives and a list long enough to be read in pieces on every core
// both ways.
func TestFastLoadAgrees(t *testing.T) {
	var big strings.Builder
	big.WriteString("# a long list\nmilestones:\n")
	for i := range 6000 {
		fmt.Fprintf(&big, "  - id: M-%d\n    title: Milestone %d\n    due: 2017-%02d-%02d\n", i, i, 1+i%12, 1+i%31)
		if i%500 == 3 {
			big.WriteString("    colour: blue\n") // an unknown field: findings in every piece
		}
		if i%700 == 5 {
			big.WriteString("\n# a comment between entries\n")
		}
	}
	big.WriteString("risks:\n  - id: R-1\n    title: After the list\n")
	if src := []byte(big.String()); len(src) < splitAbove {
		t.Fatalf("the long list is %d bytes, too short to be split", len(src))
	} else {
		loadsAlike(t, "long list", src)
		f := newFast(src)
		f.pos, f.line = len("# a long list\nmilestones:\n"), 3
		f.skip()
		if runtime.GOMAXPROCS(0) > 1 && len(f.split(2)) < 2 {
			t.Error("the long list is not split")
		}
	}
	names, _ := filepath.Glob("../../programme/*.yaml")
	for _, name := range names {
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		loadsAlike(t, name, src)
	}
	archives, _ := filepath.Glob("../*/testdata/*/*.txtar")
	for _, name := range archives {
		a, err := txtar.ParseFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range a.Files {
			if strings.HasSuffix(f.Name, ".yaml") {
				loadsAlike(t, name+":"+f.Name, f.Data)
			}
		}
	}
}

// FuzzFastLoad holds the item-at-a-time reading to the library's tree.
func FuzzFastLoad(f *testing.F) {
	for _, name := range []string{"../../programme/milestones.yaml", "../../programme/risks.yaml", "../../programme/programme.yaml"} {
		if src, err := os.ReadFile(name); err == nil {
			f.Add(src)
		}
	}
	for _, s := range []string{
		"milestones:\n  - id: M-1\n    title: A\n    due: 2017-01-01\n  - id: M-2\n    bad: 1\nmilestones:\n  - id: M-3\n",
		"programme:\n  id: P\n  name: N\n  start: 2017-01-01\n  end: 2018-01-01\nprogramme: x\n",
		"risks: []\nrisks:\n  - 1\n  - id: R-1\n", "nonsense:\n  - a\n", "milestones: [unclosed\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		loadsAlike(t, "fuzz", src)
	})
}
