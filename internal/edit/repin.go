package edit

import (
	"bytes"
	"fmt"
	"slices"

	"go.yaml.in/yaml/v3"

	"github.com/ocotool/oco/internal/programme"
	"github.com/ocotool/oco/internal/yamledit"
)

// Repin sets the commit at which the programme pins another programme
// (`programme.upstream.PROG.ref`, SPEC 7.5), as `oco upstream update`
// does. It is an edit like any other: under the file's lock, the one
// value changes on its one line, whether the pin is written as a block or
// as {repo: ..., ref: ...}; comments and quoting stay; the programme is
// checked as it would be, and nothing is written where that adds an
// error, or with dryRun.
func (s *Source) Repin(prog, commit string, dryRun bool) (*Result, error) {
	if err := checkHash(commit); err != nil {
		return nil, usagef("%v", err)
	}
	h := s.P.Header
	if h.Upstream[prog] == nil || h.File == "" {
		return nil, usagef("the programme pins no programme %s (programme.upstream.%s)", prog, prog)
	}
	rel, err := RelPath(s.Prefix, h.File)
	if err != nil {
		return nil, err
	}
	file := h.File
	return s.apply(rel, dryRun, func(_ *programme.Programme, d *yamledit.Doc) error {
		out, err := repin(file, d.Bytes(), d.Root(), prog, commit)
		if err != nil {
			return err
		}
		nd, err := yamledit.Parse(out)
		if err != nil {
			return fmt.Errorf("%s: re-pinning %s would break the file: %v", file, prog, err)
		}
		if ref := pinRef(nd.Root(), prog); ref == nil || ref.Value != commit {
			return fmt.Errorf("%s: re-pinning %s would not read back as %s", file, prog, commit)
		}
		*d = *nd
		return nil
	})
}

// repin returns src with the ref of prog's pin set to commit: only that
// scalar's text changes, quoted as it was.
func repin(file string, src []byte, root *yaml.Node, prog, commit string) ([]byte, error) {
	ref := pinRef(root, prog)
	if ref == nil {
		return nil, &ConflictError{fmt.Errorf("%s no longer pins %s with a ref of its own (changed meanwhile, or written through an alias?): edit it by hand", file, prog)}
	}
	lines := bytes.SplitAfter(src, []byte("\n"))
	if ref.Line < 1 || ref.Line > len(lines) || ref.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
		return nil, fmt.Errorf("%s:%d: the ref of %s is not written on one line; change it by hand", file, ref.Line, prog)
	}
	line := lines[ref.Line-1]
	// yaml counts columns in characters; a line with any before the
	// value that is not ASCII is left to the user rather than guessed.
	start := ref.Column - 1
	if start < 0 || start >= len(line) || slices.ContainsFunc(line[:start], func(b byte) bool { return b >= 0x80 }) {
		return nil, fmt.Errorf("%s:%d: cannot find the ref of %s; change it by hand", file, ref.Line, prog)
	}
	end := valueEnd(line, start)
	if string(bytes.Trim(line[start:end], `"'`)) != ref.Value {
		return nil, fmt.Errorf("%s:%d: the ref of %s is not written on one line; change it by hand", file, ref.Line, prog)
	}
	value := []byte(commit)
	if q := line[start]; q == '"' || q == '\'' {
		value = slices.Concat([]byte{q}, value, []byte{q})
	}
	lines[ref.Line-1] = slices.Concat(line[:start], value, line[end:])
	return bytes.Join(lines, nil), nil
}

// pinRef is the scalar node of programme.upstream.PROG.ref, or nil where
// the file has none, or reaches it through an alias (changing it there
// would change whatever else shares the anchor).
func pinRef(root *yaml.Node, prog string) *yaml.Node {
	n := root
	for _, key := range []string{"programme", "upstream", prog, "ref"} {
		if n == nil || n.Kind != yaml.MappingNode {
			return nil
		}
		var next *yaml.Node
		for i := 0; i+1 < len(n.Content); i += 2 {
			if k := n.Content[i]; k.Kind == yaml.ScalarNode && k.Value == key {
				next = n.Content[i+1]
			}
		}
		n = next
	}
	if n == nil || n.Kind != yaml.ScalarNode || n.Anchor != "" {
		return nil
	}
	return n
}

// valueEnd is where the one-line scalar starting at line[start] ends.
func valueEnd(line []byte, start int) int {
	if q := line[start]; q == '"' || q == '\'' {
		if i := bytes.IndexByte(line[start+1:], q); i >= 0 {
			return start + 1 + i + 1
		}
		return start
	}
	end := start
	for end < len(line) && !bytes.ContainsAny(line[end:end+1], ",}] \t\r\n#") {
		end++
	}
	return end
}

// checkHash refuses anything but a commit's hash as a pin.
func checkHash(s string) error {
	if len(s) < 7 || len(s) > 64 || bytes.ContainsFunc([]byte(s), func(r rune) bool { return !('0' <= r && r <= '9' || 'a' <= r && r <= 'f') }) {
		return fmt.Errorf("%q is not a commit hash", s)
	}
	return nil
}
