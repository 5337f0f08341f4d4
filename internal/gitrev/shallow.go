package gitrev

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
)

// ShallowCommits lists the commits at which a shallow clone or fetch cut
// the history: the repository holds none of their parents, so git shows
// each as a first commit. A history that reaches one of them is not the
// whole history, and should say so. Nil where the repository is complete.
func (r *Repo) ShallowCommits() map[string]bool {
	if r.gitDir == "" {
		return nil
	}
	data, err := os.ReadFile(filepath.Join(commonDir(r.gitDir), "shallow"))
	if err != nil {
		return nil
	}
	var out map[string]bool
	for line := range bytes.Lines(data) {
		if hash := string(bytes.TrimSpace(line)); hash != "" {
			if out == nil {
				out = map[string]bool{}
			}
			out[hash] = true
		}
	}
	return out
}

// commonDir is the directory a linked work tree's git directory shares
// with the main one, where the shallow list is kept; gitDir itself for
// the main work tree.
func commonDir(gitDir string) string {
	data, err := os.ReadFile(filepath.Join(gitDir, "commondir"))
	if err != nil {
		return gitDir
	}
	dir := filepath.FromSlash(strings.TrimSpace(string(data)))
	if !filepath.IsAbs(dir) {
		dir = filepath.Join(gitDir, dir)
	}
	return dir
}
