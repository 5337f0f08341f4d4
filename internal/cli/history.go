package cli

import "github.com/spf13/cobra"

// newHistoryCmd is a placeholder until the command is written.
func newHistoryCmd(g *globals) *cobra.Command {
	return &cobra.Command{Use: "history", Hidden: true, RunE: func(*cobra.Command, []string) error {
		return usageError("history: not available yet")
	}}
}
