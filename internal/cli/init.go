package cli

import "github.com/spf13/cobra"

// newInitCmd is a placeholder until the command is written.
func newInitCmd(g *globals) *cobra.Command {
	return &cobra.Command{Use: "init", Hidden: true, RunE: func(*cobra.Command, []string) error {
		return usageError("init: not available yet")
	}}
}
