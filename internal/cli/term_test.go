package cli

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/olekukonko/tablewriter/pkg/twwidth"

	"github.com/ocotool/oco/internal/render"
)

// runOnTerminal runs oco as a person at an 80-column colour terminal sees
// it, on a day the test chooses.
func runOnTerminal(t *testing.T, dir string, args ...string) string {
	t.Helper()
	var out, errOut bytes.Buffer
	env := &Env{In: strings.NewReader(""), Out: &out, Err: &errOut,
		Getenv:   func(string) string { return "" },
		Getwd:    func() (string, error) { return dir, nil },
		Now:      func() time.Time { return time.Date(2017, 7, 14, 9, 0, 0, 0, time.UTC) },
		Terminal: func(w io.Writer) (bool, int) { return w == &out, 80 }}
	if code := Run(env, append([]string{"-C", dir}, args...)); code != ExitOK {
		t.Fatalf("oco %s: exit status %d\n%s", strings.Join(args, " "), code, errOut.String())
	}
	return out.String()
}

var sgr = regexp.MustCompile("\x1b\\[[0-9;]*m")

// On a terminal, output is coloured and cut to the terminal's width; the
// golden files show each escape character as \e.
func TestTerminalOutput(t *testing.T) {
	// The width of characters such as … depends on the locale; the golden
	// files assume a Western one.
	twwidth.SetEastAsian(false)
	shipped := shippedDir(t)
	for _, tc := range []struct {
		name string
		args []string
	}{
		{"status", []string{"status", "--as-of", "today"}},
		{"milestones", []string{"milestones"}},
		{"timeline", []string{"timeline", "--phase", "P3"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := runOnTerminal(t, shipped, tc.args...)
			if !sgr.MatchString(got) {
				t.Errorf("no colour on a colour terminal:\n%s", got)
			}
			if !strings.Contains(got, render.Ellipsis) {
				t.Errorf("nothing cut to the width: the shipped programme has titles too long for 80 columns")
			}
			for i, line := range strings.Split(strings.TrimSuffix(got, "\n"), "\n") {
				if w := render.Width(sgr.ReplaceAllString(line, "")); w > 80 {
					t.Errorf("line %d is %d columns on an 80-column terminal: %q", i+1, w, line)
				}
			}
			golden(t, filepath.Join("testdata", "terminal", tc.name+".golden"), strings.ReplaceAll(got, "\x1b", `\e`))
		})
	}
}

// golden compares got with the file at path, or rewrites it with -update.
func golden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/cli -run %s -update to create it)", err, t.Name())
	}
	if got != string(want) {
		t.Errorf("%s differs (run with -update to accept):\n--- got ---\n%s\n--- want ---\n%s", path, got, want)
	}
}
