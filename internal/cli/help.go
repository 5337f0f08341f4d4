package cli

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/ocotool/oco/internal/render"
	"github.com/ocotool/oco/internal/view"
)

// register readies a command for the root: its examples and exit status in
// its help, and the output flag every command that prints data shares.
func (g *globals) register(cmd *cobra.Command) *cobra.Command {
	for _, sub := range cmd.Commands() {
		g.registerSub(cmd.Name()+" "+sub.Name(), sub)
	}
	if !cmd.Runnable() {
		// A help topic, or a group of subcommands.
		if h, ok := commandHelp[cmd.Name()]; ok && cmd.Example == "" {
			cmd.Example = h.examples
		}
		return cmd
	}
	g.shareOutputFlags(cmd)
	g.complete(cmd)
	// Help written when some commands said --format names the flag that
	// help lists for all of them.
	cmd.Long = strings.ReplaceAll(cmd.Long, "--format ", "-o ")
	cmd.Example = strings.ReplaceAll(cmd.Example, "--format ", "-o ")
	if h, ok := commandHelp[cmd.Name()]; ok {
		if cmd.Example == "" {
			cmd.Example = h.examples
		}
		return withExitStatusText(cmd, h.exit)
	}
	return withExitStatus(cmd)
}

// Exit status texts shared by commands that behave alike.
const (
	exitCantRun = `  2  the command could not run: a bad flag or argument, no programme
     directory, a file that could not be read`
	exitView = `  0  the programme was shown
  1  part of the programme could not be parsed: what could be read was
     shown, and a banner on stderr names the broken files (--allow-errors
     exits 0)
` + exitCantRun
	exitEdit = `  0  the change was written (with --dry-run: it would be)
  1  the change was refused: it would add the errors shown, or an id is
     taken; nothing was written
` + exitCantRun
	exitPlain = `  0  success
` + exitCantRun
	exitUpstream = `  2  the command could not run: no programme, no such pin, a repository or
     revision that cannot be read, a fetch that failed`
)

// registerSub readies a subcommand (portfolio status) as register does a
// command, leaving an EXIT STATUS it already has.
func (g *globals) registerSub(path string, cmd *cobra.Command) {
	g.shareOutputFlags(cmd)
	g.complete(cmd)
	cmd.Long = strings.ReplaceAll(cmd.Long, "--format ", "-o ")
	h := commandHelp[path]
	if cmd.Example == "" {
		cmd.Example = h.examples
	}
	if !strings.Contains(cmd.Long, "EXIT STATUS") {
		withExitStatusText(cmd, h.exit)
	}
}

