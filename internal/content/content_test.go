package content

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestSplitFrontMatter(t *testing.T) {
	tests := []struct {
		name, src      string
		fm, body       string
		bodyLine       int
		errLine        int
		errMsgContains string
	}{
		{name: "plain", src: "---\ntitle: x\n---\nBody\n", fm: "title: x\n", body: "Body\n", bodyLine: 4},
		{name: "windows line endings", src: "---\r\ntitle: x\r\n---\r\nBody\r\n", fm: "title: x\r\n", body: "Body\r\n", bodyLine: 4},
		{name: "byte order mark", src: "\ufeff---\ntitle: x\n---\n", fm: "title: x\n", body: "", bodyLine: 4},
		{name: "empty front matter", src: "---\n---\nBody", fm: "", body: "Body", bodyLine: 3},
		{name: "dashes in the body stay", src: "---\na: 1\n---\n\n---\nmore\n", fm: "a: 1\n", body: "\n---\nmore\n", bodyLine: 4},
		{name: "no front matter", src: "# Title\n", errLine: 1, errMsgContains: "must start with front matter"},
		{name: "not closed", src: "---\ntitle: x\n", errLine: 1, errMsgContains: "not closed"},
		{name: "empty file", src: "", errLine: 1, errMsgContains: "must start with front matter"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fm, body, line, err := SplitFrontMatter([]byte(tt.src))
			if tt.errMsgContains != "" {
				if err == nil || err.Line != tt.errLine || !strings.Contains(err.Msg, tt.errMsgContains) {
					t.Fatalf("err = %v; want line %d containing %q", err, tt.errLine, tt.errMsgContains)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if string(fm) != tt.fm || string(body) != tt.body || line != tt.bodyLine {
				t.Errorf("got fm %q, body %q, line %d; want %q, %q, %d", fm, body, line, tt.fm, tt.body, tt.bodyLine)
			}
		})
	}
}

const siteYAML = "baseURL: https://example.gov.cn/visa\nconfirmed: 2025-04-08\nlanguages:\n  - {code: zh, tag: zh-CN, name: 中文, title: 指南, cjk: true}\n  - {code: en, tag: en, name: English, title: Guide}\n"

func TestLoad(t *testing.T) {
	fsys := fstest.MapFS{
		"site.yaml":                {Data: []byte(siteYAML)},
		"_index.zh.md":             {Data: []byte("---\ntitle: 首页\nsummary: 摘要\n---\n")},
		"_index.en.md":             {Data: []byte("---\ntitle: Home\nsummary: Summary\n---\n")},
		"booking/form.zh.md":       {Data: []byte("---\ntitle: 表\nsummary: 摘要\nconfirmed: 2025-05-01\n---\n")},
		"booking/form.en.md":       {Data: []byte("---\ntitle: Form\nsummary: Summary\n---\n")},
		"booking/form.png":         {Data: []byte("png")},
		"booking/form.fields.yaml": {Data: []byte("x: 1")},
		"booking/.form.zh.md.swp":  {Data: []byte("junk")},
		"booking/form.zh.md~":      {Data: []byte("junk")},
		"_drafts/x.zh.md":          {Data: []byte("not loaded")},
	}
	c, errs := Load(fsys)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if c.Site.BaseURL != "https://example.gov.cn/visa/" {
		t.Errorf("base URL %q; want a slash added", c.Site.BaseURL)
	}
	var keys []string
	for _, p := range c.Pages {
		keys = append(keys, p.Key+"."+p.Lang)
	}
	if got := strings.Join(keys, " "); got != "_index.en _index.zh booking/form.en booking/form.zh" {
		t.Errorf("pages = %s", got)
	}
	if strings.Join(c.Assets, " ") != "booking/form.png" || strings.Join(c.Data, " ") != "booking/form.fields.yaml" {
		t.Errorf("assets %v, data %v", c.Assets, c.Data)
	}
	form := c.Pages[3]
	if form.Slug() != "booking/form" || form.Section() != "booking" || form.ConfirmedOn(c.Site).String() != "2025-05-01" {
		t.Errorf("form: slug %q section %q confirmed %s", form.Slug(), form.Section(), form.ConfirmedOn(c.Site))
	}
	if home := c.Pages[0]; !home.IsHome() || home.Slug() != "" || home.ConfirmedOn(c.Site).String() != "2025-04-08" {
		t.Errorf("home: %+v", home)
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name  string
		files fstest.MapFS
		want  string
	}{
		{"no site settings", fstest.MapFS{"a.zh.md": {Data: []byte("---\n---\n")}}, "content/site.yaml: cannot read the site settings"},
		{"bad base URL", fstest.MapFS{"site.yaml": {Data: []byte(strings.Replace(siteYAML, "https://example.gov.cn/visa", "example.gov.cn", 1))}}, `content/site.yaml:1:1: baseURL: "example.gov.cn/" must be an absolute http:// or https:// address such as https://example.gov.cn/visa/, with only letters, digits and - . _ ~ / % in its path, and no query or #fragment`},
		{"base URL with markup", fstest.MapFS{"site.yaml": {Data: []byte(strings.Replace(siteYAML, "https://example.gov.cn/visa", `'https://example.gov.cn/"><script>x</script>'`, 1))}}, `content/site.yaml:1:1: baseURL: "https://example.gov.cn/\"><script>x</script>/" must be an absolute http:// or https:// address such as https://example.gov.cn/visa/, with only letters, digits and - . _ ~ / % in its path, and no query or #fragment`},
		{"base URL with a space", fstest.MapFS{"site.yaml": {Data: []byte(strings.Replace(siteYAML, "https://example.gov.cn/visa", `"https://example.gov.cn/my visa"`, 1))}}, `content/site.yaml:1:1: baseURL: "https://example.gov.cn/my visa/" must be an absolute`},
		{"unknown language", fstest.MapFS{"site.yaml": {Data: []byte(siteYAML)}, "a.fr.md": {Data: []byte("---\n---\n")}}, `content/a.fr.md: language "fr" of the file name is not one of the site's languages (zh, en)`},
		{"invalid UTF-8", fstest.MapFS{"site.yaml": {Data: []byte(siteYAML)}, "a.zh.md": {Data: []byte("---\ntitle: \xff\n---\n")}}, "content/a.zh.md:2:8: the file is not valid UTF-8 text"},
		{"bad date", fstest.MapFS{"site.yaml": {Data: []byte(siteYAML)}, "a.zh.md": {Data: []byte("---\ntitle: a\nsummary: b\nconfirmed: 2025-13-01\n---\n")}}, `content/a.zh.md:4:12: "confirmed": "2025-13-01" is not a date written as YYYY-MM-DD`},
		{"bad logic", fstest.MapFS{"site.yaml": {Data: []byte(siteYAML)}, "a.zh.md": {Data: []byte("---\ntitle: a\nsummary: b\nsteps:\n  - id: x\n    title: X\n  - id: y\n    title: Y\n    logic: nor\n---\n")}}, `content/a.zh.md:9:12: step "y": logic must be "and" or "or", not "nor"`},
		{"front matter not a mapping", fstest.MapFS{"site.yaml": {Data: []byte(siteYAML)}, "a.zh.md": {Data: []byte("---\n- a\n- b\n---\n")}}, `content/a.zh.md:2:1: the value must be a mapping (key: value lines), not a list`},
		{"file too large", fstest.MapFS{"site.yaml": {Data: []byte(siteYAML)}, "a.zh.md": {Data: make([]byte, MaxFileSize+1)}}, "content/a.zh.md: cannot read: file is larger than 4 MiB"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errs := Load(tt.files)
			if len(errs) == 0 {
				t.Fatalf("no error; want %s", tt.want)
			}
			if got := errs.Sort().Error(); !strings.Contains(got, tt.want) {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}
