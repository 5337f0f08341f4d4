package cli

import (
	"bytes"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/olekukonko/tablewriter/pkg/twwidth"

	"github.com/ocotool/oco/internal/render"
)

// Every view at 40, 60, 80 and 200 columns, on a terminal and piped, with
// colour and without: what carries meaning survives, no line is wider than
// the terminal from 60 columns up, and text is cut only between words. The
// programme is the shipped one with M-42's slip pushed through its chain.
func TestViewsAtEveryWidth(t *testing.T) {
	twwidth.SetEastAsian(false)
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(shippedDir(t))); err != nil {
		t.Fatal(err)
	}
	if out, code := runAt(t, dir, 0, false, "set", "M-42", "forecast=2018-01-30"); code != ExitOK {
		t.Fatalf("set: exit status %d\n%s", code, out)
	}
	words := sourceWords(t, dir)

	// The whole text of every view, piped and so never cut, holds the
	// words a view may show: titles, and headers too.
	addWords := func(s string) {
		for _, w := range strings.FieldsFunc(s, func(r rune) bool {
			return r == ' ' || r == '\n' || r == ',' || r == ';' || r == ':' || r == '(' || r == '['
		}) {
			words[w] = true
		}
	}
	for _, v := range []struct {
		args []string
		// meaning is what must be there at every width, colour or not.
		meaning []string
	}{
		{[]string{"status"}, []string{`(?m)^P6 .*\(current\).* red$`, `\+121 days by M-42`, `2018-06-29`}},
		{[]string{"phases"}, []string{`(?m)^P6 .*\(current\).* red$`}},
		{[]string{"milestones"}, []string{`(?m)^M-43 .* open +red$`, `(?m)^M-49 .* open +red$`, `(?m)^M-01 .* done +green$`}},
		{[]string{"risks"}, []string{`(?m)^R-03 .* red +open`}},
		{[]string{"risks", "--matrix"}, []string{`R-03`, `R-11`}},
		{[]string{"assumptions"}, []string{`(?m)^A-01 `}},
		{[]string{"issues"}, []string{`(?m)^ID `}},
		{[]string{"decisions"}, []string{`(?m)^D-05 `}},
		{[]string{"benefits"}, []string{`(?m)^B-01 `}},
		{[]string{"show", "M-49"}, []string{`open \(red\)`, `2018-06-29`, `90 days late`, `pushed by M-44`, `M-42\)`, `-90 days`, `critical path`}},
		{[]string{"show", "P6"}, []string{`(?m)^  rag +red$`}},
		{[]string{"deps", "M-49"}, []string{`expected 2018-06-29`, `90 days late`, `pushed by M-44`, `critical`}},
		{[]string{"critical-path"}, []string{`(?m)^M-49 `, `2018-06-29`, `-90`, `90 days after the programme ends`}},
		{[]string{"timeline"}, []string{`○`, `expected`, `end 2018-03-31`, `(?m)^  M-49 `}},
	} {
		whole, _ := runAt(t, dir, 0, false, append([]string{"--as-of", "2017-11-30"}, v.args...)...)
		addWords(whole)
		for _, width := range []int{40, 60, 80, 200} {
			for _, colour := range []bool{true, false} {
				for _, term := range []bool{true, false} {
					name := strings.Join(v.args, " ") + "/" + map[bool]string{true: "terminal", false: "piped"}[term] +
						map[bool]string{true: "", false: "/NO_COLOR"}[colour]
					w := 0
					if term {
						w = width
						name += "/" + strconv.Itoa(width)
					} else if width != 80 {
						continue // piped, the width is not known
					}
					t.Run(name, func(t *testing.T) {
						env := map[string]string{"NO_COLOR": "1"}
						if colour {
							env = map[string]string{"CLICOLOR_FORCE": "1"}
						}
						out, code := runAtEnv(t, dir, w, env, append([]string{"--as-of", "2017-11-30"}, v.args...)...)
						if code != ExitOK {
							t.Fatalf("exit status %d\n%s", code, out)
						}
						plain := sgr.ReplaceAllString(out, "")
						if !colour && plain != out {
							t.Errorf("escape codes with NO_COLOR")
						}
						// A value wrapped over lines reads as one line.
						joined := regexp.MustCompile(` *\n *`).ReplaceAllString(plain, " ")
						for _, re := range v.meaning {
							if !regexp.MustCompile(re).MatchString(plain) && !regexp.MustCompile(re).MatchString(joined) {
								t.Errorf("lost %s:\n%s", re, plain)
							}
						}
						for i, line := range strings.Split(strings.TrimSuffix(plain, "\n"), "\n") {
							if term && width >= 60 && render.Width(line) > width {
								t.Errorf("line %d is %d columns wide on a %d-column terminal:\n%s", i+1, render.Width(line), width, line)
							}
							for _, cut := range cutWord.FindAllStringSubmatch(line, -1) {
								// Only a cell's first word, wider than its
								// column, may be cut.
								first := cut[1] == "" || strings.HasSuffix(cut[1], "  ")
								if !words[cut[2]] && !(first && prefixOfAny(words, cut[2])) {
									t.Errorf("line %d cuts a word: %q…\n%s", i+1, cut[2], line)
								}
							}
						}
					})
				}
			}
		}
	}
}

// cutWord is the text just before an ellipsis, and what is before that.
var cutWord = regexp.MustCompile(`(^ *|.*?\s)([^\s,;:(\[]+)…`)

func prefixOfAny(words map[string]bool, p string) bool {
	for w := range words {
		if strings.HasPrefix(w, p) {
			return true
		}
	}
	return false
}

// sourceWords is every word of the programme's files, as the views may
// show them before an ellipsis.
func sourceWords(t *testing.T, dir string) map[string]bool {
	t.Helper()
	words := map[string]bool{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".yaml") {
			return err
		}
		b, err := os.ReadFile(path)
		for _, w := range strings.FieldsFunc(string(b), func(r rune) bool {
			return r == ' ' || r == '\n' || r == '"' || r == ',' || r == ';' || r == ':' || r == '(' || r == '['
		}) {
			words[w] = true
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return words
}

func runAt(t *testing.T, dir string, width int, colour bool, args ...string) (string, int) {
	env := map[string]string{"NO_COLOR": "1"}
	if colour {
		env = map[string]string{"CLICOLOR_FORCE": "1"}
	}
	return runAtEnv(t, dir, width, env, args...)
}

// runAtEnv runs oco on a terminal of width columns (0: piped) with the
// environment env, and returns what it printed on both streams.
func runAtEnv(t *testing.T, dir string, width int, env map[string]string, args ...string) (string, int) {
	t.Helper()
	var out bytes.Buffer
	e := &Env{In: strings.NewReader(""), Out: &out, Err: &out,
		Getenv:   func(k string) string { return env[k] },
		Getwd:    func() (string, error) { return dir, nil },
		Terminal: func(w io.Writer) (bool, int) { return width > 0 && w == &out, width }}
	code := Run(e, append([]string{"-C", dir}, args...))
	return out.String(), code
}
