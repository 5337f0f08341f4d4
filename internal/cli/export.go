package cli

import "github.com/spf13/cobra"

// newExportCmd is a placeholder until the command is written.
func newExportCmd(g *globals) *cobra.Command {
	return &cobra.Command{Use: "export", Hidden: true, RunE: func(*cobra.Command, []string) error {
		return usageError("export: not available yet")
	}}
}
