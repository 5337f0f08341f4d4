package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// The example portfolio the README runs reads, from this repository's git
// objects, two programmes whose links and pin hold: every check passes,
// the LCO's link to the OCO is scheduled across them, and the pin agrees
// with the OCO's date now (where this fails after a change to the OCO's
// dates, re-pin: oco upstream update oco -C
// internal/portfolio/testdata/bury/lco, and commit).
func TestExamplePortfolio(t *testing.T) {
	top := filepath.Join(shippedDir(t), "..")
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	out, err := exec.Command("git", "-C", top, "rev-parse", "--is-shallow-repository", "--show-toplevel").Output()
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if err != nil || len(lines) != 2 || lines[0] != "false" || !sameDir(lines[1], top) {
		t.Skip("not a whole clone of oco's repository: the example reads its history")
	}
	bury := filepath.Join(top, "internal", "portfolio", "testdata", "bury")
	if got, code := runOco(t, top, "portfolio", "validate", "-p", bury); code != 0 || got != "0 errors, 0 warnings\n" {
		t.Errorf("portfolio validate: exit %d\n%s", code, got)
	}
	got, code := runOco(t, top, "portfolio", "milestones", "-p", bury, "-o", "csv")
	if code != 0 || !strings.Contains(got, "\nlco:LCO-M-3,") {
		t.Errorf("portfolio milestones: exit %d, no lco:LCO-M-3\n%s", code, got)
	}
	got, code = runOco(t, top, "upstream", "status", "-C", filepath.Join(bury, "lco"))
	if row := regexp.MustCompile(`(?m)^bury-lco:LCO-M-3 +oco:M-42 +e13b231 +(\S+) +[0-9a-f]{7} +(\S+) +\+0$`); code != 0 || !row.MatchString(got) {
		t.Errorf("upstream status: exit %d; want LCO-M-3's link to oco:M-42 unmoved since e13b231\n%s", code, got)
	}
}

// sameDir reports whether two paths name one directory.
func sameDir(a, b string) bool {
	ia, errA := os.Stat(a)
	ib, errB := os.Stat(b)
	return errA == nil && errB == nil && os.SameFile(ia, ib)
}
