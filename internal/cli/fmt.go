package cli

import "github.com/spf13/cobra"

// newFmtCmd is a placeholder until the command is written.
func newFmtCmd(g *globals) *cobra.Command {
	return &cobra.Command{Use: "fmt", Hidden: true, RunE: func(*cobra.Command, []string) error {
		return usageError("fmt: not available yet")
	}}
}
