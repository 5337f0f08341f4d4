package portfolio

import (
	"bytes"
	"fmt"
	"slices"

	"github.com/ocotool/oco/internal/gitrev"
	"github.com/ocotool/oco/internal/programme"
)

// Pins is the portfolio of a programme's pins: each other programme it
// pins (`programme.upstream`), read at its newest revision (the
// repository's HEAD, or the remote's default branch). It is how `oco
// validate --upstream` and `oco upstream` see the others.
func Pins(p *programme.Programme) *File {
	f := &File{ID: p.Header.ID, Name: p.Header.Name}
	ids := make([]string, 0, len(p.Header.Upstream))
	for id := range p.Header.Upstream {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		pin := p.Header.Upstream[id]
		f.Programmes = append(f.Programmes, Entry{ID: id, Repo: pin.Repo, Dir: pin.Dir, Pos: pin.Pos})
	}
	return f
}

// Repin returns src, the file holding `programme.upstream`, with the pin
// of prog set to commit: only that value changes, so the diff is one line.
func Repin(file string, src []byte, prog, commit string) ([]byte, error) {
	if err := checkHash(commit); err != nil {
		return nil, err
	}
	p := programme.Load(gitrev.Files{"f.yaml": src}, "")
	pin := p.Header.Upstream[prog]
	if pin == nil || pin.RefPos.Line == 0 {
		return nil, fmt.Errorf("%s pins no programme %s (programme.upstream.%s.ref)", file, prog, prog)
	}
	lines := bytes.SplitAfter(src, []byte("\n"))
	line := lines[pin.RefPos.Line-1]
	start := pin.RefPos.Col - 1
	if start < 0 || start >= len(line) {
		return nil, fmt.Errorf("%s:%d: cannot find the ref of %s", file, pin.RefPos.Line, prog)
	}
	end := valueEnd(line, start)
	if string(bytes.Trim(line[start:end], `"'`)) != pin.Ref {
		return nil, fmt.Errorf("%s:%d: the ref of %s is not written on one line; change it by hand", file, pin.RefPos.Line, prog)
	}
	value := []byte(commit)
	if q := line[start]; q == '"' || q == '\'' {
		value = slices.Concat([]byte{q}, value, []byte{q}) // quoted as it was
	}
	edited := slices.Concat(line[:start], value, line[end:])
	lines[pin.RefPos.Line-1] = edited
	out := bytes.Join(lines, nil)
	// Read it back: the edit must say what was meant, and nothing else.
	back := programme.Load(gitrev.Files{"f.yaml": out}, "")
	if got := back.Header.Upstream[prog]; got == nil || got.Ref != commit || len(back.Findings) != len(p.Findings) {
		return nil, fmt.Errorf("%s: re-pinning %s would not read back as %s", file, prog, commit)
	}
	return out, nil
}

// valueEnd is where the scalar starting at line[start] ends.
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

func checkHash(s string) error {
	if len(s) < 7 || len(s) > 64 || bytes.ContainsFunc([]byte(s), func(r rune) bool { return !('0' <= r && r <= '9' || 'a' <= r && r <= 'f') }) {
		return fmt.Errorf("%q is not a commit hash", s)
	}
	return nil
}
