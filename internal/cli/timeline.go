package cli

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/ocotool/oco/internal/programme"
	"github.com/ocotool/oco/internal/render"
)

type timelineOptions struct {
	from, to string
	phases   []string
	width    int
}

func newTimelineCmd(g *globals) *cobra.Command {
	o := &timelineOptions{}
	cmd := &cobra.Command{
		Use:     "timeline",
		GroupID: "view",
		Short:   "Draw phases and milestones as a text Gantt chart",
		Long: `Draw the programme as a Gantt chart: each phase as a bar, its milestones
under it as marks, activities (milestones with a start) as bars, month
ticks along the top and a line at the reporting date.

  ◆ done   ◈ done late   ◇ open   ▷ slipped to its forecast   ! overdue

A slip is drawn as dots from the due date to the forecast (or, for one done
late, to the date it was done); an overdue milestone's dots run on to the
reporting date. The chart spans the programme, or the phases chosen with
--phase, and fits the terminal (or --width); --from and --to zoom in.`,
		Example: `  oco timeline
  oco timeline --phase P5
  oco timeline --from 2017-06-01 --to 2017-12-31 --width 120`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runTimeline(g, o) },
	}
	fl := cmd.Flags()
	fl.StringVar(&o.from, "from", "", "start the chart at this date (YYYY-MM-DD)")
	fl.StringVar(&o.to, "to", "", "end the chart at this date (YYYY-MM-DD)")
	fl.StringSliceVar(&o.phases, "phase", nil, "only these phases and their milestones")
	fl.IntVar(&o.width, "width", 0, "width of the chart in columns (default: the terminal's)")
	return cmd
}

// Glyphs of a milestone's state on the chart; the help text shows them.
const (
	timelineDone    = '◆'
	timelineLate    = '◈'
	timelineOpen    = '◇'
	timelineSlipped = '▷'
	timelineOverdue = '!'
)

func runTimeline(g *globals, o *timelineOptions) error {
	if o.width < 0 {
		return usageError("--width %d: must be a number of columns above 0", o.width)
	}
	from, err := parseFlagDate("--from", o.from)
	if err != nil {
		return err
	}
	to, err := parseFlagDate("--to", o.to)
	if err != nil {
		return err
	}
	if from != 0 && to != 0 && to < from {
		return usageError("--to %s is before --from %s", to, from)
	}
	s, err := g.load()
	if err != nil {
		return err
	}
	chosen, err := refSet(s.p, "--phase", o.phases, programme.KindPhase)
	if err != nil {
		return err
	}
	gc, lo, hi := s.timeline(chosen)
	gc.From, gc.To = cmp.Or(from, lo), cmp.Or(to, hi)
	if gc.From.IsZero() || gc.To.IsZero() || gc.To < gc.From {
		return usageError("nothing to draw: give --from and --to, or dates in the programme")
	}
	if from != 0 || to != 0 {
		gc.Rows = ganttWithin(gc.Rows, gc.From, gc.To)
	}
	gc.Width = o.width
	t := g.term()
	if err := t.Gantt(gc); err != nil {
		return err
	}
	legend := []string{
		t.Paint(string(timelineDone), render.Green) + " done",
		t.Paint(string(timelineLate), render.Amber) + " done late",
		t.Paint(string(timelineOpen), render.Green) + " open",
		t.Paint(string(timelineSlipped), render.Amber) + " slipped",
		t.Paint(string(timelineOverdue), render.Red) + " overdue",
		t.Paint("│", render.Blue) + " " + gc.Today.String(),
	}
	_, err = fmt.Fprintln(t.Out, "\n"+strings.Join(legend, "   "))
	return err
}

