package checker_test

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"guide/internal/browsertest"
	"guide/internal/checker"
)

// The footer of every page names the office that publishes the guide, its
// contact and the site's registration numbers, as far as site.yaml sets
// them (layouts/partials/office.html). Its tests are here because this
// package's tests build test sites with the repository's layouts and open
// them in a browser; the test site is testdata/lang/site.txtar.

var footerHTML = regexp.MustCompile(`(?s)<footer.*</footer>`)

// withSettings returns the test site with its site.yaml cut before the
// line that starts with cut, or whole when cut is "".
func withSettings(t *testing.T, cut string) *built {
	t.Helper()
	fsys := langSite(t)
	if cut != "" {
		yaml := string(fsys["content/site.yaml"].Data)
		i := strings.Index(yaml, cut)
		if i < 0 {
			t.Fatalf("content/site.yaml has no %q", cut)
		}
		fsys["content/site.yaml"].Data = []byte(yaml[:i])
	}
	return build(t, fsys, checker.Day{Y: 2025, M: 6, D: 1})
}

// TestFooterOffice checks what the footer shows of the office: every key
// that is set, with its label, in each language, and nothing of a key that
// is not set.
func TestFooterOffice(t *testing.T) {
	type shown struct{ label, value string }
	all := map[string][]shown{
		"zh": {{"office_name", "测试办公室"}, {"office_contact", "测试科"}, {"office_address", "测试市测试路1号"},
			{"office_telephone", `<a href="tel:057100000000">0571-00000000</a>`}, {"office_hours", "工作日上午"}},
		"en": {{"office_name", "The Test Office"}, {"office_contact", "Test Section"}, {"office_address", "1 Test Road, Test City"},
			{"office_telephone", `<a href="tel:057100000000">0571-00000000</a>`}, {"office_hours", "Working days, mornings"}},
	}
	registration := []shown{
		{"registration_site_code", "3300000000"},
		{"registration_icp", `<a href="https://beian.miit.gov.cn/" rel="external" lang="zh-CN">浙ICP备00000000号</a>`},
		{"registration_public_security", `<a href="https://www.beian.gov.cn/portal/registerSystemInfo?recordcode=33000000000000" rel="external" lang="zh-CN">浙公网安备 33000000000000号</a>`},
	}
	tests := []struct {
		name, cut string
		office    int // how many of the office's lines are shown
		numbers   bool
	}{
		{"every key", "", 5, true},
		{"no registration", "registration:", 5, false},
		{"the office's name alone", "  contact:", 1, false},
		{"no office", "office:", 0, false},
	}
	for _, tt := range tests {
		b := withSettings(t, tt.cut)
		for _, lang := range []string{"zh", "en"} {
			footer := footerHTML.FindString(b.page(t, b.view(t, lang).Start))
			for i, s := range all[lang] {
				want := "<dt>" + strings.TrimSpace(ui(t, b, lang, s.label)) + "</dt><dd>" + s.value + "</dd>"
				if got := strings.Contains(footer, want); got != (i < tt.office) {
					t.Errorf("%s, %s: the footer shows %s: %v; want %v\n%s", tt.name, lang, want, got, !got, footer)
				}
			}
			for _, s := range registration {
				want := "<li>" + strings.TrimSpace(ui(t, b, lang, s.label)+s.value) + "</li>"
				if got := strings.Contains(footer, want); got != tt.numbers {
					t.Errorf("%s, %s: the footer shows %s: %v; want %v\n%s", tt.name, lang, want, got, !got, footer)
				}
			}
			if tt.office == 0 && strings.Contains(footer, `class="office"`) || !tt.numbers && strings.Contains(footer, `class="registration"`) {
				t.Errorf("%s, %s: the footer has an empty list:\n%s", tt.name, lang, footer)
			}
		}
	}
}

func ui(t *testing.T, b *built, lang, key string) string {
	t.Helper()
	s, err := b.site.Layouts.String(lang, key)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestBrowserFooterPrinted prints a page in each language and checks that
// the paper keeps the footer with the disclaimer and the office, without
// the link to what changed and without the addresses of the registration
// numbers' links; and that on a phone the footer fits.
func TestBrowserFooterPrinted(t *testing.T) {
	s := serveSite(t, langSite(t))
	eachScreen(t, func(t *testing.T, ctx context.Context, lang string) {
		rec := browsertest.Record(t, ctx)
		browsertest.Do(t, ctx, chromedp.Navigate(s.checkerURL(t, lang, 1)))
		browsertest.Do(t, ctx, chromedp.WaitReady(chromedp.CSS("footer")))
		if w := browsertest.Eval[int](t, ctx, `document.documentElement.scrollWidth - innerWidth`); w > 0 {
			t.Errorf("the page scrolls %d px sideways", w)
		}
		browsertest.Do(t, ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})
			return err
		}))
		printed := browsertest.Eval[string](t, ctx, `getComputedStyle(document.querySelector("footer")).display === "none" ? "" : document.querySelector("footer").innerText`)
		name := map[string]string{"zh": "测试办公室", "en": "The Test Office"}[lang]
		for _, want := range []string{s.ui(t, lang, "footer"), name, "浙ICP备00000000号"} {
			if !strings.Contains(printed, want) {
				t.Errorf("the printed footer does not show %q; it shows %q", want, printed)
			}
		}
		if strings.Contains(printed, s.ui(t, lang, "changes_link")) || strings.Contains(printed, "beian.") {
			t.Errorf("the printed footer shows the link to what changed or a registration's address: %q", printed)
		}
		rec.AssertNoErrors(t)
	})
}
