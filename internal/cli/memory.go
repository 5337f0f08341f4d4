package cli

import (
	"io/fs"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"

	"github.com/ocotool/oco/internal/programme"
)

// The collector lets the heap grow to twice what is live before it runs
// (GOGC=100). Reading a large programme, what is live grows with every
// file, and twice of it is more than seven times the YAML: 200 MB for
// 100,000 milestones (19 MB of YAML) where 130 MB do. A limit of seven
// times the YAML, never below limitFloor, has the collector run sooner
// only when a programme is that large; a small one never meets it, and
// under the limit the collector waits until the heap is five times what
// is live (GOGC=400), so that a command on a programme of a few hundred
// items hardly collects at all.
//
// What is live is usually three or four times the YAML, but a programme
// of long link lists ([M-1, M-2, ...]) holds more than seven: a fixed
// limit would then have the collector run without end. After every
// collection that finds more than three quarters of the limit live, the
// limit is raised to half as much again as what is live.
const (
	limitPerYAMLByte = 7
	limitFloor       = 64 << 20
	gcPercent        = 400
)

// limitMemory sets the memory policy for reading the programme in dir,
// unless the user has set GOGC or GOMEMLIMIT, which win. Env.LimitMemory
// says whether this process is oco's own, rather than a test's.
func (g *globals) limitMemory(dir string) {
	if g.limited || !g.env.LimitMemory || g.env.Getenv("GOGC") != "" || g.env.Getenv("GOMEMLIMIT") != "" {
		return
	}
	g.limited = true
	// The files Load will read, found the way it finds them.
	var size int64
	fsys := os.DirFS(dir)
	for _, name := range programme.Files(fsys, func(string, error) {}) {
		if info, err := fs.Stat(fsys, name); err == nil {
			size += info.Size()
		}
	}
	limit := max(limitPerYAMLByte*size, limitFloor)
	debug.SetMemoryLimit(limit)
	debug.SetGCPercent(gcPercent)
	watchLive(limit)
}

// watchLive raises the memory limit after a collection that finds more
// than three quarters of it live. A finaliser on an object
// that is garbage at once runs after each collection; it sets up the
// next.
func watchLive(limit int64) {
	type sentinel struct{ _ [16]byte }
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	var arm func()
	arm = func() {
		runtime.SetFinalizer(&sentinel{}, func(*sentinel) {
			metrics.Read(sample)
			if sample[0].Value.Kind() == metrics.KindUint64 {
				if live := int64(sample[0].Value.Uint64()); 4*live > 3*limit {
					limit = 3 * live / 2
					debug.SetMemoryLimit(limit)
				}
			}
			arm()
		})
	}
	arm()
}
