package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/ocotool/oco/internal/programme"
	"github.com/ocotool/oco/internal/yamledit"
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
		return "ID[+LAG],..."
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

func flagName(field string) string { return strings.ReplaceAll(field, "_", "-") }

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
	s, err := g.load()
	if err != nil {
		return err
	}
	rel := ""
	if o.file != "" {
		if rel, err = fileInDir(g, s.dir, o.file); err != nil {
			return usageError("--file: %v", err)
		}
	}
	id, edit, err := planAdd(s.p, s.prefix(), os.DirFS(s.dir), k, given, rel, todayDate())
	if err != nil {
		return err
	}
	if _, err := s.commit(edit, o.dryRun); err != nil || o.dryRun {
		return err
	}
	fmt.Fprintln(g.env.Out, id)
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
	return "", fmt.Errorf("no kind %q%s (kinds: %s)", s, didYouMean(s, names), strings.Join(names, ", "))
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

// planAdd is `oco add` up to the write: the new item's id and the edit
// that appends it. rel is the file to append to, "" to choose it.
func planAdd(p *programme.Programme, prefix string, fsys fs.FS, k programme.Kind, given map[string]string, rel string, today programme.Date) (string, fileEdit, error) {
	section := programme.SectionOf(k)
	var unknown []string
	for field := range given {
		top, _, _ := strings.Cut(field, ".")
		if _, ok := programme.FieldOf(k, top); !ok {
			unknown = append(unknown, "--"+flagName(field))
		}
	}
	if len(unknown) > 0 {
		slices.Sort(unknown)
		return "", fileEdit{}, usageError("%s has no field %s (its fields: %s)", withArticle(k), strings.Join(unknown, ", "), strings.Join(fieldNames(k), ", "))
	}

	id := strings.TrimSpace(given["id"])
	switch {
	case id == "":
		id = nextID(p, k)
	case !programme.ValidID(id):
		return "", fileEdit{}, usageError("--id %q is not a valid id (letters, digits, - _ . ; starting with a letter; at most 64 characters)", id)
	}
	if r, ok := p.Lookup(id); ok {
		return "", fileEdit{}, &exitError{code: ExitFailed, err: fmt.Errorf("%s is already the id of %s; ids are unique across the programme", id, withArticle(r.Kind))}
	}

	fields := []yamledit.KV{{Key: "id", Value: yamledit.Scalar(id)}}
	var later []assignment // fields Append cannot write: nested ones, lags
	for _, f := range programme.Fields(k) {
		if f.Kind == programme.KindStruct {
			if _, ok := given[f.Name]; ok {
				var subs []string
				for _, sub := range subNames(f) {
					subs = append(subs, "--"+flagName(f.Name+"."+sub))
				}
				return "", fileEdit{}, usageError("--%s: %s's %s is a mapping: give %s", flagName(f.Name), withArticle(k), f.Name, strings.Join(subs, " and "))
			}
			for _, sub := range f.Sub {
				name := f.Name + "." + sub.Name
				if raw, ok := given[name]; ok && raw != "" {
					a, err := parseField(k, name, raw, today)
					if err != nil {
						return "", fileEdit{}, flagError(name, err)
					}
					later = append(later, a)
				}
			}
			continue
		}
		raw, ok := given[f.Name]
		if !ok || f.Kind == programme.KindID {
			continue
		}
		a, err := parseField(k, f.Name, raw, today)
		if err != nil {
			return "", fileEdit{}, flagError(f.Name, err)
		}
		switch {
		case a.remove:
		case slices.ContainsFunc(a.deps, func(e depEntry) bool { return e.lag != "" }):
			later = append(later, a)
		default:
			fields = append(fields, yamledit.KV{Key: f.Name, Value: a.value})
		}
	}

	if rel == "" {
		rel = section + ".yaml"
		p.Each(func(kind programme.Kind, _ string, it *programme.Item, _ any) {
			if kind == k {
				if r, err := relPath(prefix, it.File); err == nil {
					rel = r
				}
			}
		})
	}
	_, err := fs.Stat(fsys, rel)
	edit := fileEdit{rel: rel, create: errors.Is(err, fs.ErrNotExist), change: func(old []byte) ([]byte, error) {
		d, err := yamledit.Parse(old)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", rel, err)
		}
		if err := d.Append(section, fields, keyOrder); err != nil {
			return nil, fmt.Errorf("%s: cannot add to %s: %v", rel, section, err)
		}
		for _, a := range later {
			if err := a.apply(d, section, id); err != nil {
				return nil, fmt.Errorf("%s: cannot set %s of %s: %v", rel, a.field, id, err)
			}
		}
		return d.Bytes(), nil
	}}
	return id, edit, nil
}

// flagError names the flag a value was given with, once:
// "--due: "2024-9-1" is not a date...".
func flagError(field string, err error) error {
	return usageError("--%s: %s", flagName(field), strings.TrimPrefix(err.Error(), field+": "))
}

// numbered splits an id into its stem and its number: M-07 is M- and 07.
var numbered = regexp.MustCompile(`^([A-Za-z][A-Za-z0-9_.-]*?)([0-9]{1,9})$`)

// nextID returns the next free id for a new item of kind k, following the
// pattern of the last numbered id of that kind, zero padding included:
// M-23 after M-22, M-08 after M-07. With no pattern to follow it is the
// kind's initial and 1.
func nextID(p *programme.Programme, k programme.Kind) string {
	ids := p.IDs(k)
	stem, width, last := strings.ToUpper(string(k)[:1])+"-", 1, 0
	for i := len(ids) - 1; i >= 0; i-- {
		if m := numbered.FindStringSubmatch(ids[i]); m != nil {
			stem = m[1]
			break
		}
	}
	for _, id := range ids {
		m := numbered.FindStringSubmatch(id)
		if m == nil || m[1] != stem {
			continue
		}
		n, _ := strconv.Atoi(m[2])
		if n > last || n == last && len(m[2]) > width {
			last, width = n, len(m[2])
		}
	}
	used := map[string]bool{}
	for _, id := range p.IDs() {
		used[strings.ToLower(id)] = true
	}
	for n := last + 1; ; n++ {
		id := fmt.Sprintf("%s%0*d", stem, width, n)
		if !used[strings.ToLower(id)] {
			return id
		}
	}
}
