package edit

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"testing"
	"testing/fstest"

	"github.com/ocotool/oco/internal/programme"
)

// TestFmtKeepsMeaning formats every file of every programme in the
// repository and asserts that the programme loads to the same model, that
// formatting again changes nothing, and that a file fmt will not touch is
// one the loader finds an error in: fmt takes whatever validate takes.
func TestFmtKeepsMeaning(t *testing.T) {
	for _, fx := range fixtures(t) {
		t.Run(fx.name, func(t *testing.T) {
			before := loadModel(t, fx.files)
			wrong := map[string]bool{}
			for _, f := range programme.Load(fx.files, "").Findings {
				if f.Severity == programme.Error {
					wrong[f.Pos.File] = true
				}
			}
			formatted := fstest.MapFS{}
			for name, f := range fx.files {
				out, err := Format(f.Data)
				if err != nil {
					if !wrong[name] {
						t.Errorf("%s: fmt refuses a file validate accepts: %v", name, err)
					}
					out = f.Data
				}
				again, err := Format(out)
				if err == nil && !bytes.Equal(again, out) {
					t.Errorf("%s: fmt is not a fixed point:\n%s", name, UnifiedDiff(name, out, again))
				}
				formatted[name] = &fstest.MapFile{Data: out}
			}
			if after := loadModel(t, formatted); after != before {
				t.Errorf("fmt changed the programme:\nbefore: %s\nafter:  %s", before, after)
			}
		})
	}
}

// TestShippedIsCanonical keeps the shipped programme in canonical form:
// `oco fmt --check` passes on it (init.txtar checks the one oco init
// writes).
func TestShippedIsCanonical(t *testing.T) {
	for _, fx := range fixtures(t)[:1] {
		for name, f := range fx.files {
			out, err := Format(f.Data)
			if err != nil {
				t.Errorf("%s/%s: %v", fx.name, name, err)
				continue
			}
			if !bytes.Equal(out, f.Data) {
				t.Errorf("%s/%s is not canonical:\n%s", fx.name, name, UnifiedDiff(name, f.Data, out))
			}
		}
	}
}

// loadModel loads a programme and renders it as JSON without positions,
// which any change of layout moves. Findings are kept by file, rule and
// item, since their messages may name lines.
func loadModel(t *testing.T, files fstest.MapFS) string {
	t.Helper()
	p := programme.Load(files, "")
	p.Header.Line, p.Header.Col = 0, 0
	p.Each(func(_ programme.Kind, _ string, it *programme.Item, _ any) { it.Line, it.Col = 0, 0 })
	for _, m := range p.Milestones {
		for i := range m.DependsOn {
			m.DependsOn[i].Pos = programme.Pos{}
		}
	}
	var findings []string
	for _, f := range p.Findings {
		findings = append(findings, fmt.Sprintf("%s %s %s %s", f.Pos.File, f.Severity, f.Rule, f.ID))
	}
	slices.Sort(findings)
	p.Findings = nil
	b, err := json.Marshal(struct {
		P        *programme.Programme
		Findings []string
	}{p, findings})
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
