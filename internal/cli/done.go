package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/ocotool/oco/internal/edit"
)

type doneOptions struct {
	editFlags
	on   string
	undo bool
}

func newDoneCmd(g *globals) *cobra.Command {
	o := &doneOptions{}
	cmd := &cobra.Command{
		Use:     "done ID",
		GroupID: "edit",
		Short:   "Mark a milestone done, or not done with --undo",
		Long: `Mark a milestone done: write its done date, the reporting date unless --on
gives another (YYYY-MM-DD or today). --undo removes the done date.

A milestone cannot be done after the reporting date, nor before the
milestones it depends on: a change that would break a check is refused
with the errors it would cause, exit status 1, and the file left alone.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error { return runDone(g, o, args[0]) },
	}
	cmd.Flags().StringVar(&o.on, "on", "", "the `DATE` it was done: YYYY-MM-DD or today (default: the reporting date)")
	cmd.Flags().BoolVar(&o.undo, "undo", false, "mark it not done: remove its done date")
	o.register(cmd.Flags())
	return cmd
}

func runDone(g *globals, o *doneOptions, id string) error {
	if o.undo && o.on != "" {
		return usageError("--on and --undo: give one or the other")
	}
	src, asOf, err := g.loadEdit()
	if err != nil {
		return err
	}
	d := asOf
	if o.on != "" {
		if d, err = edit.ParseDate(o.on, g.today()); err != nil {
			return usageError("--on: %v", err)
		}
	}
	res, err := src.Done(id, d, o.on != "", o.undo, o.dryRun)
	if err != nil {
		return editError(err)
	}
	label := res.Target.Label
	if res.Already {
		fmt.Fprintf(g.env.Out, "%s is already done %s\n", label, res.Was)
		return nil
	}
	if err := g.finish(res.Result, o.dryRun); err != nil || o.dryRun {
		return err
	}
	switch {
	case o.undo && !res.Changed:
		fmt.Fprintf(g.env.Out, "%s is not done\n", label)
	case o.undo:
		fmt.Fprintf(g.env.Out, "%s not done (was done %s)\n", label, res.Was)
	case !res.Changed:
		fmt.Fprintf(g.env.Out, "%s is already done %s\n", label, res.Was)
	default:
		fmt.Fprintf(g.env.Out, "%s done %s\n", label, d)
	}
	return nil
}
