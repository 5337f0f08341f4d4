// Command parsefloor is the floor under oco validate, as a process to time
// beside it: it reads every .yaml file below a directory, in path order,
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
	"path/filepath"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: parsefloor DIR")
		os.Exit(2)
	}
	var files []string
	filepath.WalkDir(os.Args[1], func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() && (strings.HasSuffix(p, ".yaml") || strings.HasSuffix(p, ".yml")) {
			files = append(files, p)
		}
		return nil
	})
	sort.Strings(files)
	for _, f := range files {
		src, err := os.ReadFile(f)
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
