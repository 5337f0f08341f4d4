package edit

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/ocotool/oco/internal/check"
	"github.com/ocotool/oco/internal/programme"
)

// Edits made at the same moment by separate runs each load the programme
// before the others write; each must still land, on its own item, and adds
// must get distinct ids. The runs here are goroutines, each with its own
// open file and so its own lock, as separate processes would have.
func TestConcurrentEdits(t *testing.T) {
	const sets, adds = 50, 10
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("programme:\n  id: demo\n  name: Demo\n  start: 2024-01-01\n  end: 2024-12-31\n  as_of: 2024-06-01\n")
	b.WriteString("people:\n  - id: ann\n    name: Ann\n")
	if err := os.WriteFile(filepath.Join(dir, "programme.yaml"), []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	b.Reset()
	b.WriteString("# Milestones, one a line each field.\nmilestones:\n")
	for i := range sets {
		fmt.Fprintf(&b, "  - id: M-%02d\n    title: Step %d # keep this comment\n    owner: ann\n    due: 2024-07-01\n", i+1, i+1)
	}
	file := filepath.Join(dir, "milestones.yaml")
	if err := os.WriteFile(file, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	asOf := func(p *programme.Programme) (programme.Date, error) { return p.Header.AsOf, nil }

	var wg sync.WaitGroup
	errs := make(chan error, sets+adds)
	ids := make(chan string, adds)
	for i := range sets {
		wg.Go(func() {
			s := Load(dir, ".", asOf)
			res, err := s.Set(fmt.Sprintf("M-%02d", i+1), []string{fmt.Sprintf("forecast=2024-08-%02d", i%28+1)}, 0, false)
			switch {
			case err != nil:
				errs <- err
			case len(res.Errors) > 0:
				errs <- fmt.Errorf("set M-%02d refused: %v", i+1, res.Errors)
			}
		})
	}
	for range adds {
		wg.Go(func() {
			s := Load(dir, ".", asOf)
			res, err := s.Add(programme.KindMilestone, map[string]string{"title": "Added", "due": "2024-09-01", "owner": "ann"}, "", 0, false)
			switch {
			case err != nil:
				errs <- err
			case len(res.Errors) > 0:
				errs <- fmt.Errorf("add %s refused: %v", res.ID, res.Errors)
			default:
				ids <- res.ID
			}
		})
	}
	wg.Wait()
	close(errs)
	close(ids)
	for err := range errs {
		t.Error(err)
	}
	seen := map[string]bool{}
	for id := range ids {
		if seen[id] {
			t.Errorf("two adds got the id %s", id)
		}
		seen[id] = true
	}

	p := programme.Load(os.DirFS(dir), ".")
	for _, f := range check.Run(p, check.Options{AsOf: p.Header.AsOf}) {
		if f.Severity == programme.Error {
			t.Errorf("after the edits: %s", f)
		}
	}
	if len(p.Milestones) != sets+len(seen) || len(seen) != adds {
		t.Errorf("%d milestones, %d new ids; want %d and %d", len(p.Milestones), len(seen), sets+adds, adds)
	}
	for i, m := range p.Milestones[:sets] {
		if want := programme.NewDate(2024, 8, i%28+1); m.Forecast != want {
			t.Errorf("%s forecast %s, want %s", m.ID, m.Forecast, want)
		}
	}
	data, _ := os.ReadFile(file)
	if n := strings.Count(string(data), "# keep this comment"); n != sets {
		t.Errorf("%d comments kept, want %d", n, sets)
	}
}
