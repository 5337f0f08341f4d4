package cli

import (
	"fmt"
	"runtime/debug"

	"github.com/spf13/cobra"
)

func newVersionCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print oco's version",
		Args:  cobra.NoArgs,
		RunE:  func(cmd *cobra.Command, _ []string) error { return runVersion(g) },
	}
}

// runVersion prints the version set at build time, else the module's
// version when built with go install.
func runVersion(g *globals) error {
	v := version
	if info, ok := debug.ReadBuildInfo(); ok && v == "devel" && info.Main.Version != "" && info.Main.Version != "(devel)" {
		v = info.Main.Version
	}
	_, err := fmt.Fprintf(g.env.Out, "oco %s\n", v)
	return err
}
