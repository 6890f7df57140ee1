package messages

import (
	"slices"
	"testing"
)

// TestCatalogParts checks that no format is in both parts of the catalog:
// merge would let one of the two Chinese formats win without a word.
func TestCatalogParts(t *testing.T) {
	var both []string
	for f := range zhTools {
		if _, ok := zhContent[f]; ok {
			both = append(both, f)
		}
	}
	slices.Sort(both)
	for _, f := range both {
		t.Errorf("%q is in zh_content.go and in zh_tools.go; keep it in one", f)
	}
}
