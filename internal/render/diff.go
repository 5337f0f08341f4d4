package render

// What changed across git revisions: `oco diff` between two, `oco history`
// along a line of them.

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/ocotool/oco/internal/compare"
	"github.com/ocotool/oco/internal/programme"
	"github.com/ocotool/oco/internal/trend"
)

// Diff is what `oco diff` prints: a comparison and the names of its two
// sides ("HEAD", "working tree").
type Diff struct {
	From, To string
	*compare.Result
}

// changeStyle colours what is bad news red, good news green.
func changeStyle(ch compare.Change) Style {
	switch ch.What {
	case compare.Slipped, compare.KnockOn, compare.Reopened, compare.Occurred, compare.Invalidated:
		return Red
	case compare.Rebaselined:
		if ch.By == "" {
			return Red
		}
		return Amber
	case compare.Done, compare.Recovered, compare.KnockOnCleared, compare.Closed, compare.Validated, compare.Completed, compare.Realised:
		return Green
	case compare.StatusChanged:
		return RAGStyle(ch.To[strings.LastIndex(ch.To, " ")+1:])
	}
	return None
}

// DiffText prints a comparison for a person: a headline, a table for each
// kind of item that changed, then the findings introduced and fixed.
func (t Term) DiffText(d Diff) error {
	var b strings.Builder
	line := func(s string) { b.WriteString(s + "\n") }
	heading := func(s string) {
		line("")
		line(t.Paint(s, Bold))
	}
	line(t.Paint(fmt.Sprintf("%s..%s: %s", d.From, d.To, d.Headline()), Bold))
	for _, sec := range d.Sections() {
		heading(sec.Title)
		tb := Table{Columns: []Column{{Header: "ID"}, {Header: "CHANGE"}, {Header: "TITLE", Flex: true}}}
		for _, ch := range sec.Changes {
			tb.Rows = append(tb.Rows, []Cell{{Text: ch.ID}, {Text: compare.Describe(ch), Style: changeStyle(ch)}, {Text: ch.Title}})
		}
		tt := t
		tt.Out = &b
		if err := tt.Table(t.fitDiff(tb)); err != nil {
			return err
		}
	}
	findings := func(title, mark string, fs []programme.Finding) {
		if len(fs) == 0 {
			return
		}
		heading(title)
		for _, f := range fs {
			st := Amber
			if f.Severity == programme.Error {
				st = Red
			}
			line(fmt.Sprintf("%s %s: %s: %s [%s]", mark, f.Pos, t.Paint(f.Severity.String(), st), f.Message, f.Rule))
		}
	}
	findings("Findings introduced", "+", d.Introduced)
	findings("Findings fixed", "-", d.Fixed)
	if totals := Totals(d.Result); totals != "" {
		line("")
		line(totals)
	}
	_, err := io.WriteString(t.Out, b.String())
	return err
}

// fitDiff makes a change table fit a terminal as gh does: rather than let
// every row wrap, it drops the least useful column, the title (the id
// names the item), and only then cuts the descriptions of the changes.
func (t Term) fitDiff(tb Table) Table {
	if !t.IsTerminal {
		return tb
	}
	widths := make([]int, len(tb.Columns))
	for i, c := range tb.Columns {
		widths[i] = Width(c.Header)
		for _, row := range tb.Rows {
			widths[i] = max(widths[i], Width(oneLine(row[i].Text)))
		}
	}
	gap := Width(columnGap)
	if widths[0]+gap+widths[1]+gap+min(widths[2], minFlex+2) <= t.width() {
		return tb // the title is cut, not dropped
	}
	out := Table{Columns: []Column{tb.Columns[0], tb.Columns[1]}}
	out.Columns[1].Flex = true
	for _, row := range tb.Rows {
		out.Rows = append(out.Rows, row[:2])
	}
	return out
}

