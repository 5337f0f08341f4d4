package gitrev

import (
	"bytes"
	"io/fs"
	"slices"
	"strings"
)

// Files is a programme directory held in memory: flat files by name, no
// subdirectories. It stands for a revision at which the directory did not
// exist (no files), or for one file cut from a revision, so that the
// loader reads them as it reads everything else.
type Files map[string][]byte

var _ fs.ReadFileFS = Files(nil)

func (m Files) Open(name string) (fs.File, error) {
	if name == "." {
		return &dir{info: &fileInfo{name: ".", mode: fs.ModeDir | 0o555}, entries: m.entries()}, nil
	}
	info, data, err := m.stat("open", name)
	if err != nil {
		return nil, err
	}
	return &file{info: info, Reader: bytes.NewReader(data)}, nil
}

func (m Files) ReadFile(name string) ([]byte, error) {
	_, data, err := m.stat("read", name)
	if err != nil {
		return nil, err
	}
	return slices.Clone(data), nil
}

func (m Files) ReadDir(name string) ([]fs.DirEntry, error) {
	if name != "." {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	return m.entries(), nil
}

func (m Files) stat(op, name string) (*fileInfo, []byte, error) {
	data, ok := m[name]
	if !ok || !fs.ValidPath(name) || strings.Contains(name, "/") {
		return nil, nil, &fs.PathError{Op: op, Path: name, Err: fs.ErrNotExist}
	}
	return &fileInfo{name: name, mode: 0o444, size: int64(len(data))}, data, nil
}

func (m Files) entries() []fs.DirEntry {
	names := make([]string, 0, len(m))
	for name := range m {
		names = append(names, name)
	}
	slices.Sort(names)
	list := make([]fs.DirEntry, 0, len(names))
	for _, name := range names {
		if info, _, err := m.stat("readdir", name); err == nil {
			list = append(list, fs.FileInfoToDirEntry(info))
		}
	}
	return list
}
