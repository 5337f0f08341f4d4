package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/ocotool/oco/internal/check"
	"github.com/ocotool/oco/internal/programme"
	"github.com/ocotool/oco/internal/yamledit"
)

// The edit commands (add, set, done) share one path: find the file, make
// the change on its text with yamledit, load and check the programme as it
// would then be, and write the file only if the change adds no error.

// target is the item an edit changes.
type target struct {
	kind    programme.Kind
	section string
	id      string // the item's id; "" for the programme header
	label   string // how messages name it
	item    *programme.Item
	rel     string     // its file, slash-separated, within the programme directory
	node    *yaml.Node // its mapping as the file holds it now
}

// field returns the value node of one of the item's fields, dotted for
// nested ones, or nil where it has none.
func (t *target) field(name string) *yaml.Node {
	n := t.node
	for _, part := range strings.Split(name, ".") {
		if n = programme.MapValue(n, part); n == nil {
			return nil
		}
	}
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return nil
	}
	return n
}

// fileEdit is a change to one file of the programme.
type fileEdit struct {
	rel    string
	create bool // the file does not exist yet
	change func(old []byte) ([]byte, error)
}

// editFlags are the flags every edit command takes.
type editFlags struct {
	dryRun bool
}

func (f *editFlags) register(fs interface {
	BoolVarP(p *bool, name, short string, value bool, usage string)
}) {
	fs.BoolVarP(&f.dryRun, "dry-run", "n", false, "print the change as a unified diff and write nothing")
}

// prefix is how the session's findings name the programme directory.
func (s *session) prefix() string { return s.g.displayDir(s.dir) }

// relPath maps a file as findings name it back to its path within the
// programme directory.
func relPath(prefix, display string) (string, error) {
	p := path.Clean(prefix)
	switch {
	case p == ".":
		return display, nil
	case strings.HasSuffix(p, "/"): // the root directory
		if r, ok := strings.CutPrefix(display, p); ok {
			return r, nil
		}
	default:
		if r, ok := strings.CutPrefix(display, p+"/"); ok {
			return r, nil
		}
	}
	return "", fmt.Errorf("%s is not inside the programme directory %s", display, prefix)
}

// findTarget finds the item with the id. The programme header is found by
// its own id, or by "programme" where no item has that id.
func findTarget(p *programme.Programme, fsys fs.FS, prefix, id string) (*target, error) {
	var found []*target
	p.Each(func(kind programme.Kind, itemID string, it *programme.Item, _ any) {
		if itemID == id {
			found = append(found, &target{kind: kind, section: programme.SectionOf(kind), id: id, label: id, item: it})
		}
	})
	if len(found) == 0 && p.Header.File != "" && (id == p.Header.ID || id == "programme") {
		label := p.Header.ID
		if label == "" {
			label = "programme"
		}
		found = append(found, &target{kind: programme.KindProgramme, section: "programme", label: label, item: &p.Header.Item})
	}
	switch len(found) {
	case 0:
		return nil, fmt.Errorf("no item has the id %q%s", id, didYouMean(id, p.IDs()))
	case 1:
	default:
		var where []string
		for _, t := range found {
			where = append(where, t.item.Pos().String())
		}
		return nil, fmt.Errorf("%s is the id of %d items (%s): give each its own id first", id, len(found), strings.Join(where, ", "))
	}
	t := found[0]
	rel, err := relPath(prefix, t.item.File)
	if err != nil {
		return nil, err
	}
	t.rel = rel
	// The model keeps only positions; the edit needs the item's YAML.
	src, err := fs.ReadFile(fsys, rel)
	if err != nil {
		return nil, err
	}
	t.node = mappingAt(src, t.item.Line, t.item.Col)
	if t.node == nil {
		return nil, fmt.Errorf("%s at %s is not a mapping of fields", t.label, t.item.Pos())
	}
	if t.node.Style&yaml.FlowStyle != 0 {
		// yamledit changes whole lines; a flow mapping shares its line
		// with all its fields (and oco fmt keeps flow style as it is).
		return nil, fmt.Errorf("%s at %s is written in flow style ({...}) and oco edits only items written one field a line; rewrite it that way by hand, then run the command again", t.label, t.item.Pos())
	}
	return t, nil
}

// mappingAt returns the mapping that starts at line and col of src, or nil.
func mappingAt(src []byte, line, col int) *yaml.Node {
	var doc yaml.Node
	if line == 0 || yaml.Unmarshal(src, &doc) != nil {
		return nil
	}
	stack := []*yaml.Node{&doc}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if n.Kind == yaml.MappingNode && n.Line == line && n.Column == col {
			return n
		}
		stack = append(stack, n.Content...) // aliases are not followed: what they name is here too
	}
	return nil
}

// reportingDate returns the reporting date for a programme as edited.
type reportingDate func(*programme.Programme) (programme.Date, error)

