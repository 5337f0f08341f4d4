package cli

import (
	"flag"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
)

// update rewrites the expected output in the scripts: go test ./... -update
var update = flag.Bool("update", false, "rewrite golden files and script outputs")

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"oco": func() { os.Exit(Run(scriptEnv(), os.Args[1:])) },
	})
}

// scriptEnv is the outside world of oco in a script. Two variables, read
// only here, stand in for what a script cannot make: OCO_TEST_TERMINAL=80
// makes stdout a terminal of 80 columns, and OCO_TEST_NOW=2017-06-30 sets
// the clock.
func scriptEnv() *Env {
	env := &Env{In: os.Stdin, Out: os.Stdout, Err: os.Stderr, Getenv: os.Getenv, Getwd: os.Getwd,
		Now: time.Now, Terminal: osTerminal}
	if w, err := strconv.Atoi(os.Getenv("OCO_TEST_TERMINAL")); err == nil {
		env.Terminal = func(out io.Writer) (bool, int) {
			if out == os.Stdout {
				return true, w
			}
			return false, 0
		}
	}
	if d := os.Getenv("OCO_TEST_NOW"); d != "" {
		now, err := time.Parse(time.DateOnly, d)
		if err != nil {
			panic("OCO_TEST_NOW: " + err.Error())
		}
		env.Now = func() time.Time { return now }
	}
	return env
}

// TestScripts runs every testdata/script/*.txtar as a user would type it.
// The shipped programme is copied in as $WORK/programme by `shipped`.
func TestScripts(t *testing.T) {
	_, here, _, _ := runtime.Caller(0)
	shipped := filepath.Join(filepath.Dir(here), "..", "..", "programme")
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		UpdateScripts:       *update,
		RequireExplicitExec: true,
		Setup: func(e *testscript.Env) error {
			e.Setenv("NO_COLOR", "")
			e.Setenv("OCO_DIR", "")
			e.Setenv("SHIPPED", shipped)
			e.Setenv("HOME", e.WorkDir)
			e.Setenv("OCO_TEST_TERMINAL", "")
			e.Setenv("OCO_TEST_NOW", "")
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"shipped": func(ts *testscript.TestScript, neg bool, args []string) {
				dst := ts.MkAbs("programme")
				ts.Check(os.CopyFS(dst, os.DirFS(shipped)))
			},
		},
	})
}
