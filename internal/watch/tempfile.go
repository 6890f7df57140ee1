package watch

import (
	"path"
	"strconv"
	"strings"
)

// IsTempFile reports whether name is an editor's temporary, backup or swap
// file, which is never part of the site. (Hidden files, such as the
// .goutputstream-* of GNOME editors, are skipped for being hidden.)
func IsTempFile(name string) bool {
	switch {
	case name == "4913", name == ".DS_Store", name == "Thumbs.db", name == "desktop.ini":
		return true
	case strings.HasPrefix(name, ".#"), strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#"):
		return true
	case strings.HasSuffix(name, "~"), strings.Contains(name, "___jb_"):
		return true
	case strings.HasPrefix(name, "~$"): // Microsoft Office's lock files
		return true
	case isVimProbe(name), isSedTemp(name):
		return true
	}
	switch ext := path.Ext(name); ext {
	case ".swp", ".swo", ".swx", ".tmp", ".bak", ".orig", ".crdownload", ".part", ".kate-swp", ".crswap":
		return true
	default:
		// Vim names further swap files .swn, .swm and so on down to .swa.
		return len(ext) == 4 && strings.HasPrefix(ext, ".sw") && ext[3] >= 'a' && ext[3] <= 'z'
	}
}

// isSedTemp reports whether name is the temporary file of sed -i:
// "sed" and six letters or digits.
func isSedTemp(name string) bool {
	if len(name) != 9 || !strings.HasPrefix(name, "sed") {
		return false
	}
	for _, c := range name[3:] {
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
			return false
		}
	}
	return true
}

// isVimProbe reports whether name is one of the files Vim creates to test
// whether it may write in a folder: 4913, or 4913 plus a multiple of 123
// when that name is taken.
func isVimProbe(name string) bool {
	n, err := strconv.Atoi(name)
	return err == nil && name[0] != '0' && n >= 4913 && n < 100000 && (n-4913)%123 == 0
}
