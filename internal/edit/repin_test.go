package edit

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/ocotool/oco/internal/programme"
)

const pinned = `programme:
  id: oco
  name: OCO
  start: 2017-01-01
  end: 2017-12-31
  upstream:
    # agreed at the March board
    lco: {repo: ../lco, ref: 1111111111111111111111111111111111111111}  # L-2 on 15 May
    nwp:
      repo: https://git.example.org/nwp.git
      ref: "2222222"   # agreed in March
      dir: plan
    gm:
      repo: ../gm
      ref: &agreed 4444444
    bo: {repo: ../bo, ref: *agreed}
milestones:
  - {id: M-1, title: Go live, due: 2017-06-30, depends_on: [lco:L-2, nwp:N-1]}
`

func pinSource(src string) *Source {
	return memSource(fstest.MapFS{"programme.yaml": {Data: []byte(src)}}, "prog", programme.NewDate(2017, 6, 1))
}

// Re-pinning is an edit of one value: one line changes, comments and
// quotes stay, and the model as edited reads the new commit.
func TestRepin(t *testing.T) {
	commit := strings.Repeat("3", 40)
	for _, tc := range []struct{ prog, was, want string }{
		{"lco", "    lco: {repo: ../lco, ref: 1111111111111111111111111111111111111111}  # L-2 on 15 May\n",
			"    lco: {repo: ../lco, ref: 3333333333333333333333333333333333333333}  # L-2 on 15 May\n"},
		{"nwp", "      ref: \"2222222\"   # agreed in March\n", "      ref: \"3333333333333333333333333333333333333333\"   # agreed in March\n"},
	} {
		for _, dry := range []bool{true, false} {
			s := pinSource(pinned)
			res, err := s.Repin(tc.prog, commit, dry)
			if err != nil {
				t.Fatalf("%s: %v", tc.prog, err)
			}
			if !res.Changed || len(res.Errors) > 0 {
				t.Fatalf("%s: changed %v, errors %v", tc.prog, res.Changed, res.Errors)
			}
			want := strings.Replace(pinned, tc.was, tc.want, 1)
			if string(res.New) != want {
				t.Errorf("%s:\n%s", tc.prog, UnifiedDiff("programme.yaml", []byte(pinned), res.New))
			}
			if got := res.After.Header.Upstream[tc.prog]; got == nil || got.Ref != commit {
				t.Errorf("%s: the programme as edited pins %+v", tc.prog, got)
			}
			if written := string(s.mem["programme.yaml"]); dry && written != pinned || !dry && written != want {
				t.Errorf("%s (dry run %v): the file reads\n%s", tc.prog, dry, written)
			}
		}
	}

	// The same commit again changes nothing.
	s := pinSource(pinned)
	if res, err := s.Repin("lco", strings.Repeat("1", 40), false); err != nil || res.Changed {
		t.Errorf("re-pinning at the same commit: changed %v, %v", res != nil && res.Changed, err)
	}

	for _, tc := range []struct {
		prog, commit, err string
		usage             bool
	}{
		{"mcr", commit, "pins no programme mcr", true},
		{"lco", "main; rm -rf", "is not a commit hash", true},
		{"lco", "HEAD", "is not a commit hash", true},
		{"gm", commit, "through an alias", false}, // the anchor is shared with bo
		{"bo", commit, "through an alias", false},
	} {
		s := pinSource(pinned)
		_, err := s.Repin(tc.prog, tc.commit, false)
		var ue *UsageError
		if err == nil || !strings.Contains(err.Error(), tc.err) || errors.As(err, &ue) != tc.usage {
			t.Errorf("Repin(%s, %q) = %v, want %q (usage %v)", tc.prog, tc.commit, err, tc.err, tc.usage)
		}
		if string(s.mem["programme.yaml"]) != pinned {
			t.Errorf("Repin(%s, %q) refused, yet wrote the file", tc.prog, tc.commit)
		}
	}

	// Changed meanwhile: the pin is found again in the file as it is now.
	s = pinSource(pinned)
	moved := strings.Replace(pinned, "  upstream:\n", "  as_of: 2017-05-31\n  upstream:\n", 1)
	s.mem["programme.yaml"] = []byte(moved)
	res, err := s.Repin("lco", commit, false)
	if err != nil || !strings.Contains(string(s.mem["programme.yaml"]), "ref: "+commit+"}  # L-2") ||
		!strings.Contains(string(s.mem["programme.yaml"]), "as_of: 2017-05-31") {
		t.Errorf("re-pinning a file changed since it was read: %v\n%s", err, s.mem["programme.yaml"])
	}
	if res != nil && len(res.Errors) > 0 {
		t.Errorf("errors %v", res.Errors)
	}
}

// FuzzRepin: re-pinning changes at most one line, or refuses.
func FuzzRepin(f *testing.F) {
	f.Add(pinned, "lco")
	f.Add(pinned, "nwp")
	f.Add(pinned, "gm")
	f.Add("programme:\n  upstream:\n    lco: {ref: 'ab\n  cd'}\n", "lco")
	f.Add("programme:\n  id: x\n  upstream:\n    lco:\n      ref: >\n        abc\n", "lco")
	f.Add("programme:\n  upstream:\n    lco: {ref: \"é\", repo: r}\n    nwp: {repo: é, ref: abc}\n", "nwp")
	f.Fuzz(func(t *testing.T, src, prog string) {
		s := pinSource(src)
		res, err := s.Repin(prog, strings.Repeat("a", 40), false)
		if err != nil || !res.Changed {
			return
		}
		a, b := strings.Split(src, "\n"), strings.Split(string(s.mem["programme.yaml"]), "\n")
		if len(res.Errors) > 0 {
			if string(s.mem["programme.yaml"]) != src {
				t.Fatalf("a refused re-pin wrote the file")
			}
			b = strings.Split(string(res.New), "\n")
		}
		if len(a) != len(b) {
			t.Fatalf("line count changed: %q -> %q", src, b)
		}
		n := 0
		for i := range a {
			if a[i] != b[i] {
				n++
			}
		}
		if n != 1 {
			t.Fatalf("%d lines changed: %q -> %q", n, src, b)
		}
		if got := res.After.Header.Upstream[prog]; got == nil || got.Ref != strings.Repeat("a", 40) {
			t.Fatalf("re-pinned %s reads %+v: %q", prog, got, res.New)
		}
	})
}
