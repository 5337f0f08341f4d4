package cli

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/spf13/cobra"

	"github.com/ocotool/oco/internal/programme"
	"github.com/ocotool/oco/internal/yamledit"
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
  oco set bury-oco tolerances.amber_days=10
  oco set M-12 forecast=                    # an empty value removes the field

Each value is read as its field's type: dates as YYYY-MM-DD or today,
whole numbers, one of an enum's values, lists as a,b,c. A changed field
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
	s, err := g.load()
	if err != nil {
		return err
	}
	t, as, edit, err := planSet(s.p, os.DirFS(s.dir), s.prefix(), id, args, todayDate())
	if err != nil {
		return cantRun(err)
	}
	changed, err := s.commit(edit, o.dryRun)
	if err != nil || o.dryRun {
		return err
	}
	if !changed {
		fmt.Fprintf(g.env.Out, "%s: unchanged\n", t.label)
		return nil
	}
	for _, a := range as {
		reportField(g.env.Out, t, a)
	}
	return nil
}

// planSet is `oco set` up to the write: the item, the parsed assignments
// and the edit of its file. The fuzz test calls it as the command does.
func planSet(p *programme.Programme, fsys fs.FS, prefix, id string, args []string, today programme.Date) (*target, []assignment, fileEdit, error) {
	t, err := findTarget(p, fsys, prefix, id)
	if err != nil {
		return nil, nil, fileEdit{}, err
	}
	var as []assignment
	seen := map[string]bool{}
	for _, arg := range args {
		a, err := parseAssignment(t.kind, arg, today)
		if err != nil {
			return nil, nil, fileEdit{}, fmt.Errorf("%s: %v", t.label, err)
		}
		if seen[a.field] {
			return nil, nil, fileEdit{}, fmt.Errorf("%s: %s is given twice", t.label, a.field)
		}
		seen[a.field] = true
		if top, _, nested := strings.Cut(a.field, "."); nested && !seen[top] {
			if n := t.field(top); n != nil && n.Style&yaml.FlowStyle != 0 {
				// yamledit changes whole lines, and a flow mapping has
				// all its fields on one; rewritten whole, it is a block.
				return nil, nil, fileEdit{}, fmt.Errorf("%s: %s is written in flow style ({...}), which oco does not edit field by field; set it whole instead: oco set %s %s= %s.%s=...", t.label, top, id, top, top, subNames(fieldOf(t.kind, top))[0])
			}
		}
		as = append(as, a)
	}
	edit := fileEdit{rel: t.rel, change: func(old []byte) ([]byte, error) {
		d, err := yamledit.Parse(old)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", t.item.File, err)
		}
		for _, a := range as {
			if err := a.apply(d, t.section, t.id); err != nil {
				return nil, fmt.Errorf("%s: cannot set %s of %s: %v", t.item.File, a.field, t.label, err)
			}
		}
		return d.Bytes(), nil
	}}
	return t, as, edit, nil
}

func fieldOf(k programme.Kind, name string) programme.Field {
	f, _ := programme.FieldOf(k, name)
	return f
}

// reportField says what became of one field: "M-12 due: 2017-07-31 -> 2017-09-30".
func reportField(w io.Writer, t *target, a assignment) {
	old := t.field(a.field)
	was := valueText(old)
	switch {
	case a.remove && old == nil:
		fmt.Fprintf(w, "%s %s: not set\n", t.label, a.field)
	case a.remove:
		fmt.Fprintf(w, "%s %s: removed (was %s)\n", t.label, a.field, short(was))
	case old == nil:
		fmt.Fprintf(w, "%s %s: %s (added)\n", t.label, a.field, short(a.show))
	case was == a.show:
		fmt.Fprintf(w, "%s %s: %s (unchanged)\n", t.label, a.field, short(a.show))
	default:
		fmt.Fprintf(w, "%s %s: %s -> %s\n", t.label, a.field, short(was), short(a.show))
	}
}
