package cli

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
)

// TestStartInAGuide starts guide without a command in a guide's folder,
// and in a folder whose program sits in a guide's folder (a shortcut on
// Windows may start it elsewhere): it serves the guide and opens it in
// the browser, which the test stands in for by fetching the address once
// and stopping guide.
func TestStartInAGuide(t *testing.T) {
	dir := newSite(t)
	for _, tt := range []struct{ name, dir, exe string }{
		{"working folder", dir, ""},
		{"the program's folder", t.TempDir(), filepath.Join(dir, "guide.exe")},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			var stdout, stderr lockedBuffer
			opened, status := "", 0
			p := &Program{Stdout: &stdout, Stderr: &stderr, Dir: tt.dir, Exe: tt.exe, Addr: "127.0.0.1:0",
				OpenBrowser: func(_ context.Context, url string) error {
					defer cancel()
					opened = url
					resp, err := http.Get(url)
					if err != nil {
						return err
					}
					defer resp.Body.Close()
					status = resp.StatusCode
					return nil
				}}
			if code := p.Run(ctx, nil); code != 0 {
				t.Fatalf("exit %d; want 0\n%s", code, stderr.String())
			}
			if !strings.HasPrefix(opened, "http://127.0.0.1:") || status != http.StatusOK {
				t.Errorf("opened %q, which answered %d; want the guide's address, answering 200", opened, status)
			}
			want := fmt.Sprintf("opened %s in your browser; to stop guide, press Ctrl-C or close this window\n", opened)
			if !strings.Contains(stdout.String(), want) || !strings.Contains(stdout.String(), "serving the guide at "+opened) {
				t.Errorf("stdout %q; want the address and how to stop guide", stdout.String())
			}
		})
	}
}

// TestStartWithoutBrowser checks that guide says where the guide is when
// it cannot open the browser.
func TestStartWithoutBrowser(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stdout, stderr lockedBuffer
	p := &Program{Stdout: &stdout, Stderr: &stderr, Dir: newSite(t), Addr: "127.0.0.1:0",
		OpenBrowser: func(context.Context, string) error {
			cancel()
			return fmt.Errorf("no browser")
		}}
	if code := p.Run(ctx, nil); code != 0 {
		t.Fatalf("exit %d; want 0\n%s", code, stderr.String())
	}
	for line := range strings.Lines(stderr.String()) {
		if strings.HasPrefix(line, "guide: cannot open the browser (no browser); open http://127.0.0.1:") && strings.HasSuffix(line, "/ yourself\n") {
			return
		}
	}
	t.Errorf("stderr %q; want the address to open", stderr.String())
}

// TestStartOutsideAGuide starts guide without a command in a folder that
// holds no guide: it says what it is and how to use it, opens no browser,
// and waits for Enter when its window would close at its end.
func TestStartOutsideAGuide(t *testing.T) {
	for _, own := range []bool{false, true} {
		dir := t.TempDir()
		var stdout, stderr lockedBuffer
		stdin := strings.NewReader("\nleft over")
		p := &Program{Stdin: stdin, Stdout: &stdout, Stderr: &stderr, Dir: dir, Exe: filepath.Join(t.TempDir(), "guide.exe"),
			OpenBrowser: func(context.Context, string) error {
				t.Error("the browser was opened")
				return nil
			},
			OwnConsole: func() bool { return own }}
		if code := p.Run(context.Background(), nil); code != 2 {
			t.Errorf("exit %d; want 2", code)
		}
		want := fmt.Sprintf(notAGuide, dir)
		if own {
			want += "Press Enter to close this window.\n"
		}
		if stdout.String() != want || stderr.String() != "" {
			t.Errorf("own console %v: stdout\n%s\nstderr %q; want\n%s", own, stdout.String(), stderr.String(), want)
		}
		rest, _ := io.ReadAll(stdin)
		if waited := string(rest) == "left over"; waited != own {
			t.Errorf("own console %v: read the line typed: %v", own, waited)
		}
	}
}
