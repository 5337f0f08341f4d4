package programme

import (
	"fmt"
	"strings"
)

// Loss says which files were not read whole, and what of each was lost:
// "milestones.yaml lost M-3, M-4; risks.yaml did not parse".
func (p *Programme) Loss() string {
	var parts []string
	for _, f := range p.Unread {
		parts = append(parts, f+" could not be read")
	}
	for _, b := range p.Broken {
		switch {
		case b.Whole:
			parts = append(parts, b.File+" did not parse")
		case len(b.Lost) > 0:
			var ids []string
			for _, l := range b.Lost {
				switch {
				case l.ID != "":
					ids = append(ids, l.ID)
				case l.Whole:
					ids = append(ids, "the "+l.Section+" section")
				default:
					ids = append(ids, fmt.Sprintf("an item at line %d", l.Pos.Line))
				}
			}
			parts = append(parts, fmt.Sprintf("%s lost %s", b.File, strings.Join(ids, ", ")))
		default:
			parts = append(parts, b.File+" was read only in part")
		}
	}
	return strings.Join(parts, "; ")
}
