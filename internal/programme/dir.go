package programme

import "os"

// LoadDir loads the programme in directory dir, naming files with prefix.
// Every read goes through an os.Root, so that no link, however it is
// built, reads a file outside dir.
func LoadDir(dir, prefix string) *Programme {
	root, err := os.OpenRoot(dir)
	if err != nil {
		p := &Programme{}
		p.unread(prefix, err)
		return p
	}
	defer root.Close()
	return Load(root.FS(), prefix)
}
