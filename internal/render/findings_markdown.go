package render

import (
	"fmt"
	"io"
	"strings"

	"github.com/ocotool/oco/internal/programme"
)

// FindingsMarkdown writes every finding as a GitHub table, for a job
// summary or a pull-request comment: those new marks (the ones a change
// introduced) first and flagged, then the rest, each rule linked to its
// explanation. Nothing is left out, however many there are: this is where
// a reader finds what annotations had no room for.
func FindingsMarkdown(w io.Writer, fs []programme.Finding, isNew func(programme.Finding) bool) error {
	var b strings.Builder
	e, wn := programme.Count(fs)
	fmt.Fprintf(&b, "### oco validate: %s, %s\n\n", programme.Plural(e, "error"), programme.Plural(wn, "warning"))
	if len(fs) == 0 {
		b.WriteString("No findings.\n")
		_, err := io.WriteString(w, b.String())
		return err
	}
	var first, rest []programme.Finding
	for _, f := range fs {
		if isNew != nil && isNew(f) {
			first = append(first, f)
		} else {
			rest = append(rest, f)
		}
	}
	if isNew != nil {
		fmt.Fprintf(&b, "%s introduced by this change, listed first.\n\n", programme.Plural(len(first), "finding"))
	}
	b.WriteString("| | severity | where | rule | message |\n|---|---|---|---|---|\n")
	for i, f := range append(first, rest...) {
		mark := ""
		if i < len(first) {
			mark = "new"
		}
		fmt.Fprintf(&b, "| %s | %s | `%s` | [%s](%s) | %s |\n", mark, f.Severity, strings.ReplaceAll(f.Pos.String(), "`", "'"),
			f.Rule, RuleHelpURI(f.Rule), strings.ReplaceAll(MarkdownText(f.Message), "\n", "<br>"))
	}
	_, err := io.WriteString(w, b.String())
	return err
}
