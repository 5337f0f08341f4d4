package cli

import (
	"bytes"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// trendRepo writes a repository of n commits to a programme of 100
// milestones, each commit moving one milestone's forecast by a week, in
// one git fast-import run.
func trendRepo(tb testing.TB, n int) string {
	tb.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		tb.Skip("no git")
	}
	top := tb.TempDir()
	gitIn(tb, top, nil, "init", "-q")
	var stream bytes.Buffer
	blob := func(s string) { fmt.Fprintf(&stream, "data %d\n%s\n", len(s), s) }
	shift := make([]int, 100)
	for i := range n {
		shift[i%len(shift)]++
		fmt.Fprintf(&stream, "commit refs/heads/master\ncommitter Ada <ada@example.org> %d +0000\n", 1_480_000_000+i*86400)
		blob(fmt.Sprintf("Move M-%03d", i%len(shift)))
		if i == 0 {
			stream.WriteString("M 100644 inline programme/programme.yaml\n")
			blob("programme:\n  id: OCO\n  name: One Commissioning Organisation\n  start: 2016-09-01\n  end: 2030-03-31\n  as_of: 2017-06-30\npeople:\n  - {id: pmo, name: PMO}\n")
		}
		var b strings.Builder
		b.WriteString("milestones:\n")
		for k, s := range shift {
			fmt.Fprintf(&b, "  - id: M-%03d\n    title: Milestone %d of the programme\n    owner: pmo\n    due: 2017-%02d-%02d\n    forecast: %s\n",
				k, k, 1+k%12, 1+k%28, time.Date(2017, time.Month(1+k%12), 1+k%28+7*s, 0, 0, 0, 0, time.UTC).Format("2006-01-02"))
			if k > 0 {
				fmt.Fprintf(&b, "    depends_on: [M-%03d]\n", k-1)
			}
		}
		stream.WriteString("M 100644 inline programme/milestones.yaml\n")
		blob(b.String())
	}
	gitIn(tb, top, &stream, "fast-import", "--quiet")
	gitIn(tb, top, nil, "checkout", "-q", "master")
	return top
}

func gitIn(tb testing.TB, dir string, stdin *bytes.Buffer, args ...string) {
	tb.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	if stdin != nil {
		cmd.Stdin = stdin
	}
	if out, err := cmd.CombinedOutput(); err != nil {
		tb.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

func runOco(tb testing.TB, dir string, args ...string) (string, int) {
	var out, errb bytes.Buffer
	env := &Env{Out: &out, Err: &errb, In: strings.NewReader(""),
		Getenv: func(string) string { return "" }, Getwd: func() (string, error) { return dir, nil }}
	code := Run(env, args)
	if code != 0 {
		tb.Logf("stderr: %s", errb.String())
	}
	return out.String(), code
}

// BenchmarkHistory runs `oco history` over 1,000 commits of a
// 100-milestone programme; internal/trend counts the git work it takes.
func BenchmarkHistory(b *testing.B) {
	top := trendRepo(b, 1000)
	dir := filepath.Join(top, "programme")
	for b.Loop() {
		if _, code := runOco(b, top, "history", "-C", dir, "-o", "json"); code != 0 {
			b.Fatalf("exit %d", code)
		}
	}
}
