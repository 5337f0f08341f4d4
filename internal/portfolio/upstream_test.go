package portfolio

import (
	"strings"
	"testing"

	"github.com/ocotool/oco/internal/gitrev"
	"github.com/ocotool/oco/internal/programme"
)

const pinned = `programme:
  id: oco
  name: OCO
  start: 2017-01-01
  end: 2017-12-31
  upstream:
    # agreed at the March board
    lco: {repo: ../lco, ref: 1111111111111111111111111111111111111111}
    nwp:
      repo: https://git.example.org/nwp.git
      ref: "2222222"
      dir: plan
`

func TestPinsLoad(t *testing.T) {
	p := programme.Load(gitrev.Files{"programme.yaml": []byte(pinned)}, "")
	if len(p.Findings) > 0 {
		t.Fatal(p.Findings)
	}
	lco, nwp := p.Header.Upstream["lco"], p.Header.Upstream["nwp"]
	if lco == nil || lco.Ref != strings.Repeat("1", 40) || lco.RefPos.Line != 8 || nwp == nil || nwp.Dir != "plan" || nwp.Ref != "2222222" {
		t.Fatalf("pins: %+v %+v", lco, nwp)
	}
	f := Pins(p)
	if len(f.Programmes) != 2 || f.Programmes[0].ID != "lco" || f.Programmes[1].Repo != "https://git.example.org/nwp.git" {
		t.Errorf("entries: %+v", f.Programmes)
	}
	bad := programme.Load(gitrev.Files{"programme.yaml": []byte(
		"programme:\n  id: x\n  name: X\n  start: 2017-01-01\n  end: 2017-12-31\n  upstream:\n    1bad: {ref: a}\n    lco: [a]\n    nwp: {repo: r}\n    gm: {ref: b, reff: c}\n")}, "")
	var rules []string
	for _, f := range bad.Findings {
		rules = append(rules, f.Rule)
	}
	if got := strings.Join(rules, " "); got != "invalid-id type missing-field unknown-field" {
		t.Errorf("findings %s: %v", got, bad.Findings)
	}
}

func TestIsURL(t *testing.T) {
	for repo, want := range map[string]bool{
		"../lco": false, "/srv/git/lco.git": false, "lco": false,
		"file:///srv/lco.git": true, "https://git.example.org/lco.git": true, "git@example.org:bury/lco.git": true,
	} {
		if IsURL(repo) != want {
			t.Errorf("IsURL(%q) = %v", repo, !want)
		}
	}
}
