package view

import (
	"strconv"
	"strings"

	"github.com/ocotool/oco/internal/programme"
	"github.com/ocotool/oco/internal/render"
)

// The cells every table writes the same way.

// dateCell is a date, or nothing for an absent one.
func dateCell(d programme.Date) render.Cell { return render.Cell{Text: d.String()} }

// ragCell is a word painted in the colour of a rating.
func ragCell(text, rag string) render.Cell {
	return render.Cell{Text: text, Style: render.RAGStyle(rag)}
}

// idList writes a list of ids in one cell.
func idList(ids []string) string { return strings.Join(ids, ", ") }

// number writes a number, or nothing for zero: a risk not assessed has no
// likelihood, not a likelihood of 0.
func number(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

// phaseCell is a phase's name, marked when its window holds the reporting
// date; the mark survives when the name is cut.
func phaseCell(ph Phase) render.Cell {
	if ph.Current {
		return render.Cell{Text: ph.Name, Tail: " (current)"}
	}
	return render.Cell{Text: ph.Name}
}

// expectedCell is the date the schedule expects a milestone, painted when
// that is after its due date; nothing for one done.
func expectedCell(m Milestone) render.Cell {
	if !m.Done.IsZero() {
		return render.Cell{}
	}
	c := dateCell(m.Expected)
	if m.Expected > m.Due && !m.Due.IsZero() {
		c.Style = render.RAGStyle(m.RAG)
	}
	return c
}

// slackCell is a number of days of slack, red below zero.
func slackCell(days int) render.Cell {
	c := render.Cell{Text: strconv.Itoa(days)}
	if days < 0 {
		c.Style = render.Red
	}
	return c
}

// flatTable starts the flat table CSV prints, headed by the format's own
// field names so a spreadsheet's columns match the files and the JSON.
func flatTable(names ...string) render.Table {
	cols := make([]render.Column, len(names))
	for i, n := range names {
		cols[i] = render.Column{Header: n}
	}
	return render.Table{Columns: cols}
}
