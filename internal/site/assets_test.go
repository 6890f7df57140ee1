package site

import (
	"strings"
	"testing"
	"testing/fstest"
)

// assetSite is a small site whose home page loads a stylesheet, shows a
// picture and links to a PDF form, with a file under .well-known/.
func assetSite(layout string) fstest.MapFS {
	file := func(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }
	return fstest.MapFS{
		"content/site.yaml":                file("baseURL: https://example.gov.cn/visa/\nconfirmed: 2025-04-08\nlanguages:\n  - {code: zh, tag: zh-CN, name: 中文, title: 指南, cjk: true}\n"),
		"content/_index.zh.md":             file("---\ntitle: 首页\n---\n![示意图](map.svg) [表格](form.pdf)\n"),
		"content/map.svg":                  file(`<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>`),
		"content/form.pdf":                 file("%PDF-1.4"),
		"layouts/base.html":                file(layout),
		"layouts/home.html":                file(`{{define "main"}}{{.Intro}}{{end}}`),
		"layouts/i18n/zh.yaml":             file("x: y\n"),
		"static/css/site.css":              file("body { color: black; }\n"),
		"static/.well-known/security.json": file(`{"contact": "mailto:visa@example.gov.cn"}`),
	}
}

// TestAssetNames checks which files are published under hashed names, that
// the pages name them so, and that the names follow the published bytes.
func TestAssetNames(t *testing.T) {
	root := assetSite(`<!DOCTYPE html><html lang="zh-CN"><head><title>t</title><link rel="stylesheet" href="{{.Asset "/css/site.css"}}"></head><body>{{block "main" .}}{{end}}</body></html>`)
	s, errs := Load(Options{Root: root})
	if s == nil {
		t.Fatal(errs)
	}
	out := &memOutput{}
	if _, err := s.Build(t.Context(), out); err != nil {
		t.Fatal(err)
	}
	css := s.AssetName("/css/site.css")
	if !hashNames.MatchString(css) || !strings.HasPrefix(css, "css/site.") {
		t.Errorf(`AssetName("/css/site.css") = %q; want css/site.HASH.css`, css)
	}
	if string(out.Files[css]) != "body{color:#000}" {
		t.Errorf("%s holds %q; want the minified stylesheet", css, out.Files[css])
	}
	if want := hashedName("css/site.css", out.Files[css]); css != want {
		t.Errorf("the stylesheet is named %s; want %s, after the bytes published", css, want)
	}
	svg := s.AssetName("/map.svg")
	home := string(out.Files["index.html"])
	for _, want := range []string{`href="/visa/` + css + `"`, `src="/visa/` + svg + `"`, `href="/visa/form.pdf"`} {
		if !strings.Contains(home, want) {
			t.Errorf("the home page lacks %s:\n%s", want, home)
		}
	}
	// Files that keep their names.
	for _, name := range []string{"form.pdf", ".well-known/security.json", "index.html", "sitemap.xml"} {
		if _, ok := out.Files[name]; !ok {
			t.Errorf("%s is not published under its own name", name)
		}
		if got := s.AssetName("/" + name); got != name {
			t.Errorf("AssetName(%q) = %q; want it unchanged", "/"+name, got)
		}
	}
	for _, name := range []string{"css/site.css", "map.svg"} {
		if _, ok := out.Files[name]; ok {
			t.Errorf("%s is published under its source name too", name)
		}
	}
}

// TestAssetBySourceName checks that a layout that links a stylesheet by
// the name of its source, which is not published, is refused.
func TestAssetBySourceName(t *testing.T) {
	root := assetSite(`<!DOCTYPE html><html lang="zh-CN"><head><title>t</title><link rel="stylesheet" href="{{.Rel "/css/site.css"}}"></head><body>{{block "main" .}}{{end}}</body></html>`)
	s, errs := Load(Options{Root: root})
	if s == nil {
		t.Fatal(errs)
	}
	_, err := s.Build(t.Context(), &memOutput{})
	want := `layouts/home.html: the pages of this layout load /css/site.css by the name of its source, but it is published as ` + s.AssetName("/css/site.css") + `: write {{.Asset "/css/site.css"}} for its address, not {{.Rel "/css/site.css"}}`
	if err == nil || err.Error() != want {
		t.Errorf("got %v; want %s", err, want)
	}
}
