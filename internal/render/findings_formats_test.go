package render

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"io"
	"strings"
	"testing"

	"github.com/ocotool/oco/internal/programme"
)

// findingsFixture has what machine formats must survive: characters that
// are markup in XML, GitHub's separators, line breaks, a control
// character, a finding about a whole file and a rule outside the catalogue.
func findingsFixture() []programme.Finding {
	return []programme.Finding{
		{Pos: programme.Pos{File: "programme/milestones.yaml", Line: 42, Col: 5}, Severity: programme.Error, Rule: "dependency-order",
			Message: "M-12 is due 2017-07-31, before its predecessor M-40 (2017-10-01)", ID: "M-12"},
		{Pos: programme.Pos{File: "programme/a,b:c.yaml", Line: 3, Col: 1}, Severity: programme.Warning, Rule: "unowned",
			Message: "100% <sure> & \"quoted\"\r\nsecond line \x01", ID: "R-1"},
		{Pos: programme.Pos{File: "programme/x.yaml"}, Severity: programme.Error, Rule: "syntax", Message: "cannot read: permission denied"},
		{Pos: programme.Pos{File: "programme/y.yaml", Line: 1, Col: 1}, Severity: programme.Warning, Rule: "made-up", Message: "m"},
	}
}

var fixtureRules = []Rule{
	{Name: "syntax", Severity: programme.Error, Doc: "The file is not valid YAML."},
	{Name: "dependency-order", Severity: programme.Error, Doc: "A milestone due before a predecessor."},
	{Name: "unowned", Severity: programme.Warning, Doc: "No owner."},
	{Name: "overdue", Severity: programme.Warning, Doc: "Past its date."},
}

func TestFindingsJSON(t *testing.T) {
	var buf bytes.Buffer
	if err := FindingsJSON(&buf, findingsFixture()); err != nil {
		t.Fatal(err)
	}
	var got []map[string]any
	if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, buf.String())
	}
	if len(got) != 4 || got[0]["file"] != "programme/milestones.yaml" || got[0]["line"] != 42.0 || got[0]["column"] != 5.0 ||
		got[0]["severity"] != "error" || got[0]["rule"] != "dependency-order" || got[0]["id"] != "M-12" {
		t.Errorf("got %v", got)
	}
	buf.Reset()
	FindingsJSON(&buf, nil)
	if buf.String() != "[]\n" {
		t.Errorf("no findings: %q, want []", buf.String())
	}
}

func TestFindingsGitHub(t *testing.T) {
	var buf bytes.Buffer
	if err := FindingsGitHub(&buf, findingsFixture()); err != nil {
		t.Fatal(err)
	}
	want := "::error file=programme/milestones.yaml,line=42,col=5,title=dependency-order::M-12 is due 2017-07-31, before its predecessor M-40 (2017-10-01)\n" +
		"::warning file=programme/a%2Cb%3Ac.yaml,line=3,col=1,title=unowned::100%25 <sure> & \"quoted\"%0D%0Asecond line \x01\n" +
		"::error file=programme/x.yaml,title=syntax::cannot read: permission denied\n" +
		"::warning file=programme/y.yaml,line=1,col=1,title=made-up::m\n"
	if buf.String() != want {
		t.Errorf("got\n%s\nwant\n%s", buf.String(), want)
	}
}

func TestFindingsJUnitIsWellFormed(t *testing.T) {
	var buf bytes.Buffer
	if err := FindingsJUnit(&buf, findingsFixture(), fixtureRules); err != nil {
		t.Fatal(err)
	}
	dec := xml.NewDecoder(bytes.NewReader(buf.Bytes()))
	for {
		_, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v\n%s", err, buf.String())
		}
	}
	var doc junitSuites
	if err := xml.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	s := doc.Suites[0]
	// One case per rule of the catalogue, plus the rule outside it. Only
	// errors fail; warnings are listed beside their case.
	if s.Tests != 5 || s.Failures != 2 || len(s.Cases) != 5 || doc.Tests != 5 || doc.Failures != 2 {
		t.Errorf("tests %d failures %d cases %d", s.Tests, s.Failures, len(s.Cases))
	}
	for _, c := range s.Cases {
		errs := c.Name == "dependency-order" || c.Name == "syntax"
		warns := c.Name == "unowned" || c.Name == "made-up"
		if (c.Failure != nil) != errs || (c.SystemOut != "") != warns {
			t.Errorf("case %s: failure %v, system-out %q", c.Name, c.Failure, c.SystemOut)
		}
	}
	if !strings.Contains(buf.String(), "programme/milestones.yaml:42:5: error: M-12 is due") {
		t.Errorf("no position in\n%s", buf.String())
	}
}

