package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/ocotool/oco/internal/programme"
	"github.com/ocotool/oco/internal/render"
	"github.com/ocotool/oco/internal/view"
)

// demoDir writes the demo programme of the milestones script into a
// temporary directory, so these tests and the script read the same one.
func demoDir(t *testing.T) string {
	t.Helper()
	ar, err := txtar.ParseFile("testdata/script/milestones.txtar")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, f := range ar.Files {
		if !strings.HasPrefix(f.Name, "demo/") {
			continue
		}
		name := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return filepath.Join(dir, "demo")
}

// runListing runs oco with the given environment, as a user would.
func runListing(t *testing.T, env map[string]string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errOut bytes.Buffer
	e := &Env{
		In: strings.NewReader(""), Out: &out, Err: &errOut,
		Getenv: func(k string) string { return env[k] },
		Getwd:  func() (string, error) { return t.TempDir(), nil },
	}
	code = Run(e, args)
	return out.String(), errOut.String(), code
}

// Every listing honours CLICOLOR_FORCE, and NO_COLOR and --no-color win
// over it.
func TestListingColour(t *testing.T) {
	dir := demoDir(t)
	for _, kind := range []string{"phases", "milestones", "risks", "assumptions", "issues", "decisions", "benefits"} {
		t.Run(kind, func(t *testing.T) {
			out, _, code := runListing(t, map[string]string{"CLICOLOR_FORCE": "1"}, "-C", dir, kind)
			// Decisions carry no rating, so piped they have nothing to paint.
			if code != 0 || kind != "decisions" && !strings.Contains(out, "\x1b[") {
				t.Errorf("CLICOLOR_FORCE=1: exit %d, no colour in\n%s", code, out)
			}
			out, _, _ = runListing(t, map[string]string{"CLICOLOR_FORCE": "1", "NO_COLOR": "1"}, "-C", dir, kind)
			if strings.Contains(out, "\x1b") {
				t.Errorf("NO_COLOR=1: escape codes in\n%q", out)
			}
			out, _, _ = runListing(t, map[string]string{"CLICOLOR_FORCE": "1"}, "-C", dir, "--no-color", kind)
			if strings.Contains(out, "\x1b") {
				t.Errorf("--no-color: escape codes in\n%q", out)
			}
			out, _, _ = runListing(t, nil, "-C", dir, kind)
			if strings.Contains(out, "\x1b") {
				t.Errorf("piped: escape codes in\n%q", out)
			}
		})
	}
}

// loadDemo loads the demo programme as a command's session would.
func loadDemo(t *testing.T) *session {
	t.Helper()
	p := programme.Load(os.DirFS(demoDir(t)), "demo")
	if e, _ := programme.Count(p.Findings); e > 0 {
		t.Fatalf("the demo programme does not load: %v", p.Findings)
	}
	return &session{g: &globals{}, p: p, asOf: p.Header.AsOf}
}

// On a narrow colour terminal a listing fits the width: titles are cut with
// an ellipsis, ids and dates are whole, and status is painted by rating.
func TestListingOnTerminal(t *testing.T) {
	s := loadDemo(t)
	out := view.MilestoneListing(s.p, s.plan(), s.asOf, &view.Filter{})
	var buf bytes.Buffer
	term := render.Term{Out: &buf, Color: true, IsTerminal: true, Width: 72}
	if err := term.Table(out.Table); err != nil {
		t.Fatal(err)
	}
	got := buf.String()
	for _, line := range strings.Split(strings.TrimRight(got, "\n"), "\n") {
		if w := render.Width(line); w > 72 {
			t.Errorf("line is %d columns, wider than the terminal's 72:\n%s", w, line)
		}
	}
	for _, want := range []string{
		"Build complete…",        // the long title, cut between words
		"2024-09-15",             // dates whole
		"\x1b[31moverdue\x1b[0m", // overdue is red
		"\x1b[31mopen\x1b[0m",    // m-5 has slipped past red_days
		"\x1b[33mlate\x1b[0m",
		"\x1b[32mdue-soon\x1b[0m", // due soon, and on time
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in\n%s", want, got)
		}
	}
	if strings.Contains(got, "narrow terminal has to cut") {
		t.Errorf("the long title is not cut:\n%s", got)
	}
}

// The timeline on a colour terminal paints its marks; piped it has none.
func TestTimelineColour(t *testing.T) {
	dir := demoDir(t)
	out, _, code := runListing(t, map[string]string{"CLICOLOR_FORCE": "1"}, "-C", dir, "timeline", "--width", "90")
	if code != 0 || !strings.Contains(out, "\x1b[31m!") {
		t.Errorf("exit %d, no red overdue mark in\n%s", code, out)
	}
	out, _, _ = runListing(t, map[string]string{"CLICOLOR_FORCE": "1", "NO_COLOR": "x"}, "-C", dir, "timeline")
	if strings.Contains(out, "\x1b") {
		t.Errorf("NO_COLOR: escape codes in\n%q", out)
	}
}
