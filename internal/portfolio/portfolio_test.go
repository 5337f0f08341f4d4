package portfolio

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/ocotool/oco/internal/gitrev"
	"github.com/ocotool/oco/internal/gittest"
	"github.com/ocotool/oco/internal/programme"
)

// The git helpers every package's tests share.
var (
	needGit = gittest.NeedGit
	isolate = gittest.Isolate
	git     = gittest.Git
	write   = gittest.Write
)

func read(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// patch replaces old by new in a file, and fails where old is not there:
// the shipped programme changed under the fixture.
func patch(t testing.TB, name, old, new string) {
	t.Helper()
	s := read(t, name)
	if !strings.Contains(s, old) {
		t.Fatalf("%s: %q not found", name, old)
	}
	write(t, name, strings.Replace(s, old, new, 1))
}

func shipped(t testing.TB) string {
	_, here, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(here), "..", "..", "programme")
}

// fixture is the portfolio of item 5 of the issue: the shipped OCO
// programme, in a work tree, and a small Locality Care Organisation
// programme built from the seeds' text, in a bare repository reached by a
// file:// URL. OCO's M-40 (resources realigned with the OCO, LCO and
// Integrated Neighbourhood approaches) waits for the LCO's structure,
// lco:LCO-M-2, pinned at the LCO's first commit; the second commit
// forecasts LCO-M-2 six weeks later.
type fixture struct {
	root, oco, lcoWork, lcoBare, cache string
	v1, v2                             string
	file                               *File
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	needGit(t)
	isolate(t)
	root := t.TempDir()
	fx := &fixture{root: root, oco: filepath.Join(root, "oco"), lcoWork: filepath.Join(root, "lco-work"),
		lcoBare: filepath.Join(root, "lco.git"), cache: filepath.Join(root, "cache")}

	if err := os.CopyFS(filepath.Join(fx.lcoWork, "programme"), os.DirFS("testdata/lco/programme")); err != nil {
		t.Fatal(err)
	}
	git(t, fx.lcoWork, "init", "-q", "-b", "main")
	git(t, fx.lcoWork, "add", ".")
	git(t, fx.lcoWork, "commit", "-q", "-m", "LCO plan")
	fx.v1 = git(t, fx.lcoWork, "rev-parse", "HEAD")
	git(t, root, "clone", "-q", "--bare", fx.lcoWork, fx.lcoBare)
	write(t, filepath.Join(fx.lcoWork, "programme", "milestones.yaml"), read(t, "testdata/lco-v2/milestones.yaml"))
	git(t, fx.lcoWork, "commit", "-q", "-a", "-m", "LCO-M-2 forecast six weeks late")
	fx.v2 = git(t, fx.lcoWork, "rev-parse", "HEAD")
	git(t, fx.lcoWork, "push", "-q", fx.lcoBare, "main")

	if err := os.CopyFS(filepath.Join(fx.oco, "programme"), os.DirFS(shipped(t))); err != nil {
		t.Fatal(err)
	}
	patch(t, filepath.Join(fx.oco, "programme", "milestones.yaml"),
		"      - {id: M-39, lag: 1d}\n", "      - {id: M-39, lag: 1d}\n      - {id: lco:LCO-M-2, lag: 5d}\n")
	patch(t, filepath.Join(fx.oco, "programme", "programme.yaml"),
		"\n  owner: JLT\n", "\n  owner: JLT\n  upstream:\n    lco: {repo: "+fx.lcoBare+", ref: "+fx.v1+"}\n")
	git(t, fx.oco, "init", "-q", "-b", "main")
	git(t, fx.oco, "add", ".")
	git(t, fx.oco, "commit", "-q", "-m", "OCO waits for the LCO structure")

	src := "portfolio: {id: bury, name: Bury health and care transformation, as_of: 2017-06-30}\n" +
		"programmes:\n" +
		"  - {id: oco, repo: oco, ref: main, dir: programme}\n" +
		"  - {id: lco, repo: 'file://" + filepath.ToSlash(fx.lcoBare) + "', ref: main}\n"
	write(t, filepath.Join(root, FileName), src)
	f, bad := Parse(FileName, []byte(src))
	if len(bad) > 0 {
		t.Fatal(bad)
	}
	fx.file = f
	return fx
}

// readAfterRefGone has the LCO read at ref, which git args mk make in its
// remote, then removed by rm, and returns what reading it again says.
func (fx *fixture) readAfterRefGone(t *testing.T, ref string, mk, rm []string) error {
	t.Helper()
	git(t, fx.lcoBare, mk...)
	fx.file.Programmes[1].Ref = ref
	fx.build(t, fx.options())
	git(t, fx.lcoBare, rm...)
	rs := NewRepos(fx.options())
	defer rs.Close()
	_, err := Read(fx.file, rs)
	return err
}

