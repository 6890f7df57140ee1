// Command release builds the guide program that editors download: one
// program for each system editors use (Windows, macOS and Linux, on Intel
// and ARM), built without cgo so that it needs nothing installed, with the
// version stamped in it (guide version prints it), and a SHA256SUMS file
// to check the downloads against. Run it from the repository:
//
//	go run ./cmd/release [-version v1.2.0] [-out dist]
//
// The version defaults to what "git describe --tags --always --dirty"
// says. docs/release.md explains what editors download.
package main

import (
	"context"
	"crypto/sha256"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

// target is a system the program is built for.
type target struct{ goos, goarch string }

// targets returns the systems editors use: Windows and macOS on Intel and
// ARM, and Linux on both.
func targets() []target {
	return []target{
		{"windows", "amd64"}, {"windows", "arm64"},
		{"darwin", "arm64"}, {"darwin", "amd64"},
		{"linux", "amd64"}, {"linux", "arm64"},
	}
}

// name is the file name of the program built for t: guide-windows-amd64.exe.
func (t target) name() string {
	n := "guide-" + t.goos + "-" + t.goarch
	if t.goos == "windows" {
		n += ".exe"
	}
	return n
}

func main() {
	version := flag.String("version", "", "the `version` to stamp into the programs (default: what git describe --tags --always --dirty says)")
	out := flag.String("out", "dist", "the `folder` to write the programs and SHA256SUMS into")
	flag.Parse()
	if flag.NArg() > 0 {
		fmt.Fprintf(os.Stderr, "release: unexpected arguments %q\n", flag.Args())
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := release(ctx, *version, *out, targets(), os.Stdout); err != nil {
		fmt.Fprintf(os.Stderr, "release: %v\n", err)
		stop()
		os.Exit(1)
	}
}

// versionPattern is what a version may hold: it is passed to the linker
// inside -ldflags, which splits at spaces and reads quotes.
var versionPattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._+-]*$`)

// release builds the program for each target into out, with version
// stamped (or git's description of the checkout when version is ""), and
// writes out/SHA256SUMS.
func release(ctx context.Context, version, out string, ts []target, log io.Writer) error {
	root, err := moduleRoot(ctx)
	if err != nil {
		return err
	}
	if version == "" {
		version = describe(ctx, root)
	}
	if !versionPattern.MatchString(version) {
		return fmt.Errorf("version %q may hold only letters, digits and . _ + -", version)
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	out, err = filepath.Abs(out)
	if err != nil {
		return err
	}
	var names []string
	for _, t := range ts {
		fmt.Fprintf(log, "building %s (%s)\n", t.name(), version)
		if err := build(ctx, root, filepath.Join(out, t.name()), version, t); err != nil {
			return fmt.Errorf("%s/%s: %v", t.goos, t.goarch, err)
		}
		names = append(names, t.name())
	}
	if err := writeSums(out, names); err != nil {
		return err
	}
	fmt.Fprintf(log, "wrote %d programs and SHA256SUMS into %s\n", len(names), out)
	return nil
}

// build builds ./cmd/guide of the module at root for t into file, without
// cgo and with the version stamped.
func build(ctx context.Context, root, file, version string, t target) error {
	cmd := exec.CommandContext(ctx, "go", "build", "-trimpath",
		"-ldflags", "-s -w -X main.version="+version, "-o", file, "./cmd/guide")
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOOS="+t.goos, "GOARCH="+t.goarch)
	var stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stderr, &stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("go build: %v\n%s", err, stderr.String())
	}
	return nil
}

// moduleRoot returns the folder of the module the command runs in.
func moduleRoot(ctx context.Context) (string, error) {
	b, err := exec.CommandContext(ctx, "go", "env", "GOMOD").Output()
	mod := strings.TrimSpace(string(b))
	if err != nil || mod == "" || mod == os.DevNull {
		return "", errors.New("run release inside the repository: go run ./cmd/release")
	}
	return filepath.Dir(mod), nil
}

// describe returns git's description of the checkout at root (the latest
// tag, the commits since and the commit, and "-dirty" for changes not
// committed), or "dev" when git cannot tell.
func describe(ctx context.Context, root string) string {
	cmd := exec.CommandContext(ctx, "git", "describe", "--tags", "--always", "--dirty")
	cmd.Dir = root
	b, err := cmd.Output()
	if v := strings.TrimSpace(string(b)); err == nil && v != "" {
		return v
	}
	return "dev"
}

// writeSums writes dir/SHA256SUMS, the checksums of the files names of
// dir in the form sha256sum -c reads.
func writeSums(dir string, names []string) error {
	sort.Strings(names)
	var b strings.Builder
	for _, n := range names {
		data, err := os.ReadFile(filepath.Join(dir, n))
		if err != nil {
			return err
		}
		fmt.Fprintf(&b, "%x  %s\n", sha256.Sum256(data), n)
	}
	return os.WriteFile(filepath.Join(dir, "SHA256SUMS"), []byte(b.String()), 0o644)
}
