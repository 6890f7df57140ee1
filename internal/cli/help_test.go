package cli

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

var updateHelp = flag.Bool("update-help", false, "rewrite the help texts of testdata/help")

// TestHelp pins the overview and the help of each command, in English
// (testdata/help) and in Chinese (testdata/help/zh): each shows the
// command's own flags only, the ones few editors need last.
func TestHelp(t *testing.T) {
	for _, lang := range []struct{ dir, flag string }{{"", ""}, {"zh", "-lang=zh"}} {
		for _, tt := range []struct {
			file string
			args []string
		}{
			{"guide.txt", []string{"help"}},
			{"build.txt", []string{"build", "-h"}},
			{"build.txt", []string{"help", "build"}},
			{"check.txt", []string{"help", "check"}},
			{"serve.txt", []string{"serve", "-help"}},
			{"version.txt", []string{"help", "version"}},
			{"translated.txt", []string{"translated", "-h"}},
		} {
			args := tt.args
			if lang.flag != "" {
				args = append([]string{lang.flag}, args...)
			}
			t.Run(strings.Join(args, " "), func(t *testing.T) {
				checkHelp(t, filepath.Join("testdata", "help", lang.dir, tt.file), args)
			})
		}
	}
}

// checkHelp checks that guide args prints the help of file, or rewrites
// the file with -update-help.
func checkHelp(t *testing.T, file string, args []string) {
	code, stdout, stderr := run(args...)
	if code != 0 || stderr != "" {
		t.Errorf("exit %d, stderr %q; want 0 and nothing", code, stderr)
	}
	if *updateHelp {
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, []byte(stdout), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if stdout != string(want) {
		t.Errorf("got\n%s\nwant (%s)\n%s", stdout, file, want)
	}
	if strings.Contains(stdout, "cpuprofile") {
		t.Errorf("the help shows the developer's -cpuprofile:\n%s", stdout)
	}
}

// TestUsageErrors pins the messages of a mistyped command or flag, each
// printed once, with the nearest command or flag.
func TestUsageErrors(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"biuld"}, `guide: unknown command "biuld"; did you mean "build"?`},
		{[]string{"serv"}, `guide: unknown command "serv"; did you mean "serve"?`},
		{[]string{"publish"}, `guide: unknown command "publish"; run "guide help" for the commands`},
		{[]string{"help", "chek"}, `guide help: unknown command "chek"; did you mean "check"?`},
		{[]string{"build", "-baseurl", "https://example.gov.cn/"}, `guide build: unknown flag -baseurl; did you mean -base-url?`},
		{[]string{"build", "--baseurl=https://example.gov.cn/"}, `guide build: unknown flag -baseurl; did you mean -base-url?`},
		{[]string{"check", "-path"}, `guide check: unknown flag -path; did you mean -paths?`},
		{[]string{"serve", "-adr", "127.0.0.1:8080"}, `guide serve: unknown flag -adr; did you mean -addr?`},
		{[]string{"build", "-cpuprofile", "x"}, `guide build: unknown flag -cpuprofile; run "guide help build" for the flags`},
		{[]string{"build", "-src"}, `guide build: the flag -src needs a value, as in -src VALUE`},
		{[]string{"serve", "-poll", "x"}, `guide serve: the flag -poll cannot be "x"; see "guide help serve" for what it takes`},
		{[]string{"build", "-dry-run=maybe"}, `guide build: the flag -dry-run cannot be "maybe"; see "guide help build" for what it takes`},
	} {
		code, stdout, stderr := run(tt.args...)
		if code != 2 || stdout != "" || stderr != tt.want+"\n" {
			t.Errorf("guide %s: exit %d, stdout %q, stderr %q; want exit 2 and only\n%s", strings.Join(tt.args, " "), code, stdout, stderr, tt.want)
		}
	}
}

// TestVersion checks that guide version prints the version the release
// build stamps, or says that it is a development build.
func TestVersion(t *testing.T) {
	var out bytes.Buffer
	p := &Program{Stdout: &out, Stderr: &out, Version: "v1.2.0"}
	if code := p.Run(context.Background(), []string{"version"}); code != 0 {
		t.Errorf("exit %d; want 0", code)
	}
	if want := "guide v1.2.0 (" + runtime.GOOS + "/" + runtime.GOARCH + ")\n"; out.String() != want {
		t.Errorf("got %q; want %q", out.String(), want)
	}
	code, stdout, _ := run("version")
	if code != 0 || !strings.HasPrefix(stdout, "guide, a development build") {
		t.Errorf("without a stamp: exit %d, %q; want a development build", code, stdout)
	}
}
