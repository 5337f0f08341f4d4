package cli

import "github.com/spf13/cobra"

// newDiffCmd is a placeholder until the command is written.
func newDiffCmd(g *globals) *cobra.Command {
	return &cobra.Command{Use: "diff", Hidden: true, RunE: func(*cobra.Command, []string) error {
		return usageError("diff: not available yet")
	}}
}
