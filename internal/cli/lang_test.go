package cli

import (
	"bytes"
	"context"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"guide/internal/messages"
)

// TestTakeLang checks how the flag -lang is read: anywhere before "--",
// written -lang zh, -lang=zh or --lang zh, and taken out of the
// arguments.
func TestTakeLang(t *testing.T) {
	for _, tt := range []struct {
		args, rest []string
		lang       messages.Lang
		err        string
	}{
		{args: []string{"check"}, rest: []string{"check"}, lang: messages.English},
		{args: []string{"check", "-lang", "zh"}, rest: []string{"check"}, lang: messages.Chinese},
		{args: []string{"-lang=zh", "build", "-src", "x"}, rest: []string{"build", "-src", "x"}, lang: messages.Chinese},
		{args: []string{"help", "--lang", "ZH", "build"}, rest: []string{"help", "build"}, lang: messages.Chinese},
		{args: []string{"build", "-lang", "zh", "-lang", "en"}, rest: []string{"build"}, lang: messages.English},
		{args: []string{"translated", "--", "-lang", "zh"}, rest: []string{"translated", "--", "-lang", "zh"}, lang: messages.English},
		{args: []string{"check", "-language", "zh"}, rest: []string{"check", "-language", "zh"}, lang: messages.English},
		{args: []string{"check", "-lang", "fr"}, err: `-lang "fr": write -lang zh for Chinese or -lang en for English`},
		{args: []string{"check", "-lang"}, err: "the flag -lang needs a value: -lang zh for Chinese, -lang en for English"},
	} {
		rest, lang, err := takeLang(tt.args, messages.English)
		switch {
		case tt.err != "" && (err == nil || err.Error() != tt.err):
			t.Errorf("takeLang(%q): error %v; want %q", tt.args, err, tt.err)
		case tt.err == "" && (err != nil || lang != tt.lang || !slices.Equal(rest, tt.rest)):
			t.Errorf("takeLang(%q) = %q, %q, %v; want %q, %q", tt.args, rest, lang, err, tt.rest, tt.lang)
		}
	}
}

// TestCommandLanguages runs the commands as an editor would, in English
// and with -lang zh, and pins what each says for the common cases: the
// build's summary, a mistyped command or flag, a folder the build refuses,
// and the problems of a broken site with the line that ends the list.
// Times in milliseconds are written N; DIR is the site's folder.
func TestCommandLanguages(t *testing.T) {
	for _, tt := range []struct {
		name    string
		args    []string
		prepare func(t *testing.T, dir string)
		code    int
		// en and zh are the first lines of stdout for exit status 0, else
		// all of stderr.
		en, zh string
	}{
		{name: "build", args: []string{"build", "-src", "DIR"},
			en: "built 4 pages (zh 2, en 2), 1 static files in N ms into DIR/public\n",
			zh: "已生成 4 个页面（zh 2, en 2），1 个静态文件，用时 N 毫秒，写入 DIR/public\n"},
		{name: "check", args: []string{"check", "-src", "DIR"},
			en: "checked 4 pages (zh 2, en 2), 1 static files in N ms\n",
			zh: "已检查 4 个页面（zh 2, en 2），1 个静态文件，用时 N 毫秒\n"},
		{name: "unknown command", args: []string{"biuld"}, code: 2,
			en: "guide: unknown command \"biuld\"; did you mean \"build\"?\n",
			zh: "guide: 没有 \"biuld\" 这个命令，是不是要写 \"build\"？\n"},
		{name: "unknown flag", args: []string{"build", "-baseurl", "https://example.gov.cn/"}, code: 2,
			en: "guide build: unknown flag -baseurl; did you mean -base-url?\n",
			zh: "guide build: 没有 -baseurl 这个选项，是不是要写 -base-url？\n"},
		{name: "folder not empty", args: []string{"build", "-src", "DIR", "-out", "DIR/out"}, code: 1,
			prepare: func(t *testing.T, dir string) { write(t, filepath.Join(dir, "out", "notes.txt"), "mine\n") },
			en:      "guide build: cannot build into DIR/out: the folder is not empty (it holds notes.txt) and guide did not build it; guide builds only into a new folder, an empty one, or one it built before, because publishing replaces the whole folder. Choose another folder with -out, or empty this one first\n",
			zh:      "guide build: 无法生成到 DIR/out：这个文件夹不是空的（其中有 notes.txt），也不是 guide 生成的。因为发布会替换整个文件夹，guide 只生成到新文件夹、空文件夹或它以前生成过的文件夹。请用 -out 选择另一个文件夹，或先清空这个文件夹\n"},
		{name: "broken site", args: []string{"check", "-src", "DIR"}, code: 1,
			prepare: makeMistakes,
			en: `content/_index.zh.md:3:1: a tab: YAML needs spaces for indentation; use spaces, not a tab
content/a.en.md:3:1: unknown key "sumary", did you mean "summary"?
content/a.zh.md:2:6: full-width colon "：" after the key "title": YAML needs the ASCII colon ":" followed by a space
content/b.en.md: the 中文 translation is missing: add b.zh.md
check failed: 4 problems
`,
			zh: `content/_index.zh.md:3:1: 这里有一个制表符（Tab）：YAML 设置格式要用空格缩进；请用空格，不要用 Tab 键
content/a.en.md:3:1: 未知的设置项 "sumary"，是不是要写 "summary"？
content/a.zh.md:2:6: 设置项 "title" 后面是全角冒号 "："：YAML 设置格式要求用半角冒号 ":"，后面再加一个空格
content/b.en.md: 缺少 中文 译文：请添加 b.zh.md
guide check 未通过：有 4 处问题
`},
		{name: "broken link", args: []string{"check", "-src", "DIR"}, code: 1,
			prepare: func(t *testing.T, dir string) {
				write(t, filepath.Join(dir, "content/a.en.md"), "---\ntitle: Steps\nsummary: Summary.\n---\nSee [the home page](_index.md).\n")
			},
			en: "content/a.en.md:5:5: link \"_index.md\": a page's file name ends with its language; did you mean \"_index.en.md\"?\ncheck failed: 1 problem\n",
			zh: "content/a.en.md:5:5: 链接 \"_index.md\"：页面的文件名以语言结尾；是不是要写 \"_index.en.md\"？\nguide check 未通过：有 1 处问题\n"},
	} {
		for _, lang := range []string{"en", "zh"} {
			t.Run(tt.name+" "+lang, func(t *testing.T) {
				dir := newSite(t)
				if tt.prepare != nil {
					tt.prepare(t, dir)
				}
				args := slices.Clone(tt.args)
				for i, a := range args {
					args[i] = strings.ReplaceAll(a, "DIR", dir)
				}
				want := tt.en
				if lang == "zh" {
					args, want = append(args, "-lang", "zh"), tt.zh
				}
				code, stdout, stderr := run(args...)
				got := stderr
				if code == 0 {
					got, _, _ = strings.Cut(stdout, "\n")
					got += "\n"
				}
				got = strings.ReplaceAll(millis.ReplaceAllString(got, "N $1"), dir, "DIR")
				if code != tt.code || got != want {
					t.Errorf("guide %s: exit %d, said\n%s\nwant exit %d and\n%s", strings.Join(args, " "), code, got, tt.code, want)
				}
			})
		}
	}
}

