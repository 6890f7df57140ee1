//go:build !linux

package hugeheap

import "errors"

func reserve(int64) error { return errors.New("huge pages are only asked for on Linux") }

func physicalMemory() int64 { return 0 }

func addressLimited() bool { return false }
