package render

import (
	"fmt"
	"io"
	"strings"

	"github.com/ocotool/oco/internal/programme"
)

// MermaidChart is a Gantt chart for pages that draw Mermaid.
type MermaidChart struct {
	Title    string
	Sections []MermaidSection // a section with no tasks is left out
}

// MermaidSection is a titled group of tasks, such as a phase.
type MermaidSection struct {
	Name  string
	Tasks []MermaidTask
}

// MermaidTask is an activity from Start to End, or a milestone on End when
// Start is zero or not before End.
type MermaidTask struct {
	ID, Name   string
	Start, End programme.Date
	Done       bool // drawn as done
	Red        bool // drawn as critical, unless done
}

// MermaidGantt writes c as a Mermaid gantt block.
func MermaidGantt(w io.Writer, c MermaidChart) error {
	var b strings.Builder
	b.WriteString("gantt\n")
	fmt.Fprintf(&b, "    title %s\n", ganttText(c.Title))
	b.WriteString("    dateFormat YYYY-MM-DD\n    axisFormat %b %Y\n")
	for _, sec := range c.Sections {
		if len(sec.Tasks) == 0 {
			continue
		}
		fmt.Fprintf(&b, "    section %s\n", ganttText(sec.Name))
		for _, t := range sec.Tasks {
			var tags []string
			switch {
			case t.Done:
				tags = append(tags, "done")
			case t.Red:
				tags = append(tags, "crit")
			}
			if !t.Start.IsZero() && t.Start < t.End {
				tags = append(tags, ganttTaskID(t.ID), t.Start.String(), t.End.String())
			} else {
				tags = append([]string{"milestone"}, append(tags, ganttTaskID(t.ID), t.End.String(), "0d")...)
			}
			fmt.Fprintf(&b, "    %s :%s\n", ganttText(t.Name), strings.Join(tags, ", "))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// ganttText keeps a task name from breaking Mermaid's gantt syntax, in
// which : separates the name from its data and # and ; have meanings.
var ganttText = strings.NewReplacer(":", " -", "#", "", ";", ",", "\n", " ", "\r", " ").Replace

// ganttTaskID makes an id one Mermaid accepts as a task id.
func ganttTaskID(id string) string {
	return strings.Map(func(r rune) rune {
		if r == '-' || r == '.' {
			return '_'
		}
		return r
	}, id)
}