// newErrors returns the errors the programme in fsys has with the file rel
// holding after (which is nil where the file is absent) that it does not
// have with rel holding before. Findings are compared by rule, id and
// message, not position: an edit moves the lines below it.
func newErrors(fsys fs.FS, prefix string, asOf reportingDate, rel string, before, after []byte) ([]programme.Finding, error) {
	run := func(data []byte) ([]programme.Finding, error) {
		files := map[string][]byte{}
		if data != nil {
			files[rel] = data
		}
		p := programme.Load(overlayFS{base: fsys, files: files}, prefix)
		d, err := asOf(p)
		if err != nil {
			return nil, err
		}
		return check.Run(p, check.Options{AsOf: d}), nil
	}
	old, err := run(before)
	if err != nil {
		return nil, err
	}
	now, err := run(after)
	if err != nil {
		return nil, err
	}
	key := func(f programme.Finding) string { return f.Rule + "\x00" + f.ID + "\x00" + f.Message }
	had := map[string]int{}
	for _, f := range old {
		if f.Severity == programme.Error {
			had[key(f)]++
		}
	}
	var out []programme.Finding
	for _, f := range now {
		if f.Severity != programme.Error {
			continue
		}
		if had[key(f)] > 0 {
			had[key(f)]--
			continue
		}
		out = append(out, f)
	}
	return out, nil
}

// errRefused ends an edit that would break the programme: exit status 1,
// the new errors having been printed.
func errRefused(n int) error {
	return &exitError{code: ExitFailed, err: fmt.Errorf("nothing changed: the edit would add %s (shown above, at the lines the file would have)", programme.Plural(n, "error"))}
}

// cantRun marks an error as one that stopped the command: exit status 2.
func cantRun(err error) error {
	var ee *exitError
	if errors.As(err, &ee) {
		return err
	}
	return &exitError{code: ExitCantRun, err: err}
}

// commit makes an edit: under the file's lock it applies the change to the
// file as it is now, checks the programme as it would be, and writes the
// file atomically, or with dryRun prints the diff instead. It reports
// whether the file changed (or would have).
func (s *session) commit(e fileEdit, dryRun bool) (bool, error) {
	prefix := s.prefix()
	real := filepath.Join(s.dir, filepath.FromSlash(e.rel))
	display := path.Join(prefix, e.rel)
	changed := false
	apply := func(old []byte) ([]byte, error) {
		nw, err := e.change(old)
		if err != nil {
			return nil, cantRun(err)
		}
		if old != nil && bytes.Equal(nw, old) {
			return old, nil
		}
		changed = true
		bad, err := newErrors(os.DirFS(s.dir), prefix, s.g.reportingDate, e.rel, old, nw)
		if err != nil {
			return nil, err
		}
		if dryRun {
			io.WriteString(s.g.env.Out, unifiedDiff(display, old, nw))
		}
		if len(bad) > 0 {
			for _, f := range bad {
				fmt.Fprintln(s.g.env.Err, f)
			}
			return nil, errRefused(len(bad))
		}
		if dryRun {
			return old, nil
		}
		return nw, nil
	}
	if e.create {
		if _, err := os.Lstat(real); errors.Is(err, fs.ErrNotExist) {
			nw, err := apply(nil)
			if err != nil || dryRun {
				return changed, err
			}
			if err := yamledit.WriteFile(real, nw); err != nil {
				return false, cantRun(err)
			}
			return true, nil
		}
	}
	if err := yamledit.Update(real, apply); err != nil {
		return false, cantRun(unwrapEditError(err))
	}
	return changed, nil
}

// unwrapEditError says what went wrong with a file in the user's terms:
// "path: permission denied", not "open path: permission denied". Errors
// that yamledit has already put in words are left as they are.
func unwrapEditError(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return fmt.Errorf("%s: %v", pe.Path, pe.Err)
	}
	return err
}

// valueText is how a field's value reads in messages: a scalar as written,
// a list joined by commas.
func valueText(n *yaml.Node) string {
	switch {
	case n == nil:
		return ""
	case n.Kind == yaml.AliasNode:
		return valueText(n.Alias)
	case n.Kind == yaml.ScalarNode:
		return n.Value
	case n.Kind == yaml.SequenceNode:
		var parts []string
		for _, c := range n.Content {
			if c.Kind == yaml.MappingNode {
				if id, lag := programme.MapValue(c, "id"), programme.MapValue(c, "lag"); id != nil && lag != nil {
					parts = append(parts, id.Value+"+"+valueText(lag))
					continue
				}
			}
			parts = append(parts, valueText(c))
		}
		return strings.Join(parts, ",")
	case n.Kind == yaml.MappingNode:
		var parts []string
		for i := 0; i+1 < len(n.Content); i += 2 {
			parts = append(parts, n.Content[i].Value+": "+valueText(n.Content[i+1]))
		}
		return "{" + strings.Join(parts, ", ") + "}"
	}
	return ""
}

// short cuts a value for a one-line message.
func short(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i] + " ..."
	}
	if r := []rune(s); len(r) > 60 {
		s = string(r[:57]) + "..."
	}
	return s
}
