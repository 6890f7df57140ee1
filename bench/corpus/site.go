package corpus

import (
	"os"
	"path/filepath"
)

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
	content := filepath.Join(dir, "content")
	if _, err := Generate(content, n, DefaultSeed); err != nil {
		return err
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
	settings, err := os.ReadFile(filepath.Join(root, "content", "site.yaml"))
	if err != nil {
		return err
	}
	settings = append(settings, "\npageBudget: 1000000\n"...)
	return os.WriteFile(filepath.Join(content, "site.yaml"), settings, 0o644)
}
