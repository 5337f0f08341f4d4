package render

import (
	"encoding"
	"encoding/json"
	"reflect"
	"strings"
)

// OutputSchema is a JSON Schema (draft 2020-12) of what -o json prints for
// each kind: one definition a kind under $defs, read by reflection from the
// same records the commands print, so that it cannot fall behind them. A
// field tagged omitempty, or a pointer, may be absent; every other field
// is required; no field outside the record is allowed. Dates are
// "YYYY-MM-DD" strings; a list is an array, never null.
func OutputSchema(shapes []Shape) ([]byte, error) {
	defs := map[string]any{}
	var kinds []any
	for _, sh := range shapes {
		defs[sh.Kind] = typeSchema(reflect.TypeOf(sh.Record), 0)
		kinds = append(kinds, map[string]any{"$ref": "#/$defs/" + sh.Kind})
	}
	s := map[string]any{
		"$schema":     "https://json-schema.org/draft/2020-12/schema",
		"$id":         "https://github.com/ocotool/oco/output.schema.json",
		"title":       "What oco prints with -o json",
		"description": "One definition for each kind of item; a listing prints an array of its kind.",
		"$defs":       defs,
		"anyOf":       []any{map[string]any{"type": "array", "items": map[string]any{"anyOf": kinds}}},
	}
	return json.MarshalIndent(s, "", "  ")
}

// datePattern is a date as every output prints it.
const datePattern = `^[0-9]{4}-[0-9]{2}-[0-9]{2}$`

var textMarshaler = reflect.TypeFor[encoding.TextMarshaler]()

func typeSchema(t reflect.Type, depth int) map[string]any {
	if depth > 8 {
		return map[string]any{}
	}
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.Implements(textMarshaler) || reflect.PointerTo(t).Implements(textMarshaler) {
		if strings.HasSuffix(t.Name(), "Date") {
			return map[string]any{"type": "string", "pattern": datePattern}
		}
		return map[string]any{"type": "string"}
	}
	switch t.Kind() {
	case reflect.String:
		return map[string]any{"type": "string"}
	case reflect.Bool:
		return map[string]any{"type": "boolean"}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return map[string]any{"type": "integer"}
	case reflect.Float32, reflect.Float64:
		return map[string]any{"type": "number"}
	case reflect.Slice, reflect.Array:
		return map[string]any{"type": "array", "items": typeSchema(t.Elem(), depth+1)}
	case reflect.Map:
		return map[string]any{"type": "object", "additionalProperties": typeSchema(t.Elem(), depth+1)}
	case reflect.Struct:
		props := map[string]any{}
		var required []string
		var add func(t reflect.Type)
		add = func(t reflect.Type) {
			for i := 0; i < t.NumField(); i++ {
				f := t.Field(i)
				name, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
				if f.Anonymous && name == "" {
					ft := f.Type
					if ft.Kind() == reflect.Pointer {
						ft = ft.Elem()
					}
					if ft.Kind() == reflect.Struct {
						add(ft)
					}
					continue
				}
				if !f.IsExported() || name == "-" {
					continue
				}
				if name == "" {
					name = f.Name
				}
				props[name] = typeSchema(f.Type, depth+1)
				if !strings.Contains(opts, "omitempty") && f.Type.Kind() != reflect.Pointer {
					required = append(required, name)
				}
			}
		}
		add(t)
		s := map[string]any{"type": "object", "properties": props, "additionalProperties": false}
		if len(required) > 0 {
			s["required"] = required
		}
		return s
	}
	return map[string]any{}
}
