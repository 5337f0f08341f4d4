// Package jsonschema checks JSON values against the part of JSON Schema
// 2020-12 that oco writes, in `oco schema` (the files) and `oco schema
// --output` (what -o json prints): $ref into $defs, type (one or a list),
// enum, pattern, minimum, maximum, required, properties,
// additionalProperties (false or a schema), items and anyOf. A keyword
// outside that part is an error, so that what oco writes cannot outgrow
// what its tests check. Tests use it; oco does not.
package jsonschema

import (
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"strings"
)

// Check checks the JSON document doc against the JSON schema schema and
// returns what does not fit, each with its JSON path ($[0].due).
func Check(schema, doc []byte) ([]string, error) {
	var s map[string]any
	if err := json.Unmarshal(schema, &s); err != nil {
		return nil, fmt.Errorf("schema: %w", err)
	}
	var v any
	if err := json.Unmarshal(doc, &v); err != nil {
		return nil, fmt.Errorf("document: %w", err)
	}
	return CheckValue(s, v)
}

// CheckValue is Check for a schema and a value already decoded from JSON
// (objects as map[string]any, numbers as float64).
func CheckValue(schema map[string]any, v any) ([]string, error) {
	c := &checker{root: schema, patterns: map[string]*regexp.Regexp{}}
	var out []string
	c.check(schema, v, "$", &out)
	return out, c.err
}

type checker struct {
	root     map[string]any
	patterns map[string]*regexp.Regexp
	err      error // the first keyword or schema checked wrongly
}

// annotations are the keywords that say nothing of a value.
var annotations = map[string]bool{"$schema": true, "$id": true, "title": true, "description": true, "format": true, "$defs": true}

func (c *checker) fail(format string, args ...any) {
	if c.err == nil {
		c.err = fmt.Errorf(format, args...)
	}
}

func (c *checker) check(s map[string]any, v any, path string, out *[]string) {
	for k := range s {
		switch k {
		case "$ref", "anyOf", "type", "enum", "pattern", "minimum", "maximum", "required", "properties", "additionalProperties", "items":
		default:
			if !annotations[k] {
				c.fail("%s: the schema uses keyword %q, which the checker does not know", path, k)
			}
		}
	}
	// Keywords beside $ref and anyOf apply too: {"$ref": "#/$defs/text",
	// "pattern": "\\S"} is text that is not blank.
	if ref, ok := s["$ref"].(string); ok {
		defs, _ := c.root["$defs"].(map[string]any)
		def, ok := defs[strings.TrimPrefix(ref, "#/$defs/")].(map[string]any)
		if !ok {
			c.fail("%s: $ref %s names nothing", path, ref)
			return
		}
		c.check(def, v, path, out)
	}
	if alts, ok := s["anyOf"].([]any); ok {
		c.anyOf(alts, v, path, out)
	}
	if !c.typed(s["type"], v, path, out) {
		return
	}
	if enum, ok := s["enum"].([]any); ok {
		found := false
		for _, e := range enum {
			found = found || e == v
		}
		if !found {
			*out = append(*out, fmt.Sprintf("%s: %v is not one of %v", path, v, enum))
		}
	}
	switch x := v.(type) {
	case string:
		if pat, ok := s["pattern"].(string); ok && !c.pattern(pat).MatchString(x) {
			*out = append(*out, fmt.Sprintf("%s: %q does not match %s", path, x, pat))
		}
	case float64:
		if lo, ok := s["minimum"].(float64); ok && x < lo {
			*out = append(*out, fmt.Sprintf("%s: %v is below %v", path, x, lo))
		}
		if hi, ok := s["maximum"].(float64); ok && x > hi {
			*out = append(*out, fmt.Sprintf("%s: %v is above %v", path, x, hi))
		}
	case []any:
		if items, ok := s["items"].(map[string]any); ok {
			for i, e := range x {
				c.check(items, e, fmt.Sprintf("%s[%d]", path, i), out)
			}
		}
	case map[string]any:
		c.object(s, x, path, out)
	}
}

// anyOf checks v against each alternative; where none fits, it says what
// is wrong by the one v comes nearest.
func (c *checker) anyOf(alts []any, v any, path string, out *[]string) {
	var best []string
	for i, a := range alts {
		var p []string
		alt, _ := a.(map[string]any)
		c.check(alt, v, path, &p)
		if len(p) == 0 {
			return
		}
		if i == 0 || len(p) < len(best) {
			best = p
		}
	}
	*out = append(*out, best...)
}

// typed reports whether v is of the type (or one of the types) t names,
// saying so where it is not; no type fits anything.
func (c *checker) typed(t any, v any, path string, out *[]string) bool {
	var types []string
	switch tt := t.(type) {
	case nil:
		return true
	case string:
		types = []string{tt}
	case []any:
		for _, x := range tt {
			s, _ := x.(string)
			types = append(types, s)
		}
	}
	for _, ty := range types {
		if isType(v, ty) {
			return true
		}
	}
	words := make([]string, len(types))
	for i, ty := range types {
		words[i] = typeWords[ty]
	}
	*out = append(*out, fmt.Sprintf("%s: want %s, got %s", path, strings.Join(words, " or "), kindOf(v)))
	return false
}

func (c *checker) object(s, obj map[string]any, path string, out *[]string) {
	props, _ := s["properties"].(map[string]any)
	if req, ok := s["required"].([]any); ok {
		for _, r := range req {
			name, _ := r.(string)
			if _, has := obj[name]; !has {
				*out = append(*out, fmt.Sprintf("%s: %s is missing", path, name))
			}
		}
	}
	for k, e := range obj {
		if ps, ok := props[k].(map[string]any); ok {
			c.check(ps, e, path+"."+k, out)
			continue
		}
		switch extra := s["additionalProperties"].(type) {
		case bool:
			if !extra {
				*out = append(*out, fmt.Sprintf("%s: %s is not in the schema", path, k))
			}
		case map[string]any:
			c.check(extra, e, path+"."+k, out)
		}
	}
}

// pattern compiles a pattern once a check.
func (c *checker) pattern(p string) *regexp.Regexp {
	re, ok := c.patterns[p]
	if !ok {
		var err error
		if re, err = regexp.Compile(p); err != nil {
			c.fail("pattern %q: %v", p, err)
			re = regexp.MustCompile("") // the check has failed already
		}
		c.patterns[p] = re
	}
	return re
}

var typeWords = map[string]string{"null": "null", "string": "a string", "boolean": "true or false", "number": "a number",
	"integer": "an integer", "array": "a list", "object": "an object"}

func isType(v any, ty string) bool {
	switch ty {
	case "null":
		return v == nil
	case "string":
		_, ok := v.(string)
		return ok
	case "boolean":
		_, ok := v.(bool)
		return ok
	case "number":
		_, ok := v.(float64)
		return ok
	case "integer":
		f, ok := v.(float64)
		return ok && f == math.Trunc(f)
	case "array":
		_, ok := v.([]any)
		return ok
	case "object":
		_, ok := v.(map[string]any)
		return ok
	}
	return false
}

// kindOf names what a JSON value is.
func kindOf(v any) string {
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
