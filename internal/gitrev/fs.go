package gitrev

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"
	"time"
	"unicode"
)

// FS returns the directory dir (relative to the top, or absolute inside the
// work tree) as it was at commit rev, as a read-only fs.FS. It implements
// fs.ReadDirFS, fs.ReadFileFS, fs.StatFS and fs.ReadLinkFS. Like
// os.DirFS, it follows symbolic links, but only those that stay inside dir;
// ReadDir reports links as links, so fs.WalkDir does not descend them.
// Every file's modification time is the commit's date.
//
// A dir absent at rev gives an error that matches fs.ErrNotExist.
func (r *Repo) FS(rev, dir string) (fs.FS, error) {
	rel, err := r.repoPath(dir)
	if err != nil {
		return nil, err
	}
	if err := checkRev(rev); err != nil {
		return nil, err
	}
	// Ask for the commit and for the directory's tree together: one round
	// trip instead of one for each tree on the way down. A revision with a
	// ':' of its own could be misparsed, and a directory reached through a
	// symbolic link is not found this way; both take the slow way below.
	if !strings.Contains(rev, ":") && !strings.ContainsFunc(rel, unicode.IsControl) {
		r.mu.Lock()
		objs, errs, err := r.readMany(rev+"^{commit}", dirObject(rev+"^{commit}", rel))
		if err == nil && errs[1] == nil && objs[1].typ == "tree" {
			_, err = r.keepTree(objs[1])
			r.mu.Unlock()
			if err != nil {
				return nil, err
			}
			c, err := parseCommit(rev, objs[0], errs[0])
			if err != nil {
				return nil, err
			}
			return &treeFS{repo: r, root: objs[1].hash, time: c.time}, nil
		}
		r.mu.Unlock()
	}
	c, err := r.commit(rev)
	if err != nil {
		return nil, err
	}
	e, err := r.lookup(c.tree, rel, true)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%s does not exist at revision %s: %w", rel, rev, fs.ErrNotExist)
	}
	if err != nil {
		return nil, err
	}
	if e.mode != modeTree {
		return nil, fmt.Errorf("%s is not a directory at revision %s", rel, rev)
	}
	return &treeFS{repo: r, root: e.hash, time: c.time}, nil
}

// dirObject names to cat-file the directory rel below top, a commit or a
// tree: "top:rel", or top's own tree, which "top:" would not name.
func dirObject(top, rel string) string {
	if rel == "." {
		return top + "^{tree}"
	}
	return top + ":" + rel
}

// treeFS is a tree of one commit.
type treeFS struct {
	repo *Repo
	root string
	time time.Time
}

var (
	_ fs.ReadDirFS   = (*treeFS)(nil)
	_ fs.ReadFileFS  = (*treeFS)(nil)
	_ fs.StatFS      = (*treeFS)(nil)
	_ fs.ReadLinkFS  = (*treeFS)(nil)
	_ fs.ReadDirFile = (*dir)(nil)
	_ io.ReadSeeker  = (*file)(nil)
)

// find looks name up for the operation op, with errors as fs expects them.
func (f *treeFS) find(op, name string, follow bool) (entry, error) {
	if !fs.ValidPath(name) {
		return entry{}, &fs.PathError{Op: op, Path: name, Err: fs.ErrInvalid}
	}
	e, err := f.repo.lookup(f.root, name, follow)
	if err != nil {
		return entry{}, &fs.PathError{Op: op, Path: name, Err: err}
	}
	e.name = path.Base(name)
	return e, nil
}

func (f *treeFS) Open(name string) (fs.File, error) {
	e, err := f.find("open", name, true)
	if err != nil {
		return nil, err
	}
	switch e.mode {
	case modeTree:
		entries, err := f.entries(e.hash)
		if err != nil {
			return nil, &fs.PathError{Op: "open", Path: name, Err: err}
		}
		return &dir{info: f.info(e, 0), entries: entries}, nil
	case modeFile, modeExec:
		data, err := f.repo.readType(e.hash, "blob")
		if err != nil {
			return nil, &fs.PathError{Op: "open", Path: name, Err: err}
		}
		return &file{info: f.info(e, int64(len(data))), Reader: bytes.NewReader(data)}, nil
	}
	return nil, &fs.PathError{Op: "open", Path: name, Err: errors.New("not a regular file (a submodule?)")}
}

func (f *treeFS) ReadFile(name string) ([]byte, error) {
	e, err := f.find("read", name, true)
	if err != nil {
		return nil, err
	}
	if e.mode == modeTree {
		return nil, &fs.PathError{Op: "read", Path: name, Err: errors.New("is a directory")}
	}
	if e.mode != modeFile && e.mode != modeExec {
		return nil, &fs.PathError{Op: "read", Path: name, Err: errors.New("not a regular file (a submodule?)")}
	}
	data, err := f.repo.readType(e.hash, "blob")
	if err != nil {
		return nil, &fs.PathError{Op: "read", Path: name, Err: err}
	}
	return data, nil
}

func (f *treeFS) ReadDir(name string) ([]fs.DirEntry, error) {
	e, err := f.find("readdir", name, true)
	if err != nil {
		return nil, err
	}
	if e.mode != modeTree {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: errors.New("not a directory")}
	}
	entries, err := f.entries(e.hash)
	if err != nil {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: err}
	}
	return entries, nil
}

