package cli

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"
)

// newManCmd writes a man page for every command, for packagers and for
// people who read help with man.
func newManCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:     "man DIR",
		GroupID: "git",
		Short:   "Write a man page for every command into DIR",
		Long: `Write oco's man pages, section 1, into DIR (created if need be): oco.1
and one page a command (oco-status.1, oco-validate.1, ...), made from the
same text as --help, so they never disagree. The pages do not change from
build to build, so packagers can commit or diff them.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error { return runMan(g, cmd.Root(), args[0]) },
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
