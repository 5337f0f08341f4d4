package yamledit

import "go.yaml.in/yaml/v3"

// The read-back check of an edit compares the parsed trees before and
// after it, node by node, rather than decoding the whole file into data
// twice: an edit of one field of a large file then costs little more than
// parsing it. Two trees are the same where every scalar has the same tag
// and text, every list the same entries and every mapping the same keys in
// the same order with the same values; an alias is compared by what it
// names, so an edit that would change a value shared through an anchor is
// caught as a change elsewhere.

// sameTrees reports whether the top-level mappings a and b hold the same
// data but at path, a field of one item: entry index of section, or with
// index -1 the section's own mapping. A mapping on the way to the field
// that holds nothing else counts as absent, as an edit adds or removes it
// with the field.
func sameTrees(a, b *yaml.Node, section string, index int, path []string) bool {
	if a == nil || b == nil {
		return a == b
	}
	c := comparer{}
	if len(a.Content) != len(b.Content) {
		return false
	}
	for i := 0; i+1 < len(a.Content); i += 2 {
		ka, kb, va, vb := a.Content[i], b.Content[i], a.Content[i+1], b.Content[i+1]
		if !c.same(ka, kb, nil) {
			return false
		}
		switch {
		case ka.Value != section:
			if !c.same(va, vb, nil) {
				return false
			}
		case index < 0:
			if !c.same(va, vb, path) {
				return false
			}
		default:
			va, vb = deref(va), deref(vb)
			if va == nil || vb == nil || va.Kind != yaml.SequenceNode || vb.Kind != yaml.SequenceNode || len(va.Content) != len(vb.Content) {
				return false
			}
			for j := range va.Content {
				var skip []string
				if j == index {
					skip = path
				}
				if !c.same(va.Content[j], vb.Content[j], skip) {
					return false
				}
			}
		}
	}
	return true
}

type comparer struct {
	done map[[2]*yaml.Node]bool // alias targets already compared
}

// pairs lists a mapping's key/value pairs but those skip leaves out: its
// last key, and a mapping on the way that holds nothing else.
func pairs(m *yaml.Node, skip []string) [][2]*yaml.Node {
	var out [][2]*yaml.Node
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		if len(skip) > 0 && k.Value == skip[0] && (len(skip) == 1 || emptyBut(v, skip[1:])) {
			continue
		}
		out = append(out, [2]*yaml.Node{k, v})
	}
	return out
}

// emptyBut reports whether n is a mapping that holds nothing but skip.
func emptyBut(n *yaml.Node, skip []string) bool {
	n = deref(n)
	if n == nil || n.Kind != yaml.MappingNode {
		return false
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value != skip[0] || len(skip) > 1 && !emptyBut(n.Content[i+1], skip[1:]) {
			return false
		}
	}
	return true
}

func deref(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && i < 1000; i++ {
		n = n.Alias
	}
	return n
}

// same compares two nodes, leaving out the path skip within them.
func (c *comparer) same(a, b *yaml.Node, skip []string) bool {
	if a.Kind == yaml.AliasNode || b.Kind == yaml.AliasNode {
		a, b = deref(a), deref(b)
		if a == nil || b == nil || a.Kind == yaml.AliasNode || b.Kind == yaml.AliasNode {
			return false
		}
		if len(skip) == 0 {
			key := [2]*yaml.Node{a, b}
			if r, ok := c.done[key]; ok {
				return r
			}
			if c.done == nil {
				c.done = map[[2]*yaml.Node]bool{}
			}
			c.done[key] = true // a tree cannot hold itself; this ends any loop
			r := c.same(a, b, nil)
			c.done[key] = r
			return r
		}
	}
	if a.Kind != b.Kind {
		return false
	}
	switch a.Kind {
	case yaml.ScalarNode:
		return a.ShortTag() == b.ShortTag() && a.Value == b.Value
	case yaml.SequenceNode:
		if len(a.Content) != len(b.Content) {
			return false
		}
		for i := range a.Content {
			if !c.same(a.Content[i], b.Content[i], nil) {
				return false
			}
		}
		return true
	case yaml.MappingNode:
		pa, pb := pairs(a, skip), pairs(b, skip)
		if len(pa) != len(pb) {
			return false
		}
		for i := range pa {
			if !c.same(pa[i][0], pb[i][0], nil) {
				return false
			}
			var inner []string
			if len(skip) > 1 && pa[i][0].Value == skip[0] {
				inner = skip[1:]
			}
			if !c.same(pa[i][1], pb[i][1], inner) {
				return false
			}
		}
		return true
	}
	return true
}

// sameButAppended reports whether the top-level mappings a (nil for an
// empty file) and b hold the same data but for one entry appended to the
// list of section in b, which a may not have had at all.
func sameButAppended(a, b *yaml.Node, section string) bool {
	split := func(m *yaml.Node) (rest [][2]*yaml.Node, sec *yaml.Node) {
		if m == nil {
			return nil, nil
		}
		for i := 0; i+1 < len(m.Content); i += 2 {
			if m.Content[i].Value == section {
				sec = deref(m.Content[i+1])
				continue
			}
			rest = append(rest, [2]*yaml.Node{m.Content[i], m.Content[i+1]})
		}
		return rest, sec
	}
	ra, sa := split(a)
	rb, sb := split(b)
	if sb == nil || sb.Kind != yaml.SequenceNode || len(sb.Content) == 0 || len(ra) != len(rb) {
		return false
	}
	c := comparer{}
	for i := range ra {
		if !c.same(ra[i][0], rb[i][0], nil) || !c.same(ra[i][1], rb[i][1], nil) {
			return false
		}
	}
	if n := len(sb.Content) - 1; n > 0 {
		if sa == nil || sa.Kind != yaml.SequenceNode || len(sa.Content) != n {
			return false
		}
		for i := range n {
			if !c.same(sa.Content[i], sb.Content[i], nil) {
				return false
			}
		}
	}
	return true
}
