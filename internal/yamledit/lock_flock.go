//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package yamledit

import (
	"fmt"
	"os"
	"syscall"
)

// lock takes an exclusive flock on the file itself, so no lock file is ever
// left behind. WriteFile replaces the file by renaming a new one over it,
// which leaves a waiting process holding a lock on the old, replaced file;
// so after each lock the path is checked to still name the locked file, and
// the lock is taken again on the new one where it does not.
func lock(path string) (unlock func(), err error) {
	for {
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		for {
			err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX)
			if err != syscall.EINTR {
				break
			}
		}
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("%s: lock: %w", path, err)
		}
		held, err1 := f.Stat()
		now, err2 := os.Stat(path)
		if err1 == nil && err2 == nil && os.SameFile(held, now) {
			return func() { f.Close() }, nil
		}
		f.Close()
		if err2 != nil {
			return nil, err2
		}
	}
}

// keepOwner gives the new file the old one's owner and group, where the
// process may (as root may); otherwise the new file is the writer's.
func keepOwner(f *os.File, fi os.FileInfo) {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		_ = f.Chown(int(st.Uid), int(st.Gid))
	}
}

// writable reports whether this process may write path, as the kernel
// judges it (access(2)), not only by the write bits.
func writable(path string) bool { return syscall.Access(path, 2) == nil }

// alive reports whether a process pid is running: one that is not left
// its temporary files behind for good.
func alive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || err == syscall.EPERM
}
