package check

import (
	"fmt"
	"maps"
	"os"
	"runtime"
	"slices"
	"testing"
	"time"

	"github.com/ocotool/oco/internal/programme"
	"github.com/ocotool/oco/internal/schedule"
	"go.yaml.in/yaml/v3"
)

// The benchmarks measure what `oco validate` does on large programmes:
// the parse floor (the YAML library's trees, nothing else), Load, and the
// whole of validate (Load and Run, with the schedule's knock-on and
// negative-slack). Targets: validate at or below the floor, time linear
// in size, memory (peak) within eight times the YAML.
//
//	go test ./internal/check -run '^$' -bench 'ParseFloor|Load|Validate|Chain' -benchtime 5x
//	OCO_BENCH_MILLION=1 go test ./internal/check -run '^$' -bench 'ParseFloor|Validate' -benchtime 1x -timeout 30m
//
// Besides ns/op and B/op each reports ns/milestone, the YAML's size
// (yaml-B), bytes allocated per byte of YAML (alloc/yaml), and the CPU
// time per op (cpu-ns/op, user and system, GC included), which a busy
// machine disturbs far less than the wall clock.

var benchSizes = []int{1_000, 10_000, 100_000}

func init() {
	// A million milestones (190 MB of YAML) takes minutes and gigabytes:
	// only when asked, OCO_BENCH_MILLION=1.
	if os.Getenv("OCO_BENCH_MILLION") != "" {
		benchSizes = append(benchSizes, 1_000_000)
	}
}

func reportSize(b *testing.B, n, size int) {
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/milestone")
	b.ReportMetric(float64(size), "yaml-B")
}

// cpuPerOp reports the CPU time per op since start, a cpuTime reading.
func cpuPerOp(b *testing.B, start int64) {
	if start > 0 {
		b.ReportMetric(float64(cpuTime()-start)/float64(b.N), "cpu-ns/op")
	}
}

// allocPerYAML reports the bytes allocated per op over the size of the
// YAML: an upper bound on the peak heap, since nothing is kept between ops.
func allocPerYAML(b *testing.B, size int, before runtime.MemStats) {
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/float64(b.N)/float64(size), "alloc/yaml")
}

// BenchmarkParseFloor is the floor under Load and Validate: parsing the
// same files into yaml.Node trees with the same library, one file after
// another on one core, and nothing else. Compare its cpu-ns/op and ns/op
// with theirs.
func BenchmarkParseFloor(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("milestones=%d", n), func(b *testing.B) {
			fsys, size := generated(n)
			names := slices.Sorted(maps.Keys(fsys))
			b.ReportAllocs()
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			cpu := cpuTime()
			for b.Loop() {
				for _, name := range names {
					var doc yaml.Node
					if err := yaml.Unmarshal(fsys[name].Data, &doc); err != nil {
						b.Fatal(err)
					}
				}
			}
			cpuPerOp(b, cpu)
			allocPerYAML(b, size, ms)
			reportSize(b, n, size)
		})
	}
}

func BenchmarkLoad(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("milestones=%d", n), func(b *testing.B) {
			fsys, size := generated(n)
			b.ReportAllocs()
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			cpu := cpuTime()
			for b.Loop() {
				programme.Load(fsys, "programme")
			}
			cpuPerOp(b, cpu)
			allocPerYAML(b, size, ms)
			reportSize(b, n, size)
		})
	}
}

func BenchmarkValidate(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("milestones=%d", n), func(b *testing.B) {
			fsys, size := generated(n)
			b.ReportAllocs()
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			cpu := cpuTime()
			for b.Loop() {
				p := programme.Load(fsys, "programme")
				Run(p, Options{AsOf: p.Header.AsOf})
			}
			cpuPerOp(b, cpu)
			allocPerYAML(b, size, ms)
			reportSize(b, n, size)
		})
	}
}

