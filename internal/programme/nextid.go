package programme

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
)

// numbered splits an id into its stem and its number: M-07 is M- and 07.
var numbered = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^([A-Za-z][A-Za-z0-9_.-]*?)([0-9]{1,9})$`) })

// NextID returns the next free id for a new item of kind k, following the
// pattern of the last numbered id of that kind, zero padding included:
// M-23 after M-22, M-08 after M-07. With no pattern to follow it is the
// kind's initial and 1.
func (p *Programme) NextID(k Kind) string {
	ids := p.IDs(k)
	stem, width, last := strings.ToUpper(string(k)[:1])+"-", 1, 0
	for i := len(ids) - 1; i >= 0; i-- {
		if m := numbered().FindStringSubmatch(ids[i]); m != nil {
			stem = m[1]
			break
		}
	}
	for _, id := range ids {
		if !strings.HasPrefix(id, stem) {
			continue
		}
		m := numbered().FindStringSubmatch(id)
		if m == nil || m[1] != stem {
			continue
		}
		n, _ := strconv.Atoi(m[2])
		if n > last || n == last && len(m[2]) > width {
			last, width = n, len(m[2])
		}
	}
	// The next number is almost always free: look each candidate up in
	// one pass rather than build a set of every id.
	for n := last + 1; ; n++ {
		id := fmt.Sprintf("%s%0*d", stem, width, n)
		taken := false
		p.Each(func(_ Kind, other string, _ *Item, _ any) { taken = taken || strings.EqualFold(other, id) })
		if !taken {
			return id
		}
	}
}
