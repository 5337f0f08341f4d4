package edit

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"runtime"
	"sync"

	"github.com/ocotool/oco/internal/programme"
	"github.com/ocotool/oco/internal/yamledit"
)

// FormatError is a file that could not be put in canonical form.
type FormatError struct {
	Src []byte
	Err error
}

func (e *FormatError) Error() string { return e.Err.Error() }

// Describe says why the file named name was not formatted. Where it is not
// valid YAML, it says so as oco validate does, at the line at fault.
func (e *FormatError) Describe(name string) string {
	p := (&programme.Programme{}).WithFile(name, e.Src)
	for _, f := range p.Findings {
		if f.Rule == "syntax" && f.Pos.File == name {
			return f.String()
		}
	}
	return fmt.Sprintf("%s: cannot put in canonical form: %v", name, e.Err)
}

// Format returns src in canonical form.
func Format(src []byte) ([]byte, error) {
	out, err := yamledit.Format(src, KeyOrder())
	if err != nil {
		return nil, &FormatError{src, err}
	}
	return out, nil
}

// FormatFile puts one file in canonical form, or with check only says
// whether it is (a file Format would refuse as one it cannot put in
// canonical form without changing its meaning counts as not canonical);
// it reads only that file. The file is rewritten only if it
// changes, atomically and under its lock, so an edit made meanwhile is
// neither lost nor clobbered.
func FormatFile(path string, check bool) (bool, error) {
	if check {
		src, err := os.ReadFile(path)
		if err != nil {
			return false, err
		}
		ok, err := yamledit.Canonical(src, KeyOrder())
		if err != nil {
			return false, &FormatError{src, err}
		}
		return !ok, nil
	}
	changed := false
	err := yamledit.Update(path, func(old []byte) ([]byte, error) {
		out, err := Format(old)
		changed = err == nil && !bytes.Equal(out, old)
		return out, err
	})
	return changed, err
}

// IsFormatError reports whether err is a file that is not YAML oco can
// put in canonical form, rather than one that could not be read.
func IsFormatError(err error) (*FormatError, bool) {
	var fe *FormatError
	ok := errors.As(err, &fe)
	return fe, ok
}

// FormatFiles runs FormatFile on each path, several files at a time (the
// files are independent), and returns for each whether it changed (or with
// check would) and why it could not be formatted.
func FormatFiles(paths []string, check bool) ([]bool, []error) {
	changed, errs := make([]bool, len(paths)), make([]error, len(paths))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(paths)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				changed[i], errs[i] = FormatFile(paths[i], check)
			}
		}()
	}
	for i := range paths {
		next <- i
	}
	close(next)
	wg.Wait()
	return changed, errs
}
