package cli

import "github.com/spf13/cobra"

// newTimelineCmd is a placeholder until the command is written.
func newTimelineCmd(g *globals) *cobra.Command {
	return &cobra.Command{Use: "timeline", Hidden: true, RunE: func(*cobra.Command, []string) error {
		return usageError("timeline: not available yet")
	}}
}
