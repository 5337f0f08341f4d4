package cli

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"time"
)

// pagerRun runs oco with stdout a terminal of 80 columns and height
// lines (0: not a terminal), recording what the pager is given.
func pagerRun(t *testing.T, height int, vars map[string]string, args ...string) (out, paged, pager string) {
	t.Helper()
	var o, e bytes.Buffer
	env := &Env{In: strings.NewReader(""), Out: &o, Err: &e,
		Getenv: func(k string) string { return vars[k] },
		Getwd:  func() (string, error) { return shippedDir(t), nil },
		Now:    func() time.Time { return time.Date(2017, 7, 14, 0, 0, 0, 0, time.UTC) },
		Terminal: func(w io.Writer) (bool, int) {
			return w == &o && height > 0, 80
		},
		Height: func(io.Writer) int { return height },
		Page: func(command string, text []byte, out, _ io.Writer) error {
			pager, paged = command, string(text)
			return nil
		},
	}
	if code := Run(env, append([]string{"-C", shippedDir(t)}, args...)); code != 0 {
		t.Fatalf("oco %v: exit %d: %s", args, code, e.String())
	}
	return o.String(), paged, pager
}

func TestPager(t *testing.T) {
	// Longer than the screen: paged, by less unless the user says.
	out, paged, pager := pagerRun(t, 10, nil, "milestones")
	if out != "" || !strings.Contains(paged, "M-01") || pager != "less -FRX" {
		t.Errorf("long output on a terminal: out %d bytes, paged %d bytes by %q", len(out), len(paged), pager)
	}
	_, _, pager = pagerRun(t, 10, map[string]string{"PAGER": "more"}, "milestones")
	if pager != "more" {
		t.Errorf("PAGER=more: paged by %q", pager)
	}
	_, _, pager = pagerRun(t, 10, map[string]string{"PAGER": "more", "OCO_PAGER": "most"}, "milestones")
	if pager != "most" {
		t.Errorf("OCO_PAGER=most: paged by %q", pager)
	}
	for name, run := range map[string]func() (string, string, string){
		"--no-pager": func() (string, string, string) { return pagerRun(t, 10, nil, "milestones", "--no-pager") },
		"piped":      func() (string, string, string) { return pagerRun(t, 0, nil, "milestones") },
		"fits":       func() (string, string, string) { return pagerRun(t, 200, nil, "milestones") },
		"OCO_PAGER=cat": func() (string, string, string) {
			return pagerRun(t, 10, map[string]string{"OCO_PAGER": "cat"}, "milestones")
		},
	} {
		out, paged, _ := run()
		if paged != "" || !strings.Contains(out, "M-01") {
			t.Errorf("%s: paged %d bytes, wrote %d", name, len(paged), len(out))
		}
	}
}
