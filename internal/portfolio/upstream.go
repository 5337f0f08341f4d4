package portfolio

import (
	"slices"

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
		f.Programmes = append(f.Programmes, PinEntry(id, p.Header.Upstream[id]))
	}
	return f
}

// PinEntry is the pin of programme id as an entry of a portfolio: where
// to read it from. The ref is left out: the pinned commit is not the
// programme now.
func PinEntry(id string, pin *programme.Pin) Entry {
	return Entry{ID: id, Repo: pin.Repo, Dir: pin.Dir, Pos: pin.Pos}
}
