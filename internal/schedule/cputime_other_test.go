//go:build !unix

package schedule

// cpuTime is not measured here: benchmarks report wall time alone.
func cpuTime() int64 { return 0 }
