package cli

import "github.com/spf13/cobra"

// newGraphCmd is a placeholder until the command is written.
func newGraphCmd(g *globals) *cobra.Command {
	return &cobra.Command{Use: "graph", Hidden: true, RunE: func(*cobra.Command, []string) error {
		return usageError("graph: not available yet")
	}}
}
