// Package filetree reads a folder's files into a map, for the tests that
// compare what a build wrote, or read a site to serve it from memory.
package filetree

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// Read returns the files below dir, by slash-separated path relative to
// dir, with their contents. Anything that is neither a file nor a folder
// (a symbolic link, a device) is an error naming it: a build never makes
// one, and a site's sources are never read through one.
func Read(dir string) (map[string]string, error) {
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		if !e.Type().IsRegular() {
			return fmt.Errorf("%s is neither a file nor a folder", p)
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		return nil, err
	}
	return files, nil
}

// MustRead is Read that fails the test or benchmark on an error.
func MustRead(tb testing.TB, dir string) map[string]string {
	tb.Helper()
	files, err := Read(dir)
	if err != nil {
		tb.Fatal(err)
	}
	return files
}
