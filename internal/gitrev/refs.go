package gitrev

import (
	"bufio"
	"bytes"
	"errors"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// fileRefs reads, without starting git, the branches and tags of the
// repository whose own directory is dir, and the refs named in extra, as
// `git for-each-ref` lists them: a loose ref over a packed one of the same
// name. ok is false wherever the repository keeps its refs in a way this
// does not read for certain (a reftable, a symbolic ref, a lock left by a
// writer, a name git might refuse): git is asked then. A portfolio of a
// hundred repositories otherwise starts a hundred processes to learn that
// nothing moved.
func fileRefs(dir string, extra ...string) (refs map[string]string, ok bool) {
	if _, err := os.Lstat(filepath.Join(dir, "reftable")); !errors.Is(err, fs.ErrNotExist) {
		return nil, false
	}
	refs = map[string]string{}
	wanted := func(ref string) bool {
		return strings.HasPrefix(ref, "refs/heads/") || strings.HasPrefix(ref, "refs/tags/") || slices.Contains(extra, ref)
	}
	packed, err := os.ReadFile(filepath.Join(dir, "packed-refs"))
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return nil, false
	default:
		sc := bufio.NewScanner(bytes.NewReader(packed))
		for sc.Scan() {
			line := sc.Text()
			if line == "" || line[0] == '#' || line[0] == '^' {
				continue // the header, and the commit an annotated tag names
			}
			hash, ref, found := strings.Cut(line, " ")
			if !found || !isHash(hash) || !plainRef(ref) {
				return nil, false
			}
			if wanted(ref) {
				refs[ref] = hash
			}
		}
		if sc.Err() != nil {
			return nil, false
		}
	}
	loose := func(ref string) bool {
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(ref)))
		if err != nil {
			return false
		}
		hash := strings.TrimSuffix(string(data), "\n")
		if !isHash(hash) {
			return false // a symbolic ref, or not a ref at all
		}
		refs[ref] = hash
		return true
	}
	for _, top := range []string{"refs/heads", "refs/tags"} {
		err := filepath.WalkDir(filepath.Join(dir, filepath.FromSlash(top)), func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if errors.Is(err, fs.ErrNotExist) && p == filepath.Join(dir, filepath.FromSlash(top)) {
					return nil
				}
				return err
			}
			rel, err := filepath.Rel(dir, p)
			if err != nil {
				return err
			}
			ref := filepath.ToSlash(rel)
			switch {
			case d.IsDir():
				return nil
			case !d.Type().IsRegular() || !plainRef(ref) || !loose(ref):
				return errors.New("not read")
			}
			return nil
		})
		if err != nil {
			return nil, false
		}
	}
	for _, ref := range extra {
		if fi, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(ref))); err == nil {
			if !fi.Mode().IsRegular() || !loose(ref) {
				return nil, false
			}
		} else if !errors.Is(err, fs.ErrNotExist) {
			return nil, false
		}
	}
	return refs, true
}

// fileRemoteRefs is what `git ls-remote url` gives for a file:// URL, read
// from the repository's files (see fileRefs), its HEAD as RemoteHead; ok
// is false where url is not a plain file:// URL of a repository read so.
func fileRemoteRefs(rawURL string) (map[string]string, bool) {
	// Only the plain form, file:///path: a host, or an escape git might
	// read otherwise than net/url does, is git's to judge.
	u, err := url.Parse(rawURL)
	if err != nil || u.Scheme != "file" || u.Host != "" || u.RawQuery != "" || u.Fragment != "" || u.User != nil || strings.Contains(rawURL, "%") {
		return nil, false
	}
	dir := filepath.FromSlash(u.Path)
	if !filepath.IsAbs(dir) {
		return nil, false
	}
	// A repository with a work tree keeps its refs in .git; a bare one in
	// itself. A linked work tree or a .git file points elsewhere: git
	// knows where.
	if fi, err := os.Lstat(filepath.Join(dir, ".git")); err == nil {
		if !fi.IsDir() {
			return nil, false
		}
		dir = filepath.Join(dir, ".git")
	}
	for _, name := range []string{"objects", "refs"} {
		if fi, err := os.Lstat(filepath.Join(dir, name)); err != nil || !fi.IsDir() {
			return nil, false
		}
	}
	if _, err := os.Lstat(filepath.Join(dir, "commondir")); err == nil {
		return nil, false
	}
	refs, ok := fileRefs(dir)
	if !ok {
		return nil, false
	}
	head, err := os.ReadFile(filepath.Join(dir, "HEAD"))
	if err != nil {
		return nil, false
	}
	text := strings.TrimSuffix(string(head), "\n")
	switch target, symbolic := strings.CutPrefix(text, "ref: "); {
	case symbolic && strings.HasPrefix(target, "refs/heads/") && plainRef(target):
		if hash, ok := refs[target]; ok {
			refs[RemoteHead] = hash
		} // else a branch not yet born: ls-remote lists no HEAD
	case !symbolic && isHash(text):
		refs[RemoteHead] = text // detached
	default:
		return nil, false
	}
	return refs, true
}

// isHash reports whether s is an object name in full hex, of either hash.
func isHash(s string) bool {
	if len(s) != 40 && len(s) != 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

// plainRef reports whether ref is a name git takes as it is: letters,
// digits and a few marks in components that do not start with a dot or
// end in .lock. Anything else is left for git to judge.
func plainRef(ref string) bool {
	if !strings.HasPrefix(ref, "refs/") || strings.HasSuffix(ref, "/") {
		return false
	}
	for part := range strings.SplitSeq(ref, "/") {
		if part == "" || part[0] == '.' || strings.HasSuffix(part, ".lock") || strings.Contains(part, "..") {
			return false
		}
		for i := 0; i < len(part); i++ {
			c := part[i]
			if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("-_.+=,", c) >= 0) {
				return false
			}
		}
	}
	return true
}

// cacheRefs is refs, read from the files where they can be.
func cacheRefs(opt Options, dir, git string) (map[string]string, error) {
	if m, ok := fileRefs(dir, RemoteHead); ok {
		return m, nil
	}
	return refs(opt, dir, git)
}

// remoteRefs is lsRemote, read from the files where url is a repository
// on this machine that can be.
func remoteRefs(opt Options, dir, git, url string) (map[string]string, error) {
	if m, ok := fileRemoteRefs(url); ok {
		return m, nil
	}
	return lsRemote(opt, dir, git, url)
}
