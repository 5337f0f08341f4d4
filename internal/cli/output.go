package cli

import (
	"io"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/ocotool/oco/internal/render"
)

// shareOutputFlags gives every command that prints data the same output
// flag: -o/--output, with --format kept, hidden, as another name for it, so
// that scripts written for either keep working. A command that can print
// CSV also takes --bom.
func (g *globals) shareOutputFlags(cmd *cobra.Command) {
	fl := cmd.Flags()
	output, format := fl.Lookup("output"), fl.Lookup("format")
	switch {
	case output != nil && format == nil:
		fl.Var(output.Value, "format", "another name for --output")
		format = fl.Lookup("format")
	case format != nil && output == nil && fl.ShorthandLookup("o") == nil:
		fl.VarP(format.Value, "output", "o", format.Usage)
		output = fl.Lookup("output")
		output.DefValue = format.DefValue
	}
	if output == nil || format == nil {
		return
	}
	format.Hidden = true
	if strings.Contains(output.Usage, string(render.FormatCSV)) && fl.Lookup("bom") == nil {
		fl.BoolVar(&g.bom, "bom", false, "with -o csv: start with a byte order mark, for Excel on Windows")
	}
}

// stdout is where a command's output goes: standard output, after a byte
// order mark when --bom asks for one.
func (g *globals) stdout() io.Writer {
	if g.bom && g.chosen == render.FormatCSV {
		return render.WithBOM(g.env.Out)
	}
	return g.env.Out
}

// flagValues lists the values a flag's help names after "a|b|c", for
// completion.
func flagValues(f *pflag.Flag) []string {
	u := f.Usage
	if i := strings.LastIndex(u, ": "); i >= 0 {
		u = u[i+2:]
	}
	if !strings.Contains(u, "|") {
		return nil
	}
	return strings.Split(strings.Fields(u)[0], "|")
}
