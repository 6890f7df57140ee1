package content

import (
	"strings"
	"testing"
	"testing/fstest"

	"guide/internal/diag"
)

const sourcePage = `---
title: 申请
summary: 如何申请。
steps:
  - id: form
    title: 领取表格
  - id: dropoff
    title: 递交材料
    fee: 110 元
---
先读这里，
再往下看。

## 领取表格 {#form}

到省外办领取。

## 递交材料 {#dropoff}

到银行递交。

## 注意事项

带好证件。
`

// tracked returns a site whose English page records the Chinese page
// source as it is now, or as record says when it is not empty.
func tracked(t *testing.T, source, record string) fstest.MapFS {
	t.Helper()
	if record == "" {
		p, errs := ParsePage("a.zh.md", []byte(source), testSite)
		if len(errs) > 0 {
			t.Fatal(errs)
		}
		record = TranslatedRecord(p)
	}
	return fstest.MapFS{
		"site.yaml": {Data: []byte(siteYAML)},
		"a.zh.md":   {Data: []byte(source)},
		"a.en.md": {Data: []byte("---\ntitle: Apply\nsummary: How.\ntranslated: \"" + record + "\"\nsteps:\n  - id: form\n    title: Form\n  - id: dropoff\n    title: Drop off\n---\n" +
			"Read this.\n\n## Form {#form}\n\nText.\n\n## Drop off {#dropoff}\n\nText.\n\n## Notes\n\nText.\n")},
	}
}

func TestSections(t *testing.T) {
	p, errs := ParsePage("a.zh.md", []byte(sourcePage), testSite)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	var names []string
	for _, s := range Sections(p) {
		if len(s.Hash) != hashLen {
			t.Errorf("section %s has the hash %q; want %d hexadecimal digits", s.Name, s.Hash, hashLen)
		}
		names = append(names, s.Name)
	}
	if got, want := strings.Join(names, " "), "front intro form dropoff 注意事项"; got != want {
		t.Errorf("sections %q; want %q", got, want)
	}
}

// TestStale changes the Chinese page in the ways an editor does and checks
// which sections the warning on the English page names.
func TestStale(t *testing.T) {
	const where = "content/a.en.md:4:13: "
	for _, c := range []struct {
		name, old, new, want string
	}{
		{"unchanged", "", "", ""},
		{"a line broken elsewhere", "先读这里，\n再往下看。", "先读\n这里，再往下看。", ""},
		{"the title", "title: 申请", "title: 申请签证", "front"},
		{"a step's fee", "fee: 110 元", "fee: 120 元", "dropoff"},
		{"a step's text", "到银行递交。", "到中信银行递交。", "dropoff"},
		{"the intro", "先读这里，", "请先读这里，", "intro"},
		{"a section without an id", "带好证件。", "带好身份证。", "注意事项"},
		{"a section added", "## 注意事项", "## 费用\n\n现金。\n\n## 注意事项", "费用"},
		{"a section removed", "## 注意事项\n\n带好证件。\n", "", "注意事项"},
		{"a heading inside a code block is not a section", "带好证件。", "带好证件。\n\n```\n## 不是标题\n```", "注意事项"},
	} {
		t.Run(c.name, func(t *testing.T) {
			fsys := tracked(t, sourcePage, "")
			changed := strings.Replace(sourcePage, c.old, c.new, 1)
			if changed == sourcePage && c.old != "" {
				t.Fatalf("the page does not contain %q", c.old)
			}
			fsys["a.zh.md"] = &fstest.MapFile{Data: []byte(changed)}
			_, errs := Load(fsys)
			want := ""
			if c.want != "" {
				want = where + "content/a.zh.md has changed in " + c.want + " since this page was translated from it: bring this page in line with it, then run guide translated content/a.en.md"
			}
			if got := errs.Warnings(); want == "" && len(got) > 0 || want != "" && (len(got) != 1 || got[0].Error() != want) {
				t.Errorf("got %v; want %q", got, want)
			}
			if len(errs.Errors()) > 0 {
				t.Errorf("errors %v; the check only warns", errs.Errors())
			}
		})
	}
}

func TestStaleRecord(t *testing.T) {
	for _, c := range []struct{ record, want string }{
		{"front:zz", `content/a.en.md:4:13: translated: "front:zz" is not what "guide translated" writes: run guide translated content/a.en.md`},
		// A record of a section the page no longer has.
		{"front:000000 gone:123456", "content/a.en.md:4:13: content/a.zh.md has changed in front, intro, form, dropoff, 注意事项, gone since this page was translated from it: bring this page in line with it, then run guide translated content/a.en.md"},
	} {
		_, errs := Load(tracked(t, sourcePage, c.record))
		if len(errs) != 1 || errs[0].Error() != c.want || errs[0].Level != diag.LevelWarning {
			t.Errorf("record %q: got %v; want the warning %q", c.record, errs, c.want)
		}
	}
	// A translation without the key is not tracked.
	fsys := tracked(t, sourcePage, "")
	fsys["a.en.md"].Data = []byte(strings.Replace(string(fsys["a.en.md"].Data), "translated:", "#translated:", 1))
	fsys["a.zh.md"].Data = []byte(strings.Replace(sourcePage, "到银行", "到中信银行", 1))
	if _, errs := Load(fsys); len(errs) > 0 {
		t.Errorf("an untracked translation: %v; want no problem", errs)
	}
}
