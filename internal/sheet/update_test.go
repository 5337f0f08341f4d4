package sheet

import "flag"

// go test ./... -update refreshes golden files across the tree; this
// package has none, but must accept the flag so that the command runs.
var _ = flag.Bool("update", false, "rewrite golden files (none in this package)")
