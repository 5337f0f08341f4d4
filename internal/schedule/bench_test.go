package schedule

import (
	"fmt"
	"testing"
)

// programmeOf generates a network like a large programme: 20 workstreams,
// each a chain of tasks, every fourth task also waiting for a task two
// steps back in the next workstream. Links point back in time, so there
// are no loops; dates and lags vary so that some links drive and some float.
func programmeOf(n int) Input {
	const streams = 20
	per := max(n/streams, 1)
	tasks := make([]Task, n)
	links := make([]Link, 0, n+n/4)
	seed := uint32(1)
	rand := func(k uint32) int {
		seed = seed*1664525 + 1013904223 // a fixed generator keeps runs comparable
		return int((seed >> 16) % k)
	}
	for i := range tasks {
		w, k := i/per, i%per
		t := &tasks[i]
		t.ID = fmt.Sprintf("M-%d", i)
		t.Due = d(7*k + rand(10))
		if rand(3) == 0 {
			t.Forecast = t.Due.AddDays(rand(20))
		}
		if rand(5) == 0 {
			t.Start = t.Due.AddDays(-rand(14))
		}
		from := len(links)
		if k > 0 {
			links = append(links, Link{Pred: i - 1, Lag: rand(5)})
		}
		if next := (w+1)*per + k - 2; k%4 == 0 && k >= 2 && next < n {
			links = append(links, Link{Pred: next, Lag: rand(10)})
		}
		t.Preds = links[from:len(links):len(links)]
	}
	return Input{Tasks: tasks, AsOf: d(7 * per / 3), End: d(7*per + 30)}
}

func BenchmarkCompute(b *testing.B) {
	for _, n := range []int{1_000, 10_000, 100_000} {
		b.Run(fmt.Sprintf("tasks=%d", n), func(b *testing.B) {
			in := programmeOf(n)
			b.ReportAllocs()
			for b.Loop() {
				Compute(in)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/task")
		})
	}
}

func BenchmarkComputeChain(b *testing.B) {
	const n = 1_000_000
	for _, reversed := range []bool{false, true} {
		b.Run(fmt.Sprintf("reversed=%v", reversed), func(b *testing.B) {
			in := Input{Tasks: chain(n, reversed), AsOf: d(1), End: d(2 * n)}
			b.ReportAllocs()
			for b.Loop() {
				Compute(in)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/task")
		})
	}
}
