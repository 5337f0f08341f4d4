package cli

import (
	"io"
	"strings"
	"testing"
)

// BenchmarkStatusShipped is `oco status` on the shipped programme, in
// process: the work the command does after start-up. Start-up itself is
// measured on the built binary against a hello-world, with
// GODEBUG=inittrace=1 for what package initialisation costs.
//
//	go test ./internal/cli -run '^$' -bench StatusShipped -benchmem
func BenchmarkStatusShipped(b *testing.B) {
	dir := shippedDir(b)
	b.ReportAllocs()
	for b.Loop() {
		env := &Env{In: strings.NewReader(""), Out: io.Discard, Err: io.Discard,
			Getenv: func(string) string { return "" },
			Getwd:  func() (string, error) { return dir, nil }}
		if code := Run(env, []string{"-C", dir, "status"}); code != ExitOK {
			b.Fatalf("exit status %d", code)
		}
	}
}
