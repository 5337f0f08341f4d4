package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/ocotool/oco/internal/programme"
	"github.com/ocotool/oco/internal/render"
	"github.com/ocotool/oco/internal/view"
)

// exportFormats are what export writes, the first the default.
var exportFormats = []render.Format{render.FormatCSV, formatXLSX, formatICS, formatMermaid, render.FormatJSON}

const (
	formatXLSX    render.Format = "xlsx"
	formatICS     render.Format = "ics"
	formatMermaid render.Format = "mermaid"
)

func newExportCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:     "export",
		GroupID: "git",
		Short:   "Export the programme for other tools: Excel, CSV, iCalendar, Mermaid, JSON",
		Long: `Write the programme in a form other tools read:

  csv      the milestones, one a row, with their derived status and rating
  xlsx     an Excel workbook: a sheet per kind (phases, milestones, risks,
           assumptions, issues, decisions, benefits) with the columns of
           that listing's -o csv, and sheets of the people, bodies and
           workstreams; dates as dates, a frozen header row with filters,
           RAG cells filled in their colour, and a risk heat map
  ics      an iCalendar file: one all-day event per milestone on its date
           (done, else forecast, else due), for a shared calendar
  mermaid  a Mermaid gantt chart of the milestones by phase, for pages
           that render Mermaid (GitHub, GitLab, wikis)
  json     the whole programme under the file format's own field names

A cell that a spreadsheet would run as a formula (one starting with =, +,
-, @) is written as text: in CSV with a ' before it, in a workbook as a
text cell. --bom starts a CSV file with a byte order mark, which Excel on
Windows needs to read it as UTF-8. A workbook is never written to a
terminal: redirect it to a file. 'oco import' reads a workbook or CSV file
back in.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runExport(g) },
	}
	g.addOutputFlag(cmd, "csv", exportFormats...)
	return cmd
}

func runExport(g *globals) error {
	f, err := g.format(exportFormats...)
	if err != nil {
		return err
	}
	if f == formatXLSX {
		if isTerm, _ := g.env.Terminal(g.env.Out); isTerm {
			return usageError("a workbook is binary: redirect it to a file, as in oco export -o xlsx > programme.xlsx")
		}
	}
	s, err := g.load()
	if err != nil {
		return err
	}
	out := g.term().Out
	switch f {
	case formatICS:
		return render.ICS(out, view.Calendar(s.p, s.plan(), s.asOf, fmt.Sprintf("-//ocotool//oco %s//EN", version)))
	case formatMermaid:
		return render.MermaidGantt(out, view.MermaidGantt(s.p, s.plan(), s.asOf))
	case render.FormatJSON:
		return render.JSON(out, programme.Doc(s.p))
	case formatXLSX:
		var sheets []render.Sheet
		for _, l := range listings {
			sheets = append(sheets, render.Sheet{Name: l.use, Table: l.run(s, &view.Filter{}).csv})
		}
		return render.XLSX(out, view.Workbook(s.p, sheets))
	}
	return render.CSV(out, view.MilestonesCSV(s.p, s.plan(), s.asOf))
}