// millis matches a time in milliseconds, in English or Chinese.
var millis = regexp.MustCompile(`[0-9]+ (ms|毫秒)`)

// makeMistakes makes the mistakes editors make most in the site of newSite:
// a tab, a full-width colon, a misspelt key and a missing translation.
func makeMistakes(t *testing.T, dir string) {
	write(t, filepath.Join(dir, "content/_index.zh.md"), "---\ntitle: 首页\n\tsummary: 摘要。\n---\n见[流程](a.zh.md)。\n")
	write(t, filepath.Join(dir, "content/a.zh.md"), "---\ntitle：流程\nsummary: 摘要。\n---\n正文。\n")
	write(t, filepath.Join(dir, "content/a.en.md"), "---\ntitle: Steps\nsumary: typo\n---\nText.\n")
	write(t, filepath.Join(dir, "content/b.en.md"), "---\ntitle: B\nsummary: Summary.\n---\nB.\n")
}

// TestLanguageOfTheEnvironment checks that the program speaks Chinese when
// the locale says so, as LANG=zh_CN.UTF-8 does, that LC_ALL comes first,
// and that -lang overrides the environment.
func TestLanguageOfTheEnvironment(t *testing.T) {
	for _, tt := range []struct {
		env  map[string]string
		args []string
		want string
	}{
		{map[string]string{"LANG": "zh_CN.UTF-8"}, []string{"biuld"}, "guide: 没有 \"biuld\" 这个命令，是不是要写 \"build\"？\n"},
		{map[string]string{"LANG": "zh_CN.UTF-8"}, []string{"biuld", "-lang", "en"}, "guide: unknown command \"biuld\"; did you mean \"build\"?\n"},
		{map[string]string{"LANG": "zh_CN.UTF-8", "LC_ALL": "C"}, []string{"biuld"}, "guide: unknown command \"biuld\"; did you mean \"build\"?\n"},
		{map[string]string{"LC_MESSAGES": "zh_TW.UTF-8", "LANG": "en_US.UTF-8"}, []string{"biuld"}, "guide: 没有 \"biuld\" 这个命令，是不是要写 \"build\"？\n"},
		{map[string]string{"LANG": "en_US.UTF-8"}, []string{"biuld", "-lang", "zh"}, "guide: 没有 \"biuld\" 这个命令，是不是要写 \"build\"？\n"},
	} {
		var out bytes.Buffer
		getenv := func(name string) string { return tt.env[name] }
		p := &Program{Stdout: &out, Stderr: &out, Getenv: getenv}
		if code := p.Run(context.Background(), tt.args); code != 2 || out.String() != tt.want {
			t.Errorf("%v guide %s: exit %d, said %q; want exit 2 and %q", tt.env, strings.Join(tt.args, " "), code, out.String(), tt.want)
		}
	}
	// The program as main starts it reads the process's environment.
	t.Setenv("LC_ALL", "")
	t.Setenv("LC_MESSAGES", "")
	t.Setenv("LANG", "zh_CN.UTF-8")
	var out bytes.Buffer
	p := NewProgram("")
	p.Stdout, p.Stderr = &out, &out
	p.Run(context.Background(), []string{"help", "version"})
	if want := "用法：guide version\n\n显示 guide 的版本，以及它适用的系统。\n"; out.String() != want {
		t.Errorf("LANG=zh_CN.UTF-8 guide help version: said %q; want %q", out.String(), want)
	}
}
