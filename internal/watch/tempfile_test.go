package watch

import "testing"

func TestIsTempFile(t *testing.T) {
	for _, name := range []string{".interview.zh.md.swp", "4913", "interview.zh.md~", ".#interview.zh.md", "#interview.zh.md#", "interview.zh.md___jb_tmp___", ".DS_Store", "x.tmp"} {
		if !IsTempFile(name) {
			t.Errorf("IsTempFile(%q) = false; want true", name)
		}
	}
	for _, name := range []string{"interview.zh.md", "site.yaml", "form.png"} {
		if IsTempFile(name) {
			t.Errorf("IsTempFile(%q) = true; want false", name)
		}
	}
}
