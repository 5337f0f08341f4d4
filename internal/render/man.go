package render

import (
	"fmt"
	"io"
	"slices"
	"strings"
)

// ManPage is one command's manual page, section 1, as `oco man` writes it
// from the text of --help.
type ManPage struct {
	Name      string // "oco status": the page is oco-status(1)
	Short     string
	Synopsis  string // "oco status [flags]"
	Long      string // plain text: paragraphs apart by blank lines, indented lines kept as they are
	Options   []ManOption
	Inherited []ManOption
	Example   string
	SeeAlso   []string // other commands, "oco validate"
	Source    string   // "oco 1.2.0"
}

// ManOption is one flag.
type ManOption struct {
	Short, Long string // "o", "output"
	Value       string // what the flag takes, "" for a switch
	Default     string
	Usage       string
}

// ManFile is the page's file name: oco-status.1.
func ManFile(name string) string { return strings.ReplaceAll(name, " ", "-") + ".1" }

// Man writes p in roff. It has no date: the page of one version is the same
// whenever and wherever it is made.
func Man(w io.Writer, p ManPage) error {
	var b strings.Builder
	title := strings.ToUpper(strings.ReplaceAll(p.Name, " ", "-"))
	fmt.Fprintf(&b, ".TH %q \"1\" \"\" %q \"oco manual\"\n.nh\n.ad l\n", title, p.Source)
	fmt.Fprintf(&b, ".SH NAME\n%s \\- %s\n", roff(strings.ReplaceAll(p.Name, " ", "-")), roff(p.Short))
	fmt.Fprintf(&b, ".SH SYNOPSIS\n\\fB%s\\fR\n", roff(p.Synopsis))
	if text := strings.TrimSpace(p.Long); text != "" {
		b.WriteString(".SH DESCRIPTION\n")
		manText(&b, text)
	}
	for _, sec := range []struct {
		title string
		opts  []ManOption
	}{{"OPTIONS", p.Options}, {"OPTIONS INHERITED FROM PARENT COMMANDS", p.Inherited}} {
		if len(sec.opts) == 0 {
			continue
		}
		fmt.Fprintf(&b, ".SH %s\n", sec.title)
		for _, o := range sec.opts {
			b.WriteString(".TP\n")
			if o.Short != "" {
				fmt.Fprintf(&b, "\\fB\\-%s\\fR, ", roff(o.Short))
			}
			fmt.Fprintf(&b, "\\fB\\-\\-%s\\fR", roff(o.Long))
			if o.Value != "" {
				fmt.Fprintf(&b, " \\fI%s\\fR", roff(o.Value))
			}
			b.WriteString("\n" + roff(o.Usage))
			if o.Default != "" {
				fmt.Fprintf(&b, " (default %s)", roff(o.Default))
			}
			b.WriteString("\n")
		}
	}
	if ex := strings.TrimRight(p.Example, " \n"); ex != "" {
		b.WriteString(".SH EXAMPLE\n.nf\n.RS 2\n")
		for _, line := range strings.Split(ex, "\n") {
			b.WriteString(roffLine(strings.TrimPrefix(line, "  ")) + "\n")
		}
		b.WriteString(".RE\n.fi\n")
	}
	if len(p.SeeAlso) > 0 {
		b.WriteString(".SH SEE ALSO\n")
		for i, s := range p.SeeAlso {
			if i > 0 {
				b.WriteString(",\n")
			}
			fmt.Fprintf(&b, "\\fB%s\\fR(1)", roff(strings.ReplaceAll(s, " ", "-")))
		}
		b.WriteString("\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// manText writes plain text as roff: a paragraph of flowing lines is
// filled, one with indented lines (a table, a list of commands) is kept
// line for line.
func manText(b *strings.Builder, text string) {
	for i, para := range strings.Split(text, "\n\n") {
		para = strings.Trim(para, "\n")
		if para == "" {
			continue
		}
		if i > 0 {
			b.WriteString(".PP\n")
		}
		lines := strings.Split(para, "\n")
		kept := slices.ContainsFunc(lines, func(l string) bool { return strings.HasPrefix(l, " ") })
		if kept {
			b.WriteString(".nf\n")
		}
		for _, l := range lines {
			b.WriteString(roffLine(l) + "\n")
		}
		if kept {
			b.WriteString(".fi\n")
		}
	}
}

// roff escapes text for roff: backslashes and hyphens.
func roff(s string) string {
	return strings.NewReplacer(`\`, `\e`, "-", `\-`).Replace(s)
}

// roffLine is roff for a whole line, which must not start as a request.
func roffLine(s string) string {
	s = roff(s)
	if strings.HasPrefix(s, ".") || strings.HasPrefix(s, "'") {
		s = `\&` + s
	}
	return s
}
