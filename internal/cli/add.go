package cli

import "github.com/spf13/cobra"

// newAddCmd is a placeholder until the command is written.
func newAddCmd(g *globals) *cobra.Command {
	return &cobra.Command{Use: "add", Hidden: true, RunE: func(*cobra.Command, []string) error {
		return usageError("add: not available yet")
	}}
}
