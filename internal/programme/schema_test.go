package programme

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"go.yaml.in/yaml/v3"

	"github.com/ocotool/oco/internal/jsonschema"
)

// toJSON converts a YAML document to the values JSON would give it, as an
// editor's YAML language server does before it applies a schema.
func toJSON(t *testing.T, src string) any {
	t.Helper()
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(src), &doc); err != nil {
		t.Fatalf("not YAML: %v", err)
	}
	if len(doc.Content) == 0 {
		return nil
	}
	return nodeValue(t, doc.Content[0])
}

func nodeValue(t *testing.T, n *yaml.Node) any {
	for n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	switch n.Kind {
	case yaml.MappingNode:
		m := map[string]any{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			m[n.Content[i].Value] = nodeValue(t, n.Content[i+1])
		}
		return m
	case yaml.SequenceNode:
		l := []any{}
		for _, c := range n.Content {
			l = append(l, nodeValue(t, c))
		}
		return l
	}
	switch n.Tag {
	case "!!null":
		return nil
	case "!!bool":
		return n.Value == "true"
	case "!!int", "!!float":
		f, err := strconv.ParseFloat(n.Value, 64)
		if err != nil {
			return n.Value
		}
		return f
	}
	return n.Value
}

// validator checks values against the schema, failing the test where the
// schema uses a keyword the checker does not know.
type validator struct {
	t    *testing.T
	root map[string]any
}

func (v *validator) check(schema map[string]any, val any, path string) []string {
	v.t.Helper()
	errs, err := jsonschema.CheckValue(schema, val)
	if err != nil {
		v.t.Fatalf("%s: %v", path, err)
	}
	for i, e := range errs {
		errs[i] = path + strings.TrimPrefix(e, "$")
	}
	return errs
}

func schemaValidator(t *testing.T) *validator {
	var root map[string]any
	if err := json.Unmarshal(Schema(), &root); err != nil {
		t.Fatalf("the schema is not JSON: %v", err)
	}
	if root["$schema"] != "https://json-schema.org/draft/2020-12/schema" {
		t.Errorf("$schema = %v", root["$schema"])
	}
	return &validator{t: t, root: root}
}

func TestSchemaAcceptsTheShippedProgramme(t *testing.T) {
	v := schemaValidator(t)
	files, _ := filepath.Glob("../../programme/*.yaml")
	if len(files) == 0 {
		t.Fatal("no shipped programme")
	}
	for _, name := range files {
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range v.check(v.root, toJSON(t, string(src)), filepath.Base(name)) {
			t.Error(e)
		}
	}
}

