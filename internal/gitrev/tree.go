package gitrev

import (
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"
)

// Git's file modes, as a tree stores them.
const (
	modeTree    = 0o040000
	modeFile    = 0o100644
	modeExec    = 0o100755
	modeSymlink = 0o120000
	modeGitlink = 0o160000 // a submodule: its commit is not in this repository
)

// entry is one name in a tree.
type entry struct {
	name string
	mode uint32
	hash string // hex
}

// tree is a parsed tree object, its entries sorted by name (git sorts a
// directory as if its name ended in '/', which is not fs.ReadDir's order).
type tree struct {
	entries []entry
}

func (t *tree) find(name string) (entry, bool) {
	i, ok := slices.BinarySearchFunc(t.entries, name, func(e entry, name string) int {
		return strings.Compare(e.name, name)
	})
	if !ok {
		return entry{}, false
	}
	return t.entries[i], true
}

// parseTree reads the binary tree format: "<octal mode> <name>\0<hash>"
// repeated, the hash raw bytes of the repository's hash length.
func parseTree(data []byte, hashLen int) (*tree, error) {
	t := &tree{}
	for len(data) > 0 {
		sp := bytes.IndexByte(data, ' ')
		nul := bytes.IndexByte(data, 0)
		if sp < 0 || nul < sp || len(data) < nul+1+hashLen {
			return nil, errors.New("malformed tree")
		}
		mode, err := strconv.ParseUint(string(data[:sp]), 8, 32)
		if err != nil {
			return nil, errors.New("malformed tree")
		}
		t.entries = append(t.entries, entry{
			name: string(data[sp+1 : nul]),
			mode: uint32(mode),
			hash: hex.EncodeToString(data[nul+1 : nul+1+hashLen]),
		})
		data = data[nul+1+hashLen:]
	}
	slices.SortFunc(t.entries, func(a, b entry) int { return strings.Compare(a.name, b.name) })
	return t, nil
}

// maxTrees bounds the tree cache. Trees are shared between revisions, so
// most of a history's trees are read once; the bound only matters for
// very large repositories.
const maxTrees = 1 << 14

// tree reads a tree object, from the cache where it can.
func (r *Repo) tree(hash string) (*tree, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if t, ok := r.trees[hash]; ok {
		return t, nil
	}
	o, err := r.read(hash)
	if errors.Is(err, errMissing) {
		return nil, fmt.Errorf("git: tree %s is missing", hash)
	}
	if err != nil {
		return nil, err
	}
	if o.typ != "tree" {
		return nil, fmt.Errorf("git: object %s is a %s, not a tree", hash, o.typ)
	}
	return r.keepTree(o)
}

// keepTree parses a tree object and caches it. The caller holds r.mu.
func (r *Repo) keepTree(o object) (*tree, error) {
	t, err := parseTree(o.data, len(o.hash)/2)
	if err != nil {
		return nil, fmt.Errorf("git: tree %s: %w", o.hash, err)
	}
	if len(r.trees) >= maxTrees {
		clear(r.trees)
	}
	r.trees[o.hash] = t
	return t, nil
}

// maxLinks bounds how many symbolic links one lookup follows, as the
// operating system does, so that a loop of links ends.
const maxLinks = 40

// ErrSymlinkOutside is the error for a symbolic link that points outside
// the directory being read: such links are not followed (SPEC 1). It
// counts as fs.ErrNotExist, so a loader treats the file as absent.
var ErrSymlinkOutside error = linkOutsideError{}

type linkOutsideError struct{}

func (linkOutsideError) Error() string {
	return "symbolic link points outside the directory"
}

func (linkOutsideError) Is(target error) bool { return target == fs.ErrNotExist }

// lookup finds name (a valid fs path) below the tree root. Symbolic links
// are followed where they stay below root; the last element's link only
// when follow is set, so that ReadDir, Lstat and ReadLink see the link
// itself.
func (r *Repo) lookup(root, name string, follow bool) (entry, error) {
	top := entry{name: ".", mode: modeTree, hash: root}
	if name == "." {
		return top, nil
	}
	parts := strings.Split(name, "/")
	cur, links := top, 0
	for i := 0; i < len(parts); i++ {
		if cur.mode != modeTree {
			return entry{}, fs.ErrNotExist
		}
		t, err := r.tree(cur.hash)
		if err != nil {
			return entry{}, err
		}
		e, ok := t.find(parts[i])
		if !ok {
			return entry{}, fs.ErrNotExist
		}
		if e.mode != modeSymlink || (i == len(parts)-1 && !follow) {
			cur = e
			continue
		}
		if links++; links > maxLinks {
			return entry{}, errors.New("too many levels of symbolic links")
		}
		target, err := r.readType(e.hash, "blob")
		if err != nil {
			return entry{}, err
		}
		dest := string(target)
		if dest == "" || path.IsAbs(dest) {
			return entry{}, ErrSymlinkOutside
		}
		dest = path.Join(path.Join(parts[:i]...), dest)
		if dest == ".." || strings.HasPrefix(dest, "../") {
			return entry{}, ErrSymlinkOutside
		}
		// Start again from the root with the link replaced by its target.
		rest := parts[i+1:]
		parts = nil
		if dest != "." {
			parts = strings.Split(dest, "/")
		}
		parts = append(parts, rest...)
		cur, i = top, -1
	}
	return cur, nil
}
