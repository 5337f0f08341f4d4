package cli

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ocotool/oco/internal/programme"
)

// The issue's scale check, side by side in one run: `oco portfolio
// validate` over 100 programmes of 1,000 milestones, each in its own git
// repository (read by path, and fetched through a file:// URL), against
// `oco validate` over one programme holding the same 100,000 milestones
// (one file per programme). Run it with
//
//	go test ./internal/cli -run '^$' -bench PortfolioScale -benchtime 3x
//
// and compare the ns/op; each ratio is reported as a metric too. In one
// process each run inherits the heap of the one before, so the issue's
// figure is taken from whole processes (below); on a busy machine,
// from runs taken in turn, A B A B, not one of each.
//
// As whole processes, with the generator of internal/check: make
// g100k with OCO_GEN=streams:100000 and one programme with
// OCO_GEN=streams:1000 (OCO_GEN_DIR=DIR go test ./internal/check -run
// TestWriteGenerated), copy the second into 100 repositories with its
// programme id changed in each, list them in a portfolio.yaml, then time
// `oco validate -C g100k` against `oco portfolio validate -p DIR`.
const (
	scalePrograms   = 100
	scaleMilestones = 1000
)

var scaleBase = programme.NewDate(2017, time.January, 1)

// scaleMilestonesYAML writes programme k's milestones: a chain two days
// apart, every tenth also waiting for the same step of programme k-1 (a
// cross-programme link, or a plain one where all share one programme).
func scaleMilestonesYAML(k int, qualify func(prog, id string) string) string {
	var b strings.Builder
	b.WriteString("milestones:\n")
	for i := range scaleMilestones {
		id := qualify(fmt.Sprintf("p%03d", k), fmt.Sprintf("M-%d", i))
		fmt.Fprintf(&b, "  - id: %s\n    title: Milestone %d of programme %d\n    owner: lead\n    due: %s\n",
			strings.TrimPrefix(id, fmt.Sprintf("p%03d:", k)), i, k, scaleBase.AddDays(2*i+k%3))
		var deps []string
		if i > 0 {
			deps = append(deps, strings.TrimPrefix(qualify(fmt.Sprintf("p%03d", k), fmt.Sprintf("M-%d", i-1)), fmt.Sprintf("p%03d:", k)))
		}
		if k > 0 && i%10 == 5 {
			deps = append(deps, "{id: "+qualify(fmt.Sprintf("p%03d", k-1), fmt.Sprintf("M-%d", i-1))+", lag: 1d}")
		}
		if len(deps) > 0 {
			fmt.Fprintf(&b, "    depends_on: [%s]\n", strings.Join(deps, ", "))
		}
	}
	return b.String()
}

func scaleHeader(id string) string {
	return fmt.Sprintf("programme:\n  id: %s\n  name: Programme %s\n  start: %s\n  end: %s\n  as_of: %s\npeople:\n  - {id: lead, name: Lead}\n",
		id, id, scaleBase, scaleBase.AddDays(2*scaleMilestones+60), scaleBase.AddDays(scaleMilestones))
}

func scaleGit(b *testing.B, dir string, args ...string) {
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL="+os.DevNull, "GIT_CONFIG_NOSYSTEM=1",
		"GIT_AUTHOR_NAME=b", "GIT_AUTHOR_EMAIL=b@e", "GIT_COMMITTER_NAME=b", "GIT_COMMITTER_EMAIL=b@e")
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("git %v: %v\n%s", args, err, out)
	}
}