func (f *treeFS) Stat(name string) (fs.FileInfo, error) {
	return f.stat("stat", name, true)
}

func (f *treeFS) Lstat(name string) (fs.FileInfo, error) {
	return f.stat("lstat", name, false)
}

func (f *treeFS) stat(op, name string, follow bool) (fs.FileInfo, error) {
	e, err := f.find(op, name, follow)
	if err != nil {
		return nil, err
	}
	info, err := (&dirEntry{fsys: f, e: e}).Info()
	if err != nil {
		return nil, &fs.PathError{Op: op, Path: name, Err: err}
	}
	return info, nil
}

// ReadLink returns a link's target as stored, whether or not it points
// inside the directory, so a caller can say where it points.
func (f *treeFS) ReadLink(name string) (string, error) {
	e, err := f.find("readlink", name, false)
	if err != nil {
		return "", err
	}
	if e.mode != modeSymlink {
		return "", &fs.PathError{Op: "readlink", Path: name, Err: fs.ErrInvalid}
	}
	target, err := f.repo.readType(e.hash, "blob")
	if err != nil {
		return "", &fs.PathError{Op: "readlink", Path: name, Err: err}
	}
	return string(target), nil
}

// entries lists a tree, sorted by name as fs.ReadDir promises.
func (f *treeFS) entries(hash string) ([]fs.DirEntry, error) {
	t, err := f.repo.tree(hash)
	if err != nil {
		return nil, err
	}
	list := make([]fs.DirEntry, len(t.entries))
	for i, e := range t.entries {
		list[i] = &dirEntry{fsys: f, e: e}
	}
	return list, nil
}

func (f *treeFS) info(e entry, size int64) *fileInfo {
	return &fileInfo{name: e.name, mode: fileMode(e.mode), size: size, time: f.time}
}

// fileMode maps git's modes to fs's. Everything is read-only: a revision
// cannot be written.
func fileMode(m uint32) fs.FileMode {
	switch m {
	case modeTree:
		return fs.ModeDir | 0o555
	case modeFile:
		return 0o444
	case modeExec:
		return 0o555
	case modeSymlink:
		return fs.ModeSymlink | 0o777
	}
	return fs.ModeIrregular | 0o444
}

type dirEntry struct {
	fsys *treeFS
	e    entry
}

func (d *dirEntry) Name() string      { return d.e.name }
func (d *dirEntry) IsDir() bool       { return d.e.mode == modeTree }
func (d *dirEntry) Type() fs.FileMode { return fileMode(d.e.mode).Type() }

// Info reads a blob to learn its size: git keeps sizes in the object, not
// the tree. Loaders rarely ask.
func (d *dirEntry) Info() (fs.FileInfo, error) {
	var size int64
	if d.e.mode == modeFile || d.e.mode == modeExec || d.e.mode == modeSymlink {
		data, err := d.fsys.repo.readType(d.e.hash, "blob")
		if err != nil {
			return nil, err
		}
		size = int64(len(data))
	}
	return d.fsys.info(d.e, size), nil
}

func (d *dirEntry) String() string { return fs.FormatDirEntry(d) }

type fileInfo struct {
	name string
	mode fs.FileMode
	size int64
	time time.Time
}

func (i *fileInfo) Name() string       { return i.name }
func (i *fileInfo) Size() int64        { return i.size }
func (i *fileInfo) Mode() fs.FileMode  { return i.mode }
func (i *fileInfo) ModTime() time.Time { return i.time }
func (i *fileInfo) IsDir() bool        { return i.mode.IsDir() }
func (i *fileInfo) Sys() any           { return nil }
func (i *fileInfo) String() string     { return fs.FormatFileInfo(i) }

// file is an open blob, held in memory: programme files are small.
type file struct {
	info *fileInfo
	*bytes.Reader
}

func (f *file) Stat() (fs.FileInfo, error) { return f.info, nil }
func (f *file) Close() error               { return nil }

// dir is an open tree.
type dir struct {
	info    *fileInfo
	entries []fs.DirEntry
	offset  int
}

func (d *dir) Stat() (fs.FileInfo, error) { return d.info, nil }
func (d *dir) Close() error               { return nil }

func (d *dir) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: d.info.name, Err: errors.New("is a directory")}
}

// ReadDir follows fs.ReadDirFile: n > 0 reads at most n entries and
// returns io.EOF at the end; n <= 0 reads the rest.
func (d *dir) ReadDir(n int) ([]fs.DirEntry, error) {
	rest := d.entries[d.offset:]
	if n <= 0 {
		d.offset = len(d.entries)
		return slices.Clone(rest), nil
	}
	if len(rest) == 0 {
		return nil, io.EOF
	}
	n = min(n, len(rest))
	d.offset += n
	return slices.Clone(rest[:n]), nil
}

// Hash returns the object name of the regular file name in fsys, where
// fsys is a revision FS returned: two files with one hash hold the same
// bytes, so a caller reading revision after revision can skip a file it
// has read already without asking git for it again.
func Hash(fsys fs.FS, name string) (string, bool) {
	f, ok := fsys.(*treeFS)
	if !ok {
		return "", false
	}
	e, err := f.find("read", name, true)
	if err != nil || (e.mode != modeFile && e.mode != modeExec) {
		return "", false
	}
	return e.hash, true
}
