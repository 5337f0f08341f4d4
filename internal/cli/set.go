package cli

import (
	"fmt"

	"github.com/spf13/cobra"
)

type setOptions struct {
	editFlags
}

func newSetCmd(g *globals) *cobra.Command {
	o := &setOptions{}
	cmd := &cobra.Command{
		Use:     "set ID field=value...",
		GroupID: "edit",
		Short:   "Change fields of one item",
		Long: `Change, add or remove fields of one item of any kind, found by its id
(the programme's own fields by the programme's id, or by "programme").

  oco set M-12 forecast=2017-09-30 notes="Waiting for the board"
  oco set R-03 likelihood=4 affects=M-12,M-14
  oco set M-12 depends_on=M-10,M-11+2w      # M-11 with a lag of two weeks
  oco set M-12 depends_on=M-11:ss+5wd       # start to start, 5 working days on
  oco set M-12 depends_on=lco:M-12:ff-2d    # programme lco's M-12, finish to finish, a 2-day lead
  oco set bury-oco tolerances.amber_days=10
  oco set M-12 forecast=                    # an empty value removes the field

Each value is read as its field's type: dates as YYYY-MM-DD or today,
whole numbers, one of an enum's values, lists as a,b,c; each link of
depends_on as ID, ID+LAG or ID:TYPE+LAG (TYPE fs, ss, ff or sf; LAG 10d,
2w or 5wd; a negative LAG is a lead), with PROGRAMME: before the id of
another programme's milestone. A changed field
changes its one line; a new field is one new line in its canonical place;
comments and every other line stay as they are. Ids are not changed: other
items refer to them.

The programme is checked as it would be after the change: if the change
adds an error, the errors are printed, the file is left alone and the exit
status is 1. --dry-run prints the change as a diff instead of writing it.`,
		Args: cobra.MinimumNArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error { return runSet(g, o, args[0], args[1:]) },
	}
	o.register(cmd.Flags())
	return cmd
}

func runSet(g *globals, o *setOptions, id string, args []string) error {
	src, _, err := g.loadEdit()
	if err != nil {
		return err
	}
	res, err := src.Set(id, args, g.today(), o.dryRun)
	if err != nil {
		return editError(err)
	}
	if err := g.finish(res.Result, o.dryRun); err != nil || o.dryRun {
		return err
	}
	if !res.Changed {
		fmt.Fprintf(g.env.Out, "%s: unchanged\n", res.Target.Label)
		return nil
	}
	for _, f := range res.Fields {
		fmt.Fprintln(g.env.Out, f.Line(res.Target.Label))
	}
	return nil
}