// BenchmarkRunOnly is validate without the parse, so that the share of
// the checks, and of the schedule's rules among them, can be read off.
func BenchmarkRunOnly(b *testing.B) {
	for _, n := range benchSizes {
		fsys, size := generated(n)
		p := programme.Load(fsys, "programme")
		b.Run(fmt.Sprintf("milestones=%d/all", n), func(b *testing.B) {
			b.ReportAllocs()
			cpu := cpuTime()
			for b.Loop() {
				Run(p, Options{AsOf: p.Header.AsOf})
			}
			cpuPerOp(b, cpu)
			reportSize(b, n, size)
		})
		for _, rule := range []struct {
			name string
			run  func(*Context)
		}{{"knock-on", KnockOn}, {"negative-slack", NegativeSlack}, {"dependency-order", DependencyOrder}} {
			c := NewContext(p, Options{AsOf: p.Header.AsOf})
			b.Run(fmt.Sprintf("milestones=%d/%s", n, rule.name), func(b *testing.B) {
				b.ReportAllocs()
				cpu := cpuTime()
				for b.Loop() {
					c.findings = c.findings[:0]
					rule.run(c)
				}
				cpuPerOp(b, cpu)
				reportSize(b, n, size)
			})
		}
	}
}

// BenchmarkChainEndToEnd is a chain of 20,000 milestones through
// everything validate and critical-path do: Load, Run, and the plan.
func BenchmarkChainEndToEnd(b *testing.B) {
	const n = 20_000
	fsys, size := chainProgramme(n)
	b.ReportAllocs()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	cpu := cpuTime()
	for b.Loop() {
		p := programme.Load(fsys, "programme")
		Run(p, Options{AsOf: p.Header.AsOf})
		if plan := schedule.Build(p, p.Header.AsOf); len(plan.CriticalPath) != n {
			b.Fatalf("critical path of %d steps, want %d", len(plan.CriticalPath), n)
		}
	}
	cpuPerOp(b, cpu)
	allocPerYAML(b, size, ms)
	reportSize(b, n, size)
}

// BenchmarkChainMillion runs the schedule's rules on a chain of a million
// milestones built in code, every one pushed by the one before: a
// million knock-on findings, without the cost of parsing.
func BenchmarkChainMillion(b *testing.B) {
	const n = 1_000_000
	p := &programme.Programme{Header: programme.Header{End: genBase.AddDays(n / 2)}}
	for i := range n {
		m := &programme.Milestone{ID: fmt.Sprintf("M-%d", i), Title: "Step", Due: genBase.AddDays(i / 2)}
		if i > 0 {
			m.DependsOn = []programme.Dep{{ID: p.Milestones[i-1].ID, Lag: 1}}
		}
		p.Milestones = append(p.Milestones, m)
	}
	b.ReportAllocs()
	cpu := cpuTime()
	for b.Loop() {
		c := NewContext(p, Options{AsOf: genBase})
		KnockOn(c)
		NegativeSlack(c)
		if len(c.findings) < n/2 {
			b.Fatalf("%d findings", len(c.findings))
		}
	}
	cpuPerOp(b, cpu)
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/milestone")
}

// TestValidateMemory measures memory on 10,000 milestones. What validate
// holds once the garbage is collected (the programme, its key positions
// and the findings) must stay within five times the YAML, so that with the
// collector's headroom the peak stays within eight; Load, which streams
// each file an entry at a time, must allocate within sixteen times the
// YAML, and the checks within ten.
func TestValidateMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("large programme")
	}
	fsys, size := generated(10_000)
	heap := func() (live, total uint64) {
		var ms runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&ms)
		return ms.HeapAlloc, ms.TotalAlloc
	}
	ratio := func(n uint64) float64 { return float64(n) / float64(size) }
	live0, total0 := heap()
	start := time.Now()
	p := programme.Load(fsys, "programme")
	loaded := time.Since(start)
	live1, total1 := heap()
	start = time.Now()
	fs := Run(p, Options{AsOf: p.Header.AsOf})
	ran := time.Since(start)
	live2, total2 := heap()
	runtime.KeepAlive(p)
	runtime.KeepAlive(fs)
	t.Logf("10,000 milestones, %d bytes of YAML, %d findings", size, len(fs))
	t.Logf("Load: %v, allocated %.1f× the YAML, holds %.1f×", loaded, ratio(total1-total0), ratio(live1-live0))
	t.Logf("Run:  %v, allocated %.1f× the YAML, holds %.1f× more", ran, ratio(total2-total1), ratio(live2-live1))
	if live2-live0 > 5*uint64(size) {
		t.Errorf("validate holds %.1f× the YAML, more than 5×", ratio(live2-live0))
	}
	if total1-total0 > 16*uint64(size) {
		t.Errorf("Load allocated %.1f× the YAML, more than 16×", ratio(total1-total0))
	}
	if total2-total1 > 10*uint64(size) {
		t.Errorf("Run allocated %.1f× the YAML, more than 10×", ratio(total2-total1))
	}
}