// commandHelp is each command's examples and what its exit statuses mean,
// in one table, so that the help of every command is written alike. A
// command that sets its own Example keeps it.
var commandHelp = map[string]struct{ examples, exit string }{
	"status": {`  oco status
  oco status --as-of today
  oco status -o json | jq '.counts'`, exitView},
	"validate": {`  oco validate
  oco validate --fail-on warning
  oco validate -o github            # annotations in a GitHub Actions log
  oco validate -o sarif > oco.sarif # for code scanning
  oco validate -o junit > oco.xml   # for CI test reports`, `  0  no errors (with --fail-on warning: no warnings either)
  1  errors were found (with --fail-on warning: or warnings)
` + exitCantRun},
	"show":     {"", exitView},
	"timeline": {"", exitView},
	"deps": {`  oco deps M-12
  oco deps M-12 --all
  oco deps M-12 -o json | jq '.slack'`, exitView},
	"critical-path": {`  oco critical-path
  oco critical-path -o csv --bom > critical-path.csv`, exitView},
	"graph": {`  oco graph > graph.mmd
  oco graph -o dot --phase P4 | dot -Tsvg > p4.svg`, exitView},
	"init": {`  oco init
  oco init programme && oco validate -C programme`, `  0  the programme directory was created
  2  the directory already holds a programme, or could not be written`},
	"add": {"", exitEdit},
	"set": {`  oco set M-12 forecast=2017-09-30
  oco set R-03 likelihood=4 impact=5 --dry-run
  oco set M-12 depends_on=M-10,M-11+2w
  oco set M-12 notes=                 # remove a field`, exitEdit},
	"done": {`  oco done M-12
  oco done M-12 --on 2017-06-28
  oco done M-12 --undo`, exitEdit},
	"import": {`  oco import milestones.csv --kind milestone --dry-run
  oco import raid.xlsx --kind risk --sheet "RAID log" --map "Risk title=title" --map Notes=
  oco export -o xlsx > p.xlsx   # edit, clear the ids of new rows, then:
  oco import p.xlsx --kind milestone`, exitEdit},
	"fmt": {`  oco fmt
  oco fmt --check
  oco fmt programme/milestones.yaml`, `  0  the files were formatted (with --check: all already are)
  1  with --check: files that are not in the canonical form were listed
` + exitCantRun},
	"diff": {`  oco diff                      # HEAD against the working tree
  oco diff main..HEAD -o markdown
  oco diff board-2017-05 --fail-on warning
  oco diff HEAD~1 -o json | jq '.slipped'`, `  0  the change was described (with --fail-on: and it adds no finding
     at that severity)
  1  with --fail-on: the change adds findings at that severity or worse
` + exitCantRun + `, a git error or an unknown revision`},
	"history": {`  oco history
  oco history M-12 --chart
  oco history -o csv --bom > trend.csv`, `  0  the history was shown
` + exitCantRun + `, a git error or an unknown revision`},
	"export": {`  oco export -o xlsx > programme.xlsx
  oco export -o csv --bom > milestones.csv
  oco export -o ics > programme.ics
  oco export -o json | jq '.milestones | length'`, exitView},
	"report": {`  oco report > highlight.md
  oco report -o html > highlight.html`, exitView},
	"schema": {`  oco schema > programme/.schema.json`, exitPlain},
	"version": {`  oco version
  oco version -o json`, exitPlain},
	"man": {`  oco man /usr/local/share/man/man1
  oco man man && man ./man/oco-status.1`, `  0  the pages were written
  2  DIR could not be created or written`},
	"phases": {`  oco phases
  oco phases -o markdown`, exitView},
	"assumptions": {`  oco assumptions --status unverified --due-before 2017-09-01
  oco assumptions -o csv > assumptions.csv`, exitView},
	"issues": {`  oco issues --status open,high
  oco issues --owner coo -o json`, exitView},
	"decisions": {`  oco decisions --due-after 2017-01-01
  oco decisions -o markdown`, exitView},
	"benefits": {`  oco benefits
  oco benefits -o yaml`, exitView},
	"milestones": {"", exitView},
	"risks":      {"", exitView},
	"forecast": {`  oco forecast
  oco forecast M-33 --chart
  oco forecast --risks --iterations 50000 --seed 7
  oco forecast -o json | jq -r '.[] | select(.on_time < 0.5) | .id'`, exitView},
	"portfolio status": {`  oco portfolio status
  oco portfolio status --portfolio ../bury -o json`, ""},
	"portfolio milestones": {`  oco portfolio milestones
  oco portfolio milestones -o csv --bom > portfolio.csv`, ""},
	"portfolio risks": {`  oco portfolio risks
  oco portfolio risks -o markdown`, ""},
	"portfolio timeline": {`  oco portfolio timeline
  oco portfolio timeline --offline`, ""},
	"portfolio critical-path": {`  oco portfolio critical-path
  oco portfolio critical-path -o json`, ""},
	"portfolio report": {`  oco portfolio report > portfolio.md
  oco portfolio report -o html > portfolio.html`, ""},
	"portfolio validate": {`  oco portfolio validate
  oco portfolio validate -o github`, ""},
	"upstream": {`  oco upstream status
  oco upstream update lco`, ""},
	"portfolio": {`  oco portfolio status
  oco portfolio validate --offline`, ""},
	"upstream status": {`  oco upstream status
  oco upstream status --offline`, `  0  success
  1  status: a pinned date moved
` + exitUpstream},
	"upstream update": {`  oco upstream update lco --dry-run
  oco upstream update lco`, `  0  success, or already pinned at the newest revision
  1  the change would add an error: nothing was written
` + exitUpstream},
	"completion": {`  source <(oco completion bash)
  oco completion zsh > "${fpath[1]}/_oco"
  oco completion fish > ~/.config/fish/completions/oco.fish`, exitPlain},
}

