package cli

import (
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/ocotool/oco/internal/programme"
	"github.com/ocotool/oco/internal/render"
	"github.com/ocotool/oco/internal/view"
)

// listing describes one listing command, `oco milestones` and the like:
// which filters it takes and how it turns the programme into rows.
type listing struct {
	use, short, long string
	example          string
	kind             programme.Kind
	// statuses are the values --status takes: view.Statuses of the kind.
	statuses [][]string
	// dated names the date --due-before and --due-after compare; "" means
	// the kind takes neither.
	dated  string
	scoped bool // takes --phase and --workstream
	owned  bool // takes --owner and --owner-exact
	matrix bool // takes --matrix, --all and --target
	run    func(s *session, f *view.Filter) listOutput
}

// listOutput is a listing in every shape it prints (view.Listing), under
// the names export's workbook reads.
type listOutput struct {
	records any
	table   render.Table
	csv     render.Table
	rows    int
}

func listed(l view.Listing) listOutput {
	return listOutput{records: l.Records, table: l.Table, csv: l.CSV, rows: l.Rows}
}

// listOptions are the flags of a listing command.
type listOptions struct {
	phases, workstreams, owners []string
	ownerExact                  bool
	statuses                    []string
	dueBefore, dueAfter         string
	matrix, all, target         bool
}

func newListCmds(g *globals) []*cobra.Command {
	var cmds []*cobra.Command
	for _, l := range listings {
		cmds = append(cmds, newListCmd(g, l))
	}
	return cmds
}

func newListCmd(g *globals, l *listing) *cobra.Command {
	o := &listOptions{}
	long := strings.TrimSpace(l.long)
	var filters []string
	if l.scoped {
		filters = append(filters, "--phase and --workstream take ids; an item matches where it belongs to\nthem or affects them, or affects a milestone that belongs to them.")
	}
	if l.owned {
		filters = append(filters, "--owner takes a person or a body. A person also matches what is owned by\nthe bodies they chair or are members of; --owner-exact stops that.")
	}
	if len(l.statuses) > 0 {
		var groups []string
		for _, gr := range l.statuses {
			groups = append(groups, strings.Join(gr, ", "))
		}
		filters = append(filters, "--status takes "+strings.Join(groups, "; or ")+".\nValues of one group are alternatives; values of different groups must\nall hold: --status open,red is open and red.")
	}
	if l.dated != "" {
		filters = append(filters, "--due-before and --due-after take a date, both exclusive, and compare\neach item's "+l.dated+"; items without one are left out.")
	}
	if len(filters) > 0 {
		long += "\n\nFilters can be repeated or given as a comma-separated list; different\nfilters must all match.\n\n" + strings.Join(filters, "\n\n")
	}
	cmd := &cobra.Command{
		Use:     l.use,
		GroupID: "view",
		Short:   l.short,
		Long:    long,
		Example: l.example,
		Args:    cobra.NoArgs,
		RunE:    func(cmd *cobra.Command, _ []string) error { return runList(g, l, o) },
	}
	fl := cmd.Flags()
	if l.scoped {
		fl.StringSliceVar(&o.phases, "phase", nil, "only items of these phases")
		fl.StringSliceVar(&o.workstreams, "workstream", nil, "only items of these workstreams")
	}
	if l.owned {
		fl.StringSliceVar(&o.owners, "owner", nil, "only items owned by these people or bodies")
		fl.BoolVar(&o.ownerExact, "owner-exact", false, "match --owner only as written, not through the bodies a person chairs or sits on")
	}
	if len(l.statuses) > 0 {
		var all []string
		for _, gr := range l.statuses {
			all = append(all, gr...)
		}
		fl.StringSliceVar(&o.statuses, "status", nil, "only items with this status: "+strings.Join(all, "|"))
	}
	if l.dated != "" {
		fl.StringVar(&o.dueBefore, "due-before", "", "only items whose "+l.dated+" is before this date (YYYY-MM-DD)")
		fl.StringVar(&o.dueAfter, "due-after", "", "only items whose "+l.dated+" is after this date (YYYY-MM-DD)")
	}
	if l.matrix {
		fl.BoolVar(&o.matrix, "matrix", false, "draw the 5×5 likelihood × impact grid instead of the table")
		fl.BoolVar(&o.all, "all", false, "with --matrix: closed and occurred risks too, not only open ones")
		fl.BoolVar(&o.target, "target", false, "with --matrix: place risks at their target (residual) positions")
	}
	g.addOutputFlag(cmd, "table", render.AllFormats...)
	return cmd
}

