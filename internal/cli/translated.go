package cli

import (
	"os"
	"path/filepath"
	"strings"

	"guide/internal/content"
	"guide/internal/messages"
)

// translatedCommand runs guide translated: for each translation named, it
// rewrites the key translated: of its front matter to record its source
// page as it is now (content.MarkTranslated), touching nothing else.
func translatedCommand(args []string, t term) error {
	fs := newFlags("translated", t.p)
	src := fs.String("src", ".", t.p.Sprintf("the `folder` holding content/"))
	if err := parseFlags(fs, args, t); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return &usageError{messages.Errorf("name the translations that are in line with their pages, as in: guide translated content/waiver.en.md")}
	}
	dir := filepath.Join(*src, "content")
	contentFS := os.DirFS(dir)
	site, errs := content.LoadSite(contentFS)
	if site == nil {
		return errs.Err()
	}
	for _, file := range fs.Args() {
		p, err := underContent(dir, file)
		if err != nil {
			return err
		}
		data, err := content.MarkTranslated(contentFS, p, site)
		if err != nil {
			return err
		}
		name := filepath.Join(dir, filepath.FromSlash(p))
		info, err := os.Stat(name)
		if err != nil {
			return err
		}
		if err := os.WriteFile(name, data, info.Mode().Perm()); err != nil {
			return err
		}
		t.p.Fprintf(t.stdout, "content/%s: recorded as in line with its %s page\n", p, site.Languages[0].Name)
	}
	return nil
}

// underContent returns the path under the content folder dir, with
// slashes, of the file named on the command line: a path from the
// current folder (content/waiver.en.md) or from dir (waiver.en.md).
func underContent(dir, file string) (string, error) {
	if _, err := os.Stat(file); err != nil {
		if _, err2 := os.Stat(filepath.Join(dir, file)); err2 != nil {
			return "", messages.Errorf("%s: %v", file, err)
		}
		file = filepath.Join(dir, file)
	}
	absDir, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	absFile, err := filepath.Abs(file)
	if err != nil {
		return "", err
	}
	rel, err := filepath.Rel(absDir, absFile)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", messages.Errorf("%s is not a page under %s", file, dir)
	}
	return filepath.ToSlash(rel), nil
}
