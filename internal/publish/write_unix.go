//go:build unix

package publish

import (
	"io/fs"

	"golang.org/x/sys/unix"
)

// writeFile creates name, or overwrites it when it existed, and writes
// data into it with plain system calls; it does not follow a symbolic link
// at name. os.WriteFile would also stat the file and offer it to the
// network poller, which for a site of thousands of pages costs more than
// the writing.
//
// An existing file is overwritten in place and then cut to the new length,
// not emptied first with O_TRUNC: ext4 takes a file emptied and written
// again for a replacement that must reach the disk, and starts writing it
// out when it is closed, which made rebuilding a site wait on the disk.
func writeFile(name string, data []byte, existed bool) error {
	flags := unix.O_WRONLY | unix.O_CREAT | unix.O_CLOEXEC | unix.O_NOFOLLOW
	if !existed {
		flags |= unix.O_TRUNC
	}
	fd, err := unix.Open(name, flags, 0o644)
	if err != nil {
		return &fs.PathError{Op: "open", Path: name, Err: err}
	}
	size := int64(len(data))
	for len(data) > 0 {
		n, err := unix.Write(fd, data)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			unix.Close(fd)
			return &fs.PathError{Op: "write", Path: name, Err: err}
		}
		data = data[n:]
	}
	if existed {
		if err := unix.Ftruncate(fd, size); err != nil {
			unix.Close(fd)
			return &fs.PathError{Op: "truncate", Path: name, Err: err}
		}
	}
	if err := unix.Close(fd); err != nil {
		return &fs.PathError{Op: "close", Path: name, Err: err}
	}
	return nil
}
