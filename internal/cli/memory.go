package cli

import (
	"io/fs"
	"path/filepath"
	"runtime/debug"
	"strings"
)

// The collector lets the heap grow to twice what is live before it runs
// (GOGC=100).
// Reading a large programme, what is live grows with every file, and
// twice of it is more than seven times the YAML: 200 MB for 100,000
// milestones (19 MB of YAML) where 130 MB do. A limit of seven times the
// YAML, never below limitFloor, has the collector run sooner only when a
// programme is that large; a small one never meets it.
const (
	limitPerYAMLByte = 7
	limitFloor       = 64 << 20
)

// limitMemory sets the memory limit for reading the programme in dir,
// unless the user has set GOGC or GOMEMLIMIT, which win. Env.LimitMemory
// says whether this process is oco's own, rather than a test's.
func (g *globals) limitMemory(dir string) {
	if !g.env.LimitMemory || g.env.Getenv("GOGC") != "" || g.env.Getenv("GOMEMLIMIT") != "" {
		return
	}
	var size int64
	filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() && path != dir && strings.HasPrefix(d.Name(), ".") {
			return filepath.SkipDir
		}
		if name := d.Name(); d.Type().IsRegular() && (strings.HasSuffix(name, ".yaml") || strings.HasSuffix(name, ".yml")) {
			if info, err := d.Info(); err == nil {
				size += info.Size()
			}
		}
		return nil
	})
	debug.SetMemoryLimit(max(limitPerYAMLByte*size, limitFloor))
	// Under the limit, the collector runs when the heap is five times
	// what is live rather than twice: a command on a programme of a few
	// hundred items then hardly collects at all.
	debug.SetGCPercent(400)
}
