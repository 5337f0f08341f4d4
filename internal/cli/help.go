package cli

import (
	"strings"

	"github.com/spf13/cobra"
)

// register readies a command for the root: its examples and exit status in
// its help, and the output flag every command that prints data shares.
func (g *globals) register(cmd *cobra.Command) *cobra.Command {
	g.shareOutputFlags(cmd)
	if h, ok := commandHelp[cmd.Name()]; ok {
		if cmd.Example == "" {
			cmd.Example = h.examples
		}
		return withExitStatusText(cmd, h.exit)
	}
	return withExitStatus(cmd)
}

// commandHelp is each command's examples and what its exit statuses mean,
// in one table, so that the help of every command is written alike.
var commandHelp = map[string]struct{ examples, exit string }{}

// withExitStatusText appends a command's own EXIT STATUS section.
func withExitStatusText(cmd *cobra.Command, exit string) *cobra.Command {
	if exit == "" {
		return withExitStatus(cmd)
	}
	cmd.Long = strings.TrimSpace(cmd.Long)
	if cmd.Long == "" {
		cmd.Long = cmd.Short
	}
	cmd.Long += "\n\nEXIT STATUS\n" + strings.TrimRight(exit, "\n")
	return cmd
}