// Every file the loader reads without a problem of shape or value, the
// schema accepts; every such problem, the schema rejects.
func TestSchemaAgreesWithTheLoader(t *testing.T) {
	v := schemaValidator(t)
	const head = "programme: {id: P, name: P, start: 2017-01-01, end: 2017-12-31}\n"
	valid := []string{
		head,
		"",
		head + "people:\n  - {id: ann, name: Ann}\nmilestones:\n  - id: M-1\n    title: 2017\n    due: 2017-02-01\n    forecast:\n    depends_on: [M-0, {id: M-2, lag: 2w}]\nrisks:\n  - {id: R-1, title: r, likelihood: 5, impact: 1, status: occurred, target: {likelihood: 1, impact: 1}}\n",
		head + "milestones:\n",
		"programme:\n  id: P\n  name: P\n  start: 2017-01-01\n  end: 2017-12-31\n  tolerances: {amber_days: 7, red_days: 0}\n  risk_bands: {amber: 4, red: 12}\n",
		head + "calendars:\n  - {id: office, workdays: [mon, tue], holidays: [2017-05-01, {date: 2017-05-02, name: Away day}], extends: england-and-wales}\n" +
			"milestones:\n  - {id: M-1, title: t, due: 2017-02-01, calendar: office, estimate: {early: 2wd, late: 10d}, depends_on: [{id: M-1x, type: ss, lag: -5wd}]}\n  - {id: M-1x, title: t, due: 2017-01-02}\n" +
			"risks:\n  - {id: R-1, title: r, schedule: {min: 1d, likely: 5d, max: 3w}}\n",
		"programme: {id: P, name: P, start: 2017-01-01, end: 2017-12-31, calendar: scotland, risk_probability: {1: 0.1, 5: 1}}\n",
	}
	invalid := map[string]string{
		"unknown field":      head + "milestones:\n  - {id: M-1, title: t, due: 2017-01-01, colour: red}\n",
		"unknown section":    head + "milestone:\n  - {id: M-1, title: t, due: 2017-01-01}\n",
		"bad enum":           head + "risks:\n  - {id: R-1, title: r, status: maybe}\n",
		"likelihood 0":       head + "risks:\n  - {id: R-1, title: r, likelihood: 0}\n",
		"text for a number":  head + "risks:\n  - {id: R-1, title: r, impact: high}\n",
		"bad date":           head + "milestones:\n  - {id: M-1, title: t, due: 2017-13-01}\n",
		"bad lag":            head + "milestones:\n  - {id: M-1, title: t, due: 2017-01-01, depends_on: [{id: M-0, lag: 3m}]}\n",
		"bad id":             head + "milestones:\n  - {id: 1st, title: t, due: 2017-01-01}\n",
		"missing title":      head + "milestones:\n  - {id: M-1, due: 2017-01-01}\n",
		"blank title":        head + "milestones:\n  - {id: M-1, title: '  ', due: 2017-01-01}\n",
		"list for a mapping": "programme: [1, 2]\n",
		"mapping for a list": head + "milestones: {id: M-1}\n",
		"unknown tolerance":  "programme: {id: P, name: P, start: 2017-01-01, end: 2017-12-31, tolerances: {amber: 3}}\n",
		"bad weekday":        head + "calendars:\n  - {id: c, workdays: [monday]}\n",
		"bad holiday":        head + "calendars:\n  - {id: c, holidays: [easter]}\n",
		"bad link type":      head + "milestones:\n  - {id: M-1, title: t, due: 2017-01-01, depends_on: [{id: M-0, type: fx}]}\n",
		"probability over 1": "programme: {id: P, name: P, start: 2017-01-01, end: 2017-12-31, risk_probability: {3: 1.5}}\n",
		"text probability":   "programme: {id: P, name: P, start: 2017-01-01, end: 2017-12-31, risk_probability: {3: high}}\n",
	}
	for i, src := range valid {
		if errs := v.check(v.root, toJSON(t, src), "valid"); len(errs) > 0 {
			t.Errorf("valid file %d: %v", i, errs)
		}
		p := Load(fstest.MapFS{"p.yaml": {Data: []byte(src)}}, "")
		for _, f := range p.Findings {
			if f.Rule != "missing-field" || src != "" {
				t.Errorf("valid file %d: the loader finds %v", i, f)
			}
		}
	}
	for name, src := range invalid {
		if errs := v.check(v.root, toJSON(t, src), name); len(errs) == 0 {
			t.Errorf("%s: the schema accepts it", name)
		}
		if p := Load(fstest.MapFS{"p.yaml": {Data: []byte(src)}}, ""); len(p.Findings) == 0 {
			t.Errorf("%s: the loader accepts it", name)
		}
	}
}

// The schema names every field of every kind, with the loader's own
// required fields.
func TestSchemaCoversTheFields(t *testing.T) {
	v := schemaValidator(t)
	defs := v.root["$defs"].(map[string]any)
	for _, s := range Sections {
		def := defs[string(s.Kind)].(map[string]any)
		props := def["properties"].(map[string]any)
		var req []string
		for _, f := range Fields(s.Kind) {
			if _, ok := props[f.Name]; !ok {
				t.Errorf("%s: no property %s", s.Kind, f.Name)
			}
			if f.Required {
				req = append(req, f.Name)
			}
		}
		if got := fmt.Sprint(def["required"]); got != fmt.Sprint(req) && !(len(req) == 0 && def["required"] == nil) {
			t.Errorf("%s: required %v, want %v", s.Kind, got, req)
		}
	}
}
