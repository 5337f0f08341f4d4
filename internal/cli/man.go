package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/ocotool/oco/internal/render"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
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
same text as --help, so they never disagree. The pages carry no date and do
not change from build to build, so packagers can commit or diff them.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error { return runMan(g, cmd.Root(), args[0]) },
	}
}

// runMan writes a page for root and each command below it into dir.
func runMan(g *globals, root *cobra.Command, dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return usageError("%v", err)
	}
	var write func(c *cobra.Command) error
	write = func(c *cobra.Command) error {
		for _, sub := range c.Commands() {
			if !sub.IsAvailableCommand() || sub.IsAdditionalHelpTopicCommand() {
				continue
			}
			if err := write(sub); err != nil {
				return err
			}
		}
		f, err := os.Create(filepath.Join(dir, render.ManFile(c.CommandPath())))
		if err != nil {
			return err
		}
		if err := render.Man(f, manPage(c)); err != nil {
			f.Close()
			return err
		}
		return f.Close()
	}
	if err := write(root); err != nil {
		return usageError("writing man pages: %v", err)
	}
	_, err := fmt.Fprintf(g.env.Out, "man pages written to %s\n", dir)
	return err
}

// manPage is a command's page, from its help.
func manPage(c *cobra.Command) render.ManPage {
	p := render.ManPage{Name: c.CommandPath(), Short: c.Short, Synopsis: c.UseLine(), Long: c.Long,
		Example: c.Example, Source: "oco " + version}
	if p.Long == "" {
		p.Long = c.Short
	}
	options := func(fs *pflag.FlagSet) []render.ManOption {
		var out []render.ManOption
		fs.VisitAll(func(f *pflag.Flag) {
			if f.Hidden {
				return
			}
			o := render.ManOption{Short: f.Shorthand, Long: f.Name, Usage: f.Usage}
			if f.Value.Type() != "bool" {
				o.Value = strings.ToUpper(f.Value.Type())
				if name, usage := pflag.UnquoteUsage(f); name != "" {
					o.Value, o.Usage = strings.ToUpper(name), usage
				}
				if f.DefValue != "" && f.DefValue != "[]" && f.DefValue != "0" {
					o.Default = f.DefValue
				}
			}
			out = append(out, o)
		})
		return out
	}
	p.Options = options(c.NonInheritedFlags())
	p.Inherited = options(c.InheritedFlags())
	if c.HasParent() {
		p.SeeAlso = append(p.SeeAlso, c.Parent().CommandPath())
	}
	for _, sub := range c.Commands() {
		if sub.IsAvailableCommand() && !sub.IsAdditionalHelpTopicCommand() {
			p.SeeAlso = append(p.SeeAlso, sub.CommandPath())
		}
	}
	return p
}