// withExitStatusText appends a command's own EXIT STATUS section.
func withExitStatusText(cmd *cobra.Command, exit string) *cobra.Command {
	if exit == "" {
		return withExitStatus(cmd)
	}
	cmd.Long = strings.TrimSpace(cmd.Long)
	if cmd.Long == "" {
		cmd.Long = cmd.Short
	}
	cmd.Long += "\n\nEXIT STATUS\n" + strings.TrimRight(exit, "\n")
	return cmd
}

// outputShapes are the records -o json prints, one per kind: listed by
// oco help json and described by oco schema --output.
var outputShapes = []render.Shape{
	{Kind: "phase", Record: view.Phase{}}, {Kind: "milestone", Record: view.Milestone{}}, {Kind: "risk", Record: view.Risk{}},
	{Kind: "assumption", Record: view.Assumption{}}, {Kind: "issue", Record: view.Issue{}},
	{Kind: "decision", Record: view.Decision{}}, {Kind: "benefit", Record: view.Benefit{}},
	{Kind: "person", Record: view.Person{}}, {Kind: "body", Record: view.Body{}},
	{Kind: "workstream", Record: view.Workstream{}},
}

// helpTopics are `oco help exit-codes` and `oco help json`: commands with
// nothing to run, which cobra lists as additional help topics.
func helpTopics() []*cobra.Command {
	return []*cobra.Command{
		{
			Use:   "exit-codes",
			Short: "What oco's exit statuses mean, for scripts and CI",
			Long: `Every oco command ends with one of three exit statuses:

  0  success: what was asked was done or shown
  1  the answer is "no": checks failed (validate; diff --fail-on), files
     are not formatted (fmt --check), an edit was refused because it would
     break the programme (add, set, done, import), or a view was shown from
     a programme that could not be read whole (--allow-errors exits 0)
  2  the command could not run: a bad flag or argument, no programme
     directory, an unreadable file, a git error

So a CI job can tell "the programme has problems" (1) from "the job is
set up wrongly" (2). Each command's --help says what 0, 1 and 2 mean for
it, under EXIT STATUS.`,
		},
		{
			Use:   "json",
			Short: "The JSON (and YAML) shapes oco prints, for scripts",
			Long: `-o json and -o yaml print each kind of item in one shape, whichever
command prints it (the listings, show's "item", status, export -o json):
the file format's own field names, optional fields left out when not
given, then the fields oco derives. Dates are "YYYY-MM-DD" strings; a
list is never null (an empty one is []); depends_on is always a list of
{"id", "lag"} with the lag in days ("14d"). These shapes are an interface:
scripts may depend on them. oco schema --output is a JSON Schema of them.

Fields of each kind ("?" where it may be absent):

` + render.Shapes(outputShapes) + `
Listings print a list of their kind. oco show ID prints {"kind", "id",
"defined" (file:line), "item" (the record above), "links"}. oco validate
-o json prints a list of findings: {"file", "line", "column", "severity",
"rule", "message", "id"}.`,
		},
	}
}

// withHelpExamples gives oco help examples, completion of what it can
// show, and an exit status, as every other command has.
func withHelpExamples(cmd *cobra.Command) *cobra.Command {
	cmd.Use = "help [command|topic]"
	cmd.Short = "Help about any command, and the topics exit-codes and json"
	cmd.Long = `Print the help of a command (as oco COMMAND --help does), of a help
topic (exit-codes, json), or with nothing named, of oco itself.`
	cmd.Example = `  oco help status
  oco help portfolio status
  oco help exit-codes
  oco help json`
	cmd.ValidArgsFunction = func(c *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		var names []string
		for _, sub := range c.Root().Commands() {
			if !sub.Hidden && strings.HasPrefix(sub.Name(), toComplete) {
				names = append(names, sub.Name()+"\t"+sub.Short)
			}
		}
		return names, cobra.ShellCompDirectiveNoFileComp
	}
	return withExitStatusText(cmd, exitPlain)
}
