package cli

import (
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/ocotool/oco/internal/edit"
	"github.com/ocotool/oco/internal/programme"
)

type addOptions struct {
	editFlags
	file   string
	values map[string]*string // by field name, nested ones dotted
}

// addFlag is one flag of `oco add`: a field of one or more kinds.
type addFlag struct {
	field string // "depends_on", "target.likelihood"
	kinds []programme.Kind
	ph    string   // the value's placeholder in help
	notes []string // what each kind takes, for help
	phs   []string // each kind's placeholder
}

// usage says which kinds have the field, and what each takes where that
// differs from kind to kind.
func (af *addFlag) usage() string {
	if len(af.kinds) == len(programme.Sections)-1 {
		return "any kind"
	}
	notes := slices.Clone(af.notes)
	for i := range notes {
		if af.ph == "VALUE" && af.phs[i] != "VALUE" {
			notes[i] += " " + af.phs[i]
		}
	}
	return strings.Join(notes, "; ")
}

// addFlags lists a flag for every field of every kind but the programme
// header, in the format's order, so that help and parsing are read from
// the same definitions as the loader.
func addFlags() []*addFlag {
	var out []*addFlag
	byName := map[string]*addFlag{}
	add := func(k programme.Kind, name string, f programme.Field) {
		af := byName[name]
		if af == nil {
			af = &addFlag{field: name, ph: placeholder(f)}
			byName[name] = af
			out = append(out, af)
		}
		if af.ph != placeholder(f) {
			af.ph = "VALUE"
		}
		af.kinds = append(af.kinds, k)
		note := string(k)
		if f.Kind == programme.KindEnum {
			note += ": " + strings.Join(f.Enum, ", ")
		}
		af.notes = append(af.notes, note)
		af.phs = append(af.phs, placeholder(f))
	}
	for _, s := range programme.Sections {
		if s.Kind == programme.KindProgramme {
			continue
		}
		for _, f := range programme.Fields(s.Kind) {
			if f.Kind == programme.KindStruct {
				for _, sub := range f.Sub {
					add(s.Kind, f.Name+"."+sub.Name, sub)
				}
				continue
			}
			add(s.Kind, f.Name, f)
		}
	}
	return out
}

func placeholder(f programme.Field) string {
	switch f.Kind {
	case programme.KindDate:
		return "DATE"
	case programme.KindInt:
		if f.HasRange {
			return fmt.Sprintf("%d..%d", f.Min, f.Max)
		}
		return "N"
	case programme.KindID, programme.KindRef:
		return "ID"
	case programme.KindRefs:
		return "ID,..."
	case programme.KindDeps:
		return "[PROG:]ID[:TYPE][+LAG],..."
	case programme.KindEnum:
		return "VALUE"
	}
	return "TEXT"
}

// fieldFlag is a string flag whose help shows the field's placeholder
// (--due DATE) where pflag would say "string".
type fieldFlag struct {
	v  *string
	ph string
}

func (f fieldFlag) String() string     { return *f.v }
func (f fieldFlag) Set(s string) error { *f.v = s; return nil }
func (f fieldFlag) Type() string       { return f.ph }

func flagName(field string) string { return edit.FlagName(field) }

