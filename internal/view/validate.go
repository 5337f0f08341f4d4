package view

import "github.com/ocotool/oco/internal/programme"

// Summary is what validate concludes from its findings: how many of each
// severity, and whether the run fails at the threshold asked for.
type Summary struct {
	Errors, Warnings int
	Failed           bool
}

// Summarise counts the findings and judges them against threshold: any
// finding at or above it fails the run.
func Summarise(fs []programme.Finding, threshold programme.Severity) Summary {
	var s Summary
	s.Errors, s.Warnings = programme.Count(fs)
	for _, f := range fs {
		if f.Severity >= threshold {
			s.Failed = true
			break
		}
	}
	return s
}
