// Package cli wires oco's commands: each command's flags in newXCmd, its
// work in runX, with input and output injected so tests see what users see.
package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"
)

// Exit statuses, documented in every command's help.
const (
	ExitOK      = 0
	ExitFailed  = 1 // checks failed, or fmt --check found differences
	ExitCantRun = 2 // bad flag, no programme directory, unreadable file, git error
)

const exitStatusHelp = `
EXIT STATUS
  0  success
  1  checks failed (or fmt --check found files to format)
  2  the command could not run: a bad flag, no programme directory,
     an unreadable file, a git error`

// exitError carries an exit status up to Main. A nil err means the command
// has already said what went wrong.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit status %d", e.code)
	}
	return e.err.Error()
}

func (e *exitError) Unwrap() error { return e.err }

// failed ends a command with status 1 having printed its findings.
var errFailed = &exitError{code: ExitFailed}

// usageError marks an error in how the command was called: exit status 2.
func usageError(format string, args ...any) error {
	return &exitError{code: ExitCantRun, err: fmt.Errorf(format, args...)}
}

// Env is what a command may use of the outside world. Nothing below cli
// reads the clock, the environment or the terminal, so a test can set all
// of it: "stdout is a terminal of 80 columns, colour on, today is
// 2017-06-30".
type Env struct {
	In     io.Reader
	Out    io.Writer
	Err    io.Writer
	Getenv func(string) string
	Getwd  func() (string, error)

	// Now is the clock, read for --as-of today and a programme with no
	// as_of. Nil means the system clock.
	Now func() time.Time

	// Terminal says whether w (Out or Err) is a terminal a person reads,
	// and its width in columns (0 when unknown). Nil means neither is.
	Terminal func(w io.Writer) (isTerminal bool, width int)

	// Height is the number of lines of the terminal w, 0 when unknown.
	// Output longer than it is paged; nil means never page.
	Height func(w io.Writer) int

	// Page shows text through the pager command (run by the shell), or
	// fails when it cannot start. Nil means run it.
	Page func(command string, text []byte, out, errOut io.Writer) error

	// LimitMemory lets oco set the runtime's memory limit by the size of
	// the programme it reads (memory.go): oco's own process does, a test
	// running commands in its process does not.
	LimitMemory bool

	noPager bool // --no-pager
}

// Main runs oco with args and returns its exit status.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	env := &Env{In: stdin, Out: stdout, Err: stderr, Getenv: os.Getenv, Getwd: os.Getwd,
		Now: time.Now, Terminal: osTerminal, Height: osHeight, LimitMemory: true}
	return Run(env, args)
}

// osTerminal asks the operating system whether w is a terminal, and how
// wide.
func osTerminal(w io.Writer) (bool, int) {
	f, ok := w.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return false, 0
	}
	width, _, err := term.GetSize(int(f.Fd()))
	if err != nil {
		return true, 0
	}
	return true, width
}

// Run runs oco in env.
func Run(env *Env, args []string) (code int) {
	e := *env
	if e.Now == nil {
		e.Now = time.Now
	}
	if e.Terminal == nil {
		e.Terminal = func(io.Writer) (bool, int) { return false, 0 }
	}
	env = &e
	var pg *pager
	defer func() {
		// A panic is a bug in oco, never the user's fault; say so plainly
		// rather than print a stack trace.
		if r := recover(); r != nil {
			if pg != nil {
				pg.finish() // what was printed before it, then the error
			}
			fmt.Fprintf(env.Err, "oco: internal error: %v\nPlease report this with the command you ran.\n", r)
			code = ExitCantRun
		}
	}()
	pg = startPager(env)
	root, g := newRootCmd(env)
	root.SetArgs(args)
	root.SetIn(env.In)
	root.SetOut(env.Out)
	root.SetErr(env.Err)
	err := root.Execute()
	pg.finish()
	if err == nil {
		return g.partialExit()
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.err != nil {
			fmt.Fprintf(env.Err, "oco: %v\n", ee.err)
		}
		return ee.code
	}
	fmt.Fprintf(env.Err, "oco: %v\n", err)
	if strings.HasPrefix(err.Error(), "unknown command") || strings.Contains(err.Error(), "flag") || strings.Contains(err.Error(), "arg(s)") {
		fmt.Fprintf(env.Err, "Run 'oco --help' for usage.\n")
	}
	return ExitCantRun
}

// withExitStatus appends the EXIT STATUS section to a command's help.
func withExitStatus(cmd *cobra.Command) *cobra.Command {
	cmd.Long = strings.TrimSpace(cmd.Long) + "\n" + exitStatusHelp
	if cmd.Long[0] == '\n' {
		cmd.Long = cmd.Short + cmd.Long
	}
	return cmd
}
