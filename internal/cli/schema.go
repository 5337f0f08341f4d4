package cli

import "github.com/spf13/cobra"

// newSchemaCmd is a placeholder until the command is written.
func newSchemaCmd(g *globals) *cobra.Command {
	return &cobra.Command{Use: "schema", Hidden: true, RunE: func(*cobra.Command, []string) error {
		return usageError("schema: not available yet")
	}}
}
