// Command parsefloor is the floor under oco validate, as a process to time
// beside it: it reads the files Load reads below a directory, in its order,
// and parses each into a yaml.Node tree with the YAML library oco uses, one
// after another in one goroutine (the runtime's collector may use another
// core, as it does for oco), and does nothing else. BenchmarkParseFloor in internal/check
// is the same floor in process.
//
//	go build -o /tmp/parsefloor ./internal/tools/parsefloor
//	/usr/bin/time -v /tmp/parsefloor DIR
//	/usr/bin/time -v oco -C DIR validate >/dev/null
package main

import (
	"fmt"
	"io/fs"
	"os"

	"go.yaml.in/yaml/v3"

	"github.com/ocotool/oco/internal/programme"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: parsefloor DIR")
		os.Exit(2)
	}
	// The files Load reads, in its order.
	fsys := os.DirFS(os.Args[1])
	for _, f := range programme.Files(fsys, func(string, error) {}) {
		src, err := fs.ReadFile(fsys, f)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		var doc yaml.Node
		if err := yaml.Unmarshal(src, &doc); err != nil {
			fmt.Fprintf(os.Stderr, "%s: %v\n", f, err)
			os.Exit(1)
		}
	}
}
