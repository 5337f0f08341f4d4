package cli

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/ocotool/oco/internal/compare"
	"github.com/ocotool/oco/internal/edit"
	"github.com/ocotool/oco/internal/programme"
	"github.com/ocotool/oco/internal/render"
	"github.com/ocotool/oco/internal/sheet"
)

type importOptions struct {
	editFlags
	kind  string
	maps  []string
	sheet string
	file  string
}

func newImportCmd(g *globals) *cobra.Command {
	o := &importOptions{}
	cmd := &cobra.Command{
		Use:     "import FILE --kind KIND",
		GroupID: "edit",
		Short:   "Append items from a CSV file or an Excel workbook",
		Long: `Append one item of KIND for each row of FILE (CSV, or an Excel .xlsx
workbook; - reads standard input), as 'oco add' would add each: the header
row names the fields (as the files and 'oco KIND -o csv' name them), each
cell is read as the field's type, and an empty cell leaves the field out.
A row without an id gets the next free one.

All rows or none: every row is checked, and when any cell is refused, or
the programme would not validate with the new items, each problem is named
by its row and column and nothing is written. --dry-run prints the change
as a diff instead of writing it.

--map column=field reads a column as another field (--map "Due date=due");
--map column= leaves a column out. Columns that oco computes (a
milestone's status, rag, expected and slack) are read past, so a sheet
from 'oco export -o xlsx' or 'oco milestones -o csv' imports as it is once
its ids are cleared or new. In a workbook, the sheet named after the kind
(milestones) is read, else the first; --sheet names another.

The items go at the end of the file that holds the last item of the kind,
else <section>.yaml, or in --file. The new ids are printed, one a line.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error { return runImport(g, o, args[0]) },
	}
	fl := cmd.Flags()
	fl.StringVar(&o.kind, "kind", "", "the `KIND` of item each row is: milestone, risk, issue, ...")
	fl.StringArrayVar(&o.maps, "map", nil, "read a column as a field: `column=field` (column= leaves it out)")
	fl.StringVar(&o.sheet, "sheet", "", "the `SHEET` of a workbook to read (default: the kind's, else the first)")
	fl.StringVar(&o.file, "file", "", "the `FILE` to append to (default: where the last item of the kind is)")
	o.register(fl)
	return cmd
}

func runImport(g *globals, o *importOptions, name string) error {
	if o.kind == "" {
		return usageError("--kind is required: what each row is (milestone, risk, issue, ...)")
	}
	k, err := parseKind(o.kind)
	if err != nil {
		return usageError("--kind: %v", err)
	}
	renames := map[string]string{}
	for _, m := range o.maps {
		col, field, ok := strings.Cut(m, "=")
		if !ok {
			return usageError("--map %q: write column=field, or column= to leave the column out", m)
		}
		renames[strings.TrimSpace(col)] = strings.TrimSpace(field)
	}
	var data []byte
	if name == "-" {
		data, err = io.ReadAll(g.env.In)
	} else {
		data, err = os.ReadFile(name)
	}
	if err != nil {
		return usageError("%s: %v", name, unwrapPath(err))
	}
	section := programme.SectionOf(k)
	tb, err := sheet.Read(data, o.sheet, section, string(k))
	if err != nil {
		return usageError("%s: %v", name, err)
	}
	if tb.Sheet != "" {
		name += " [" + tb.Sheet + "]"
	}
	src, _, err := g.loadEdit()
	if err != nil {
		return err
	}
	rel, err := targetFile(g, src.Dir, o.file)
	if err != nil {
		return err
	}
	today := programme.DateOf(g.env.Now())
	plan, cellErrs := sheet.NewPlan(src.P, k, tb, renames, today)
	if len(cellErrs) > 0 {
		return refuseImport(g, name, cellErrs)
	}
	if len(plan.Rows) == 0 {
		fmt.Fprintf(g.env.Err, "%s: no rows to import\n", name)
		return nil
	}
	given := make([]map[string]string, len(plan.Rows))
	for i, r := range plan.Rows {
		given[i] = r.Given
	}
	res, err := src.AddAll(k, given, rel, today, o.dryRun)
	if err != nil {
		return editError(err)
	}
	if len(res.Errors) > 0 {
		// Named by row and column, not by a line of a file the user has
		// not seen.
		return refuseImport(g, name, plan.Locate(res.File, res.New, res.IDs, res.Errors))
	}
	if o.dryRun {
		io.WriteString(g.env.Out, res.Diff())
		return editSummary(g, res.Result)
	}
	for _, id := range res.IDs {
		fmt.Fprintln(g.env.Out, id)
	}
	return nil
}

// refuseImport prints every refused cell and ends the run with status 1.
func refuseImport(g *globals, name string, errs []error) error {
	for _, e := range errs {
		fmt.Fprintf(g.env.Err, "%s: %v\n", name, e)
	}
	return &exitError{code: ExitFailed, err: fmt.Errorf("nothing imported: %s refused", programme.Plural(len(errs), "cell"))}
}

// editSummary follows a dry run's line diff with what the change means
// for the programme, as oco diff would say it: the headline, then the
// totals.
func editSummary(g *globals, res *edit.Result) error {
	if res.Before == nil || res.After == nil {
		return nil
	}
	before, err := g.reportingDate(res.Before)
	if err != nil {
		return err
	}
	after, err := g.reportingDate(res.After)
	if err != nil {
		return err
	}
	r := compare.Compare(compare.Side{P: res.Before, AsOf: before}, compare.Side{P: res.After, AsOf: after})
	_, err = fmt.Fprintf(g.env.Out, "\n%s\n%s\n", r.Headline(), render.Totals(r))
	return err
}
