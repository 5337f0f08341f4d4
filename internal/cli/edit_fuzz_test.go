package cli

import (
	"bytes"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/ocotool/oco/internal/programme"
	"github.com/ocotool/oco/internal/yamledit"
)

// FuzzSet runs `oco set ID field=value` in memory, on every programme in the
// repository, with any field and value on any item. A set may be refused,
// but it never panics, and one that succeeds leaves a file that is valid
// YAML, changed only within the item's own lines, whose field reads back as
// what was set.
func FuzzSet(f *testing.F) {
	fxs := fixtures(f)
	for i, s := range []struct{ field, value string }{
		{"due", "2017-01-01"},
		{"title", "yes: no # not a comment"},
		{"depends_on", "M-01,M-02+2w"},
		{"depends_on", "M-1+0d"},
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
	// Loaded once: planSet only reads the model.
	loaded := make([]*programme.Programme, len(fxs))
	for i, fx := range fxs {
		loaded[i] = programme.Load(fx.files, "prog")
	}
	today := programme.NewDate(2017, 6, 30)
	asOf := func(*programme.Programme) (programme.Date, error) { return today, nil }
	// known turns field into one the item has, chosen by its length, so
	// that most runs make an edit rather than stop at an unknown field.
	f.Fuzz(func(t *testing.T, pick uint8, item uint16, known bool, field, value string) {
		fx, p := fxs[int(pick)%len(fxs)], loaded[int(pick)%len(fxs)]
		ids := []string{"programme"}
		p.Each(func(_ programme.Kind, id string, _ *programme.Item, _ any) { ids = append(ids, id) })
		id := ids[int(item)%len(ids)]
		if known {
			if tg, err := findTarget(p, fx.files, "prog", id); err == nil {
				names := fieldNames(tg.kind)
				field = names[len(field)%len(names)]
			}
		}

		tg, as, edit, err := planSet(p, fx.files, "prog", id, []string{field + "=" + value}, today)
		if err != nil {
			return
		}
		mf := fx.files[tg.rel]
		if mf == nil {
			t.Fatalf("%s: %s is in %s, which is not in the programme", fx.name, id, tg.rel)
		}
		old := mf.Data
		nw, err := edit.change(old)
		if err != nil {
			return
		}
		if _, err := yamledit.Parse(nw); err != nil {
			t.Fatalf("%s: set %s %s=%q leaves a file that is not valid YAML: %v\n%s", fx.name, id, field, value, err, nw)
		}
		first, last := itemLines(t, p, tg, old)
		a, b := strings.SplitAfter(string(old), "\n"), strings.SplitAfter(string(nw), "\n")
		tail := len(a) - last
		if len(b) < first-1+tail || strings.Join(a[:first-1], "") != strings.Join(b[:first-1], "") ||
			strings.Join(a[last:], "") != strings.Join(b[len(b)-tail:], "") {
			t.Fatalf("%s: set %s %s=%q changes lines outside %d..%d:\n%s", fx.name, id, field, value, first, last, unifiedDiff(tg.rel, old, nw))
		}

		// The same check as the command makes, and the value reads back.
		if _, err := newErrors(fx.files, "prog", asOf, tg.rel, old, nw); err != nil {
			t.Fatal(err)
		}
		q := programme.Load(overlayFS{base: fx.files, files: map[string][]byte{tg.rel: nw}}, "prog")
		after, err := findTarget(q, overlayFS{base: fx.files, files: map[string][]byte{tg.rel: nw}}, "prog", id)
		if err != nil {
			t.Fatalf("%s: after set %s %s=%q the item is gone: %v", fx.name, id, field, value, err)
		}
		n := after.field(as[0].field)
		switch {
		case as[0].remove && n != nil:
			t.Fatalf("%s: %s %s is still there after removing it", fx.name, id, field)
		case !as[0].remove && valueText(n) != as[0].show && !bytes.Equal(old, nw):
			t.Fatalf("%s: %s %s reads %q, set to %q", fx.name, id, field, valueText(n), as[0].show)
		}
	})
}

// itemLines returns the lines an item may occupy in its file: from its
// first key to the line before the next item or section starts.
func itemLines(t *testing.T, p *programme.Programme, tg *target, src []byte) (int, int) {
	first := tg.item.Line
	last := strings.Count(string(src), "\n") + 1
	limit := func(l int) {
		if l > first && l-1 < last {
			last = l - 1
		}
	}
	p.Each(func(_ programme.Kind, _ string, it *programme.Item, _ any) {
		if it.File == tg.item.File && it.Line != 0 {
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