func TestFindingsSARIF(t *testing.T) {
	var buf bytes.Buffer
	if err := FindingsSARIF(&buf, findingsFixture(), fixtureRules, "v1.0.0"); err != nil {
		t.Fatal(err)
	}
	var log struct {
		Schema  string `json:"$schema"`
		Version string `json:"version"`
		Runs    []struct {
			Tool struct {
				Driver struct {
					Name  string `json:"name"`
					Rules []struct {
						ID   string `json:"id"`
						Help struct {
							Text     string `json:"text"`
							Markdown string `json:"markdown"`
						} `json:"help"`
						HelpURI string `json:"helpUri"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			Results []struct {
				RuleID    string `json:"ruleId"`
				RuleIndex int    `json:"ruleIndex"`
				Level     string `json:"level"`
				Message   struct {
					Text string `json:"text"`
				} `json:"message"`
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct {
							URI string `json:"uri"`
						} `json:"artifactLocation"`
						Region *struct {
							StartLine   int `json:"startLine"`
							StartColumn int `json:"startColumn"`
						} `json:"region"`
					} `json:"physicalLocation"`
				} `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	dec := json.NewDecoder(bytes.NewReader(buf.Bytes()))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&log); err != nil {
		// Unknown fields are fine for SARIF but mean this test misses them.
		if !strings.Contains(err.Error(), "unknown field") {
			t.Fatalf("not JSON: %v", err)
		}
		if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
			t.Fatal(err)
		}
	}
	if log.Version != "2.1.0" || !strings.Contains(log.Schema, "sarif") || len(log.Runs) != 1 {
		t.Fatalf("header: %q %q", log.Version, log.Schema)
	}
	run := log.Runs[0]
	if run.Tool.Driver.Name != "oco" || len(run.Tool.Driver.Rules) != 5 {
		t.Errorf("driver %+v", run.Tool.Driver)
	}
	for _, r := range run.Tool.Driver.Rules {
		if r.Help.Text == "" || r.Help.Markdown == "" || r.HelpURI != "https://github.com/ocotool/oco/blob/main/README.md#rule-"+r.ID {
			t.Errorf("rule %s: help %+v, helpUri %q", r.ID, r.Help, r.HelpURI)
		}
	}
	if len(run.Results) != 4 {
		t.Fatalf("%d results", len(run.Results))
	}
	for _, r := range run.Results {
		if run.Tool.Driver.Rules[r.RuleIndex].ID != r.RuleID {
			t.Errorf("result %s points at rule %d", r.RuleID, r.RuleIndex)
		}
	}
	r0 := run.Results[0].Locations[0].PhysicalLocation
	if r0.ArtifactLocation.URI != "programme/milestones.yaml" || r0.Region.StartLine != 42 || r0.Region.StartColumn != 5 || run.Results[0].Level != "error" {
		t.Errorf("first result: %+v", r0)
	}
	if u := run.Results[1].Locations[0].PhysicalLocation.ArtifactLocation.URI; u != "programme/a,b:c.yaml" {
		t.Errorf("uri %q", u)
	}
	if run.Results[2].Locations[0].PhysicalLocation.Region != nil {
		t.Errorf("a finding about a whole file has a region")
	}
}

func TestSARIFURI(t *testing.T) {
	for in, want := range map[string]string{
		"programme/m.yaml":     "programme/m.yaml",
		"a b/c#d.yaml":         "a%20b/c%23d.yaml",
		"/abs/programme/x.yml": "file:///abs/programme/x.yml",
		"c:odd.yaml":           "./c:odd.yaml",
	} {
		if got := sarifURI(in); got != want {
			t.Errorf("sarifURI(%q) = %q, want %q", in, got, want)
		}
	}
}