// lcoBesideOCO commits the LCO programme in the OCO's repository too, in
// lco/, beside the OCO's programme/.
func (fx *fixture) lcoBesideOCO(t *testing.T) {
	t.Helper()
	if err := os.CopyFS(filepath.Join(fx.oco, "lco"), os.DirFS("testdata/lco/programme")); err != nil {
		t.Fatal(err)
	}
	git(t, fx.oco, "add", ".")
	git(t, fx.oco, "commit", "-q", "-m", "the LCO beside the OCO")
}

func (fx *fixture) options() Options {
	return Options{Base: fx.root, Cache: fx.cache, Git: gitrev.Options{Getenv: os.Getenv}}
}

func (fx *fixture) build(t *testing.T, opt Options) (*Portfolio, *Repos) {
	t.Helper()
	rs := NewRepos(opt)
	t.Cleanup(rs.Close)
	members, err := Read(fx.file, rs)
	if err != nil {
		t.Fatal(err)
	}
	return Build(fx.file.ID, fx.file.Name, members, fx.file.AsOf), rs
}

func byRule(fs []programme.Finding, rule string) []programme.Finding {
	var out []programme.Finding
	for _, f := range fs {
		if f.Rule == rule {
			out = append(out, f)
		}
	}
	return out
}

func TestFixture(t *testing.T) {
	fx := newFixture(t)
	pf, _ := fx.build(t, fx.options())
	fs := pf.Findings()

	moved := byRule(fs, UpstreamMoved)
	if len(moved) != 1 {
		t.Fatalf("upstream-moved: want 1, got %v", moved)
	}
	want := "oco:M-40 depends on lco:LCO-M-2, which moved from 2017-07-26 (pinned " + fx.v1[:7] + ") to 2017-09-08 (lco at " + fx.v2[:7] + "), 44 days later"
	if moved[0].Message != want || moved[0].ID != "oco:M-40" {
		t.Errorf("upstream-moved:\n got %s\nwant %s", moved[0].Message, want)
	}
	if !strings.HasPrefix(moved[0].Pos.String(), "oco:programme/milestones.yaml:") {
		t.Errorf("position %s: want the link in oco:programme/milestones.yaml", moved[0].Pos)
	}
	for _, f := range append(byRule(fs, "unchecked-ref"), byRule(fs, "dependency-order")...) {
		t.Errorf("a link to a programme of the portfolio is checked, not noted: %s", f)
	}

	// LCO-M-2 expected 2017-09-08, plus 5 days, plus M-40's own 60 days
	// (2017-08-01 to 2017-09-30): M-40 is expected 2017-11-12.
	i, ok := pf.Plan.Index("oco:M-40")
	if !ok {
		t.Fatal("oco:M-40 not in the merged plan")
	}
	if got := pf.Plan.Expected[i].String(); got != "2017-11-12" {
		t.Errorf("oco:M-40 expected %s, want 2017-11-12", got)
	}
	var knock []string
	for _, f := range byRule(fs, "knock-on") {
		knock = append(knock, f.ID)
	}
	if !slices.Contains(knock, "oco:M-40") {
		t.Errorf("no knock-on for oco:M-40 across programmes; knock-on for %v", knock)
	}

	s := pf.Status(fs)
	rows := map[string]Row{}
	for _, r := range s.Programmes {
		rows[r.Programme] = r
	}
	lco, oco := rows["lco"], rows["oco"]
	if lco.RAG != programme.Red || lco.Slips != 1 || lco.RedRisks != 0 || lco.ExpectedEnd.String() != "2018-01-31" || lco.EndDays != -59 {
		t.Errorf("lco row: %+v", lco)
	}
	if oco.LinksAtRisk != 1 {
		t.Errorf("oco links at risk: %d, want 1", oco.LinksAtRisk)
	}
	if lco.Fetched == nil || oco.Fetched != nil {
		t.Errorf("fetched: lco %v (want a time), oco %v (want none)", lco.Fetched, oco.Fetched)
	}

	// Reading wrote nothing into the work tree.
	if st := git(t, fx.oco, "status", "--porcelain", "--ignored"); st != "" {
		t.Errorf("the work tree changed:\n%s", st)
	}
}

func TestPinnedNotMoved(t *testing.T) {
	fx := newFixture(t)
	patch(t, filepath.Join(fx.oco, "programme", "programme.yaml"), fx.v1, fx.v2)
	git(t, fx.oco, "commit", "-q", "-a", "-m", "re-pin")
	pf, _ := fx.build(t, fx.options())
	if moved := byRule(pf.Findings(), UpstreamMoved); len(moved) != 0 {
		t.Errorf("pinned at the newest commit, yet %v", moved)
	}
}

