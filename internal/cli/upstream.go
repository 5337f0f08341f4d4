package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/ocotool/oco/internal/portfolio"
	"github.com/ocotool/oco/internal/programme"
	"github.com/ocotool/oco/internal/render"
	"github.com/ocotool/oco/internal/view"
)

type upstreamOptions struct {
	offline bool
	dryRun  bool
}

// withUpstream gives validate its --upstream flag, leaving the rest of
// the command as it is.
func withUpstream(g *globals, cmd *cobra.Command) *cobra.Command {
	var on bool
	o := &upstreamOptions{}
	cmd.Flags().BoolVar(&on, "upstream", false, "also check links to other programmes against each programme pinned in programme.upstream, at its newest revision")
	cmd.Flags().BoolVar(&o.offline, "offline", false, "with --upstream: fetch nothing, read cached copies")
	cmd.Long += `

--upstream reads each programme that programme.upstream pins, at its newest
revision (HEAD of its repository; a URL's default branch, fetched into
$XDG_CACHE_HOME/oco/), and checks this programme's links to it as a
portfolio would: unknown milestones, loops, knock-on, and upstream-moved
where a predecessor's date at the pinned commit differs from its date now.`
	run := cmd.RunE
	cmd.RunE = func(c *cobra.Command, args []string) error {
		if !on {
			return run(c, args)
		}
		format, _ := c.Flags().GetString("format")
		failOn, _ := c.Flags().GetString("fail-on")
		return runValidateUpstream(g, o, format, failOn)
	}
	return cmd
}

func newUpstreamCmd(g *globals) *cobra.Command {
	o := &upstreamOptions{}
	cmd := &cobra.Command{
		Use:     "upstream",
		GroupID: "git",
		Short:   "See and renew what this programme agreed with other programmes",
		Long: `programme.upstream pins, for each other programme this one depends on, the
commit of it that was agreed:

  programme:
    upstream:
      lco: {repo: ../lco, ref: 3f2c1d0e..., dir: programme}

repo is a local path (relative to the programme directory, or failing
that to a directory above it, such as the repository's top) or any URL
git can fetch. 'oco upstream status' compares every link to a pinned programme
at the pinned commit and at its newest revision; 'oco upstream update ID'
re-pins ID to its newest revision, changing that one line.`,
		Args: cobra.NoArgs,
	}
	cmd.PersistentFlags().BoolVar(&o.offline, "offline", false, "fetch nothing: read cached copies")
	status := &cobra.Command{
		Use:   "status",
		Short: "Each link to a pinned programme: its date at the pin and now",
		Long:  "Each link to a pinned programme: its date at the pinned commit and at the\nnewest revision, and the days between. Exit status 1 where any moved.",
		Args:  cobra.NoArgs,
		RunE:  func(*cobra.Command, []string) error { return runUpstreamStatus(g, o) },
	}
	g.addOutputFlag(status, "table", render.AllFormats...)
	update := &cobra.Command{
		Use:   "update ID",
		Short: "Re-pin a programme to its newest revision",
		Long: `Re-pin the programme ID to its newest revision. It is an edit like set:
under the file's lock, only the value of programme.upstream.ID.ref
changes, on its one line, comments and quoting kept; the programme is
checked as it would be, and nothing is written if that adds an error.
--dry-run prints the change as a diff.`,
		Args: cobra.ExactArgs(1),
		RunE: func(_ *cobra.Command, args []string) error { return runUpstreamUpdate(g, o, args[0]) },
	}
	update.Flags().BoolVarP(&o.dryRun, "dry-run", "n", false, "print the change as a unified diff and write nothing")
	cmd.AddCommand(status, update)
	return cmd
}

// upstreamRepos opens the repositories a programme in dir pins, as the
// flags say.
func (g *globals) upstreamRepos(dir string, o *upstreamOptions) *portfolio.Repos {
	return portfolio.NewRepos(portfolio.Options{Base: dir, Cache: g.cacheDir(), Offline: o.offline, Git: g.gitOptions()})
}

