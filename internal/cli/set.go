package cli

import "github.com/spf13/cobra"

// newSetCmd is a placeholder until the command is written.
func newSetCmd(g *globals) *cobra.Command {
	return &cobra.Command{Use: "set", Hidden: true, RunE: func(*cobra.Command, []string) error {
		return usageError("set: not available yet")
	}}
}
