package edit

import (
	"bytes"
	"maps"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/ocotool/oco/internal/programme"
	"github.com/ocotool/oco/internal/yamledit"
)

// FuzzSet runs `oco set ID field=value` through the edit transaction, in
// memory, on every programme in the repository, with any field and value
// on any item. A set may be refused, but it never panics, and one that
// succeeds leaves a file that is valid YAML, changed only within the
// item's own lines, whose field reads back as what was set.
func FuzzSet(f *testing.F) {
	fxs := fixtures(f)
	for i, s := range []struct{ field, value string }{
		{"due", "2017-01-01"},
		{"title", "yes: no # not a comment"},
		{"depends_on", "M-01,M-02+2w"},
		{"depends_on", "M-1+0d"},
		{"depends_on", "M-1+2w,'x y'+3d"},
		{"tolerances.amber_days", "10"},
		{"notes", "two\nlines"},
		{"notes", ""},
		{"affects", "M-01, P1"},
		{"likelihood", "4"},
		{"status", "closed"},
		{"target.impact", "2"},
		{"forecast", "today"},
		{"done", ""},
		{"owner", "'quoted'"},
		{"name", "\"double\" and 'single'"},
		{"members", "a,b,,c"},
	} {
		f.Add(uint8(i), uint16(i*7), false, s.field, s.value)
		f.Add(uint8(0), uint16(i*5), false, s.field, s.value)
		f.Add(uint8(1), uint16(i), true, s.field, s.value)
	}
	today := programme.NewDate(2017, 6, 30)
	// Loaded once: each run edits a copy of the files, not the model.
	sources := make([]*Source, len(fxs))
	for i, fx := range fxs {
		sources[i] = memSource(fx.files, "prog", today)
	}
	f.Fuzz(func(t *testing.T, pick uint8, item uint16, known bool, field, value string) {
		fx, base := fxs[int(pick)%len(fxs)], sources[int(pick)%len(fxs)]
		s := *base
		s.mem = maps.Clone(base.mem)
		ids := []string{"programme"}
		s.P.Each(func(_ programme.Kind, id string, _ *programme.Item, _ any) { ids = append(ids, id) })
		id := ids[int(item)%len(ids)]
		tg, err := s.Find(id)
		if err != nil {
			return
		}
		if known {
			names := FieldNames(tg.Kind)
			field = names[len(field)%len(names)]
		}
		res, err := s.Set(id, []string{field + "=" + value}, today, false)
		if err != nil {
			return
		}
		old, nw := res.Old, s.mem[tg.rel]
		if len(res.Errors) > 0 {
			if !bytes.Equal(nw, old) {
				t.Fatalf("%s: a refused set %s %s=%q wrote the file", fx.name, id, field, value)
			}
			nw = res.New
		}
		if _, err := yamledit.Parse(nw); err != nil {
			t.Fatalf("%s: set %s %s=%q leaves a file that is not valid YAML: %v\n%s", fx.name, id, field, value, err, nw)
		}
		first, last := itemLines(t, s.P, tg, old)
		a, b := strings.SplitAfter(string(old), "\n"), strings.SplitAfter(string(nw), "\n")
		tail := len(a) - last
		if len(b) < first-1+tail || strings.Join(a[:first-1], "") != strings.Join(b[:first-1], "") ||
			strings.Join(a[last:], "") != strings.Join(b[len(b)-tail:], "") {
			t.Fatalf("%s: set %s %s=%q changes lines outside %d..%d:\n%s", fx.name, id, field, value, first, last, UnifiedDiff(tg.rel, old, nw))
		}

		// The value reads back, in the model as edited too.
		d, err := yamledit.Parse(nw)
		if err != nil {
			t.Fatal(err)
		}
		m, err := tg.node(d)
		if err != nil {
			t.Fatalf("%s: after set %s %s=%q the item is gone: %v", fx.name, id, field, value, err)
		}
		fc := res.Fields[0]
		n := fieldNode(m, fc.Field)
		switch {
		case fc.Remove && n != nil:
			t.Fatalf("%s: %s %s is still there after removing it", fx.name, id, field)
		case !fc.Remove && ValueText(n) != programme.Clip(fc.Show) && !bytes.Equal(old, nw):
			t.Fatalf("%s: %s %s reads %q, set to %q", fx.name, id, field, ValueText(n), fc.Show)
		}
		if _, err := find(res.After, "prog", id); err != nil {
			t.Fatalf("%s: after set %s %s=%q the model has no %s: %v", fx.name, id, field, value, id, err)
		}
	})
}

// itemLines returns the lines an item may occupy in its file: from its
// first key to the line before the next item or section starts.
func itemLines(t *testing.T, p *programme.Programme, tg *Target, src []byte) (int, int) {
	var first int
	if r, ok := p.Lookup(tg.ID); ok && tg.ID != "" {
		first = r.At.Line
	} else {
		first = p.Header.Line
	}
	last := strings.Count(string(src), "\n") + 1
	limit := func(l int) {
		if l > first && l-1 < last {
			last = l - 1
		}
	}
	p.Each(func(_ programme.Kind, _ string, it *programme.Item, _ any) {
		if it.File == tg.File && it.Line != 0 {
			limit(it.Line)
		}
	})
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Content) == 1 && doc.Content[0].Kind == yaml.MappingNode {
		root := doc.Content[0]
		for i := 0; i < len(root.Content); i += 2 {
			limit(root.Content[i].Line)
			if v := root.Content[i+1]; v.Kind == yaml.SequenceNode {
				for _, it := range v.Content {
					limit(it.Line)
				}
			}
		}
	}
	return first, last
}
