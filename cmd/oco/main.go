// Command oco tracks a programme kept as YAML files in a git repository.
package main

import (
	"os"

	"github.com/ocotool/oco/internal/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
