package render

import (
	"fmt"
	"io"
	"strings"

	"github.com/ocotool/oco/internal/programme"
)

// FindingsGitHub writes findings as GitHub Actions workflow commands, which
// the runner turns into annotations on the pull request's files:
//
//	::error file=F,line=L,col=C,title=RULE::MESSAGE
func FindingsGitHub(w io.Writer, fs []programme.Finding) error {
	return FindingsGitHubLimit(w, fs, 0, "")
}

// GitHubAnnotationLimit is how many error annotations, and how many
// warning annotations, GitHub shows for one step; it drops the rest
// without a word.
const GitHubAnnotationLimit = 10

// FindingsGitHubLimit writes at most limit error and limit warning
// annotations (0: all), in the order given, so the caller puts first
// what matters most. When some are left out, a notice says how many and
// where to read them all (where, such as "the job summary").
func FindingsGitHubLimit(w io.Writer, fs []programme.Finding, limit int, where string) error {
	var b strings.Builder
	shown := map[string]int{}
	left := map[string]int{}
	for _, f := range fs {
		cmd := "warning"
		if f.Severity == programme.Error {
			cmd = "error"
		}
		if limit > 0 && shown[cmd] >= limit {
			left[cmd]++
			continue
		}
		shown[cmd]++
		var props []string
		if f.Pos.File != "" && f.Pos.File != "-" {
			props = append(props, "file="+githubProperty(f.Pos.File))
			if f.Pos.Line > 0 {
				props = append(props, fmt.Sprintf("line=%d", f.Pos.Line))
				if f.Pos.Col > 0 {
					props = append(props, fmt.Sprintf("col=%d", f.Pos.Col))
				}
			}
		}
		props = append(props, "title="+githubProperty(f.Rule))
		fmt.Fprintf(&b, "::%s %s::%s\n", cmd, strings.Join(props, ","), githubData(f.Message))
	}
	if n := left["error"] + left["warning"]; n > 0 {
		var parts []string
		if left["error"] > 0 {
			parts = append(parts, programme.Plural(left["error"], "more error"))
		}
		if left["warning"] > 0 {
			parts = append(parts, programme.Plural(left["warning"], "more warning"))
		}
		msg := fmt.Sprintf("%s not annotated: GitHub shows %d errors and %d warnings a step", strings.Join(parts, " and "), limit, limit)
		if where != "" {
			msg += "; read them all in " + where
		}
		fmt.Fprintf(&b, "::notice title=%s::%s\n", githubProperty(programme.Plural(n, "more finding")), githubData(msg))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// githubData escapes a command's message as the runner's toolkit does, so
// that a newline or % in a message cannot end or forge a command.
var githubData = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace

// githubProperty escapes a property value: also : and , which separate
// properties.
var githubProperty = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace
