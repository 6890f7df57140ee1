package messages_test

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"testing"
	"testing/fstest"

	"guide/internal/checker"
	"guide/internal/content"
	"guide/internal/diag"
	"guide/internal/messages"
	"guide/internal/site"
	"guide/internal/svgcheck"
	"guide/internal/txtarsite"
	"guide/internal/yamlfile"
)

// frontMatter is what yamlfile decodes the settings of the tests into: a
// few keys of a page's front matter.
type frontMatter struct {
	Title     string       `yaml:"title"`
	Weight    int          `yaml:"weight"`
	Confirmed content.Date `yaml:"confirmed"`
	Tags      []string     `yaml:"tags"`
	Links     []struct {
		Text string `yaml:"text"`
		URL  string `yaml:"url"`
	} `yaml:"links"`
}

// contentCases are the problems of the content that editors meet most,
// each made by the code that finds it, with what guide says of each in
// Chinese and in English.
var contentCases = []struct {
	name     string
	problems func(t *testing.T) diag.List
	zh, en   string
}{
	{
		name:     "unknown key with a suggestion",
		problems: decode("title: 申请\nwieght: 2\n"),
		zh:       `content/apply.zh.md:3:1: 未知的设置项 "wieght"，是不是要写 "weight"？`,
		en:       `content/apply.zh.md:3:1: unknown key "wieght", did you mean "weight"?`,
	},
	{
		name:     "tab",
		problems: decode("title: 申请\n\tweight: 2\n"),
		zh:       `content/apply.zh.md:3:1: 这里有一个制表符（Tab）：YAML 设置格式要用空格缩进；请用空格，不要用 Tab 键`,
		en:       `content/apply.zh.md:3:1: a tab: YAML needs spaces for indentation; use spaces, not a tab`,
	},
	{
		name:     "full-width colon",
		problems: decode("title：申请\n"),
		zh:       `content/apply.zh.md:2:6: 设置项 "title" 后面是全角冒号 "："：YAML 设置格式要求用半角冒号 ":"，后面再加一个空格`,
		en:       `content/apply.zh.md:2:6: full-width colon "：" after the key "title": YAML needs the ASCII colon ":" followed by a space`,
	},
	{
		name:     "a date that is not in the calendar",
		problems: decode("confirmed: 2025-13-01\n"),
		zh:       `content/apply.zh.md:2:12: "confirmed"："2025-13-01" 不是按“年-月-日”（YYYY-MM-DD）写的日期`,
		en:       `content/apply.zh.md:2:12: "confirmed": "2025-13-01" is not a date written as YYYY-MM-DD`,
	},
	{
		name:     "colon inside a value",
		problems: decode("title: 申请\nsummary: 注意: 请带护照\n"),
		zh:       `content/apply.zh.md:3:1: YAML 设置格式有误：这里不能写“设置项: 值”：如果冒号是文字的一部分，请把整个值放在引号中；否则请检查这一行的缩进`,
		en:       `content/apply.zh.md:3:1: invalid YAML: mapping values are not allowed in this context`,
	},
	{
		name:     "value of the wrong kind",
		problems: decode("weight: 二\n"),
		zh:       `content/apply.zh.md:2:9: "weight"必须是整数，现在写的是"二"`,
		en:       `content/apply.zh.md:2:9: "weight" must be a whole number, not "二"`,
	},
	{
		name: "front matter not closed",
		problems: func(t *testing.T) diag.List {
			root := txtarsite.Read(t, nil, "testdata/site.txtar").Root
			root["content/apply.zh.md"] = &fstest.MapFile{Data: []byte("---\ntitle: 申请\n\n正文。\n")}
			sub, err := fs.Sub(root, "content")
			if err != nil {
				t.Fatal(err)
			}
			_, errs := content.Load(sub)
			return errs
		},
		zh: `content/apply.zh.md:1:1: 文件开头的设置部分（front matter）没有结束：请在它后面加一行 "---"`,
		en: `content/apply.zh.md:1:1: the front matter is not closed: add a line "---" after it`,
	},
	{
		name:     "link without the language, and a misspelt step heading id",
		problems: build,
		zh: `content/_index.zh.md:5:4: 链接 "waiver.md"：页面的文件名以语言结尾；是不是要写 "waiver.zh.md"？` + "\n" +
			`content/apply.zh.md:15:7: 标题 id "drop-off" 不是本页的步骤；是不是要写步骤 "dropoff"？`,
		en: `content/_index.zh.md:5:4: link "waiver.md": a page's file name ends with its language; did you mean "waiver.zh.md"?` + "\n" +
			`content/apply.zh.md:15:7: heading id "drop-off" is no step of this page; did you mean step "dropoff"?`,
	},
	{
		name: "a picture that loads from elsewhere and runs script",
		problems: func(t *testing.T) diag.List {
			_, errs := svgcheck.Clean("content/map.svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill:url(http://x/y)"/><script>x</script></svg>`))
			return errs
		},
		zh: `content/map.svg:1:59: <rect> 的样式不能使用：url(http://x/y) 引用了图片以外的内容；图片只能引用自身的部分，例如 url(#gradient)` + "\n" +
			`content/map.svg:1:77: 图片中不能有 <script>：SVG 中的脚本会在网站上运行；请重新导出不带脚本的图片`,
		en: `content/map.svg:1:59: the style of <rect> is not allowed: url(http://x/y) refers to something outside the picture; a picture may refer only to its own parts, such as url(#gradient)` + "\n" +
			`content/map.svg:1:77: <script> is not allowed in a picture: a script in an SVG would run on the site; export the picture again without scripts`,
	},
	{
		name:     "unused threshold",
		problems: rules,
		zh:       `content/eligibility/rules.yaml:12:13: 提醒：2025-04-08 起施行的规则没有用到界限值 "max-age"：没有答案用它作比较，也没有文字显示它；请删除它`,
		en:       `content/eligibility/rules.yaml:12:13: warning: threshold "max-age" is not used by the rules of 2025-04-08: no answer compares with it and no text shows it; remove it`,
	},
	{
		name:     "full-width comma",
		problems: decode("title: x\nlinks:\n  - {text: a，url: b}\n"),
		zh:       `content/apply.zh.md:4:13: 这里是全角逗号 "，"：YAML 设置格式要求值与值之间用半角逗号 ","，后面再加一个空格`,
		en:       `content/apply.zh.md:4:13: full-width comma "，": YAML needs the ASCII comma "," followed by a space between values`,
	},
	{
		name:     "full-width quotation marks",
		problems: decode("title: “注意: 带护照”\n"),
		zh:       `content/apply.zh.md:2:8: 这里是全角引号 "“" 和 "”"：YAML 设置格式要求文字两端用半角引号 '"'`,
		en:       `content/apply.zh.md:2:8: full-width quotation marks "“" and "”": YAML needs the ASCII quotation mark '"' at both ends of the text`,
	},
	{
		name:     "full-width brackets",
		problems: decode("title: x\ntags: 【a, b】\n"),
		zh: `content/apply.zh.md:3:7: 这里是全角括号 "【"：写在一行里的列表要用半角方括号 "["` + "\n" +
			`content/apply.zh.md:3:12: 这里是全角括号 "】"：写在一行里的列表要用半角方括号 "]"`,
		en: `content/apply.zh.md:3:7: full-width bracket "【": a list on one line needs the ASCII bracket "["` + "\n" +
			`content/apply.zh.md:3:12: full-width bracket "】": a list on one line needs the ASCII bracket "]"`,
	},
	{
		name:     "full-width dash",
		problems: decode("title: x\nlinks:\n  － text: a\n    url: b\n"),
		zh:       `content/apply.zh.md:4:3: 列表项前面是全角横线 "－"：YAML 设置格式要求用半角连字符 "-"，后面再加一个空格`,
		en:       `content/apply.zh.md:4:3: full-width dash "－" before a list item: YAML needs the ASCII hyphen "-" followed by a space`,
	},
	{
		name:     "full-width space",
		problems: decode("title:\u3000申请\nweight: 2\n"),
		zh:       `content/apply.zh.md:2:7: 这里是全角空格：YAML 设置格式要求用半角空格；请删除它，重新输入一个空格`,
		en:       `content/apply.zh.md:2:7: a full-width space: YAML needs an ASCII space here; delete it and type a space`,
	},
	{
		name:     "full-width link brackets and parentheses, and a full-width dash in Markdown",
		problems: buildWith("content/_index.zh.md", "---\ntitle: 首页\nsummary: 公务出访人员办理美国签证的步骤和材料。\n---\n请先看【免面谈】（waiver.zh.md）。\n\n－ 先准备照片\n"),
		zh: `content/_index.zh.md:5:4: 链接用了全角括号：Markdown 正文格式要求用半角的方括号 [ ] 和圆括号 ( )："[免面谈](waiver.zh.md)"` + "\n" +
			`content/_index.zh.md:7:1: 行首是全角的 "－"：Markdown 正文格式要求用半角的 "-"，后面再加一个空格："- 先准备照片"` + "\n" +
			`content/apply.zh.md:15:7: 标题 id "drop-off" 不是本页的步骤；是不是要写步骤 "dropoff"？`,
		en: `content/_index.zh.md:5:4: a link written with full-width brackets: Markdown needs the ASCII brackets [ ] and parentheses ( ): "[免面谈](waiver.zh.md)"` + "\n" +
			`content/_index.zh.md:7:1: full-width "－" at the start of the line: Markdown needs the ASCII "-" followed by a space: "- 先准备照片"` + "\n" +
			`content/apply.zh.md:15:7: heading id "drop-off" is no step of this page; did you mean step "dropoff"?`,
	},
	{
		name:     "a page name that is nearly right",
		problems: buildWith("content/_index.zh.md", "---\ntitle: 首页\nsummary: 公务出访人员办理美国签证的步骤和材料。\n---\n请先看[免面谈](waivr.zh.md)。\n"),
		zh: `content/_index.zh.md:5:4: 链接 "waivr.zh.md"：没有页面 content/waivr.zh.md；是不是要写 "waiver.zh.md"？` + "\n" +
			`content/apply.zh.md:15:7: 标题 id "drop-off" 不是本页的步骤；是不是要写步骤 "dropoff"？`,
		en: `content/_index.zh.md:5:4: link "waivr.zh.md": there is no page content/waivr.zh.md; did you mean "waiver.zh.md"?` + "\n" +
			`content/apply.zh.md:15:7: heading id "drop-off" is no step of this page; did you mean step "dropoff"?`,
	},
	{
		name:     "an answer that leads to a question misspelt",
		problems: rulesWith("next: interview\n          - id: \"no\"", "next: intervew\n          - id: \"no\""),
		zh: `content/eligibility/rules.yaml:21:19: 问题 "lost" 的答案 "yes" 通向 "intervew"，但 2025-04-08 起施行的规则中没有这个问题或结果；是不是要写 "interview"？` + "\n" +
			`content/eligibility/rules.yaml:12:13: 提醒：2025-04-08 起施行的规则没有用到界限值 "max-age"：没有答案用它作比较，也没有文字显示它；请删除它`,
		en: `content/eligibility/rules.yaml:21:19: answer "yes" of question "lost" leads to "intervew", which is no question or outcome of the rules of 2025-04-08; did you mean "interview"?` + "\n" +
			`content/eligibility/rules.yaml:12:13: warning: threshold "max-age" is not used by the rules of 2025-04-08: no answer compares with it and no text shows it; remove it`,
	},
}

// TestContentMessages makes the problems of the content that editors meet
// most, each by the code that finds it, and pins what guide says of each
// in Chinese and in English.
func TestContentMessages(t *testing.T) {
	for _, tt := range contentCases {
		t.Run(tt.name, func(t *testing.T) {
			errs := tt.problems(t)
			if got := (messages.Printer{Lang: messages.Chinese}).List(errs); got != tt.zh {
				t.Errorf("in Chinese, got\n%s\nwant\n%s", got, tt.zh)
			}
			if got := (messages.Printer{Lang: messages.English}).List(errs); got != tt.en {
				t.Errorf("in English, got\n%s\nwant\n%s", got, tt.en)
			}
		})
	}
}

// decode returns the problems of the front matter fm of the page
// content/apply.zh.md, which starts on the file's second line.
func decode(fm string) func(t *testing.T) diag.List {
	return func(t *testing.T) diag.List {
		var v frontMatter
		return yamlfile.Decode("content/apply.zh.md", []byte(fm), 2, &v)
	}
}

// build returns the problems of building the site of testdata/site.txtar.
func build(t *testing.T) diag.List {
	return buildRoot(t, txtarsite.Read(t, nil, "testdata/site.txtar").Root)
}

// buildWith returns the problems of building the site of
// testdata/site.txtar with the file name written as data.
func buildWith(name, data string) func(t *testing.T) diag.List {
	return func(t *testing.T) diag.List {
		root := txtarsite.Read(t, nil, "testdata/site.txtar").Root
		root[name] = &fstest.MapFile{Data: []byte(data)}
		return buildRoot(t, root)
	}
}

// buildRoot returns the problems of building the site in root.
func buildRoot(t *testing.T, root fstest.MapFS) diag.List {
	s, errs := site.Load(site.Options{Root: root})
	if s == nil {
		return errs
	}
	if _, err := s.Build(context.Background(), discard{}); err != nil {
		list, ok := err.(diag.List)
		if !ok {
			t.Fatalf("Build: %v is not a list of problems", err)
		}
		return append(errs, list...)
	}
	return errs
}

// discard is an Output that keeps nothing.
type discard struct{}

func (discard) WriteFile(string, []byte) error { return nil }

// rules returns the problems of testdata/rules.yaml: the rules of a
// checker of one question, with a threshold (max-age) that neither an
// answer nor a text uses.
func rules(t *testing.T) diag.List { return rulesWith("", "")(t) }

// rulesWith returns the problems of testdata/rules.yaml with old written
// as new.
func rulesWith(old, new string) func(t *testing.T) diag.List {
	return func(t *testing.T) diag.List {
		data, err := os.ReadFile("testdata/rules.yaml")
		if err != nil {
			t.Fatal(err)
		}
		if old != "" {
			if !bytes.Contains(data, []byte(old)) {
				t.Fatalf("testdata/rules.yaml has no %q", old)
			}
			data = bytes.Replace(data, []byte(old), []byte(new), 1)
		}
		_, errs := checker.Load("content/eligibility/rules.yaml", data, []string{"zh", "en"})
		return errs
	}
}
