package cli

import "github.com/spf13/cobra"

// newCriticalPathCmd is a placeholder until the command is written.
func newCriticalPathCmd(g *globals) *cobra.Command {
	return &cobra.Command{Use: "critical-path", Hidden: true, RunE: func(*cobra.Command, []string) error {
		return usageError("critical-path: not available yet")
	}}
}
