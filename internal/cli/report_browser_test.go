package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ocotool/oco/internal/programme"
)

// The board pack as a board member gets it: the HTML report opened and
// printed by a real browser, headless Chromium. It must load with no
// console message and no request leaving the page, show each chart with a
// mark for each thing it charts, and print the shipped programme's report
// on at most two A4 pages with no heading left at the foot of a page.
// Where Chromium is not installed the test says so and skips; under CI it
// fails instead, since .ci/run installs it.

// tool finds an executable the browser test needs, or skips (fails on CI).
func tool(t *testing.T, pkg string, names ...string) string {
	t.Helper()
	for _, name := range names {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	msg := fmt.Sprintf("%s not found: install Debian's %s package to run the browser test of the report", names[0], pkg)
	if os.Getenv("CI") == "true" {
		t.Fatal(msg + " (CI must not skip it: .ci/run installs it)")
	}
	t.Skip(msg)
	return ""
}

// browsed is what the browser made of a page.
type browsed struct {
	dom      string   // the DOM after loading
	console  []string // console messages
	requests []string // requests the page made, other than to itself
	pages    []string // the text of each printed A4 page
	shot     string   // the screenshot's path
}

type chromium struct {
	path, pdfinfo, pdftotext string
	tmp                      string
}

// run starts Chromium headless, offline and with a new empty profile.
func (c chromium) run(t *testing.T, args ...string) (stdout, stderr []byte) {
	t.Helper()
	profile, err := os.MkdirTemp(c.tmp, "profile")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, c.path, append([]string{"--headless", "--no-sandbox", "--disable-gpu",
		"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
		"--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + profile,
		"--enable-logging=stderr", "--v=0"}, args...)...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium %s: %v\n%s", strings.Join(args, " "), err, errOut.String())
	}
	return out.Bytes(), errOut.Bytes()
}

var consoleLine = regexp.MustCompile(`:CONSOLE[^\]]*\] (.*)`)

// open loads file in the browser, prints it to PDF and takes a screenshot.
func (c chromium) open(t *testing.T, file string) browsed {
	t.Helper()
	var b browsed
	url := "file://" + file
	netlog := filepath.Join(c.tmp, "net.json")
	dom, stderr := c.run(t, "--log-net-log="+netlog, "--net-log-capture-mode=Default", "--dump-dom", url)
	b.dom = string(dom)
	for _, m := range consoleLine.FindAllStringSubmatch(string(stderr), -1) {
		b.console = append(b.console, m[1])
	}
	b.requests = pageRequests(t, netlog)

	pdf := filepath.Join(c.tmp, "report.pdf")
	c.run(t, "--no-pdf-header-footer", "--print-to-pdf="+pdf, url)
	info, err := exec.Command(c.pdfinfo, pdf).Output()
	if err != nil {
		t.Fatalf("pdfinfo: %v", err)
	}
	m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindSubmatch(info)
	if m == nil {
		t.Fatalf("pdfinfo gave no page count:\n%s", info)
	}
	n, _ := strconv.Atoi(string(m[1]))
	if !regexp.MustCompile(`(?m)^Page size:.*\(A4\)`).Match(info) {
		t.Errorf("the PDF is not A4:\n%s", info)
	}
	for i := 1; i <= n; i++ {
		text, err := exec.Command(c.pdftotext, "-layout", "-f", strconv.Itoa(i), "-l", strconv.Itoa(i), pdf, "-").Output()
		if err != nil {
			t.Fatalf("pdftotext: %v", err)
		}
		b.pages = append(b.pages, string(text))
	}

	b.shot = filepath.Join(c.tmp, "report.png")
	c.run(t, "--window-size=1200,1800", "--screenshot="+b.shot, url)
	png, err := os.ReadFile(b.shot)
	if err != nil || !bytes.HasPrefix(png, []byte("\x89PNG")) {
		t.Fatalf("no screenshot at %s: %v", b.shot, err)
	}
	return b
}

// pageRequests reads a Chromium net log for the requests a file:// page
// started: Chromium's own background traffic is not the page's.
func pageRequests(t *testing.T, file string) []string {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var log struct {
		Constants struct {
			LogEventTypes map[string]int `json:"logEventTypes"`
		} `json:"constants"`
		Events []struct {
			Type   int `json:"type"`
			Params struct {
				URL string `json:"url"`
				NIK string `json:"network_isolation_key"`
			} `json:"params"`
		} `json:"events"`
	}
	// A log cut short (the browser quit mid-write) lacks its closing brackets.
	if err := json.Unmarshal(data, &log); err != nil {
		data = append(bytes.TrimRight(bytes.TrimSpace(data), ","), "]}"...)
		if err := json.Unmarshal(data, &log); err != nil {
			t.Fatalf("net log: %v", err)
		}
	}
	start, ok := log.Constants.LogEventTypes["URL_REQUEST_START_JOB"]
	if !ok {
		t.Fatal("net log: no URL_REQUEST_START_JOB event type")
	}
	var out []string
	for _, e := range log.Events {
		u := e.Params.URL
		if e.Type == start && strings.Contains(e.Params.NIK, "file://") && !strings.HasPrefix(u, "file:") && !strings.HasPrefix(u, "data:") {
			out = append(out, u)
		}
	}
	return out
}

