package render

import (
	"strings"
	"testing"

	"github.com/ocotool/oco/internal/jsonschema"
)

type schemaRec struct {
	ID      string   `json:"id"`
	Due     fakeDate `json:"due,omitempty"`
	Affects []string `json:"affects"`
	Slack   *int     `json:"slack,omitempty"`
}

type fakeDate int

func (fakeDate) MarshalText() ([]byte, error) { return nil, nil }

// The schema says what a record must be, and the validator finds each way
// output can break it: a null list, a missing field, a field too many, a
// date that is no date, a number where text belongs.
func TestOutputSchema(t *testing.T) {
	schema, err := OutputSchema([]Shape{{Kind: "rec", Record: schemaRec{}}})
	if err != nil {
		t.Fatal(err)
	}
	for doc, want := range map[string]string{
		`[{"id": "A", "affects": [], "due": "2017-01-02", "slack": 3}]`: "",
		`[{"id": "A", "affects": null}]`:                                "$[0].affects: want a list, got null",
		`[{"affects": []}]`:                                             "$[0]: id is missing",
		`[{"id": "A", "affects": [], "colour": "red"}]`:                 "$[0]: colour is not in the schema",
		`[{"id": "A", "affects": [], "due": "someday"}]`:                `$[0].due: "someday" does not match`,
		`[{"id": 7, "affects": []}]`:                                    "$[0].id: want a string, got a number",
		`{"id": "A"}`:                                                   "$: want a list, got an object",
	} {
		problems, err := jsonschema.Check(schema, []byte(doc))
		if err != nil {
			t.Fatal(err)
		}
		got := strings.Join(problems, "; ")
		if want == "" && got != "" || !strings.Contains(got, want) {
			t.Errorf("%s: got %q, want %q", doc, got, want)
		}
	}
}
