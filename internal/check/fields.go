package check

import (
	"reflect"
	"strings"
	"sync"

	"github.com/ocotool/oco/internal/programme"
)

// The reference and date rules read fields through the format's own
// description (programme.Fields), so a field added to the model is checked
// without a change here.

// access is one field of the format with the path to its Go struct field.
type access struct {
	programme.Field
	index []int
}

var accessCache sync.Map // reflect.Type -> []access; Run may be called concurrently

// accessors returns the fields of the struct type t that the model tags,
// matched to the format's fields of kind k.
func accessors(k programme.Kind, t reflect.Type) []access {
	if a, ok := accessCache.Load(t); ok {
		return a.([]access)
	}
	byName := map[string][]int{}
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		tag, _, _ := strings.Cut(sf.Tag.Get("oco"), ",")
		if tag != "" && tag != "-" {
			byName[tag] = sf.Index
		}
	}
	var out []access
	for _, f := range programme.Fields(k) {
		if idx, ok := byName[f.Name]; ok {
			out = append(out, access{f, idx})
		}
	}
	accessCache.Store(t, out)
	return out
}

// field is one value of one item, as the rules see it.
type field struct {
	programme.Field
	v reflect.Value
}

// eachField calls fn for every field of every item, the programme header
// first, with the item's kind, id and position helpers.
func eachField(p *programme.Programme, fn func(kind programme.Kind, id string, it *programme.Item, f field)) {
	var lastKind programme.Kind // Each goes kind by kind: look fields up once per kind
	var fields []access
	visit := func(kind programme.Kind, id string, it *programme.Item, v any) {
		rv := reflect.ValueOf(v).Elem()
		if kind != lastKind || fields == nil {
			lastKind, fields = kind, accessors(kind, rv.Type())
		}
		for _, a := range fields {
			fn(kind, id, it, field{a.Field, rv.FieldByIndex(a.index)})
		}
	}
	if p.Header.File != "" {
		visit(programme.KindProgramme, p.Header.ID, &p.Header.Item, &p.Header)
	}
	p.Each(func(kind programme.Kind, id string, it *programme.Item, v any) {
		visit(kind, id, it, v)
	})
}

// refPositions returns where each of the n ids of a list of refs sits.
func refPositions(it *programme.Item, fieldName string, n int) []programme.Pos {
	out := make([]programme.Pos, n)
	for i := range out {
		out[i] = it.ElemPos(fieldName, i)
	}
	return out
}
