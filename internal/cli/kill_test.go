package cli

import (
	"bytes"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ocotool/oco/internal/programme"
)

// TestKilledEditsLoseNothing kills oco set and oco init at random moments,
// as a user's Ctrl-C or the machine's OOM killer would, and checks that
// every file is the old one or the new one, never part of either; that a
// killed init is completed by the next; and that no temporary file or
// directory is left once one more command has run.
func TestKilledEditsLoseNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("builds oco and runs it a hundred times")
	}
	bin := filepath.Join(t.TempDir(), "oco")
	build := exec.Command("go", "build", "-o", bin, "../../cmd/oco")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	kill := func(args ...string) {
		cmd := exec.Command(bin, args...)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(rng.IntN(20_000)) * time.Microsecond)
		cmd.Process.Kill()
		cmd.Wait()
	}
	leftovers := func(dir string) []string {
		var out []string
		filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err == nil && strings.HasPrefix(d.Name(), ".oco-") {
				out = append(out, p)
			}
			return nil
		})
		return out
	}

	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("../../programme")); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "milestones.yaml")
	old, _ := os.ReadFile(file)
	for i := range 60 {
		day := fmt.Sprintf("2017-10-%02d", 1+i%28)
		kill("-C", dir, "set", "M-40", "forecast="+day)
		now, err := os.ReadFile(file)
		if err != nil {
			t.Fatalf("edit %d: %v", i, err)
		}
		p := programme.Load(os.DirFS(dir), "p")
		for _, f := range p.Findings {
			if f.Rule == "syntax" {
				t.Fatalf("edit %d left a broken file: %v", i, f)
			}
		}
		if m := p.Milestone("M-40"); m == nil {
			t.Fatalf("edit %d lost M-40", i)
		}
		if bytes.Count(now, []byte("\n")) < bytes.Count(old, []byte("\n")) {
			t.Fatalf("edit %d: the file lost lines", i)
		}
	}
	if out, err := exec.Command(bin, "-C", dir, "validate").CombinedOutput(); err != nil {
		t.Fatalf("validate after the killed edits: %v\n%s", err, out)
	}
	if l := leftovers(dir); len(l) > 0 {
		t.Errorf("left after one more command: %v", l)
	}

	parent := t.TempDir()
	for i := range 20 {
		target := filepath.Join(parent, fmt.Sprint("p", i))
		if i%2 == 0 {
			os.Mkdir(target, 0o755) // into an empty directory, and a new one
		}
		kill("init", target)
		if _, err := os.Stat(target); err != nil {
			os.Mkdir(target, 0o755)
		}
		if _, err := os.Stat(filepath.Join(target, "programme.yaml")); err != nil {
			if out, err := exec.Command(bin, "init", target).CombinedOutput(); err != nil {
				t.Fatalf("init %d did not complete the killed one: %v\n%s", i, err, out)
			}
		}
		if out, err := exec.Command(bin, "-C", target, "validate").CombinedOutput(); err != nil {
			t.Fatalf("init %d: %v\n%s", i, err, out)
		}
		if l := leftovers(target); len(l) > 0 {
			t.Errorf("init %d: left after one more command: %v", i, l)
		}
	}
}