// totalNames are the totals line's words for each kind of change, in the
// order it lists them.
var totalNames = []struct{ what, name string }{
	{compare.Slipped, "slipped"},
	{compare.Rebaselined, "re-baselined"},
	{compare.KnockOn, "pushed by a predecessor"},
	{compare.Recovered, "recovered"},
	{compare.KnockOnCleared, "no longer pushed"},
	{compare.Done, "done"},
	{compare.Reopened, "reopened"},
	{compare.StatusChanged, "changed status"},
	{compare.RAGChanged, "re-rated"},
	{"", ""}, // items added and removed, by kind
	{compare.Rescored, "re-scored"},
	{compare.Occurred, "occurred"},
	{compare.Closed, "closed"},
	{compare.Validated, "validated"},
	{compare.Invalidated, "invalidated"},
	{compare.Completed, "completed"},
	{compare.Realised, "realised"},
	{compare.Reprioritised, "re-prioritised"},
	{compare.OwnerChanged, "changed owner"},
	{compare.Moved, "moved"},
	{compare.Repinned, "re-pinned"},
	{compare.Pinned, "pinned"},
	{compare.Unpinned, "unpinned"},
}

// Totals is the last line of `oco diff`: how many of each kind of change,
// "3 slipped, 1 re-baselined, 2 risks added, 1 closed; 2 findings
// introduced, 1 fixed", or "" when nothing changed. Added and removed
// items are counted by kind; every other change by what happened.
func Totals(r *compare.Result) string {
	count := map[string]int{}
	var kinds []programme.Kind
	added, removed := map[programme.Kind]int{}, map[programme.Kind]int{}
	other := 0
	for _, ch := range r.Changes {
		switch ch.What {
		case compare.Added, compare.Removed:
			if added[ch.Kind]+removed[ch.Kind] == 0 {
				kinds = append(kinds, ch.Kind)
			}
			if ch.What == compare.Added {
				added[ch.Kind]++
			} else {
				removed[ch.Kind]++
			}
		default:
			count[ch.What]++
		}
	}
	var parts []string
	for _, tn := range totalNames {
		if tn.what == "" {
			for _, k := range kinds {
				if n := added[k]; n > 0 {
					parts = append(parts, programme.Plural(n, string(k))+" added")
				}
				if n := removed[k]; n > 0 {
					parts = append(parts, programme.Plural(n, string(k))+" removed")
				}
			}
			continue
		}
		if n := count[tn.what]; n > 0 {
			if tn.what == compare.Completed {
				// Only a phase is completed: its last milestone done.
				parts = append(parts, programme.Plural(n, "phase")+" completed")
			} else {
				parts = append(parts, fmt.Sprintf("%d %s", n, tn.name))
			}
			delete(count, tn.what)
		}
	}
	for _, n := range count {
		other += n
	}
	if other > 0 {
		parts = append(parts, programme.Plural(other, "other change"))
	}
	s := strings.Join(parts, ", ")
	var fs []string
	if n := len(r.Introduced); n > 0 {
		fs = append(fs, programme.Plural(n, "finding")+" introduced")
	}
	if n := len(r.Fixed); n > 0 {
		if len(fs) == 0 {
			fs = append(fs, programme.Plural(n, "finding")+" fixed")
		} else {
			fs = append(fs, fmt.Sprintf("%d fixed", n))
		}
	}
	if len(fs) > 0 {
		if s != "" {
			s += "; "
		}
		s += strings.Join(fs, ", ")
	}
	return s
}

