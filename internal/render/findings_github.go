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
	var b strings.Builder
	for _, f := range fs {
		cmd := "warning"
		if f.Severity == programme.Error {
			cmd = "error"
		}
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
	_, err := io.WriteString(w, b.String())
	return err
}

// githubData escapes a command's message as the runner's toolkit does, so
// that a newline or % in a message cannot end or forge a command.
var githubData = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace

// githubProperty escapes a property value: also : and , which separate
// properties.
var githubProperty = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace
