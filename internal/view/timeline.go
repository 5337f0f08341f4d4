package view

import (
	"cmp"
	"slices"

	"github.com/ocotool/oco/internal/programme"
	"github.com/ocotool/oco/internal/render"
	"github.com/ocotool/oco/internal/schedule"
)

// TimelineOptions chooses what `oco timeline` draws.
type TimelineOptions struct {
	Phases   map[string]bool // nil: every phase, then the milestones of none
	From, To programme.Date  // zero: the earliest and latest dates drawn
	Width    int             // 0: the terminal's
	// Plan, if given, adds where the schedule expects each milestone not
	// done, when that is after its own date; the chart runs on past the
	// programme's end to show it.
	Plan *schedule.Plan
}

// Timeline lays out the Gantt chart: each phase, then its milestones by
// date; milestones of no phase come last. With From or To, only rows that
// draw something in between are kept, with the phases above them. ok is
// false when there is nothing to draw: no dates, or To before From.
func Timeline(p *programme.Programme, asOf programme.Date, o TimelineOptions) (gc render.Gantt, ok bool) {
	gc.Today, gc.Width, gc.End = asOf, o.Width, p.Header.End
	var lo, hi programme.Date
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
	if o.Phases == nil {
		span(p.Header.Start, p.Header.End)
	}
	byPhase := map[string][]int{}
	for i, m := range p.Milestones {
		key := m.Phase
		if p.Phase(key) == nil {
			key = ""
		}
		byPhase[key] = append(byPhase[key], i)
	}
	milestones := func(ms []int) {
		slices.SortStableFunc(ms, func(i, j int) int {
			a, b := p.Milestones[i], p.Milestones[j]
			return cmp.Or(cmp.Compare(a.Date(), b.Date()), programme.CompareIDs(a.ID, b.ID))
		})
		for _, i := range ms {
			m := p.Milestones[i]
			row, expected := timelineRow(p, o.Plan, i, asOf)
			gc.Rows = append(gc.Rows, row)
			span(m.Start, m.Due, m.Forecast, m.Done, expected)
		}
	}
	phases := slices.Clone(p.Phases)
	slices.SortStableFunc(phases, func(a, b *programme.Phase) int { return cmp.Compare(a.Start, b.Start) })
	for _, ph := range phases {
		if o.Phases != nil && !o.Phases[ph.ID] {
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
	if ms := byPhase[""]; o.Phases == nil && len(ms) > 0 {
		gc.Rows = append(gc.Rows, render.GanttRow{Label: "(no phase)"})
		milestones(ms)
	}
	gc.From, gc.To = cmp.Or(o.From, lo), cmp.Or(o.To, hi)
	if gc.From.IsZero() || gc.To.IsZero() || gc.To < gc.From {
		return gc, false
	}
	if o.From != 0 || o.To != 0 {
		gc.Rows = timelineWithin(gc.Rows, gc.From, gc.To)
	}
	return gc, true
}

// timelineWithin keeps the rows that draw something between from and to, and the
// phase rows above them, so a zoomed chart has no empty lines.
func timelineWithin(rows []render.GanttRow, from, to programme.Date) []render.GanttRow {
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

// timelineRow draws a milestone as a mark, or an activity as a bar ending
// in one.
// A milestone expected after its own date gets a second mark there, dots
// leading to it; expected is that date, or zero.
func timelineRow(p *programme.Programme, plan *schedule.Plan, i int, asOf programme.Date) (row render.GanttRow, expected programme.Date) {
	m := p.Milestones[i]
	st := MilestoneState(p, plan, i, asOf)
	row = render.GanttRow{Label: m.ID + " " + m.Title, Indent: 1}
	mark := render.Mark{Date: st.Date, Glyph: render.TimelineOpen, Style: render.RAGStyle(st.RAG)}
	switch {
	case st.Status == programme.StatusDone:
		mark = render.Mark{Date: m.Done, Glyph: render.TimelineDone, Style: render.Green}
	case st.Status == programme.StatusLate:
		mark = render.Mark{Date: m.Done, Glyph: render.TimelineLate, Style: render.Amber, From: m.Due}
	case st.Status == programme.StatusOverdue:
		mark = render.Mark{Date: st.Date, Glyph: render.TimelineOverdue, Style: render.Red, From: asOf}
	case st.Slip > 0:
		mark = render.Mark{Date: st.Date, Glyph: render.TimelineSlipped, Style: render.RAGStyle(st.RAG), From: m.Due}
	case st.Slip < 0:
		mark.From = m.Due // brought forward: the dots show by how much
	}
	if !m.Start.IsZero() {
		row.Bar = &render.Span{Start: m.Start, End: min(m.Due, mark.Date), Style: render.Grey}
	}
	row.Marks = []render.Mark{mark}
	if st.Pushed > 0 && st.Status != programme.StatusOverdue {
		expected = st.Expected
		row.Marks = append(row.Marks, render.Mark{Date: expected, Glyph: render.TimelineExpected, Style: render.RAGStyle(st.RAG), From: mark.Date})
	}
	return row, expected
}
