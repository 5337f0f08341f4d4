package cli

import "github.com/spf13/cobra"

// newReportCmd is a placeholder until the command is written.
func newReportCmd(g *globals) *cobra.Command {
	return &cobra.Command{Use: "report", Hidden: true, RunE: func(*cobra.Command, []string) error {
		return usageError("report: not available yet")
	}}
}
