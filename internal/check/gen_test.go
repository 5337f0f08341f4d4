package check

import (
	"os"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/ocotool/oco/internal/gentest"
	"github.com/ocotool/oco/internal/programme"
)

// genBase is the day generated programmes start.
var genBase = gentest.Base

// generated is gentest.Generated as a file system Load reads.
func generated(n int) (fstest.MapFS, int) { return mapFS(gentest.Generated(n)) }

// chainProgramme is gentest.Chain as a file system Load reads.
func chainProgramme(n int) (fstest.MapFS, int) { return mapFS(gentest.Chain(n)) }

func mapFS(files map[string][]byte, size int) (fstest.MapFS, int) {
	fsys := fstest.MapFS{}
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: data}
	}
	return fsys, size
}

// TestGenerated checks that the generated programmes are what the
// benchmarks claim: valid, every milestone loaded, some knock-on slips.
func TestGenerated(t *testing.T) {
	fsys, size := generated(1_000)
	p := programme.Load(fsys, "programme")
	if len(p.Milestones) != 1_000 {
		t.Fatalf("%d milestones, want 1000", len(p.Milestones))
	}
	counts := map[string]int{}
	for _, f := range Run(p, Options{AsOf: p.Header.AsOf}) {
		counts[f.Rule]++
		if f.Severity == programme.Error {
			t.Errorf("generated programme: %s", f)
		}
	}
	if counts["knock-on"] == 0 || len(counts) != 1 {
		t.Errorf("findings by rule %v, want only knock-on", counts)
	}
	t.Logf("1,000 milestones: %d bytes of YAML, %v", size, counts)

	fsys, _ = chainProgramme(1_000)
	p = programme.Load(fsys, "programme")
	if fs := Run(p, Options{AsOf: p.Header.AsOf}); len(p.Milestones) != 1_000 || len(fs) != 0 {
		t.Errorf("chain: %d milestones, findings %v", len(p.Milestones), fs)
	}
}

// TestWriteGenerated writes a generated programme to $OCO_GEN_DIR, for
// timing the real binary:
//
//	OCO_GEN_DIR=/tmp/chain20k OCO_GEN=chain:20000 go test ./internal/check -run TestWriteGenerated
//	OCO_GEN_DIR=/tmp/gen10k OCO_GEN=streams:10000 go test ./internal/check -run TestWriteGenerated
func TestWriteGenerated(t *testing.T) {
	dir, spec := os.Getenv("OCO_GEN_DIR"), os.Getenv("OCO_GEN")
	if dir == "" || spec == "" {
		t.Skip("set OCO_GEN_DIR and OCO_GEN=chain:N or streams:N")
	}
	kind, num, _ := strings.Cut(spec, ":")
	n, err := strconv.Atoi(num)
	if err != nil {
		t.Fatalf("OCO_GEN=%s: %v", spec, err)
	}
	var files map[string][]byte
	switch kind {
	case "chain":
		files, _ = gentest.Chain(n)
	case "streams":
		files, _ = gentest.Generated(n)
	default:
		t.Fatalf("OCO_GEN=%s: want chain:N or streams:N", spec)
	}
	gentest.Write(t, dir, files)
}
