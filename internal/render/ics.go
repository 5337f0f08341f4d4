package render

import (
	"fmt"
	"io"
	"strings"

	"github.com/ocotool/oco/internal/programme"
)

// Calendar is an iCalendar file of all-day events (RFC 5545), for a shared
// calendar.
type Calendar struct {
	Name   string // the calendar's name, X-WR-CALNAME
	ProdID string // the product that wrote it, as "-//ocotool//oco v1.2.3//EN"
	// Stamp is every event's DTSTAMP. A date, not the clock, so that
	// writing the same events twice gives the same file.
	Stamp  programme.Date
	Events []Event
}

// Event is one all-day event.
type Event struct {
	UID         string
	Day         programme.Date
	Summary     string
	Description string
	Category    string // "" for none
}

// ICS writes c as an iCalendar file: CRLF line ends, long lines folded.
func ICS(w io.Writer, c Calendar) error {
	var b strings.Builder
	line := func(format string, args ...any) { icsLine(&b, fmt.Sprintf(format, args...)) }
	line("BEGIN:VCALENDAR")
	line("VERSION:2.0")
	line("PRODID:%s", c.ProdID)
	line("CALSCALE:GREGORIAN")
	line("X-WR-CALNAME:%s", icsText(c.Name))
	stamp := c.Stamp.Time().Format("20060102T150405Z")
	for _, e := range c.Events {
		line("BEGIN:VEVENT")
		line("UID:%s", e.UID)
		line("DTSTAMP:%s", stamp)
		line("DTSTART;VALUE=DATE:%s", e.Day.Time().Format("20060102"))
		line("DTEND;VALUE=DATE:%s", e.Day.AddDays(1).Time().Format("20060102"))
		line("SUMMARY:%s", icsText(e.Summary))
		line("DESCRIPTION:%s", icsText(e.Description))
		if e.Category != "" {
			line("CATEGORIES:%s", icsText(e.Category))
		}
		line("TRANSP:TRANSPARENT")
		line("END:VEVENT")
	}
	line("END:VCALENDAR")
	_, err := io.WriteString(w, b.String())
	return err
}

// icsText escapes TEXT values (RFC 5545 3.3.11).
var icsText = strings.NewReplacer("\\", "\\\\", ";", "\\;", ",", "\\,", "\r\n", "\\n", "\n", "\\n", "\r", "\\n").Replace

// icsLine folds a content line at 75 octets, never inside a UTF-8
// character, continuing with a space, and ends it with CRLF (RFC 5545 3.1).
func icsLine(b *strings.Builder, line string) {
	const limit = 75
	for first := true; ; first = false {
		room := limit
		if !first {
			room-- // the leading space counts
			b.WriteByte(' ')
		}
		if len(line) <= room {
			b.WriteString(line)
			b.WriteString("\r\n")
			return
		}
		cut := room
		for cut > 0 && line[cut]&0xC0 == 0x80 { // a continuation byte
			cut--
		}
		b.WriteString(line[:cut])
		b.WriteString("\r\n")
		line = line[cut:]
	}
}
