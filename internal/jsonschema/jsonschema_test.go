package jsonschema

import (
	"strings"
	"testing"
)

// Keywords beside $ref apply; a keyword the checker does not know is an
// error, not a pass; each problem names its path.
func TestCheck(t *testing.T) {
	schema := []byte(`{"$defs": {"text": {"type": ["string", "number"]}},
		"type": "object", "required": ["title"], "additionalProperties": false,
		"properties": {"title": {"$ref": "#/$defs/text", "pattern": "\\S"}, "n": {"type": "integer", "minimum": 1, "maximum": 5},
			"rag": {"enum": ["red", "amber", "green"]}, "ids": {"type": "array", "items": {"type": "string"}}}}`)
	for doc, want := range map[string]string{
		`{"title": "Day 1", "n": 3, "rag": "red", "ids": ["M-1"]}`: "",
		`{"title": "  "}`:                 `$.title: "  " does not match \S`,
		`{"title": true}`:                 "$.title: want a string or a number, got a boolean",
		`{"n": 2}`:                        "$: title is missing",
		`{"title": "t", "n": 9}`:          "$.n: 9 is above 5",
		`{"title": "t", "n": 1.5}`:        "$.n: want an integer, got a number",
		`{"title": "t", "rag": "blue"}`:   "$.rag: blue is not one of [red amber green]",
		`{"title": "t", "ids": [1]}`:      "$.ids[0]: want a string, got a number",
		`{"title": "t", "colour": "red"}`: "$: colour is not in the schema",
	} {
		problems, err := Check(schema, []byte(doc))
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(problems, "; "); got != want {
			t.Errorf("%s: got %q, want %q", doc, got, want)
		}
	}
	if _, err := Check([]byte(`{"type": "string", "minLength": 1}`), []byte(`"x"`)); err == nil || !strings.Contains(err.Error(), `"minLength"`) {
		t.Errorf("an unknown keyword: error %v, want one naming it", err)
	}
}
