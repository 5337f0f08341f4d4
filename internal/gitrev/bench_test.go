package gitrev

import (
	"bytes"
	"fmt"
	"io/fs"
	"os/exec"
	"strings"
	"testing"
)

// milestonesFile is a programme file of n milestones, with milestone k's
// due date moved by shift[k] days.
func milestonesFile(shift []int) string {
	var b strings.Builder
	b.WriteString("milestones:\n")
	for k, s := range shift {
		fmt.Fprintf(&b, "  - id: M-%03d\n    title: Milestone %d of the programme\n    due: 2017-%02d-%02d\n    owner: pmo\n",
			k, k, 1+(k+s)%12, 1+(k*7+s)%28)
	}
	return b.String()
}

// fastImport writes a repository of n commits, each changing one of 100
// milestones in programme/milestones.yaml, in one git fast-import run.
func fastImport(b *testing.B, top string, n int) {
	b.Helper()
	var stream bytes.Buffer
	blob := func(s string) {
		fmt.Fprintf(&stream, "data %d\n%s\n", len(s), s)
	}
	shift := make([]int, 100)
	for i := range n {
		shift[i%len(shift)]++
		fmt.Fprintf(&stream, "commit refs/heads/main\ncommitter Ada Analyst <ada@example.org> %d +0000\n", 1_500_000_000+i*3600)
		blob(fmt.Sprintf("Move M-%03d", i%len(shift)))
		if i == 0 {
			stream.WriteString("M 100644 inline programme/programme.yaml\n")
			blob("programme: {id: OCO, name: One Commissioning Organisation}\n")
			stream.WriteString("M 100644 inline README.md\n")
			blob("readme\n")
		}
		stream.WriteString("M 100644 inline programme/milestones.yaml\n")
		blob(milestonesFile(shift))
	}
	cmd := exec.Command("git", "fast-import", "--quiet")
	cmd.Dir = top
	cmd.Stdin = &stream
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("git fast-import: %v\n%s", err, out)
	}
}

// BenchmarkHistory reads the programme file at every one of 1,000 commits,
// as `oco history` does: Open, Log, then FS and ReadFile for each commit.
func BenchmarkHistory(b *testing.B) {
	needGit(b)
	isolate(b)
	top := b.TempDir()
	git(b, top, "init", "-q", "-b", "main")
	fastImport(b, top, 1000)

	for b.Loop() {
		r, err := Open(top)
		if err != nil {
			b.Fatal(err)
		}
		commits, err := r.Log("HEAD", "programme")
		if err != nil {
			b.Fatal(err)
		}
		if len(commits) != 1000 {
			b.Fatalf("Log found %d commits, want 1000", len(commits))
		}
		for _, c := range commits {
			fsys, err := r.FS(c.Hash, "programme")
			if err != nil {
				b.Fatal(err)
			}
			if data, err := fs.ReadFile(fsys, "milestones.yaml"); err != nil || len(data) < 8_000 {
				b.Fatalf("ReadFile at %s: %d bytes, %v", c.Hash, len(data), err)
			}
		}
		r.Close()
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/1000, "µs/read")
}
