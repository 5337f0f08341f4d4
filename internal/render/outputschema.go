package render

import (
	"encoding"
	"encoding/json"
	"fmt"
	"reflect"
	"regexp"
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

// ValidateOutput checks a JSON value against a schema OutputSchema made
// (the parts of JSON Schema it uses: $ref into $defs, type, properties,
// required, additionalProperties, items, pattern, anyOf), and returns what
// does not fit, each with its JSON path.
func ValidateOutput(schema []byte, doc []byte) ([]string, error) {
	var s, v any
	if err := json.Unmarshal(schema, &s); err != nil {
		return nil, fmt.Errorf("schema: %w", err)
	}
	if err := json.Unmarshal(doc, &v); err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	root, _ := s.(map[string]any)
	var problems []string
	validate(root, root, v, "$", &problems)
	return problems, nil
}

func validate(root, s map[string]any, v any, path string, out *[]string) {
	if ref, ok := s["$ref"].(string); ok {
		name := strings.TrimPrefix(ref, "#/$defs/")
		defs, _ := root["$defs"].(map[string]any)
		def, _ := defs[name].(map[string]any)
		validate(root, def, v, path, out)
		return
	}
	if alts, ok := s["anyOf"].([]any); ok {
		var best []string
		for i, a := range alts {
			var p []string
			validate(root, a.(map[string]any), v, path, &p)
			if len(p) == 0 {
				return
			}
			if i == 0 || len(p) < len(best) {
				best = p
			}
		}
		*out = append(*out, best...)
		return
	}
	typ, _ := s["type"].(string)
	switch typ {
	case "string":
		str, ok := v.(string)
		if !ok {
			*out = append(*out, fmt.Sprintf("%s: want a string, got %s", path, jsonKind(v)))
			return
		}
		if pat, ok := s["pattern"].(string); ok && !regexp.MustCompile(pat).MatchString(str) {
			*out = append(*out, fmt.Sprintf("%s: %q does not match %s", path, str, pat))
		}
	case "integer":
		if f, ok := v.(float64); !ok || f != float64(int64(f)) {
			*out = append(*out, fmt.Sprintf("%s: want an integer, got %s", path, jsonKind(v)))
		}
	case "number":
		if _, ok := v.(float64); !ok {
			*out = append(*out, fmt.Sprintf("%s: want a number, got %s", path, jsonKind(v)))
		}
	case "boolean":
		if _, ok := v.(bool); !ok {
			*out = append(*out, fmt.Sprintf("%s: want true or false, got %s", path, jsonKind(v)))
		}
	case "array":
		arr, ok := v.([]any)
		if !ok {
			*out = append(*out, fmt.Sprintf("%s: want a list, got %s", path, jsonKind(v)))
			return
		}
		if items, ok := s["items"].(map[string]any); ok {
			for i, e := range arr {
				validate(root, items, e, fmt.Sprintf("%s[%d]", path, i), out)
			}
		}
	case "object":
		obj, ok := v.(map[string]any)
		if !ok {
			*out = append(*out, fmt.Sprintf("%s: want an object, got %s", path, jsonKind(v)))
			return
		}
		props, _ := s["properties"].(map[string]any)
		if req, ok := s["required"].([]any); ok {
			for _, r := range req {
				if _, ok := obj[r.(string)]; !ok {
					*out = append(*out, fmt.Sprintf("%s: %s is missing", path, r))
				}
			}
		}
		for k, e := range obj {
			if ps, ok := props[k].(map[string]any); ok {
				validate(root, ps, e, path+"."+k, out)
				continue
			}
			switch extra := s["additionalProperties"].(type) {
			case bool:
				if !extra && props != nil {
					*out = append(*out, fmt.Sprintf("%s: %s is not in the schema", path, k))
				}
			case map[string]any:
				validate(root, extra, e, path+"."+k, out)
			}
		}
	}
}

func jsonKind(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case string:
		return "a string"
	case float64:
		return "a number"
	case bool:
		return "a boolean"
	case []any:
		return "a list"
	case map[string]any:
		return "an object"
	}
	return fmt.Sprintf("%T", v)
}
