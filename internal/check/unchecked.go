package check

import (
	"strings"

	"github.com/ocotool/oco/internal/programme"
)

// unchecked reports whether a reference to id, which names no item, may
// name one that a file which did not parse whole would have defined (SPEC
// 7.1). Such a reference is not reported as unknown-ref: it is counted
// against that file, and reportUnchecked says so once per file.
func (c *Context) unchecked(id string) bool {
	p := c.P
	if len(p.Broken) == 0 && len(p.Unread) == 0 {
		return false
	}
	file := ""
	for _, b := range p.Broken {
		for _, l := range b.Lost {
			if l.ID == id {
				file = b.File
				break
			}
		}
		if file != "" {
			break
		}
	}
	if file == "" {
		file = c.openEnded()
	}
	if file == "" {
		return false
	}
	if c.unresolved == nil {
		c.unresolved = map[string][]string{}
	}
	c.unresolved[file] = append(c.unresolved[file], id)
	return true
}

// openEnded is the first file whose loss cannot be named item by item (a
// file unread, or lost whole, or an item whose id could not be read), or "".
func (c *Context) openEnded() string {
	if len(c.P.Unread) > 0 {
		return c.P.Unread[0]
	}
	for _, b := range c.P.Broken {
		if b.Whole {
			return b.File
		}
		for _, l := range b.Lost {
			if l.ID == "" {
				return b.File
			}
		}
	}
	return ""
}

func (c *Context) reportUnchecked() {
	for file, ids := range c.unresolved {
		pos := programme.Pos{File: file, Line: 1, Col: 1}
		for _, b := range c.P.Broken {
			if b.File == file && len(b.Lost) > 0 {
				pos = b.Lost[0].Pos
			}
		}
		uniq := map[string]bool{}
		var names []string
		for _, id := range ids {
			if !uniq[id] {
				uniq[id] = true
				names = append(names, id)
			}
		}
		shown := names
		more := ""
		if len(shown) > 5 {
			shown, more = shown[:5], ", ..."
		}
		c.report("unchecked-ref", pos, "", "%s to %s could not be checked: this file did not parse whole",
			programme.Plural(len(ids), "reference"), strings.Join(shown, ", ")+more)
	}
}
