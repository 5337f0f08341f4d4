package render

import "bytes"

// Overflows reports whether text fills more than height lines of a
// terminal width columns wide, counting long lines as the terminal wraps
// them. Output that fits is not worth a pager.
func Overflows(text []byte, height, width int) bool {
	if height <= 0 {
		return false
	}
	lines := 0
	for len(text) > 0 {
		line := text
		if i := bytes.IndexByte(text, '\n'); i >= 0 {
			line, text = text[:i], text[i+1:]
		} else {
			text = nil
		}
		lines++
		if w := Width(string(line)); width > 0 && w > width {
			lines += (w - 1) / width
		}
		if lines >= height {
			// The prompt needs the last line.
			return true
		}
	}
	return false
}