// DiffMarkdown writes a comparison as a pull-request comment.
func DiffMarkdown(w io.Writer, d Diff) error {
	var b strings.Builder
	fmt.Fprintf(&b, "### Programme changes: `%s` → `%s`\n\n", d.From, d.To)
	fmt.Fprintf(&b, "**%s**\n", MarkdownText(d.Headline()))
	for _, sec := range d.Sections() {
		fmt.Fprintf(&b, "\n#### %s\n\n", sec.Title)
		tb := Table{Columns: []Column{{Header: "ID"}, {Header: "Change"}, {Header: "Title"}}}
		for _, ch := range sec.Changes {
			tb.Rows = append(tb.Rows, Cells(ch.ID, compare.Describe(ch), ch.Title))
		}
		if err := Markdown(&b, tb); err != nil {
			return err
		}
	}
	findings := func(title string, fs []programme.Finding) error {
		if len(fs) == 0 {
			return nil
		}
		fmt.Fprintf(&b, "\n#### %s\n\n", title)
		tb := Table{Columns: []Column{{Header: "Where"}, {Header: "Severity"}, {Header: "Rule"}, {Header: "Finding"}}}
		for _, f := range fs {
			tb.Rows = append(tb.Rows, Cells(f.Pos.String(), f.Severity.String(), f.Rule, f.Message))
		}
		return Markdown(&b, tb)
	}
	if err := findings("Findings introduced", d.Introduced); err != nil {
		return err
	}
	if err := findings("Findings fixed", d.Fixed); err != nil {
		return err
	}
	if totals := Totals(d.Result); totals != "" {
		fmt.Fprintf(&b, "\n_%s_\n", MarkdownText(totals))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// MarkdownText keeps text from being read as markdown markup.
var MarkdownText = strings.NewReplacer("\\", "\\\\", "*", "\\*", "_", "\\_", "`", "\\`", "<", "&lt;", ">", "&gt;", "[", "\\[", "|", "\\|").Replace

// diffDoc is `oco diff --format json`: an interface for scripts.
type diffDoc struct {
	From       string        `json:"from"`
	To         string        `json:"to"`
	Headline   string        `json:"headline"`
	Changes    []changeJSON  `json:"changes"`
	Introduced []FindingJSON `json:"introduced"`
	Fixed      []FindingJSON `json:"fixed"`
}

type changeJSON struct {
	Kind   string `json:"kind"`
	ID     string `json:"id"`
	Title  string `json:"title"`
	Change string `json:"change"`
	From   string `json:"from,omitempty"`
	To     string `json:"to,omitempty"`
	Days   int    `json:"days,omitempty"`
	By     string `json:"by,omitempty"`
	Text   string `json:"text"`
	File   string `json:"file,omitempty"`
	Line   int    `json:"line,omitempty"`
}

// DiffJSON writes a comparison as one JSON object for scripts.
func DiffJSON(w io.Writer, d Diff) error {
	doc := diffDoc{From: d.From, To: d.To, Headline: d.Headline(), Changes: []changeJSON{},
		Introduced: FindingsJSONList(d.Introduced), Fixed: FindingsJSONList(d.Fixed)}
	for _, ch := range d.Changes {
		doc.Changes = append(doc.Changes, changeJSON{Kind: string(ch.Kind), ID: ch.ID, Title: ch.Title, Change: ch.What,
			From: ch.From, To: ch.To, Days: ch.Days, By: ch.By, Text: compare.Describe(ch), File: ch.Pos.File, Line: ch.Pos.Line})
	}
	return JSON(w, doc)
}

// History prints milestone changes across the git history as a table (the
// commit cut to 12 characters, moves signed), JSON, or CSV (with the date
// each change left the milestone at).
func (t Term) History(f Format, changes []trend.Change) error {
	if changes == nil {
		changes = []trend.Change{}
	}
	tb := Table{Columns: []Column{{Header: "ID"}, {Header: "COMMITTED"}, {Header: "COMMIT"}, {Header: "CHANGE"},
		{Header: "DUE"}, {Header: "FORECAST"}, {Header: "DONE"}, {Header: "MOVED", Align: Right}, {Header: "SUBJECT", Flex: true}}}
	if f == FormatCSV {
		tb.Columns = append(tb.Columns[:8], Column{Header: "DATE"}, Column{Header: "SUBJECT"})
	}
	for _, c := range changes {
		commit := c.Commit
		if f == FormatTable && len(commit) > 12 {
			commit = commit[:12]
		}
		moved := ""
		switch {
		case f == FormatCSV:
			moved = strconv.Itoa(c.Moved)
		case c.Moved != 0:
			moved = fmt.Sprintf("%+d", c.Moved)
		}
		st := None
		switch c.What {
		case trend.Slipped, trend.Reopened:
			st = Red
		case trend.Rebaselined:
			st = Amber
		case trend.Recovered, trend.Done:
			st = Green
		}
		row := []Cell{{Text: c.ID}, {Text: c.Committed.String()}, {Text: commit}, {Text: c.What, Style: st},
			{Text: c.Due.String()}, {Text: c.Forecast.String()}, {Text: c.Done.String()}, {Text: moved}}
		if f == FormatCSV {
			row = append(row, Cell{Text: c.Date.String()})
		}
		tb.Rows = append(tb.Rows, append(row, Cell{Text: c.Subject}))
	}
	return t.Output(f, tb, changes)
}

// HistoryChart draws a trend's chart as TrendChart does.
func (t Term) HistoryChart(c trend.Chart) error {
	tr := Trend{Reports: c.Reports}
	for _, l := range c.Lines {
		tr.Lines = append(tr.Lines, TrendLine{ID: l.ID, Title: l.Title, Dates: l.Dates})
	}
	return t.TrendChart(tr)
}
