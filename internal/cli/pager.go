package cli

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"

	"golang.org/x/term"

	"github.com/ocotool/oco/internal/render"
)

// pager holds back what a command writes to a terminal, to show it
// through $OCO_PAGER, else $PAGER, else less -FRX, when it is longer than
// the screen, as git does. Piped output, --no-pager, and a pager of "" or
// "cat" write straight through.
type pager struct {
	env    *Env
	out    io.Writer // the terminal
	buf    bytes.Buffer
	height int
}

// startPager points env.Out at a buffer when the output may need paging.
func startPager(env *Env) *pager {
	pg := &pager{env: env, out: env.Out}
	if env.Height == nil {
		return pg
	}
	isTerm, _ := env.Terminal(env.Out)
	if !isTerm {
		return pg
	}
	pg.height = env.Height(env.Out)
	if pg.height <= 0 || pg.command() == "" {
		return pg
	}
	terminal := env.Terminal
	env.Out = &pg.buf
	// The buffer stands for the terminal: tables still fit its width.
	env.Terminal = func(w io.Writer) (bool, int) {
		if w == &pg.buf {
			w = pg.out
		}
		return terminal(w)
	}
	return pg
}

// command is the pager to run, "" for none.
func (pg *pager) command() string {
	getenv := pg.env.Getenv
	if getenv == nil {
		getenv = func(string) string { return "" }
	}
	cmd := "less -FRX"
	if v, ok := lookup(getenv, "OCO_PAGER"); ok {
		cmd = v
	} else if v, ok := lookup(getenv, "PAGER"); ok {
		cmd = v
	}
	if cmd == "cat" {
		return ""
	}
	return cmd
}

func lookup(getenv func(string) string, name string) (string, bool) {
	v := getenv(name)
	return v, v != ""
}

// finish shows what the command wrote: through the pager when it is
// longer than the screen and --no-pager was not given, else as it is.
func (pg *pager) finish() {
	if pg.env.Out != &pg.buf {
		return
	}
	pg.env.Out = pg.out
	text := pg.buf.Bytes()
	_, width := pg.env.Terminal(pg.out)
	if pg.env.noPager || !render.Overflows(text, pg.height, width) {
		pg.out.Write(text)
		return
	}
	page := pg.env.Page
	if page == nil {
		page = runPager
	}
	if err := page(pg.command(), text, pg.out, pg.env.Err); err != nil {
		// A pager that cannot start must not lose the output.
		fmt.Fprintf(pg.env.Err, "oco: pager: %v\n", err)
		pg.out.Write(text)
	}
}

// runPager runs command through the shell with text as its input. less
// is told to show colour (R) and not to page what fits (F).
func runPager(command string, text []byte, out, errOut io.Writer) error {
	cmd := exec.Command("sh", "-c", command)
	cmd.Stdin = bytes.NewReader(text)
	cmd.Stdout = out
	cmd.Stderr = errOut
	cmd.Env = os.Environ()
	// As git does: less shows colour and quits when the text fits, unless
	// the user has set their own options.
	for name, v := range map[string]string{"LESS": "FRX", "LV": "-c"} {
		if _, set := os.LookupEnv(name); !set {
			cmd.Env = append(cmd.Env, name+"="+v)
		}
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	// Once the pager has started, it owns the terminal; its exit status
	// (q pressed early) is no error of the command.
	cmd.Wait()
	return nil
}

// osHeight asks the operating system how many lines the terminal w has.
func osHeight(w io.Writer) int {
	f, ok := w.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return 0
	}
	_, h, err := term.GetSize(int(f.Fd()))
	if err != nil {
		return 0
	}
	return h
}