func TestCrossProgrammeCycleAndUnknown(t *testing.T) {
	fx := newFixture(t)
	patch(t, filepath.Join(fx.lcoWork, "programme", "milestones.yaml"),
		"    source: PID 4, Outcomes\n", "    source: PID 4, Outcomes\n    depends_on: [oco:M-40, oco:M-99, lco:LCO-M-3]\n")
	git(t, fx.lcoWork, "commit", "-q", "-a", "-m", "a loop")
	git(t, fx.lcoWork, "push", "-q", fx.lcoBare, "main")
	pf, _ := fx.build(t, fx.options())
	fs := pf.Findings()
	var cycles []string
	for _, f := range byRule(fs, "dependency-cycle") {
		cycles = append(cycles, f.Message)
	}
	// The whole loop, once round: from the milestone defined first (the
	// OCO's, the first programme), by depends_on links, back to it.
	want := "dependency loop across programmes: oco:M-40 -> lco:LCO-M-2 -> lco:LCO-M-1 -> oco:M-40"
	if !slices.Contains(cycles, want) {
		t.Errorf("loops %q; want %q", cycles, want)
	}
	unknown := byRule(fs, "unknown-ref")
	if len(unknown) != 1 || !strings.Contains(unknown[0].Message, `"oco:M-99"`) || !strings.Contains(unknown[0].Message, "did you mean") {
		t.Errorf("unknown-ref: %v", unknown)
	}
	// The local "lco:LCO-M-3" names the programme's own milestone.
	for _, f := range fs {
		if strings.Contains(f.Message, "lco:LCO-M-3") && f.Rule == "unknown-ref" {
			t.Errorf("a programme's own id, qualified, is not unknown: %s", f)
		}
	}
}

func TestFetchFailure(t *testing.T) {
	fx := newFixture(t)
	fx.file.Programmes[1].Repo = "file://" + filepath.ToSlash(filepath.Join(fx.root, "nowhere.git"))
	_, err := Read(fx.file, NewRepos(fx.options()))
	if err == nil || !strings.Contains(err.Error(), "programme lco") || !strings.Contains(err.Error(), "git fetch") {
		t.Fatalf("want a fetch error naming the programme, got %v", err)
	}
}

func TestRefGone(t *testing.T) {
	fx := newFixture(t)
	if err := fx.readAfterRefGone(t, "v3", []string{"tag", "v3", fx.v1}, []string{"tag", "-d", "v3"}); err == nil || !strings.Contains(err.Error(), "ref v3 is not in") {
		t.Fatalf("want the ref named as gone, got %v", err)
	}
}

func TestForcePush(t *testing.T) {
	fx := newFixture(t)
	fx.build(t, fx.options()) // the cache now holds v1 and v2
	// Rewrite the LCO's history: a new root, pushed over main.
	git(t, fx.lcoWork, "checkout", "-q", "--orphan", "rewritten")
	write(t, filepath.Join(fx.lcoWork, "programme", "milestones.yaml"),
		strings.Replace(read(t, "testdata/lco/programme/milestones.yaml"), "due: 2017-07-26", "due: 2017-08-15", 1))
	git(t, fx.lcoWork, "add", ".")
	git(t, fx.lcoWork, "commit", "-q", "-m", "start again")
	git(t, fx.lcoWork, "push", "-q", "--force", fx.lcoBare, "rewritten:main")

	pf, _ := fx.build(t, fx.options())
	lco, _, _ := pf.Member("lco")
	if lco.Forced == nil || lco.Forced.Old != fx.v2 {
		t.Fatalf("force-push not seen: %+v", lco.Forced)
	}
	// The pinned commit is gone from the remote, but the cache still has it.
	moved := byRule(pf.Findings(), UpstreamMoved)
	if len(moved) != 1 || !strings.Contains(moved[0].Message, "from 2017-07-26 (pinned "+fx.v1[:7]+") to 2017-08-15") {
		t.Errorf("upstream-moved after a force-push: %v", moved)
	}
}

func TestOffline(t *testing.T) {
	fx := newFixture(t)
	opt := fx.options()
	opt.Offline = true
	_, err := Read(fx.file, NewRepos(opt))
	if !errors.Is(err, gitrev.ErrNotCached) {
		t.Fatalf("offline before any fetch: %v", err)
	}
	fx.build(t, fx.options())
	pf, _ := fx.build(t, opt)
	lco, _, _ := pf.Member("lco")
	if !lco.Offline || lco.Fetched.IsZero() {
		t.Errorf("offline member: %+v", lco)
	}
}

