package cli

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"
)

// newManCmd writes a man page for every command, for packagers; it is
// hidden because users read the pages, not the command that makes them.
func newManCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:    "man DIR",
		Short:  "Write oco's man pages into DIR",
		Hidden: true,
		Args:   cobra.ExactArgs(1),
		RunE:   func(cmd *cobra.Command, args []string) error { return runMan(g, cmd.Root(), args[0]) },
	}
}

// runMan writes a page for root and each command below it into dir.
func runMan(g *globals, root *cobra.Command, dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return usageError("%v", err)
	}
	root.DisableAutoGenTag = true // pages stay the same from build to build
	if err := doc.GenManTree(root, &doc.GenManHeader{Title: "OCO", Section: "1", Source: "oco " + version}, dir); err != nil {
		return usageError("writing man pages: %v", err)
	}
	_, err := fmt.Fprintf(g.env.Out, "man pages written to %s\n", dir)
	return err
}
