package changes

import (
	"context"
	"encoding/xml"
	"strings"
	"testing"
	"testing/fstest"

	"guide/internal/site"
)

type mem = site.Memory

func page(title, changes string) *fstest.MapFile {
	return &fstest.MapFile{Data: []byte("---\ntitle: " + title + "\nchanges:\n" + changes + "---\nText.\n")}
}

func fixture() fstest.MapFS {
	return fstest.MapFS{
		"content/site.yaml":    {Data: []byte("baseURL: https://example.gov.cn/visa/\nconfirmed: 2025-01-01\nlanguages:\n  - {code: zh, tag: zh-CN, name: 中文, title: 指南}\n  - {code: en, tag: en, name: English, title: Guide}\n")},
		"content/_index.zh.md": page("首页", "  - {date: 2025-04-08, note: 新流程}\n"),
		"content/_index.en.md": page("Home", "  - {date: 2025-04-08, note: New procedure}\n"),
		"content/a.zh.md":      page("甲", "  - {date: 2024-01-02, note: 旧变化}\n  - {date: 2025-05-01, note: 最新变化}\n"),
		"content/a.en.md":      page("A", "  - {date: 2024-01-02, note: Old change}\n  - {date: 2025-05-01, note: Newest change}\n"),
		"layouts/base.html":    {Data: []byte(`<!DOCTYPE html><html lang="{{.Lang.Tag}}"><title>{{.Page.Title}}</title>{{block "main" .}}{{end}}</html>`)},
		"layouts/home.html":    {Data: []byte(`{{define "main"}}{{range .Children}}<a href="{{.URL}}">{{.Title}}</a>{{end}}{{end}}`)},
		"layouts/page.html":    {Data: []byte(`{{define "main"}}{{.Intro}}{{end}}`)},
		"layouts/changes.html": {Data: []byte(`{{define "main"}}<ol>{{range .Page.Data}}<li>{{.Date}} <a href="{{.URL}}">{{.Title}}</a>: {{.Note}}</li>{{end}}</ol>{{end}}`)},
		"layouts/i18n/zh.yaml": {Data: []byte("changes_title: 更新记录\nchanges_summary: 全部变化。\n")},
		"layouts/i18n/en.yaml": {Data: []byte("changes_title: What changed\nchanges_summary: Every change.\n")},
	}
}

func build(t *testing.T, fsys fstest.MapFS) (*mem, error) {
	t.Helper()
	s, errs := site.Load(site.Options{Root: fsys, Extensions: []site.Extension{Extension{}}})
	if s == nil {
		return nil, errs.Err()
	}
	out := &mem{}
	_, err := s.Build(context.Background(), out)
	return out, err
}

func TestPagesAndFeeds(t *testing.T) {
	out, err := build(t, fixture())
	if err != nil {
		t.Fatal(err)
	}
	en := string(out.Files["en/changes/index.html"])
	want := `<ol><li>2025-05-01 <a href="/visa/en/a/">A</a>: Newest change</li><li>2025-04-08 <a href="/visa/en/">Home</a>: New procedure</li><li>2024-01-02 <a href="/visa/en/a/">A</a>: Old change</li></ol>`
	if !strings.Contains(en, want) {
		t.Errorf("en/changes/index.html = %s\nwant it to contain %s", en, want)
	}
	if !strings.Contains(string(out.Files["changes/index.html"]), "最新变化") {
		t.Errorf("the Chinese page lacks the Chinese notes: %s", string(out.Files["changes/index.html"]))
	}
	if strings.Contains(string(out.Files["en/index.html"]), "/en/changes/") {
		t.Errorf("the home page lists the unlisted changes page: %s", string(out.Files["en/index.html"]))
	}

	var feed struct {
		Lang    string `xml:"lang,attr"`
		Updated string `xml:"updated"`
		Entries []struct {
			Title   string `xml:"title"`
			ID      string `xml:"id"`
			Summary string `xml:"summary"`
			Link    struct {
				Href string `xml:"href,attr"`
			} `xml:"link"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal([]byte(string(out.Files["en/feed.xml"])), &feed); err != nil {
		t.Fatalf("en/feed.xml is not XML: %v\n%s", err, string(out.Files["en/feed.xml"]))
	}
	if feed.Lang != "en" || feed.Updated != "2025-05-01T00:00:00Z" || len(feed.Entries) != 3 {
		t.Fatalf("feed: lang %q updated %q with %d entries; want en, 2025-05-01, 3", feed.Lang, feed.Updated, len(feed.Entries))
	}
	if e := feed.Entries[0]; e.Summary != "Newest change" || e.Link.Href != "https://example.gov.cn/visa/en/a/" {
		t.Errorf("first entry = %+v", e)
	}
	if _, ok := out.Files["feed.xml"]; !ok {
		t.Error("the Chinese feed is missing at /feed.xml")
	}
}

func TestAddressTaken(t *testing.T) {
	fsys := fixture()
	fsys["content/changes.zh.md"] = page("变化", "")
	fsys["content/changes.en.md"] = page("Changes", "")
	_, err := build(t, fsys)
	if err == nil || !strings.Contains(err.Error(), `content/changes.zh.md: /changes/ is the address of the generated "what changed" page`) {
		t.Fatalf("err = %v; want the clash reported", err)
	}
}
