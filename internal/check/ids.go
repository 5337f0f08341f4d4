package check

import (
	"slices"
	"strings"

	"github.com/ocotool/oco/internal/programme"
)

// DuplicateID reports every item after the first that uses an id, at its
// `id` key, naming where the id was first defined. Ids are unique across
// all kinds together; the programme's own id is not an item's and is left
// out.
func DuplicateID(c *Context) {
	c.P.Each(func(kind programme.Kind, id string, it *programme.Item, _ any) {
		if f, ok := c.P.Lookup(id); ok && f.At != it {
			if first := f.At.KeyPos("id"); first == it.KeyPos("id") {
				// One item listed twice through an alias: the same line.
				c.report("duplicate-id", it.Pos(), id, "%s is listed twice: an alias repeats the item defined at %s", id, first)
			} else {
				c.report("duplicate-id", it.KeyPos("id"), id, "%s is also defined at %s", id, first)
			}
		}
	})
}

// IDCase warns about an id that differs only by case from one defined
// before it: legal, since ids are case-sensitive, but easily confused.
func IDCase(c *Context) {
	type seen struct {
		id string
		it *programme.Item
	}
	first := map[string]seen{}
	c.P.Each(func(kind programme.Kind, id string, it *programme.Item, _ any) {
		if id == "" {
			return
		}
		// Upper case, not lower: ids are mostly capitals already, and
		// ToUpper returns those without allocating.
		folded := strings.ToUpper(id)
		f, ok := first[folded]
		if !ok {
			first[folded] = seen{id, it}
			return
		}
		if f.id != id {
			c.report("id-case", it.KeyPos("id"), id, "%s differs only by case from %s (%s)", id, f.id, f.it.KeyPos("id"))
		}
	})
}

// UnknownRef reports each reference to an id that no item has, or that
// names an item of a kind the field does not allow, suggesting the nearest
// ids of the allowed kinds. A single ref is reported at its key, an entry of
// a list at the entry.
//
// A link to another programme's milestone (`lco:M-12`) cannot be checked
// in one programme alone: it is not unknown-ref, but one unchecked-ref
// warning per other programme says how many such links there are.
func UnknownRef(c *Context) {
	defer c.reportUnchecked()
	external := map[string][]programme.Dep{}
	defer func() { reportExternal(c, external) }()
	eachField(c.P, func(kind programme.Kind, id string, it *programme.Item, f field) {
		switch f.Kind {
		case programme.KindRef:
			c.checkRef(kind, id, f.Name, f.Refs, f.v.String(), func() programme.Pos { return it.KeyPos(f.Name) })
		case programme.KindRefs:
			if f.v.Len() == 0 {
				return // most lists are empty; Interface would allocate
			}
			refs, _ := f.v.Interface().([]string)
			var pos []programme.Pos // found only when needed, and once
			for i, s := range refs {
				c.checkRef(kind, id, f.Name, f.Refs, s, func() programme.Pos {
					if pos == nil {
						pos = refPositions(it, f.Name, len(refs))
					}
					return pos[i]
				})
			}
		case programme.KindDeps:
			if f.v.Len() == 0 {
				return
			}
			deps, _ := f.v.Interface().([]programme.Dep)
			allowed := []programme.Kind{programme.KindMilestone}
			for _, sub := range f.Sub {
				if sub.Name == "id" {
					allowed = sub.Refs
				}
			}
			for _, d := range deps {
				if r, ok := programme.ParseCrossRef(d.ID); ok {
					if _, local := c.lookup(d.ID); !local {
						external[r.Programme] = append(external[r.Programme], d)
						continue
					}
				}
				c.checkRef(kind, id, f.Name, allowed, d.ID, func() programme.Pos { return d.Pos })
			}
		}
	})
}

// checkRef reports s, the value of fieldName of an item, if it names no
// item or one of a kind outside allowed (nil allows every kind).
func (c *Context) checkRef(kind programme.Kind, id, fieldName string, allowed []programme.Kind, s string, pos func() programme.Pos) {
	if s == "" {
		return
	}
	r, ok := c.lookup(s)
	if ok && (allowed == nil || slices.Contains(allowed, r.Kind)) {
		return
	}
	want := "item"
	if allowed != nil {
		words := make([]string, len(allowed))
		for i, k := range allowed {
			words[i] = string(k)
		}
		want = programme.OrList(words)
	}
	if !ok {
		if c.unchecked(s) {
			return
		}
		c.report("unknown-ref", pos(), id, "%s: %s %s is not the id of any %s%s",
			label(kind, id), fieldName, programme.Quote(s), want, c.suggest(s, allowed))
		return
	}
	c.report("unknown-ref", pos(), id, "%s: %s %s is %s %s, not %s %s%s",
		label(kind, id), fieldName, programme.Quote(s), article(r.Kind), r.Kind, article(programme.Kind(want)), want, c.suggest(s, allowed))
}

// reportExternal says, once per other programme, at its first link, that
// links to it are left for a portfolio to check.
func reportExternal(c *Context, external map[string][]programme.Dep) {
	progs := make([]string, 0, len(external))
	for prog := range external {
		progs = append(progs, prog)
	}
	slices.Sort(progs)
	for _, prog := range progs {
		deps := external[prog]
		var ids []string
		for _, d := range deps {
			if !slices.Contains(ids, d.ID) {
				ids = append(ids, d.ID)
			}
		}
		more := ""
		if len(ids) > 5 {
			ids, more = ids[:5], ", ..."
		}
		c.report("unchecked-ref", deps[0].Pos, "", "%s to programme %s (%s) not checked here: %s is another programme; `oco validate --upstream` or `oco portfolio validate` checks them",
			programme.Plural(len(deps), "link"), prog, strings.Join(ids, ", ")+more, prog)
	}
}
