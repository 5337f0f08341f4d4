package cli

import (
	"flag"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// update rewrites the expected output in the scripts: go test ./... -update
var update = flag.Bool("update", false, "rewrite golden files and script outputs")

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"oco": func() { os.Exit(Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) },
	})
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