func BenchmarkPortfolioScale(b *testing.B) {
	if _, err := exec.LookPath("git"); err != nil {
		b.Skip("git is not installed")
	}
	root := b.TempDir()
	// The portfolio: one repository per programme.
	var pf strings.Builder
	pf.WriteString("portfolio: {id: scale, name: Scale}\nprogrammes:\n")
	for k := range scalePrograms {
		id := fmt.Sprintf("p%03d", k)
		dir := filepath.Join(root, "repos", id)
		write := func(name, s string) {
			if err := os.MkdirAll(filepath.Join(dir, "programme"), 0o755); err != nil {
				b.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, "programme", name), []byte(s), 0o644); err != nil {
				b.Fatal(err)
			}
		}
		write("programme.yaml", scaleHeader(id))
		write("milestones.yaml", scaleMilestonesYAML(k, func(prog, id string) string { return prog + ":" + id }))
		scaleGit(b, dir, "init", "-q", "-b", "main")
		scaleGit(b, dir, "add", ".")
		scaleGit(b, dir, "commit", "-q", "-m", "plan")
		fmt.Fprintf(&pf, "  - {id: %s, repo: repos/%s, ref: main, dir: programme}\n", id, id)
	}
	if err := os.WriteFile(filepath.Join(root, "portfolio.yaml"), []byte(pf.String()), 0o644); err != nil {
		b.Fatal(err)
	}
	// The same milestones as one programme: ids p007-M-12, a file each.
	one := filepath.Join(root, "one")
	if err := os.MkdirAll(filepath.Join(one, "programmes"), 0o755); err != nil {
		b.Fatal(err)
	}
	os.WriteFile(filepath.Join(one, "programme.yaml"), []byte(scaleHeader("one")), 0o644)
	for k := range scalePrograms {
		src := scaleMilestonesYAML(k, func(prog, id string) string { return prog + "-" + id })
		os.WriteFile(filepath.Join(one, "programmes", fmt.Sprintf("p%03d.yaml", k)), []byte(src), 0o644)
	}

	// The same repositories again, reached by file:// URLs: fetched into
	// a cache of the benchmark's own.
	var byURL strings.Builder
	byURL.WriteString("portfolio: {id: scale, name: Scale}\nprogrammes:\n")
	for k := range scalePrograms {
		id := fmt.Sprintf("p%03d", k)
		fmt.Fprintf(&byURL, "  - {id: %s, repo: 'file://%s', ref: main, dir: programme}\n", id, filepath.ToSlash(filepath.Join(root, "repos", id)))
	}
	urls := filepath.Join(root, "urls")
	os.MkdirAll(urls, 0o755)
	if err := os.WriteFile(filepath.Join(urls, "portfolio.yaml"), []byte(byURL.String()), 0o644); err != nil {
		b.Fatal(err)
	}
	cache := filepath.Join(root, "cache")
	getenv := func(k string) string {
		if k == "XDG_CACHE_HOME" {
			return cache
		}
		return os.Getenv(k)
	}

	// run runs oco and returns how many findings it printed.
	run := func(b *testing.B, args ...string) int {
		var out, errb bytes.Buffer
		env := &Env{In: strings.NewReader(""), Out: &out, Err: &errb, Getenv: getenv,
			Getwd: func() (string, error) { return root, nil }}
		if code := Run(env, args); code > 1 {
			b.Fatalf("oco %v: exit %d\n%s", args, code, errb.String())
		}
		return bytes.Count(out.Bytes(), []byte(`"rule":`))
	}
	// The same milestones, the same findings: else the two do not do the
	// same work.
	if a, p := run(b, "validate", "-C", one, "--format", "json"), run(b, "portfolio", "validate", "-p", root, "--format", "json"); a != p {
		b.Fatalf("validate finds %d, portfolio validate %d", a, p)
	}
	if p, u := run(b, "portfolio", "validate", "-p", root, "--format", "json"), run(b, "portfolio", "validate", "-p", urls, "--format", "json"); p != u {
		b.Fatalf("portfolio validate finds %d by path, %d by URL", p, u)
	}
	var perOne, perPortfolio float64
	b.Run("validate-one-programme", func(b *testing.B) {
		for b.Loop() {
			run(b, "validate", "-C", one, "--format", "json")
		}
		perOne = float64(b.Elapsed().Nanoseconds()) / float64(b.N)
	})
	b.Run("portfolio-validate", func(b *testing.B) {
		for b.Loop() {
			run(b, "portfolio", "validate", "-p", root, "--format", "json")
		}
		perPortfolio = float64(b.Elapsed().Nanoseconds()) / float64(b.N)
		if perOne > 0 {
			b.ReportMetric(perPortfolio/perOne, "x-one-programme")
		}
	})
	b.Run("portfolio-validate-file-url", func(b *testing.B) {
		for b.Loop() {
			run(b, "portfolio", "validate", "-p", urls, "--format", "json")
		}
		if perOne > 0 {
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/perOne, "x-one-programme")
		}
	})
}
