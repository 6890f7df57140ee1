// Package benchcorpus lays out the synthetic bilingual corpus of
// ../shared/bench/gencorpus.py as a guide site, for the benchmarks, the
// test that the corpus is built completely, and cmd/compare-hugo.
package benchcorpus

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
)

// Generator is where the corpus generator lies, relative to the
// repository's root.
const Generator = "../shared/bench/gencorpus.py"

// ErrUnavailable is the error of Site when Python or the generator is
// missing; tests and benchmarks skip then.
var ErrUnavailable = errors.New("the corpus generator is unavailable")

// Home is the home page the corpus lacks, by file name under content/.
var Home = map[string]string{
	"_index.zh.md": "---\ntitle: \"办事指南\"\n---\n示例首页。\n",
	"_index.en.md": "---\ntitle: \"Guides\"\n---\nAn example home page.\n",
}

// Site writes into dir, which must not exist, a guide site of the corpus
// with n pages per language: the generated content, a home page per
// language, and the layouts, static files and site settings of the
// repository whose root is root. The corpus's folder pages list up to n/8
// pages each, far more than a page of the guide may weigh; Hugo publishes
// them as they are, so the site's page budget is raised to let guide do
// the same.
func Site(root, dir string, n int) error {
	gen, err := filepath.Abs(filepath.Join(root, Generator))
	if err != nil {
		return err
	}
	if _, err := os.Stat(gen); err != nil {
		return fmt.Errorf("%w: %v", ErrUnavailable, err)
	}
	if _, err := exec.LookPath("python3"); err != nil {
		return fmt.Errorf("%w: %v", ErrUnavailable, err)
	}
	content := filepath.Join(dir, "content")
	if out, err := exec.Command("python3", gen, "-n", strconv.Itoa(n), "-o", content).CombinedOutput(); err != nil {
		return fmt.Errorf("gencorpus: %v\n%s", err, out)
	}
	for name, text := range Home {
		if err := os.WriteFile(filepath.Join(content, name), []byte(text), 0o644); err != nil {
			return err
		}
	}
	for _, d := range []string{"layouts", "static"} {
		if err := os.CopyFS(filepath.Join(dir, d), os.DirFS(filepath.Join(root, d))); err != nil {
			return err
		}
	}
	settings, err := os.ReadFile(filepath.Join(root, "content/site.yaml"))
	if err != nil {
		return err
	}
	settings = append(settings, "\npageBudget: 1000000\n"...)
	return os.WriteFile(filepath.Join(content, "site.yaml"), settings, 0o644)
}
