package edit

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ocotool/oco/internal/check"
	"github.com/ocotool/oco/internal/programme"
)

// The benchmarks compare an edit with what `oco validate` does on the same
// programme: load it and check it. An edit should cost little more.
//
//	go test ./internal/edit -run XXX -bench . -benchmem
//	OCO_BENCH_MILESTONES=100000 go test ./internal/edit -run XXX -bench . -benchmem

const genStreams = 20

var genBase = programme.NewDate(2017, time.January, 1)

// writeGenerated writes a programme of n milestones into dir as the check
// package's benchmarks generate it: 20 workstream files of chained
// milestones two days apart, every fourth also waiting with a lag for one
// in the next workstream, the first third done.
func writeGenerated(tb testing.TB, dir string, n int) {
	per := max(n/genStreams, 1)
	streams := (n + per - 1) / per
	asOf := genBase.AddDays(2 * per / 3)
	end := genBase.AddDays(2*per + 60)
	span := max(per/2, 1)
	var b strings.Builder
	fmt.Fprintf(&b, "programme:\n  id: GEN\n  name: Generated programme of %d milestones\n  start: %s\n  end: %s\n  as_of: %s\n", n, genBase, end, asOf)
	b.WriteString("people:\n")
	for w := range streams {
		fmt.Fprintf(&b, "  - id: lead-%d\n    name: Lead of workstream %d\n", w, w)
	}
	b.WriteString("workstreams:\n")
	for w := range streams {
		fmt.Fprintf(&b, "  - id: W-%d\n    name: Workstream %d\n    lead: lead-%d\n", w, w, w)
	}
	b.WriteString("phases:\n")
	for ph := range 4 {
		from, to := genBase.AddDays(ph*span), genBase.AddDays((ph+1)*span-1)
		if ph == 3 {
			to = end
		}
		fmt.Fprintf(&b, "  - id: PH-%d\n    name: Phase %d\n    start: %s\n    end: %s\n", ph, ph, from, to)
		if ph > 0 {
			fmt.Fprintf(&b, "    depends_on: [PH-%d]\n", ph-1)
		}
	}
	write := func(name, data string) {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	write("programme.yaml", b.String())
	for w := range streams {
		b.Reset()
		b.WriteString("milestones:\n")
		for k := range per {
			if w*per+k >= n {
				break
			}
			due := genBase.AddDays(2 * k)
			fmt.Fprintf(&b, "  - id: M-%d-%d\n    title: Milestone %d of workstream %d\n    workstream: W-%d\n    phase: PH-%d\n    owner: lead-%d\n    due: %s\n",
				w, k, k, w, w, min(2*k/span, 3), w, due)
			switch {
			case due < asOf:
				fmt.Fprintf(&b, "    done: %s\n", due)
			case k%7 == 0:
				fmt.Fprintf(&b, "    forecast: %s\n", due.AddDays(3))
			}
			cross := k%4 == 0 && k >= 2 && (w+1)*per+k-2 < n && w+1 < streams
			if k > 0 || cross {
				b.WriteString("    depends_on:\n")
			}
			if k > 0 {
				fmt.Fprintf(&b, "      - M-%d-%d\n", w, k-1)
			}
			if cross {
				fmt.Fprintf(&b, "      - {id: M-%d-%d, lag: %dd}\n", w+1, k-2, 1+k%2)
			}
		}
		write(fmt.Sprintf("workstreams/w%02d.yaml", w), b.String())
	}
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
