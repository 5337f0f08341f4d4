package cli

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ocotool/oco/internal/programme"
)

// boardProgramme writes a generated programme of n milestones into dir: 50
// phases, chains of dependencies within each, 100 risks, 20 benefits and a
// delivery confidence assessment per month. month shifts the reporting
// date and moves some forecasts, so that successive months read as a
// history of board packs.
func boardProgramme(t testing.TB, dir string, n, month int) {
	t.Helper()
	start := programme.NewDate(2020, 1, 1)
	asOf := programme.NewDate(2021, 1, 31).AddDays(month * 3)
	end := programme.NewDate(2024, 12, 31)
	var b bytes.Buffer
	fmt.Fprintf(&b, "programme:\n  id: gen\n  name: Generated programme\n  start: %s\n  end: %s\n  as_of: %s\n", start, end, asOf)
	b.WriteString("  budget: 5000000\n  forecast_cost: 5100000\n  tolerances: {end_days: 30, cost_percent: 5, red_risks: 10, benefits_at_risk: 5}\n")
	b.WriteString("people:\n  - {id: pm, name: Programme Manager}\nbodies:\n  - {id: PB, name: Programme Board, chair: pm}\n")
	const phases = 50
	span := end.Sub(start) / phases
	b.WriteString("phases:\n")
	for k := range phases {
		fmt.Fprintf(&b, "  - {id: P%d, name: Phase %d, start: %s, end: %s}\n", k+1, k+1, start.AddDays(k*span), start.AddDays((k+1)*span-1))
	}
	b.WriteString("risks:\n")
	for k := range 100 {
		fmt.Fprintf(&b, "  - {id: R-%d, title: Risk %d, owner: pm, likelihood: %d, impact: %d}\n", k+1, k+1, 1+(k+month)%5, 1+(k*3)%5)
	}
	b.WriteString("benefits:\n")
	for k := range 20 {
		fmt.Fprintf(&b, "  - {id: B-%d, title: Benefit %d, owner: pm, by: %s, enabled_by: [M-%d]}\n", k+1, k+1, end, n-k*(n/20))
	}
	b.WriteString("assessments:\n")
	for k := 0; k <= month/10; k++ {
		fmt.Fprintf(&b, "  - {id: A-%d, date: %s, rating: %s, by: PB}\n", k+1, programme.NewDate(2021, 1, 31).AddDays(k*30), programme.DCAScale[2+k%3])
	}
	if err := os.WriteFile(filepath.Join(dir, "programme.yaml"), b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	b.Reset()
	b.WriteString("milestones:\n")
	per := n / phases
	for i := 1; i <= n; i++ {
		ph := min((i-1)/per, phases-1)
		pstart := start.AddDays(ph * span)
		due := pstart.AddDays(((i - 1) % per) * (span - 2) / per)
		fmt.Fprintf(&b, "  - id: M-%d\n    title: Milestone %d of the generated programme\n    phase: P%d\n    owner: pm\n    due: %s\n", i, i, ph+1, due)
		switch {
		case due < asOf.AddDays(-20):
			fmt.Fprintf(&b, "    done: %s\n", due)
		case i%7 == 0:
			fmt.Fprintf(&b, "    forecast: %s\n", due.AddDays(3+month%5))
		}
		if (i-1)%per != 0 {
			fmt.Fprintf(&b, "    depends_on: [M-%d]\n", i-1)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "milestones.yaml"), b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// runBoardOco runs oco with args and returns its standard output; it fails the
// test on an exit status above 1 (1 is findings, as validate gives).
func runBoardOco(t testing.TB, dir string, args ...string) []byte {
	t.Helper()
	out, code := runOco(t, dir, append([]string{"-C", dir}, args...)...)
	if code > ExitFailed {
		t.Fatalf("oco %s: exit status %d", strings.Join(args, " "), code)
	}
	return []byte(out)
}

// boardHistory makes a git repository in a temporary directory holding a
// generated programme of n milestones with commits of history, one board
// pack a commit, and a board tag ten commits before the end; it returns
// the programme directory.
func boardHistory(b testing.TB, n, commits int) string {
	b.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		b.Skip("git not found")
	}
	top := b.TempDir()
	dir := filepath.Join(top, "programme")
	if err := os.Mkdir(dir, 0o755); err != nil {
		b.Fatal(err)
	}
	git := func(args ...string) {
		cmd := exec.Command("git", append([]string{"-C", top, "-c", "user.name=t", "-c", "user.email=t@e", "-c", "commit.gpgsign=false"}, args...)...)
		cmd.Env = append(os.Environ(), "GIT_CEILING_DIRECTORIES="+filepath.Dir(top), "GIT_AUTHOR_DATE=2021-01-31T12:00:00Z", "GIT_COMMITTER_DATE=2021-01-31T12:00:00Z")
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	git("init", "-q")
	for k := range commits {
		boardProgramme(b, dir, n, k)
		git("add", "-A")
		git("commit", "-q", "-m", fmt.Sprintf("board pack %d", k))
		if k == commits-10 {
			git("tag", "board-last")
		}
	}
	return dir
}

// BenchmarkBoardPack measures the report of a 10,000-milestone programme
// with 200 commits of history (read through git for the period and the
// trend chart) against validating the same programme:
//
//	go test ./internal/cli -run '^$' -bench BoardPack -benchtime 3x
func BenchmarkBoardPack(b *testing.B) {
	dir := boardHistory(b, 10000, 200)
	for _, args := range [][]string{{"validate"}, {"report", "-o", "html"}, {"report", "-o", "markdown"}} {
		b.Run(strings.Join(args, " "), func(b *testing.B) {
			for b.Loop() {
				runBoardOco(b, dir, args...)
			}
		})
	}
}
