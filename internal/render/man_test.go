package render

import (
	"bytes"
	"os/exec"
	"strings"
	"testing"
)

// A page reads as man shows it: groff, where there is one, finds nothing
// to warn of, and the text comes through whole.
func TestManRoff(t *testing.T) {
	p := ManPage{Name: "oco status", Short: "Show where the programme stands", Synopsis: "oco status [flags]",
		Long:    "Show the dashboard.\n\n.dots and 'quotes' and back\\slashes stay text.\n\nEXIT STATUS\n  0  shown\n  2  could not run",
		Options: []ManOption{{Short: "o", Long: "output", Value: "FORMAT", Default: "table", Usage: "output format: table|json|yaml"}},
		Example: "  oco status --as-of today", SeeAlso: []string{"oco", "oco validate"}, Source: "oco 1.0.0"}
	var b bytes.Buffer
	if err := Man(&b, p); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	for _, want := range []string{".TH \"OCO-STATUS\" \"1\" \"\" \"oco 1.0.0\"", "\\&.dots", "back\\eslashes", ".nf\nEXIT STATUS\n  0  shown", "\\fBoco\\-validate\\fR(1)"} {
		if !strings.Contains(page, want) {
			t.Errorf("the page has no %q:\n%s", want, page)
		}
	}
	groff, err := exec.LookPath("groff")
	if err != nil {
		t.Skip("no groff here to read the page")
	}
	cmd := exec.Command(groff, "-man", "-Tutf8", "-ww", "-P-c", "-P-b", "-P-u")
	cmd.Stdin = &b
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil || errOut.Len() > 0 {
		t.Fatalf("groff: %v\n%s", err, errOut.String())
	}
	for _, want := range []string{"oco-status - Show where the programme stands", ".dots and 'quotes' and back\\slashes stay text.", "  0  shown", "--output FORMAT", "oco-validate(1)"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("man shows no %q:\n%s", want, out.String())
		}
	}
}