// pinned reads the session's programme with the programmes it pins.
func (g *globals) pinned(s *session, o *upstreamOptions) (*portfolio.Portfolio, *portfolio.Repos, error) {
	f := portfolio.Pins(s.p)
	repos := g.upstreamRepos(s.dir, o)
	others, err := portfolio.Read(f, repos)
	if err != nil {
		repos.Close()
		return nil, nil, usageError("programme.upstream: %v", err)
	}
	for _, m := range others {
		g.memberNotes(m)
	}
	id := s.p.Header.ID
	if !programme.ValidID(id) {
		id = "this" // a missing-field or invalid-id finding says why
	}
	self := portfolio.Local(id, s.p)
	return portfolio.Build(f.ID, f.Name, append([]*portfolio.Member{self}, others...), s.asOf), repos, nil
}

func runValidateUpstream(g *globals, o *upstreamOptions, format, failOn string) error {
	threshold, err := failOnSeverity(failOn)
	if err != nil {
		return err
	}
	render, err := findingsRenderer(g, format)
	if err != nil {
		return err
	}
	s, err := g.loadPartial()
	if err != nil {
		return err
	}
	pf, repos, err := g.pinned(s, o)
	if err != nil {
		return err
	}
	defer repos.Close()
	self := pf.Members[0]
	fs := pf.FindingsOf(func(m *portfolio.Member) bool { return m == self })
	if err := render(fs); err != nil {
		return err
	}
	if err := s.unreadable(); err != nil {
		return err
	}
	if view.Summarise(fs, threshold).Failed {
		return errFailed
	}
	return nil
}

func runUpstreamStatus(g *globals, o *upstreamOptions) error {
	f, err := g.format(render.AllFormats...)
	if err != nil {
		return err
	}
	s, err := g.load()
	if err != nil {
		return err
	}
	if len(s.p.Header.Upstream) == 0 {
		return usageError("the programme pins no other programme (programme.upstream)")
	}
	pf, repos, err := g.pinned(s, o)
	if err != nil {
		return err
	}
	defer repos.Close()
	records, tb, csv := portfolio.MovesView(pf.Upstream())
	t := g.term()
	if f == render.FormatCSV {
		err = render.CSV(t.Out, csv)
	} else if f != render.FormatTable || len(records) > 0 {
		err = t.Output(f, tb, records)
	} else {
		_, err = fmt.Fprintln(g.env.Err, "no links to pinned programmes")
	}
	if err != nil {
		return err
	}
	for _, r := range records {
		if r.Moved {
			return errFailed
		}
	}
	return nil
}

func runUpstreamUpdate(g *globals, o *upstreamOptions, id string) error {
	src, _, err := g.loadEdit()
	if err != nil {
		return err
	}
	pin := src.P.Header.Upstream[id]
	if pin == nil {
		return usageError("the programme pins no programme %s (programme.upstream.%s)", id, id)
	}
	// Only the commit is needed: the pinned programme is not read.
	repos := g.upstreamRepos(src.Dir, o)
	defer repos.Close()
	m, err := repos.Resolve(portfolio.PinEntry(id, pin))
	if err != nil {
		return usageError("programme.upstream.%s: %v", id, err)
	}
	g.memberNotes(m)
	res, err := src.Repin(id, m.Commit, o.dryRun)
	if err != nil {
		return editError(err)
	}
	// The dry run's diff, then what it means, as after every edit: "lco
	// re-pinned from 0b72558 to 203e52c".
	if err := g.finish(res, o.dryRun); err != nil {
		return err
	}
	switch {
	case !res.Changed:
		fmt.Fprintf(g.env.Err, "%s is already pinned at its newest revision %s\n", id, portfolio.Short(m.Commit))
	case o.dryRun:
	default:
		fmt.Fprintf(g.env.Err, "%s: re-pinned %s from %s to %s\n", res.File, id, portfolio.Short(pin.Ref), portfolio.Short(m.Commit))
	}
	return nil
}
