package acceptance

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"guide/internal/browsertest"
)

// checklistLines reports each item of the checklist of documents whose
// text, on some line, starts left of the item's tick box's right edge
// (a line that wrapped under the box), or whose first line is not beside
// the box (a text that wrapped below it).
const checklistLines = `(() => {
	const out = [];
	for (const li of document.querySelectorAll(".checklist li")) {
		const box = li.querySelector(".box");
		if (!box) { out.push(li.textContent.trim() + ": no tick box"); continue; }
		const b = box.getBoundingClientRect(), mid = (b.top + b.bottom) / 2;
		const lines = [];
		const walker = document.createTreeWalker(li, NodeFilter.SHOW_TEXT);
		for (let n = walker.nextNode(); n; n = walker.nextNode()) {
			if (!n.textContent.trim()) continue;
			const r = document.createRange();
			r.selectNodeContents(n);
			for (const rect of r.getClientRects()) if (rect.width > 0) lines.push(rect);
		}
		const what = JSON.stringify(li.textContent.trim().slice(0, 50));
		const under = lines.filter(r => r.left < b.right - 0.5);
		if (under.length) out.push(what + ": a line starts at x=" + Math.round(under[0].left) + ", under the tick box, which ends at x=" + Math.round(b.right));
		const first = lines.reduce((a, r) => (!a || r.top < a.top ? r : a), null);
		if (first && (mid < first.top || mid > first.bottom)) out.push(what + ": the first line (y=" + Math.round(first.top) + " to " + Math.round(first.bottom) + ") is not beside the tick box (middle y=" + Math.round(mid) + ")");
	}
	return out.join("\n");
})()`

// TestChecklistOnNarrowPhones opens every page that has a checklist of
// documents, in both languages, 320 and 360 CSS pixels wide, and checks
// that every item holds together: however its text and "(for Step N)"
// wrap, no line falls under the tick box and the first stays beside it.
func TestChecklistOnNarrowPhones(t *testing.T) {
	found := 0
	for _, p := range guide.pages {
		file := filepath.Join(guide.dir, filepath.FromSlash(p.rel))
		if strings.HasSuffix(p.rel, "/") || p.rel == "" {
			file = filepath.Join(file, "index.html")
		}
		html, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(html), `class="checklist"`) {
			continue
		}
		found++
		t.Run(p.name(), func(t *testing.T) {
			t.Parallel()
			tb := openTab(t, guide.url(p))
			for _, width := range []int64{320, 360} {
				tb.viewport(browsertest.SetViewport(width, 640, chromedp.EmulateMobile))
				if problems := eval[string](tb, checklistLines); problems != "" {
					t.Errorf("%s at %d px:\n%s", tb.url, width, problems)
				}
			}
		})
	}
	if found == 0 {
		t.Errorf("no page of the %s build has a checklist of documents", guide.name)
	}
}
