package cli

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/ocotool/oco/internal/programme"
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
	s, err := g.load()
	if err != nil {
		return err
	}
	arg := "done="
	if !o.undo {
		d := s.asOf
		if o.on != "" {
			if d, err = parseDateArg(o.on, todayDate()); err != nil {
				return usageError("--on: %v", err)
			}
		}
		arg += d.String()
	}
	if t, err := findTarget(s.p, os.DirFS(s.dir), s.prefix(), id); err == nil {
		switch was := valueText(t.field("done")); {
		case t.kind != programme.KindMilestone:
			return usageError("%s is %s: only milestones are done (use oco set %s status=... where it has a status)", id, withArticle(t.kind), id)
		case was != "" && !o.undo && o.on == "":
			// Done twice is still done when it was first: only --on moves it.
			fmt.Fprintf(g.env.Out, "%s is already done %s\n", t.label, was)
			return nil
		}
	}
	t, _, edit, err := planSet(s.p, os.DirFS(s.dir), s.prefix(), id, []string{arg}, todayDate())
	if err != nil {
		return cantRun(err)
	}
	was := valueText(t.field("done"))
	changed, err := s.commit(edit, o.dryRun)
	if err != nil || o.dryRun {
		return err
	}
	switch {
	case o.undo && !changed:
		fmt.Fprintf(g.env.Out, "%s is not done\n", t.label)
	case o.undo:
		fmt.Fprintf(g.env.Out, "%s not done (was done %s)\n", t.label, was)
	case !changed:
		fmt.Fprintf(g.env.Out, "%s is already done %s\n", t.label, was)
	default:
		fmt.Fprintf(g.env.Out, "%s done %s\n", t.label, arg[len("done="):])
	}
	return nil
}
