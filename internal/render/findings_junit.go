package render

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"github.com/ocotool/oco/internal/programme"
)

// Rule describes a check for the formats that carry a catalogue of rules
// (JUnit, SARIF): its name, its severity and when it fires.
type Rule struct {
	Name     string
	Severity programme.Severity
	Doc      string
}

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Skipped  int         `xml:"skipped,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	ClassName string        `xml:"classname,attr"`
	Failure   *junitFailure `xml:"failure,omitempty"`
	SystemOut string        `xml:"system-out,omitempty"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

// FindingsJUnit writes findings as JUnit XML: one test case per rule, which
// fails when the rule has errors, so that CI systems that read test
// reports show which checks failed and where. Warnings do not fail a case
// (they do not fail oco validate either): they are listed in the case's
// system-out, which test report viewers show beside it. Rules not in the
// catalogue get a case of their own.
func FindingsJUnit(w io.Writer, fs []programme.Finding, rules []Rule) error {
	byRule := map[string][]programme.Finding{}
	for _, f := range fs {
		byRule[f.Rule] = append(byRule[f.Rule], f)
	}
	known := map[string]bool{}
	for _, r := range rules {
		known[r.Name] = true
	}
	for _, f := range fs {
		if !known[f.Rule] {
			known[f.Rule] = true
			rules = append(rules, Rule{Name: f.Rule, Severity: f.Severity})
		}
	}
	suite := junitSuite{Name: "oco validate"}
	for _, r := range rules {
		c := junitCase{Name: r.Name, ClassName: "oco.validate." + r.Severity.String()}
		if found := byRule[r.Name]; len(found) > 0 {
			var text strings.Builder
			sev := programme.Warning
			for _, f := range found {
				fmt.Fprintf(&text, "%s\n", f)
				sev = max(sev, f.Severity)
			}
			if sev >= programme.Error {
				c.Failure = &junitFailure{Message: programme.Plural(len(found), "finding"), Type: sev.String(), Text: text.String()}
				suite.Failures++
			} else {
				c.SystemOut = text.String()
			}
		}
		suite.Tests++
		suite.Cases = append(suite.Cases, c)
	}
	doc := junitSuites{Name: suite.Name, Tests: suite.Tests, Failures: suite.Failures, Suites: []junitSuite{suite}}
	out, err := xml.MarshalIndent(doc, "", "  ")
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "%s%s\n", xml.Header, out)
	return err
}