func runList(g *globals, l *listing, o *listOptions) error {
	f, err := g.format()
	if err != nil {
		return err
	}
	if !o.matrix && (o.all || o.target) {
		return usageError("--all and --target go with --matrix")
	}
	s, err := g.load()
	if err != nil {
		return err
	}
	flt, err := newListFilter(s, l, o)
	if err != nil {
		return err
	}
	t := g.term()
	if o.matrix {
		return runRiskMatrix(s, t, f, flt, o)
	}
	out := l.run(s, flt)
	switch f {
	case render.FormatTable:
		if out.rows == 0 {
			// Nothing on stdout, so a pipe sees no rows; the person is told why.
			msg := "no " + l.use
			if flt.Active() {
				msg += " match the filters"
			}
			_, err := fmt.Fprintln(g.env.Err, msg)
			return err
		}
	case render.FormatCSV:
		return render.CSV(t.Out, out.csv)
	}
	return t.Output(f, out.table, out.records)
}

func newListFilter(s *session, l *listing, o *listOptions) (*view.Filter, error) {
	p := s.p
	f := &view.Filter{}
	var err error
	if f.Phases, err = refSet(p, "--phase", o.phases, programme.KindPhase); err != nil {
		return nil, err
	}
	if f.Workstreams, err = refSet(p, "--workstream", o.workstreams, programme.KindWorkstream); err != nil {
		return nil, err
	}
	if f.Owners, err = refSet(p, "--owner", o.owners, programme.KindPerson, programme.KindBody); err != nil {
		return nil, err
	}
	if f.Owners != nil && !o.ownerExact {
		f.AddBodies(p)
	}
	if f.Status, err = view.StatusGroups(l.statuses, o.statuses); err != nil {
		return nil, usageError("--status %v", err)
	}
	if f.Before, err = parseFlagDate("--due-before", o.dueBefore); err != nil {
		return nil, err
	}
	if f.After, err = parseFlagDate("--due-after", o.dueAfter); err != nil {
		return nil, err
	}
	return f, nil
}

// refSet checks ids given to a filter flag against the programme: an id
// that is not there, or of another kind, is an error naming the nearest.
func refSet(p *programme.Programme, flag string, ids []string, kinds ...programme.Kind) (map[string]bool, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	set := map[string]bool{}
	for _, id := range ids {
		id = strings.TrimSpace(id)
		if r, ok := p.Lookup(id); ok && slices.Contains(kinds, r.Kind) {
			set[id] = true
			continue
		}
		names := make([]string, len(kinds))
		for i, k := range kinds {
			names[i] = string(k)
		}
		what := strings.Join(names, " or ")
		if r, ok := p.Lookup(id); ok {
			return nil, usageError("%s %s: that is a %s, not a %s", flag, id, r.Kind, what)
		}
		return nil, usageError("%s %s: no %s has that id%s", flag, id, what, nearestHint(id, p.IDs(kinds...)))
	}
	return set, nil
}

// nearestHint suggests the ids nearest to id, or lists them all when there
// are few and none is near.
func nearestHint(id string, candidates []string) string {
	if hint := programme.Suggest(id, candidates); hint != "" {
		return hint
	}
	if len(candidates) > 0 && len(candidates) <= 12 {
		return "; the ids are " + strings.Join(candidates, ", ")
	}
	return ""
}

func parseFlagDate(flag, s string) (programme.Date, error) {
	if s == "" {
		return 0, nil
	}
	d, err := programme.ParseDate(strings.TrimSpace(s))
	if err != nil {
		return 0, usageError("%s: %v", flag, err)
	}
	return d, nil
}
