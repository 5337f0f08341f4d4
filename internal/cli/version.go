package cli

import (
	"fmt"
	"runtime"
	"runtime/debug"

	"github.com/spf13/cobra"

	"github.com/ocotool/oco/internal/render"
)

// versionInfo is what `oco version -o json` prints.
type versionInfo struct {
	Version  string `json:"version" yaml:"version"`
	Revision string `json:"revision,omitempty" yaml:"revision,omitempty"`
	Time     string `json:"time,omitempty" yaml:"time,omitempty"`
	Dirty    bool   `json:"dirty" yaml:"dirty"`
	Go       string `json:"go" yaml:"go"`
	Platform string `json:"platform" yaml:"platform"`
}

func newVersionCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "version",
		Short: "Print oco's version, and the commit it was built from",
		Long: `Print oco's version: the release it was built as (or the module version
'go install' fetched), then the git commit it was built from, when, and
"dirty" where the working tree had changes the commit does not hold.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runVersion(g) },
	}
	g.addOutputFlag(cmd, "text", "text", render.FormatJSON, render.FormatYAML)
	return cmd
}

func runVersion(g *globals) error {
	f, err := g.format("text", render.FormatJSON, render.FormatYAML)
	if err != nil {
		return err
	}
	v := buildVersion()
	switch f {
	case render.FormatJSON:
		return render.JSON(g.env.Out, v)
	case render.FormatYAML:
		return render.YAML(g.env.Out, v)
	}
	line := "oco " + v.Version
	if v.Revision != "" {
		rev := v.Revision
		if len(rev) > 12 {
			rev = rev[:12]
		}
		line += " (" + rev
		if v.Time != "" {
			line += " " + v.Time
		}
		if v.Dirty {
			line += ", dirty"
		}
		line += ")"
	}
	_, err = fmt.Fprintln(g.env.Out, line)
	return err
}

// buildVersion reads the version set at build time (a release sets it
// with -ldflags), else the module version go install records, and the
// commit from the build's VCS stamp.
func buildVersion() versionInfo {
	v := versionInfo{Version: version, Go: runtime.Version(), Platform: runtime.GOOS + "/" + runtime.GOARCH}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return v
	}
	if v.Version == "devel" && info.Main.Version != "" && info.Main.Version != "(devel)" {
		v.Version = info.Main.Version
	}
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			v.Revision = s.Value
		case "vcs.time":
			v.Time = s.Value
		case "vcs.modified":
			v.Dirty = s.Value == "true"
		}
	}
	return v
}
