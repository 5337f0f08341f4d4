package programme

import (
	"bytes"
	"encoding/json"
	"strings"
)

// SchemaID is where the schema of the file format is published, for the
// $id of the document `oco schema` prints.
const SchemaID = "https://github.com/ocotool/oco/schema/programme.schema.json"

// Patterns of the format's values, shared with editors through the
// schema. The loader checks dates as real calendar dates; the schema can
// only check their shape.
const (
	IDPattern   = `^[A-Za-z][A-Za-z0-9._-]{0,63}$`
	DatePattern = `^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$`
	LagPattern  = `^-?[0-9]{1,6}(d|w|wd)$`
)

// Schema returns a JSON Schema (draft 2020-12) of a programme file, made
// from the same field definitions the loader reads, so the two cannot
// drift apart. It describes one file: every section is optional, since a
// programme may be split across files.
func Schema() []byte {
	defs := map[string]any{
		"id":   obj("type", "string", "pattern", IDPattern, "description", "letters, digits, - _ . ; starting with a letter; at most 64 characters"),
		"date": obj("type", "string", "pattern", DatePattern, "format", "date", "description", "a calendar date, YYYY-MM-DD"),
		"lag":  obj("type", "string", "pattern", LagPattern, "description", "a whole number of days, weeks or working days: 10d, 2w, 5wd; negative for a lead"),
		// The loader reads any scalar as text, so a title of 2017 is
		// text too.
		"text": obj("type", []string{"string", "number", "boolean"}),
	}
	props := map[string]any{}
	for _, s := range Sections {
		defs[string(s.Kind)] = itemSchema(string(s.Kind), Fields(s.Kind))
		ref := obj("$ref", "#/$defs/"+string(s.Kind))
		if s.Kind == KindProgramme {
			props[s.Name] = ref
			continue
		}
		props[s.Name] = obj("type", []string{"array", "null"}, "items", ref)
	}
	root := obj(
		"$schema", "https://json-schema.org/draft/2020-12/schema",
		"$id", SchemaID,
		"title", "oco programme file",
		"description", "One YAML file of a programme directory: a mapping of sections. `programme` must appear in exactly one file of the directory.",
		"type", []string{"object", "null"},
		"additionalProperties", false,
		"properties", props,
		"$defs", defs,
	)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(root); err != nil {
		panic("programme: schema does not encode: " + err.Error()) // a bug, not input
	}
	return buf.Bytes()
}

// obj builds a JSON object from key, value pairs. encoding/json sorts map
// keys, so the output is stable.
func obj(kv ...any) map[string]any {
	m := make(map[string]any, len(kv)/2)
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i].(string)] = kv[i+1]
	}
	return m
}

func itemSchema(title string, fields []Field) map[string]any {
	props := map[string]any{}
	var required []string
	for _, f := range fields {
		v := valueSchema(f)
		if !f.Required {
			// The loader reads an empty value as an absent one.
			v = obj("anyOf", []any{v, obj("type", "null")})
		} else {
			required = append(required, f.Name)
		}
		props[f.Name] = v
	}
	s := obj("type", "object", "additionalProperties", false, "properties", props)
	if title != "" {
		s["title"] = title
	}
	if len(required) > 0 {
		s["required"] = required
	}
	return s
}

func valueSchema(f Field) map[string]any {
	switch f.Kind {
	case KindID:
		return obj("$ref", "#/$defs/id")
	case KindRef:
		return withRefs(obj("$ref", "#/$defs/id"), f.Refs)
	case KindRefs:
		return withRefs(obj("type", "array", "items", obj("$ref", "#/$defs/id")), f.Refs)
	case KindDate:
		return obj("$ref", "#/$defs/date")
	case KindLag:
		return obj("$ref", "#/$defs/lag")
	case KindEnum:
		return obj("enum", f.Enum)
	case KindNumber:
		s := obj("type", "number")
		if f.HasRange {
			s["minimum"], s["maximum"] = f.Min, f.Max
		}
		return s
	case KindWeekdays:
		return obj("type", "array", "items", obj("enum", Weekdays[:]))
	case KindHolidays:
		return obj("type", "array", "items", obj("anyOf", []any{
			obj("$ref", "#/$defs/date"),
			itemSchema("", f.Sub),
		}))
	case KindInt:
		s := obj("type", "integer")
		if f.HasRange {
			s["minimum"], s["maximum"] = f.Min, f.Max
		}
		return s
	case KindDeps:
		return obj("type", "array", "items", obj("anyOf", []any{
			obj("$ref", "#/$defs/id"),
			itemSchema("", f.Sub),
		}))
	case KindStruct:
		return itemSchema("", f.Sub)
	case KindMap:
		return obj("type", "object", "propertyNames", obj("$ref", "#/$defs/id"), "additionalProperties", itemSchema("", f.Sub))
	}
	if f.Required {
		// A required text of only spaces is as missing as no text.
		return obj("$ref", "#/$defs/text", "pattern", `\S`)
	}
	return obj("$ref", "#/$defs/text")
}

// withRefs says in a description which kinds of item a reference names.
func withRefs(s map[string]any, refs []Kind) map[string]any {
	if len(refs) == 0 {
		s["description"] = "the id of any item"
		return s
	}
	names := make([]string, len(refs))
	for i, r := range refs {
		names[i] = string(r)
	}
	s["description"] = "the id of a " + strings.Join(names, " or ")
	return s
}
