package walkthrough

import (
	"fmt"
	"slices"
	"strings"

	"guide/internal/content"
	"guide/internal/diag"
	"guide/internal/site"
)

// PhoneBudget is the most the pictures of one walkthrough page may weigh
// on a phone, unless content/site.yaml sets imageBudget: a reader on a
// slow mobile network waits for every byte, and most readers of the guide
// are on phones.
const PhoneBudget = 200 * 1024

// phoneWidth is the width, in device pixels, of the widest picture a
// phone needs: a screen 360 CSS pixels wide at 3 device pixels per CSS
// pixel. A frame's picture is narrower than the screen (Sizes), so the
// copy a phone's browser picks from the srcset is never wider than the
// narrowest copy of at least phoneWidth.
const phoneWidth = 360 * 3

// onPhone returns the bytes of the copy of img that a phone loads at
// most: the narrowest copy at least phoneWidth wide, or the image itself.
func (img *Image) onPhone() int {
	for _, v := range img.Variants {
		if v.Width >= phoneWidth {
			return len(v.data)
		}
	}
	return img.Bytes
}

// phoneBytes returns what the pictures of walkthrough w weigh in lang on
// a phone, as onPhone counts them, and the pictures by path. A picture
// used by two frames loads once.
func (w *walkthrough) phoneBytes(lang string, images map[string]*Image) (int, map[string]int) {
	sizes := map[string]int{}
	for _, f := range w.frames {
		p := f.ImagePath
		if q, ok := f.ImagePathFor[lang]; ok {
			p = q
		}
		if img := images[p]; img != nil {
			sizes[p] = img.onPhone()
		}
	}
	total := 0
	for _, n := range sizes {
		total += n
	}
	return total, sizes
}

// checkPhoneWeight reports each walkthrough page whose pictures weigh
// more than budget on a phone, naming the heaviest pictures.
func checkPhoneWeight(wts []*walkthrough, images map[string]*Image, budget int) diag.List {
	var errs diag.List
	for _, w := range wts {
		for _, p := range w.pages {
			total, sizes := w.phoneBytes(p.Lang, images)
			if total <= budget {
				continue
			}
			errs.Unfinished(diag.Pos{File: "content/" + p.Path}, "on a phone 360 px wide (3 device pixels per CSS pixel) the pictures of this walkthrough weigh %s, over the budget of %s; the heaviest: %s. Save the screenshots as PNG with fewer colours, crop them, or split the walkthrough",
				site.KB(total), site.KB(budget), heaviest(sizes, 3))
		}
	}
	return errs
}

// heaviest lists the n largest pictures of sizes: "content/a.png 120.3 KB, …".
func heaviest(sizes map[string]int, n int) string {
	paths := make([]string, 0, len(sizes))
	for p := range sizes {
		paths = append(paths, p)
	}
	slices.SortFunc(paths, func(a, b string) int {
		if sizes[a] != sizes[b] {
			return sizes[b] - sizes[a]
		}
		return strings.Compare(a, b)
	})
	var parts []string
	for _, p := range paths[:min(n, len(paths))] {
		parts = append(parts, fmt.Sprintf("content/%s %s", p, site.KB(sizes[p])))
	}
	return strings.Join(parts, ", ")
}

// phoneBudget returns the budget of the site's walkthrough pages.
func phoneBudget(s *content.Site) int {
	if s.ImageBudget > 0 {
		return s.ImageBudget
	}
	return PhoneBudget
}
