package cli

import (
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/ocotool/oco/internal/edit"
	"github.com/ocotool/oco/internal/programme"
)

// Completion that knows the programme: `oco show M-<TAB>` offers the
// milestones' ids with their titles, `oco set M-12 <TAB>` the fields of a
// milestone, `oco set M-12 status=<TAB>` the values a field takes.

// idArgs says which kinds of id each command's arguments take; nil means
// any kind.
var idArgs = map[string][]programme.Kind{
	"show":     nil,
	"deps":     {programme.KindMilestone, programme.KindPhase},
	"set":      nil,
	"done":     {programme.KindMilestone},
	"history":  {programme.KindMilestone},
	"forecast": {programme.KindMilestone},
}

// refFlags are the filter flags that take ids, and of which kinds.
var refFlags = map[string][]programme.Kind{
	"phase":      {programme.KindPhase},
	"workstream": {programme.KindWorkstream},
	"owner":      {programme.KindPerson, programme.KindBody},
}

// complete gives a command its argument and flag completions.
func (g *globals) complete(cmd *cobra.Command) {
	name := cmd.Name()
	if kinds, ok := idArgs[name]; ok && cmd.ValidArgsFunction == nil {
		cmd.ValidArgsFunction = func(_ *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
			if len(args) == 0 || name == "forecast" {
				return g.completeIDs(toComplete, kinds...), cobra.ShellCompDirectiveNoFileComp
			}
			if name == "set" {
				return g.completeAssignment(args[0], toComplete)
			}
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
	}
	if name == "add" && cmd.ValidArgsFunction == nil {
		cmd.ValidArgsFunction = func(_ *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
			if len(args) > 0 {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			return kindNames(), cobra.ShellCompDirectiveNoFileComp
		}
	}
	fl := cmd.Flags()
	if fl.Lookup("kind") != nil {
		cmd.RegisterFlagCompletionFunc("kind", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
			return kindNames(), cobra.ShellCompDirectiveNoFileComp
		})
	}
	for _, f := range []string{"output", "format", "fail-on"} {
		if flag := fl.Lookup(f); flag != nil {
			values := flagValues(flag)
			if o := fl.Lookup("output"); f == "format" && o != nil {
				values = flagValues(o)
			}
			cmd.RegisterFlagCompletionFunc(f, func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
				return values, cobra.ShellCompDirectiveNoFileComp
			})
		}
	}
	if flag := fl.Lookup("status"); flag != nil {
		values := flagValues(flag)
		cmd.RegisterFlagCompletionFunc("status", func(_ *cobra.Command, _ []string, toComplete string) ([]string, cobra.ShellCompDirective) {
			return listValues(values, toComplete), cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace
		})
	}
	for f, kinds := range refFlags {
		if fl.Lookup(f) == nil {
			continue
		}
		cmd.RegisterFlagCompletionFunc(f, func(_ *cobra.Command, _ []string, toComplete string) ([]string, cobra.ShellCompDirective) {
			done, last := "", toComplete
			if i := strings.LastIndexByte(toComplete, ','); i >= 0 {
				done, last = toComplete[:i+1], toComplete[i+1:]
			}
			var out []string
			for _, c := range g.completeIDs(last, kinds...) {
				out = append(out, done+c)
			}
			return out, cobra.ShellCompDirectiveNoFileComp
		})
	}
}

// listValues completes the last value of a comma-separated list.
func listValues(values []string, toComplete string) []string {
	done := ""
	if i := strings.LastIndexByte(toComplete, ','); i >= 0 {
		done = toComplete[:i+1]
	}
	var out []string
	for _, v := range values {
		out = append(out, done+v)
	}
	return out
}

func kindNames() []string {
	var out []string
	for _, s := range programme.Sections {
		if s.Kind != programme.KindProgramme {
			out = append(out, string(s.Kind))
		}
	}
	return out
}

// completionProgramme loads the programme quietly: a completion that
// cannot read it offers nothing rather than an error in the prompt.
func (g *globals) completionProgramme() *programme.Programme {
	dir, err := g.findDir()
	if err != nil {
		return nil
	}
	return programme.Load(os.DirFS(dir), g.displayDir(dir))
}

