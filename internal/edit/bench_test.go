package edit

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/ocotool/oco/internal/check"
	"github.com/ocotool/oco/internal/gentest"
	"github.com/ocotool/oco/internal/programme"
)

// The benchmarks compare an edit with what `oco validate` does on the same
// programme: load it and check it. An edit should cost little more.
//
//	go test ./internal/edit -run XXX -bench . -benchmem
//	OCO_BENCH_MILESTONES=100000 go test ./internal/edit -run XXX -bench . -benchmem

const genStreams = gentest.Streams

var genBase = gentest.Base

// writeGenerated writes the programme of n milestones the check package's
// benchmarks read into dir.
func writeGenerated(tb testing.TB, dir string, n int) {
	files, _ := gentest.Generated(n)
	gentest.Write(tb, dir, files)
}

func benchSize() int {
	var n int
	if _, err := fmt.Sscan(os.Getenv("OCO_BENCH_MILESTONES"), &n); err != nil || n <= 0 {
		return 20_000
	}
	return n
}

func asOfHeader(p *programme.Programme) (programme.Date, error) { return p.Header.AsOf, nil }

func BenchmarkValidate(b *testing.B) {
	dir := b.TempDir()
	writeGenerated(b, dir, benchSize())
	for b.Loop() {
		p := programme.Load(os.DirFS(dir), dir)
		check.Run(p, check.Options{AsOf: p.Header.AsOf})
	}
}

func BenchmarkSet(b *testing.B) {
	dir := b.TempDir()
	n := benchSize()
	writeGenerated(b, dir, n)
	id := fmt.Sprintf("M-5-%d", n/genStreams*4/5)
	i := 0
	for b.Loop() {
		i++
		res, err := Load(dir, dir, asOfHeader).Set(id, []string{"forecast=" + genBase.AddDays(2*(n/genStreams*4/5)+1+i%28).String()}, 0, false)
		if err != nil || !res.Changed || len(res.Errors) > 0 {
			b.Fatal(err, res.Errors)
		}
	}
}

func BenchmarkDone(b *testing.B) {
	dir := b.TempDir()
	n := benchSize()
	writeGenerated(b, dir, n)
	id := fmt.Sprintf("M-5-%d", n/genStreams*4/5)
	for b.Loop() {
		s := Load(dir, dir, asOfHeader)
		res, err := s.Done(id, s.P.Header.AsOf, false, false, true)
		if err != nil || !res.Changed {
			b.Fatal(err, res.Errors)
		}
	}
}

func BenchmarkAdd(b *testing.B) {
	dir := b.TempDir()
	writeGenerated(b, dir, benchSize())
	for b.Loop() {
		res, err := Load(dir, dir, asOfHeader).Add(programme.KindMilestone,
			map[string]string{"title": "Added", "due": "2017-06-01", "workstream": "W-5", "owner": "lead-5"}, "workstreams/w05.yaml", 0, true)
		if err != nil || !res.Changed || len(res.Errors) > 0 {
			b.Fatal(err, res.Errors)
		}
	}
}

func BenchmarkFormatCheck(b *testing.B) {
	dir := b.TempDir()
	writeGenerated(b, dir, benchSize())
	var paths []string
	for _, name := range programme.Files(os.DirFS(dir), func(string, error) {}) {
		paths = append(paths, filepath.Join(dir, name))
	}
	for b.Loop() {
		if changed, errs := FormatFiles(paths, true); changed[0] || errs[0] != nil {
			b.Fatal(errs[0])
		}
	}
}
