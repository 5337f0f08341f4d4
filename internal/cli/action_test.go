package cli

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// actionFile is the reusable GitHub Action, at the repository's root.
func actionFile(t *testing.T) string {
	_, here, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(here), "..", "..", ".github", "actions", "oco", "action.yml")
}

type actionStep struct {
	Name string            `yaml:"name"`
	ID   string            `yaml:"id"`
	If   string            `yaml:"if"`
	Uses string            `yaml:"uses"`
	Run  string            `yaml:"run"`
	Env  map[string]string `yaml:"env"`
}

// The action's steps, run as the runner would run them on a pull request
// that takes a programme from 40 findings to 55: oco is built from this
// checkout, every finding reaches the step summary, the annotations stop
// at GitHub's limit with a note, and one comment is posted (through a
// stand-in for gh that records what it is asked).
func TestActionOnAPullRequest(t *testing.T) {
	if testing.Short() {
		t.Skip("builds oco and runs git")
	}
	for _, tool := range []string{"bash", "git", "go"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("no %s", tool)
		}
	}
	data, err := os.ReadFile(actionFile(t))
	if err != nil {
		t.Fatal(err)
	}
	var action struct {
		Inputs map[string]struct {
			Default string `yaml:"default"`
		} `yaml:"inputs"`
		Runs struct {
			Using string       `yaml:"using"`
			Steps []actionStep `yaml:"steps"`
		} `yaml:"runs"`
	}
	if err := yaml.Unmarshal(data, &action); err != nil {
		t.Fatal(err)
	}
	if action.Runs.Using != "composite" {
		t.Fatalf("runs.using %q", action.Runs.Using)
	}

	// Each step's script passes shellcheck, where it is installed (actionlint
	// checks the workflows' scripts, not an action's).
	if sc, err := exec.LookPath("shellcheck"); err == nil {
		for _, st := range action.Runs.Steps {
			if st.Run == "" {
				continue
			}
			cmd := exec.Command(sc, "-s", "bash", "-S", "warning", "-")
			cmd.Stdin = strings.NewReader(st.Run)
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Errorf("shellcheck, step %q: %v\n%s", st.Name, err, out)
			}
		}
	}

	work := t.TempDir()
	repo := filepath.Join(work, "repo")
	temp := filepath.Join(work, "runner")
	fakeBin := filepath.Join(work, "fakebin")
	for _, d := range []string{filepath.Join(repo, "programme"), temp, fakeBin} {
		os.MkdirAll(d, 0o755)
	}
	var base, next strings.Builder
	base.WriteString("milestones:\n")
	for i := 1; i <= 40; i++ {
		base.WriteString("  - {id: M-" + itoaTest(i) + ", title: Step, due: 2017-06-01}\n")
	}
	next.WriteString(base.String())
	for i := 41; i <= 52; i++ {
		next.WriteString("  - {id: M-" + itoaTest(i) + ", title: Step, due: 2017-06-01, owner: nobody}\n")
	}
	for i := 53; i <= 55; i++ {
		next.WriteString("  - {id: M-" + itoaTest(i) + ", title: Step, due: 2017-06-01}\n")
	}
	write := func(name, text string) {
		t.Helper()
		if err := os.WriteFile(name, []byte(text), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(repo, "programme", "programme.yaml"), "programme: {id: X, name: X, start: 2017-01-01, end: 2017-12-31, as_of: 2017-03-01}\n")
	write(filepath.Join(repo, "programme", "milestones.yaml"), base.String())
	git := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-c", "user.name=t", "-c", "user.email=t@e"}, args...)...)
		cmd.Dir = repo
		cmd.Env = append(os.Environ(), "GIT_CEILING_DIRECTORIES="+work)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	git("init", "-q", "-b", "main")
	git("add", "programme")
	git("commit", "-q", "-m", "plan")
	git("update-ref", "refs/remotes/origin/main", "HEAD")
	write(filepath.Join(repo, "programme", "milestones.yaml"), next.String())
	git("commit", "-q", "-a", "-m", "more")
	// A stand-in for gh: lists no comments, records the rest.
	write(filepath.Join(fakeBin, "gh"), "#!/bin/sh\necho \"$*\" >> \"$RUNNER_TEMP/gh-calls\"\nfor a; do case $a in body=@*) cp \"${a#body=@}\" \"$RUNNER_TEMP/gh-body\";; esac; done\n")
	// The fetch of the base branch has no remote here; git is otherwise real.
	write(filepath.Join(fakeBin, "git"), "#!/bin/sh\n[ \"$1\" = fetch ] && exit 0\nexec "+mustLook(t, "git")+" \"$@\"\n")

	expr := map[string]string{
		"github.action_path":                            filepath.Dir(actionFile(t)),
		"github.base_ref":                               "main",
		"github.token":                                  "t0ken",
		"github.repository":                             "o/r",
		"github.event.pull_request.number":              "7",
		"github.event.pull_request.head.repo.full_name": "o/r",
	}
	for name, in := range action.Inputs {
		expr["inputs."+name] = in.Default
	}
	expr["inputs.dir"] = "programme"
	summary := filepath.Join(temp, "summary.md")
	output := filepath.Join(temp, "output")
	path := filepath.Join(temp, "path")
	var log strings.Builder
	exprRE := regexp.MustCompile(`\$\{\{\s*([^}]+?)\s*\}\}`)
	for _, st := range action.Runs.Steps {
		if st.Uses != "" {
			continue // actions/setup-go: this machine has Go
		}
		write(output, "")
		cmd := exec.Command("bash", "-e", "-o", "pipefail", "-c", st.Run)
		cmd.Dir = repo
		extraPath, _ := os.ReadFile(path)
		cmd.Env = append(os.Environ(), "RUNNER_TEMP="+temp, "GITHUB_STEP_SUMMARY="+summary, "GITHUB_OUTPUT="+output,
			"GITHUB_PATH="+path, "GITHUB_EVENT_NAME=pull_request", "GIT_CEILING_DIRECTORIES="+work,
			"PATH="+fakeBin+":"+strings.ReplaceAll(strings.TrimSpace(string(extraPath)), "\n", ":")+":"+os.Getenv("PATH"))
		for k, v := range st.Env {
			cmd.Env = append(cmd.Env, k+"="+exprRE.ReplaceAllStringFunc(v, func(m string) string {
				return expr[exprRE.FindStringSubmatch(m)[1]]
			}))
		}
		out, err := cmd.CombinedOutput()
		log.WriteString("== " + st.Name + "\n" + string(out))
		if st.Name == "Result" {
			if err == nil {
				t.Errorf("the step passed with errors in the programme")
			}
			continue
		}
		if err != nil {
			t.Fatalf("step %q: %v\n%s", st.Name, err, log.String())
		}
		f, _ := os.Open(output)
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			if k, v, ok := strings.Cut(sc.Text(), "="); ok && st.ID != "" {
				expr["steps."+st.ID+".outputs."+k] = v
			}
		}
		f.Close()
	}
	all := log.String()
	if n := strings.Count(all, "\n::error "); n != 10 {
		t.Errorf("%d error annotations, want 10\n%s", n, all)
	}
	if n := strings.Count(all, "\n::warning "); n != 10 {
		t.Errorf("%d warning annotations, want 10", n)
	}
	if !strings.Contains(all, "::notice title=35 more findings::2 more errors and 33 more warnings not annotated") {
		t.Errorf("no note of the findings left out:\n%s", all)
	}
	sum, _ := os.ReadFile(summary)
	for i := 1; i <= 55; i++ {
		if !strings.Contains(string(sum), "M-"+itoaTest(i)+" has no owner") && !strings.Contains(string(sum), "M-"+itoaTest(i)+": owner") {
			t.Errorf("the summary lacks M-%d's finding", i)
		}
	}
	if !strings.Contains(string(sum), "12 errors, 43 warnings") {
		t.Errorf("summary:\n%s", sum)
	}
	calls, _ := os.ReadFile(filepath.Join(temp, "gh-calls"))
	if !strings.Contains(string(calls), "-X POST repos/o/r/issues/7/comments") {
		t.Errorf("gh was asked:\n%s", calls)
	}
	body, _ := os.ReadFile(filepath.Join(temp, "gh-body"))
	if !strings.HasPrefix(string(body), "<!-- oco-action: programme -->\n") || !strings.Contains(string(body), "12 errors, 43 warnings") {
		t.Errorf("comment:\n%s", body)
	}
}

func mustLook(t *testing.T, name string) string {
	p, err := exec.LookPath(name)
	if err != nil {
		t.Skip(err)
	}
	return p
}

func itoaTest(n int) string { return strconv.Itoa(n) }