func newChromium(t *testing.T) chromium {
	return chromium{
		path:      tool(t, "chromium", "chromium", "chromium-browser", "google-chrome"),
		pdfinfo:   tool(t, "poppler-utils", "pdfinfo"),
		pdftotext: tool(t, "poppler-utils", "pdftotext"),
		tmp:       t.TempDir(),
	}
}

// The checks above must be able to fail: a page that logs to the console
// and fetches from the network is caught by both.
func TestBrowserCatchesRequestsAndConsole(t *testing.T) {
	c := newChromium(t)
	page := filepath.Join(c.tmp, "bad.html")
	bad := `<!DOCTYPE html><html><body><img src="http://127.0.0.1:9/x.png"><script>console.error("boom")</script></body></html>`
	if err := os.WriteFile(page, []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	netlog := filepath.Join(c.tmp, "net.json")
	_, stderr := c.run(t, "--log-net-log="+netlog, "--dump-dom", "file://"+page)
	if !consoleLine.Match(stderr) {
		t.Error("the console message was not seen")
	}
	if reqs := pageRequests(t, netlog); len(reqs) != 1 || !strings.Contains(reqs[0], "127.0.0.1:9") {
		t.Errorf("page requests %q, want the image's", reqs)
	}
}

// marks counts the marks of each chart in a DOM.
func marks(dom string) map[string]int {
	count := func(re string) int { return len(regexp.MustCompile(re).FindAllString(dom, -1)) }
	return map[string]int{
		"timeline done":     count(`class="ms done"`),
		"timeline due":      count(`class="ms due( crit)?"`),
		"timeline expected": count(`class="ms exp( crit)?"`),
		"heat map risks":    count(`class="risk( new)?"`),
		"heat map arrows":   count(`class="move"`),
		"trend points":      count(`class="trend s\d pt"`),
		"confidence points": count(`class="dcapt `),
		"charts":            count(`<svg [^>]*class="chart `),
	}
}

// want counts what the charts should show of p.
func want(p *programme.Programme, keyLines int) map[string]int {
	w := map[string]int{"charts": 4, "trend points": keyLines}
	for _, m := range p.Milestones {
		switch {
		case m.Due.IsZero():
		case !m.Done.IsZero():
			w["timeline done"]++
		default:
			w["timeline due"]++
			w["timeline expected"]++
		}
	}
	for _, r := range p.Risks {
		if r.Open() && r.Assessed() {
			w["heat map risks"]++
		}
	}
	w["confidence points"] = len(p.Assessed(p.Header.AsOf))
	return w
}

// check opens the report of the programme in dir and checks what the
// browser shows; it returns the number of printed pages.
func checkReport(t *testing.T, c chromium, dir string, w map[string]int) int {
	t.Helper()
	file := filepath.Join(c.tmp, "report.html")
	if err := os.WriteFile(file, runBoardOco(t, dir, "report", "-o", "html"), 0o644); err != nil {
		t.Fatal(err)
	}
	b := c.open(t, file)
	t.Logf("screenshot: %s; %d printed pages", b.shot, len(b.pages))
	if len(b.console) > 0 {
		t.Errorf("console messages: %q", b.console)
	}
	if len(b.requests) > 0 {
		t.Errorf("the page made requests: %q", b.requests)
	}
	got := marks(b.dom)
	for k, n := range w {
		if got[k] != n {
			t.Errorf("%s: %d marks, want %d", k, got[k], n)
		}
	}
	// No heading is the last line of a page: it goes with what it heads.
	headings := map[string]bool{}
	for _, m := range regexp.MustCompile(`<h[23]>([^<]*)</h[23]>`).FindAllStringSubmatch(b.dom, -1) {
		headings[html.UnescapeString(m[1])] = true
	}
	for i, text := range b.pages[:max(len(b.pages)-1, 0)] {
		lines := strings.Split(strings.TrimRight(text, "\f\n "), "\n")
		if last := strings.TrimSpace(lines[len(lines)-1]); headings[last] {
			t.Errorf("page %d ends with the heading %q", i+1, last)
		}
	}
	return len(b.pages)
}

func TestReportInBrowser(t *testing.T) {
	c := newChromium(t)
	t.Run("shipped", func(t *testing.T) {
		// A copy outside git: the report of the programme as shipped.
		dir := t.TempDir()
		if err := os.CopyFS(dir, os.DirFS(shippedDir(t))); err != nil {
			t.Fatal(err)
		}
		p := programme.Load(os.DirFS(dir), dir)
		if pages := checkReport(t, c, dir, want(p, 8)); pages > 2 {
			t.Errorf("the shipped programme's report prints on %d A4 pages, want at most 2", pages)
		}
	})
	t.Run("10000 milestones", func(t *testing.T) {
		if testing.Short() {
			t.Skip("short: not rendering 10,000 milestones")
		}
		dir := t.TempDir()
		boardProgramme(t, dir, 10000, 0)
		p := programme.Load(os.DirFS(dir), dir)
		checkReport(t, c, dir, want(p, 8))
	})
}