func newAddCmd(g *globals) *cobra.Command {
	o := &addOptions{values: map[string]*string{}}
	flags := addFlags()
	var kinds strings.Builder
	for _, s := range programme.Sections {
		if s.Kind == programme.KindProgramme {
			continue
		}
		var names []string
		for _, f := range programme.Fields(s.Kind) {
			n := f.Name
			if f.Required {
				n += "*"
			}
			names = append(names, n)
		}
		fmt.Fprintf(&kinds, "  %-11s %s\n", s.Kind, strings.Join(names, " "))
	}
	cmd := &cobra.Command{
		Use:     "add KIND --field value...",
		GroupID: "edit",
		Short:   "Append an item to the programme and print its id",
		Long: `Append an item of KIND (milestone or milestones, risk, person, ...) with the
fields given as flags: --title, --due, --depends-on (or --depends_on), and so
on for every field of the format. Without --id, the next free id in the
programme's own pattern is used (M-23 after M-22, M-08 after M-07). The new
id is printed.

The item goes at the end of the file that holds the last item of its kind,
else <section>.yaml in the programme directory (created if need be), or in
--file. Its fields are written in the canonical order. If the programme
would then not validate, the errors are printed, nothing is written and the
exit status is 1.

Fields of each kind (* required):
` + kinds.String() + `
Values: dates YYYY-MM-DD or today; lists a,b,c; depends_on entries ID or
ID+LAG (M-4+2w); a risk's target as --target.likelihood and --target.impact.`,
		Example: `  oco add milestone --title "Board approves the budget" --due 2017-03-31 --phase P2 --owner JLT
  oco add risk --title "Staff leave" --likelihood 3 --impact 4 --owner coo --affects M-12`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error { return runAdd(g, o, cmd, args[0]) },
	}
	fl := cmd.Flags()
	for _, af := range flags {
		v := new(string)
		o.values[af.field] = v
		fl.Var(fieldFlag{v, af.ph}, flagName(af.field), af.usage())
		if flagName(af.field) != af.field {
			// The file's own spelling, --depends_on, works too.
			fl.Var(fieldFlag{v, af.ph}, af.field, "")
			_ = fl.MarkHidden(af.field)
		}
	}
	fl.StringVar(&o.file, "file", "", "the `FILE` to append to (default: where the last item of the kind is)")
	o.register(fl)
	return cmd
}

func runAdd(g *globals, o *addOptions, cmd *cobra.Command, kindArg string) error {
	k, err := parseKind(kindArg)
	if err != nil {
		return usageError("%v", err)
	}
	given := map[string]string{}
	for field, v := range o.values {
		if cmd.Flags().Changed(flagName(field)) || cmd.Flags().Changed(field) {
			given[field] = *v
		}
	}
	src, _, err := g.loadEdit()
	if err != nil {
		return err
	}
	rel, err := targetFile(g, src.Dir, o.file)
	if err != nil {
		return err
	}
	res, err := src.Add(k, given, rel, g.today(), o.dryRun)
	if err != nil {
		return editError(err)
	}
	if err := g.finish(res.Result, o.dryRun); err != nil || o.dryRun {
		return err
	}
	fmt.Fprintln(g.env.Out, res.ID)
	return nil
}

// parseKind reads a kind as users say it: milestone or milestones.
func parseKind(s string) (programme.Kind, error) {
	var names []string
	for _, sec := range programme.Sections {
		if sec.Kind == programme.KindProgramme {
			continue
		}
		if strings.EqualFold(s, string(sec.Kind)) || strings.EqualFold(s, sec.Name) {
			return sec.Kind, nil
		}
		names = append(names, string(sec.Kind))
	}
	if strings.EqualFold(s, "programme") {
		return "", errors.New("the programme is one mapping, not a list: change its fields with oco set programme field=value")
	}
	return "", fmt.Errorf("no kind %q%s (kinds: %s)", s, programme.Suggest(s, names), strings.Join(names, ", "))
}

// targetFile is --file (none: "") as a path within the programme
// directory dir, for add and import.
func targetFile(g *globals, dir, file string) (string, error) {
	if file == "" {
		return "", nil
	}
	rel, err := fileInDir(g, dir, file)
	if err != nil {
		return "", usageError("--file: %v", err)
	}
	return rel, nil
}

// fileInDir maps --file, relative to the working directory, to a path
// within the programme directory that the loader would read.
func fileInDir(g *globals, dir, file string) (string, error) {
	abs := file
	if !filepath.IsAbs(abs) {
		wd, err := g.env.Getwd()
		if err != nil {
			return "", err
		}
		abs = filepath.Join(wd, file)
	}
	root, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	rel, err := filepath.Rel(root, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", fmt.Errorf("%s is not inside the programme directory %s", file, g.displayDir(dir))
	}
	rel = filepath.ToSlash(rel)
	if !strings.HasSuffix(rel, ".yaml") && !strings.HasSuffix(rel, ".yml") {
		return "", fmt.Errorf("%s: oco reads only .yaml and .yml files", file)
	}
	for _, part := range strings.Split(rel, "/") {
		if strings.HasPrefix(part, ".") {
			return "", fmt.Errorf("%s: oco skips names that start with a dot", file)
		}
	}
	return rel, nil
}
