package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/ocotool/oco/internal/check"
)

// Every command's help shows how it is used and what its exit statuses
// mean; every command that prints data takes -o, and --format as another
// name for it.
func TestEveryCommandHelp(t *testing.T) {
	root, _ := newRootCmd(&Env{Getenv: func(string) string { return "" }})
	root.InitDefaultCompletionCmd()
	var all []*cobra.Command
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		for _, sub := range c.Commands() {
			all = append(all, sub)
			walk(sub)
		}
	}
	walk(root)
	for _, c := range all {
		if !c.Runnable() {
			continue
		}
		name := strings.TrimPrefix(c.CommandPath(), "oco ")
		var out bytes.Buffer
		env := &Env{Out: &out, Err: &out, Getenv: func(string) string { return "" }}
		if code := Run(env, append(strings.Fields(name), "--help")); code != 0 {
			t.Errorf("oco %s --help: exit %d", name, code)
		}
		help := out.String()
		if !strings.Contains(help, "\nExamples:\n") {
			t.Errorf("oco %s --help has no examples", name)
		}
		if !strings.Contains(help, "\nEXIT STATUS\n  0  ") {
			t.Errorf("oco %s --help has no EXIT STATUS", name)
		}
		if o := c.Flags().Lookup("output"); o != nil {
			if f := c.Flags().Lookup("format"); f == nil || f.Value != o.Value || !f.Hidden {
				t.Errorf("oco %s: --format is not a hidden name for -o", name)
			}
			if strings.Contains(help, "--format") {
				t.Errorf("oco %s --help shows --format", name)
			}
		}
	}
}

// -o json works wherever data is printed, and --format json too.
func TestOutputJSONEverywhere(t *testing.T) {
	dir := shippedDir(t)
	for _, args := range [][]string{
		{"status"}, {"validate"}, {"milestones"}, {"risks"}, {"show", "M-12"}, {"deps", "M-12"},
		{"critical-path"}, {"export"}, {"version"},
	} {
		for _, flag := range []string{"-o", "--output", "--format"} {
			out, stderr, code := runIn(t, dir, append(args, flag, "json")...)
			if code != 0 || !strings.HasPrefix(strings.TrimSpace(out), "{") && !strings.HasPrefix(strings.TrimSpace(out), "[") {
				t.Errorf("oco %s %s json: exit %d, %.60q %s", strings.Join(args, " "), flag, code, out, stderr)
			}
		}
	}
}

// Every rule has its entry in the README, where SARIF's helpUri points.
func TestREADMEListsEveryRule(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join(shippedDir(t), "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range check.Rules() {
		if !strings.Contains(string(readme), `<a id="rule-`+r.Name+`"></a>`) {
			t.Errorf("README.md has no entry for rule %s (SARIF links to #rule-%s)", r.Name, r.Name)
		}
	}
}
