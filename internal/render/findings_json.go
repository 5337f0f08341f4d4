package render

import (
	"io"

	"github.com/ocotool/oco/internal/programme"
)

// FindingJSON is one finding as `oco validate --format json` prints it.
// The field names are an interface: scripts depend on them.
type FindingJSON struct {
	File     string `json:"file"`
	Line     int    `json:"line"`
	Column   int    `json:"column"`
	Severity string `json:"severity"`
	Rule     string `json:"rule"`
	Message  string `json:"message"`
	ID       string `json:"id,omitempty"`
}

// FindingsJSONList converts findings to their JSON shape; never nil, so
// that no findings print as [].
func FindingsJSONList(fs []programme.Finding) []FindingJSON {
	out := make([]FindingJSON, 0, len(fs))
	for _, f := range fs {
		out = append(out, FindingJSON{File: f.Pos.File, Line: f.Pos.Line, Column: f.Pos.Col,
			Severity: f.Severity.String(), Rule: f.Rule, Message: f.Message, ID: f.ID})
	}
	return out
}

// FindingsJSON writes findings as a JSON list of objects.
func FindingsJSON(w io.Writer, fs []programme.Finding) error {
	return JSON(w, FindingsJSONList(fs))
}