// timeline lays out the chart's rows: each phase, then its milestones by
// date; milestones of no phase come last. lo and hi are the earliest and
// latest dates drawn, the chart's default span.
func (s *session) timeline(chosen map[string]bool) (gc render.Gantt, lo, hi programme.Date) {
	p, asOf := s.p, s.asOf
	gc.Today = asOf
	span := func(ds ...programme.Date) {
		for _, d := range ds {
			if d.IsZero() {
				continue
			}
			if lo.IsZero() || d < lo {
				lo = d
			}
			hi = max(hi, d)
		}
	}
	if chosen == nil {
		span(p.Header.Start, p.Header.End)
	}
	byPhase := map[string][]*programme.Milestone{}
	for _, m := range p.Milestones {
		key := m.Phase
		if p.Phase(key) == nil {
			key = ""
		}
		byPhase[key] = append(byPhase[key], m)
	}
	milestones := func(ms []*programme.Milestone) {
		slices.SortStableFunc(ms, func(a, b *programme.Milestone) int {
			return cmp.Or(cmp.Compare(a.Date(), b.Date()), idOrder(a.ID, b.ID))
		})
		for _, m := range ms {
			gc.Rows = append(gc.Rows, s.milestoneRow(m))
			span(m.Start, m.Due, m.Forecast, m.Done)
		}
	}
	phases := slices.Clone(p.Phases)
	slices.SortStableFunc(phases, func(a, b *programme.Phase) int { return cmp.Compare(a.Start, b.Start) })
	for _, ph := range phases {
		if chosen != nil && !chosen[ph.ID] {
			continue
		}
		style := render.Cyan
		if done, total := p.PhaseProgress(ph); total > 0 && done == total {
			style = render.Green
		}
		gc.Rows = append(gc.Rows, render.GanttRow{Label: ph.ID + " " + ph.Name,
			Bar: &render.Span{Start: ph.Start, End: ph.End, Style: style}})
		span(ph.Start, ph.End)
		milestones(byPhase[ph.ID])
		delete(byPhase, ph.ID) // a phase id given twice lists its milestones once
	}
	if ms := byPhase[""]; chosen == nil && len(ms) > 0 {
		gc.Rows = append(gc.Rows, render.GanttRow{Label: "(no phase)"})
		milestones(ms)
	}
	return gc, lo, hi
}

// ganttWithin keeps the rows that draw something between from and to, and the
// phase rows above them, so a zoomed chart has no empty lines.
func ganttWithin(rows []render.GanttRow, from, to programme.Date) []render.GanttRow {
	shows := func(r render.GanttRow) bool {
		in := func(a, b programme.Date) bool {
			if a.IsZero() {
				a = b
			}
			if b.IsZero() {
				b = a
			}
			return !a.IsZero() && min(a, b) <= to && max(a, b) >= from
		}
		if r.Bar != nil && in(r.Bar.Start, r.Bar.End) {
			return true
		}
		for _, m := range r.Marks {
			if in(m.From, m.Date) {
				return true
			}
		}
		return false
	}
	var out []render.GanttRow
	var heading *render.GanttRow // the last phase row, not yet kept
	for _, r := range rows {
		if r.Indent == 0 {
			if shows(r) {
				out = append(out, r)
				heading = nil
			} else {
				heading = &r
			}
			continue
		}
		if shows(r) {
			if heading != nil {
				out = append(out, *heading)
				heading = nil
			}
			out = append(out, r)
		}
	}
	return out
}

// milestoneRow draws a milestone as a mark, or an activity as a bar ending
// in one, so that done, late, overdue and slipped milestones differ even
// without colour.
func (s *session) milestoneRow(m *programme.Milestone) render.GanttRow {
	st := s.p.State(m, s.asOf)
	row := render.GanttRow{Label: m.ID + " " + m.Title, Indent: 1}
	mark := render.Mark{Date: st.Date, Glyph: timelineOpen, Style: render.RAGStyle(st.RAG)}
	switch {
	case st.Status == programme.StatusDone:
		mark = render.Mark{Date: m.Done, Glyph: timelineDone, Style: render.Green}
	case st.Status == programme.StatusLate:
		mark = render.Mark{Date: m.Done, Glyph: timelineLate, Style: render.Amber, From: m.Due}
	case st.Status == programme.StatusOverdue:
		mark = render.Mark{Date: st.Date, Glyph: timelineOverdue, Style: render.Red, From: s.asOf}
	case st.Slip > 0:
		mark = render.Mark{Date: st.Date, Glyph: timelineSlipped, Style: render.RAGStyle(st.RAG), From: m.Due}
	case st.Slip < 0:
		mark.From = m.Due // brought forward: the dots show by how much
	}
	if !m.Start.IsZero() {
		row.Bar = &render.Span{Start: m.Start, End: min(m.Due, mark.Date), Style: render.Grey}
	}
	row.Marks = []render.Mark{mark}
	return row
}