// TestHostileConfig: a repository's own configuration names programs to
// run (fsmonitor, pager, external diff, hooks, ssh): oco runs none.
func TestHostileConfig(t *testing.T) {
	fx := newFixture(t)
	marker := filepath.Join(fx.root, "pwned")
	script := filepath.Join(fx.root, "evil.sh")
	write(t, script, "#!/bin/sh\necho \"$0 $*\" >> "+marker+"\n")
	if err := os.Chmod(script, 0o755); err != nil {
		t.Fatal(err)
	}
	hooks := filepath.Join(fx.root, "hooks")
	for _, h := range []string{"post-checkout", "pre-auto-gc", "reference-transaction", "post-index-change", "fsmonitor-watchman"} {
		write(t, filepath.Join(hooks, h), "#!/bin/sh\necho hook >> "+marker+"\n")
		os.Chmod(filepath.Join(hooks, h), 0o755)
	}
	for _, dir := range []string{fx.oco, fx.lcoBare} {
		for _, kv := range [][2]string{{"core.fsmonitor", script}, {"core.pager", script}, {"diff.external", script},
			{"core.hooksPath", hooks}, {"core.sshCommand", script}, {"uploadpack.packObjectsHook", script}} {
			git(t, dir, "config", kv[0], kv[1])
		}
	}
	pf, _ := fx.build(t, fx.options())
	pf.Findings()
	if b, err := os.ReadFile(marker); err == nil {
		t.Fatalf("a repository's configuration ran a program:\n%s", b)
	}
}

func TestParse(t *testing.T) {
	_, bad := Parse("portfolio.yaml", []byte("portfolio: {id: x}\nprogrammes:\n  - {id: a, repo: r, reff: main}\n  - {id: a, repo: r}\n  - {repo: r}\nextra: 1\n"))
	var rules []string
	for _, f := range bad {
		rules = append(rules, f.Rule)
	}
	slices.Sort(rules)
	want := []string{"duplicate-id", "duplicate-section", "missing-field", "unknown-field"}
	if !slices.Equal(rules, want) {
		t.Errorf("rules %v, want %v (%v)", rules, want, bad)
	}
	for _, src := range []string{"", "[", "- a", "portfolio: x", "programmes: {}", "\x00"} {
		if _, bad := Parse("p", []byte(src)); len(bad) == 0 {
			t.Errorf("%q: no finding", src)
		}
	}
}

// TestOneRepositoryTwoProgrammes: two programmes of one repository are
// read through one git process, each from its own directory.
func TestOneRepositoryTwoProgrammes(t *testing.T) {
	fx := newFixture(t)
	fx.lcoBesideOCO(t)
	fx.file.Programmes[1] = Entry{ID: "lco", Repo: "oco", Dir: "lco"}
	pf, rs := fx.build(t, fx.options())
	if len(rs.repos) != 1 {
		t.Errorf("%d repositories opened, want 1", len(rs.repos))
	}
	lco, _, _ := pf.Member("lco")
	if len(lco.P.Milestones) != 3 || lco.P.Files[0] != "lco:lco/milestones.yaml" {
		t.Errorf("lco read from %v: %d milestones", lco.P.Files, len(lco.P.Milestones))
	}
	// The pin still names the bare repository's commit, which this
	// repository does not have: it cannot be compared, and says so.
	moved := byRule(pf.Findings(), UpstreamMoved)
	if len(moved) != 1 || !strings.Contains(moved[0].Message, "the pinned revision cannot be read") {
		t.Errorf("upstream-moved: %v", moved)
	}
}

// TestPinnedSameTree: a pin at a commit that left the programme's
// directory as it is reads nothing again, and finds nothing moved.
func TestPinnedSameTree(t *testing.T) {
	fx := newFixture(t)
	write(t, filepath.Join(fx.lcoWork, "README.md"), "The LCO's plan.\n")
	git(t, fx.lcoWork, "add", ".")
	git(t, fx.lcoWork, "commit", "-q", "-m", "a README")
	git(t, fx.lcoWork, "push", "-q", fx.lcoBare, "main")
	pf, _ := fx.build(t, fx.options())
	lco, _, _ := pf.Member("lco")
	p, commit, err := lco.At(fx.v2)
	if err != nil || commit != fx.v2 || p != lco.P {
		t.Errorf("At(v2): %v, %s, same programme %v", err, commit, p == lco.P)
	}
	if p, _, _ := lco.At(fx.v1); p == lco.P {
		t.Error("At(v1) reused a programme whose files differ")
	}
}
