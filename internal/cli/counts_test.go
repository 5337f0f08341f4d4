package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/ocotool/oco/internal/programme"
	"github.com/ocotool/oco/internal/schedule"
)

// shippedDir is the programme that ships with oco.
func shippedDir(t testing.TB) string {
	t.Helper()
	_, here, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(here), "..", "..", "programme")
}

// Every command that reads the programme reads it once, and schedules it
// once if it shows anything the schedule decides (never more, however many
// parts of its answer need the dates). Counting, rather than timing, keeps
// this from failing on a slow or busy machine. The counts are the process's,
// so this test must not run in parallel with others that load.
func TestLoadAndScheduleOnce(t *testing.T) {
	shipped := shippedDir(t)
	for _, tc := range []struct {
		args      []string
		scheduled bool // shows expected dates, slack or the critical path
		filesOnly bool // works on the files' text alone: never loads the programme
		edit      bool // changes the files: run on a copy
		history   bool // also reads git history: run on a copy outside git, to count the working tree's reads
	}{
		{args: []string{"status"}, scheduled: true},
		{args: []string{"status", "-o", "json"}, scheduled: true},
		{args: []string{"validate"}, scheduled: true},
		{args: []string{"validate", "--format", "sarif"}, scheduled: true},
		{args: []string{"phases"}, scheduled: true},
		{args: []string{"milestones"}, scheduled: true},
		{args: []string{"milestones", "-o", "json"}, scheduled: true},
		{args: []string{"risks"}},
		{args: []string{"risks", "--matrix"}},
		{args: []string{"assumptions"}},
		{args: []string{"issues"}},
		{args: []string{"decisions"}},
		{args: []string{"benefits"}},
		{args: []string{"show", "M-05"}, scheduled: true},
		{args: []string{"show", "R-01", "-o", "json"}},
		{args: []string{"deps", "M-05"}, scheduled: true},
		{args: []string{"deps", "P2"}, scheduled: true},
		{args: []string{"critical-path"}, scheduled: true},
		{args: []string{"graph"}, scheduled: true},
		{args: []string{"graph", "--format", "dot"}, scheduled: true},
		{args: []string{"timeline"}, scheduled: true},
		{args: []string{"report"}, scheduled: true, history: true},
		{args: []string{"report", "--format", "html"}, scheduled: true, history: true},
		{args: []string{"export"}, scheduled: true},
		{args: []string{"export", "--format", "ics"}, scheduled: true},
		{args: []string{"export", "--format", "mermaid"}, scheduled: true},
		{args: []string{"export", "--format", "json"}},
		{args: []string{"set", "M-40", "forecast=2017-10-15"}, scheduled: true, edit: true},
		{args: []string{"done", "M-37", "--on", "2017-06-30"}, scheduled: true, edit: true},
		{args: []string{"add", "risk", "--title", "Key staff leave", "--owner", "coo", "--likelihood", "2", "--impact", "3", "--raised", "2017-06-30"}, scheduled: true, edit: true},
		{args: []string{"forecast", "--iterations", "10"}, scheduled: true},
		{args: []string{"fmt"}, filesOnly: true, edit: true},
		{args: []string{"fmt", "--check"}, filesOnly: true, edit: true},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			dir := shipped
			if tc.edit || tc.history {
				dir = t.TempDir()
				if err := os.CopyFS(dir, os.DirFS(shipped)); err != nil {
					t.Fatal(err)
				}
			}
			var out, errOut bytes.Buffer
			env := &Env{In: strings.NewReader(""), Out: &out, Err: &errOut,
				Getenv: func(string) string { return "" },
				Getwd:  func() (string, error) { return dir, nil }}
			loads, computes := programme.Loads(), schedule.Computes()
			code := Run(env, append([]string{"-C", dir}, tc.args...))
			loads, computes = programme.Loads()-loads, schedule.Computes()-computes
			if code != ExitOK && !(code == ExitFailed && tc.args[0] == "validate") {
				t.Fatalf("exit status %d\n%s", code, errOut.String())
			}
			want := "once, scheduled it at most once"
			ok := loads == 1 && computes <= 1
			switch {
			case tc.filesOnly:
				want = "never, scheduled it never"
				ok = loads == 0 && computes == 0
			case tc.scheduled:
				want = "once, scheduled it once"
				ok = loads == 1 && computes == 1
			}
			if !ok {
				t.Errorf("loaded the programme %d times and scheduled it %d times, want loaded %s", loads, computes, want)
			}
		})
	}
}
