package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/ocotool/oco/internal/jsonschema"
)

// TestOutputMatchesSchema holds every -o json of every kind to the schema
// oco schema --output prints (SPEC 7.1): each listing, and the item oco
// show prints, on the shipped programme as it stands, as it would be later
// in its life, and with a milestone whose date is missing.
func TestOutputMatchesSchema(t *testing.T) {
	var schema bytes.Buffer
	if code := Run(&Env{Out: &schema, Err: &schema, Getenv: func(string) string { return "" }}, []string{"schema", "--output"}); code != 0 {
		t.Fatalf("oco schema --output: exit %d\n%s", code, schema.String())
	}
	var root map[string]any
	if err := json.Unmarshal(schema.Bytes(), &root); err != nil {
		t.Fatalf("the schema is not JSON: %v", err)
	}
	of := func(s map[string]any) []byte {
		r := map[string]any{"$defs": root["$defs"]}
		for k, v := range s {
			r[k] = v
		}
		b, _ := json.Marshal(r)
		return b
	}
	listing := map[string]string{"phases": "phase", "milestones": "milestone", "risks": "risk",
		"assumptions": "assumption", "issues": "issue", "decisions": "decision", "benefits": "benefit"}
	shows := map[string]string{"P5": "phase", "M-42": "milestone", "R-03": "risk", "A-01": "assumption",
		"I-01": "issue", "D-05": "decision", "B-01": "benefit", "coo": "person", "JLT": "body"}

	for _, asOf := range []string{"2017-06-30", "2017-11-30", "2018-06-30"} {
		for cmd, kind := range listing {
			out := runOut(t, "-C", "../../programme", "--as-of", asOf, cmd, "-o", "json")
			fitsSchema(t, cmd+" --as-of "+asOf, of(map[string]any{"type": "array", "items": map[string]any{"$ref": "#/$defs/" + kind}}), out)
		}
		for id, kind := range shows {
			out := runOut(t, "-C", "../../programme", "--as-of", asOf, "show", id, "-o", "json")
			var doc map[string]json.RawMessage
			if err := json.Unmarshal(out, &doc); err != nil {
				t.Fatalf("show %s: %v", id, err)
			}
			fitsSchema(t, "show "+id, of(map[string]any{"$ref": "#/$defs/" + kind}), doc["item"])
		}
	}
	// A missing date leaves fields out rather than printing them empty.
	dir := t.TempDir()
	src := "programme: {id: P, name: N, start: 2017-01-01, end: 2017-12-31, as_of: 2017-06-01}\n" +
		"milestones:\n  - {id: M-1, title: T, due: 2017-02-30}\n  - {id: M-2, title: U, due: 2017-09-01, depends_on: [M-1]}\n"
	if err := os.WriteFile(dir+"/programme.yaml", []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	out := runOut(t, "-C", dir, "milestones", "-o", "json")
	fitsSchema(t, "milestones with a missing date", of(map[string]any{"type": "array", "items": map[string]any{"$ref": "#/$defs/milestone"}}), out)
	if strings.Contains(string(out), `"due": ""`) || strings.Contains(string(out), "null") {
		t.Errorf("a missing date printed as a value:\n%s", out)
	}
}

func runOut(t *testing.T, args ...string) []byte {
	t.Helper()
	out, code := runOco(t, ".", args...)
	if code > ExitFailed {
		t.Fatalf("oco %s: exit %d", strings.Join(args, " "), code)
	}
	return []byte(out)
}

func fitsSchema(t *testing.T, what string, schema, out []byte) {
	t.Helper()
	problems, err := jsonschema.Check(schema, out)
	if err != nil {
		t.Fatalf("%s: %v\n%s", what, err, out)
	}
	for _, p := range problems {
		t.Errorf("%s: %s", what, p)
	}
}
