package render

import (
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"strings"

	"github.com/ocotool/oco/internal/programme"
)

// SARIF 2.1.0, the subset code-scanning services read: a tool with its
// rule catalogue, and results with physical locations.
type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool    sarifTool     `json:"tool"`
	Results []sarifResult `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version,omitempty"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string       `json:"id"`
	ShortDescription     sarifMessage `json:"shortDescription"`
	Help                 sarifHelp    `json:"help"`
	HelpURI              string       `json:"helpUri"`
	DefaultConfiguration struct {
		Level string `json:"level"`
	} `json:"defaultConfiguration"`
}

type sarifMessage struct {
	Text string `json:"text"`
}

type sarifHelp struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown"`
}

// RuleHelpURI is where the README explains a rule: each has an anchor
// rule-NAME in its list of checks.
func RuleHelpURI(name string) string {
	return "https://github.com/ocotool/oco/blob/main/README.md#rule-" + name
}

type sarifResult struct {
	RuleID    string          `json:"ruleId"`
	RuleIndex int             `json:"ruleIndex"`
	Level     string          `json:"level"`
	Message   sarifMessage    `json:"message"`
	Locations []sarifLocation `json:"locations,omitempty"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
}

type sarifPhysical struct {
	ArtifactLocation struct {
		URI string `json:"uri"`
	} `json:"artifactLocation"`
	Region *sarifRegion `json:"region,omitempty"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
}

const sarifSchema = "https://json.schemastore.org/sarif-2.1.0.json"

// FindingsSARIF writes findings as a SARIF 2.1.0 log for code scanning,
// with the rule catalogue so that each result links to its rule. version
// is oco's own.
func FindingsSARIF(w io.Writer, fs []programme.Finding, rules []Rule, version string) error {
	index := map[string]int{}
	drv := sarifDriver{Name: "oco", Version: version, InformationURI: "https://github.com/ocotool/oco"}
	addRule := func(r Rule) {
		index[r.Name] = len(drv.Rules)
		sr := sarifRule{ID: r.Name, ShortDescription: sarifMessage{Text: r.Doc}}
		if sr.ShortDescription.Text == "" {
			sr.ShortDescription.Text = r.Name
		}
		sr.DefaultConfiguration.Level = r.Severity.String()
		sr.HelpURI = RuleHelpURI(r.Name)
		sr.Help.Text = fmt.Sprintf("%s (%s): %s See %s", r.Name, r.Severity, sr.ShortDescription.Text, sr.HelpURI)
		sr.Help.Markdown = fmt.Sprintf("**%s** (%s): %s\n\n[Read more](%s)", r.Name, r.Severity, sr.ShortDescription.Text, sr.HelpURI)
		drv.Rules = append(drv.Rules, sr)
	}
	for _, r := range rules {
		addRule(r)
	}
	run := sarifRun{Results: []sarifResult{}}
	for _, f := range fs {
		if _, ok := index[f.Rule]; !ok {
			addRule(Rule{Name: f.Rule, Severity: f.Severity})
		}
		res := sarifResult{RuleID: f.Rule, RuleIndex: index[f.Rule], Level: f.Severity.String(), Message: sarifMessage{Text: f.Message}}
		if f.Pos.File != "" && f.Pos.File != "-" {
			var loc sarifLocation
			loc.PhysicalLocation.ArtifactLocation.URI = sarifURI(f.Pos.File)
			if f.Pos.Line > 0 {
				loc.PhysicalLocation.Region = &sarifRegion{StartLine: f.Pos.Line, StartColumn: f.Pos.Col}
			}
			res.Locations = []sarifLocation{loc}
		}
		run.Results = append(run.Results, res)
	}
	if drv.Rules == nil {
		drv.Rules = []sarifRule{}
	}
	run.Tool.Driver = drv
	return JSON(w, sarifLog{Schema: sarifSchema, Version: "2.1.0", Runs: []sarifRun{run}})
}

// sarifURI makes a file name a URI reference: relative paths stay
// relative (to the directory the tool ran in), absolute ones become file
// URIs, and characters URIs cannot hold are escaped.
func sarifURI(file string) string {
	slash := filepath.ToSlash(file)
	if filepath.IsAbs(file) || strings.HasPrefix(slash, "/") {
		if !strings.HasPrefix(slash, "/") {
			slash = "/" + slash // a Windows drive path
		}
		return (&url.URL{Scheme: "file", Path: slash}).String()
	}
	return (&url.URL{Path: slash}).String()
}
