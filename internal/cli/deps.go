package cli

import "github.com/spf13/cobra"

// newDepsCmd is a placeholder until the command is written.
func newDepsCmd(g *globals) *cobra.Command {
	return &cobra.Command{Use: "deps", Hidden: true, RunE: func(*cobra.Command, []string) error {
		return usageError("deps: not available yet")
	}}
}
