package programme

import (
	"reflect"
	"strings"
)

// Doc is the whole programme under the file format's own field
// names, read from the model's tags as the loader reads them, so the
// export cannot name a field differently from the files.
func Doc(p *Programme) map[string]any {
	doc := map[string]any{"programme": tagged(reflect.ValueOf(p.Header))}
	lists := map[string]any{
		"people": p.People, "bodies": p.Bodies, "workstreams": p.Workstreams, "phases": p.Phases, "milestones": p.Milestones,
		"risks": p.Risks, "assumptions": p.Assumptions, "issues": p.Issues, "decisions": p.Decisions, "benefits": p.Benefits,
	}
	for name, list := range lists {
		v := reflect.ValueOf(list)
		items := make([]any, 0, v.Len())
		for i := 0; i < v.Len(); i++ {
			items = append(items, tagged(v.Index(i)))
		}
		doc[name] = items
	}
	return doc
}

var depType = reflect.TypeOf(Dep{})

// tagged converts a model value to JSON values, leaving out what is not
// given; dates as YYYY-MM-DD and lags as 10d, as the files write them.
func tagged(v reflect.Value) any {
	for v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return nil
		}
		v = v.Elem()
	}
	switch {
	case v.Type() == dateType:
		if v.Int() == 0 {
			return nil
		}
		return Date(v.Int()).String()
	case v.Type() == lagType:
		return Lag(v.Int()).String()
	case v.Type() == depType:
		d := v.Interface().(Dep)
		if d.Lag == 0 && d.LinkType() == "fs" {
			return d.ID
		}
		link := map[string]any{"id": d.ID, "lag": d.LagSpan().String()}
		if t := d.LinkType(); t != "fs" {
			link["type"] = t
		}
		return link
	}
	switch v.Kind() {
	case reflect.Struct:
		m := map[string]any{}
		for i := 0; i < v.NumField(); i++ {
			tag := v.Type().Field(i).Tag.Get("oco")
			if tag == "" || tag == "-" {
				continue
			}
			name, _, _ := strings.Cut(tag, ",")
			if x := tagged(v.Field(i)); x != nil {
				m[name] = x
			}
		}
		return m
	case reflect.Slice:
		if v.Len() == 0 {
			return nil
		}
		out := make([]any, v.Len())
		for i := range out {
			out[i] = tagged(v.Index(i))
		}
		return out
	case reflect.String:
		if v.String() == "" {
			return nil
		}
		return v.String()
	case reflect.Int, reflect.Int32, reflect.Int64:
		if v.Int() == 0 {
			return nil
		}
		return v.Int()
	}
	return nil
}