// completeIDs offers the ids of the given kinds (any, for none) that
// start with toComplete, each with what the item is called.
func (g *globals) completeIDs(toComplete string, kinds ...programme.Kind) []string {
	p := g.completionProgramme()
	if p == nil {
		return nil
	}
	var out []string
	for _, id := range p.IDs(kinds...) {
		if !strings.HasPrefix(strings.ToLower(id), strings.ToLower(toComplete)) {
			continue
		}
		r, _ := p.Lookup(id)
		if title, _, _ := strings.Cut(programme.TitleOf(r.Item), "\n"); title != "" {
			id += "\t" + title
		}
		out = append(out, id)
	}
	return out
}

// completeAssignment completes `field=value` after `oco set ID`: the
// item's fields, then the values the field takes (enum values, ids of the
// kinds it refers to, today for a date).
func (g *globals) completeAssignment(id, toComplete string) ([]string, cobra.ShellCompDirective) {
	p := g.completionProgramme()
	if p == nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	kind := programme.KindProgramme
	if r, ok := p.Lookup(id); ok {
		kind = r.Kind
	} else if id != "programme" && id != p.Header.ID {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	name, typed, hasValue := strings.Cut(toComplete, "=")
	if !hasValue {
		var out []string
		for _, f := range edit.FieldNames(kind) {
			if f != "id" && strings.HasPrefix(f, name) {
				out = append(out, f+"=")
			}
		}
		return out, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace
	}
	top, sub, nested := strings.Cut(name, ".")
	f, ok := programme.FieldOf(kind, top)
	if !ok {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	if nested {
		i := slices.IndexFunc(f.Sub, func(s programme.Field) bool { return s.Name == sub })
		if i < 0 {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		f = f.Sub[i]
	}
	var values []string
	switch f.Kind {
	case programme.KindEnum:
		values = f.Enum
	case programme.KindDate:
		values = []string{"today"}
	case programme.KindInt:
		if f.HasRange {
			for n := f.Min; n <= f.Max; n++ {
				values = append(values, strconv.Itoa(n))
			}
		}
	case programme.KindRef, programme.KindRefs, programme.KindDeps:
		kinds := f.Refs
		if f.Kind == programme.KindDeps {
			kinds = []programme.Kind{kind}
		}
		last := typed
		done := ""
		if i := strings.LastIndexByte(typed, ','); i >= 0 {
			done, last = typed[:i+1], typed[i+1:]
		}
		for _, c := range g.completeIDs(last, kinds...) {
			values = append(values, done+c)
		}
		typed = ""
	}
	var out []string
	for _, v := range values {
		if strings.HasPrefix(v, typed) {
			out = append(out, name+"="+v)
		}
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

// newCompletionCmd is cobra's completion command with examples and an
// exit status, as every command has.
func newCompletionCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "completion bash|zsh|fish|powershell",
		Short: "Print the shell completion script for bash, zsh, fish or PowerShell",
		Long: `Print a script that makes your shell complete oco's commands, flags, and
what the programme holds: ids for show, deps, set, done and history (with
their titles where the shell shows them), fields and their values after
'oco set ID', kinds for add and import, and the values of -o, --status,
--phase, --owner, --workstream and --fail-on.`,
		Args:      cobra.ExactArgs(1),
		ValidArgs: []string{"bash", "zsh", "fish", "powershell"},
		RunE: func(cmd *cobra.Command, args []string) error {
			root, out := cmd.Root(), g.env.Out
			switch args[0] {
			case "bash":
				return root.GenBashCompletionV2(out, true)
			case "zsh":
				return root.GenZshCompletion(out)
			case "fish":
				return root.GenFishCompletion(out, true)
			case "powershell":
				return root.GenPowerShellCompletionWithDesc(out)
			}
			return usageError("completion %q: the shells are bash, zsh, fish and powershell", args[0])
		},
	}
	return cmd
}
