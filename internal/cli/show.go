package cli

import "github.com/spf13/cobra"

// newShowCmd is a placeholder until the command is written.
func newShowCmd(g *globals) *cobra.Command {
	return &cobra.Command{Use: "show", Hidden: true, RunE: func(*cobra.Command, []string) error {
		return usageError("show: not available yet")
	}}
}
