package cli

import (
	"bytes"
	"errors"
	"io/fs"
	"path"
	"slices"
	"strings"
	"time"
)

// overlayFS is a programme directory with some files' contents replaced (or
// added) in memory: the programme as an edit would leave it, loaded and
// checked before anything is written.
type overlayFS struct {
	base  fs.FS
	files map[string][]byte // slash paths within base
}

func (o overlayFS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	if data, ok := o.files[name]; ok {
		return &memFile{Reader: bytes.NewReader(data), info: memInfo{name: path.Base(name), size: int64(len(data))}}, nil
	}
	return o.base.Open(name)
}

func (o overlayFS) ReadFile(name string) ([]byte, error) {
	if data, ok := o.files[name]; ok {
		return bytes.Clone(data), nil
	}
	return fs.ReadFile(o.base, name)
}

// ReadDir lists a directory with the overlay's files in it, so that a file
// an edit creates is read like the others.
func (o overlayFS) ReadDir(name string) ([]fs.DirEntry, error) {
	entries, err := fs.ReadDir(o.base, name)
	if err != nil && !(errors.Is(err, fs.ErrNotExist) && o.holdsDir(name)) {
		return nil, err
	}
	for file, data := range o.files {
		if path.Dir(file) != name {
			continue
		}
		e := fs.FileInfoToDirEntry(memInfo{name: path.Base(file), size: int64(len(data))})
		if i := slices.IndexFunc(entries, func(d fs.DirEntry) bool { return d.Name() == e.Name() }); i >= 0 {
			entries[i] = e
		} else {
			entries = append(entries, e)
		}
	}
	slices.SortFunc(entries, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return entries, nil
}

func (o overlayFS) holdsDir(name string) bool {
	for file := range o.files {
		if path.Dir(file) == name {
			return true
		}
	}
	return false
}

// ReadLink and Lstat pass through, so that the loader treats symbolic
// links as it does on the real directory.
func (o overlayFS) ReadLink(name string) (string, error) {
	if _, ok := o.files[name]; ok {
		return "", &fs.PathError{Op: "readlink", Path: name, Err: fs.ErrInvalid}
	}
	if rl, ok := o.base.(fs.ReadLinkFS); ok {
		return rl.ReadLink(name)
	}
	return "", &fs.PathError{Op: "readlink", Path: name, Err: errors.ErrUnsupported}
}

func (o overlayFS) Lstat(name string) (fs.FileInfo, error) {
	if data, ok := o.files[name]; ok {
		return memInfo{name: path.Base(name), size: int64(len(data))}, nil
	}
	if rl, ok := o.base.(fs.ReadLinkFS); ok {
		return rl.Lstat(name)
	}
	return fs.Stat(o.base, name)
}

type memFile struct {
	*bytes.Reader
	info memInfo
}

func (f *memFile) Stat() (fs.FileInfo, error) { return f.info, nil }
func (f *memFile) Close() error               { return nil }

type memInfo struct {
	name string
	size int64
}

func (i memInfo) Name() string       { return i.name }
func (i memInfo) Size() int64        { return i.size }
func (i memInfo) Mode() fs.FileMode  { return 0o644 }
func (i memInfo) ModTime() time.Time { return time.Time{} }
func (i memInfo) IsDir() bool        { return false }
func (i memInfo) Sys() any           { return nil }
