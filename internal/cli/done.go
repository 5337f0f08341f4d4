package cli

import "github.com/spf13/cobra"

// newDoneCmd is a placeholder until the command is written.
func newDoneCmd(g *globals) *cobra.Command {
	return &cobra.Command{Use: "done", Hidden: true, RunE: func(*cobra.Command, []string) error {
		return usageError("done: not available yet")
	}}
}
