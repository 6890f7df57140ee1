package publish

import "golang.org/x/sys/unix"

// exchange swaps two folders in one atomic step, so that the destination
// is at every moment either the whole old site or the whole new one.
func exchange(a, b string) error {
	return unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
}
