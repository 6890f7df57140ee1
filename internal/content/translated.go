package content

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"guide/internal/diag"
	"guide/internal/messages"
)

// A translation records what it was translated from: the key translated:
// in its front matter holds a short hash of each section of the page in the
// site's first language (the source) as it was when the translation was
// last brought in line with it, written by the command "guide translated".
// When a section of the source changes afterwards, check and serve warn
// that the translation may be out of date, naming the sections, until the
// command is run again. A translation without the key is not tracked.
//
// The sections of a page are its front matter other than the steps
// ("front": title, summary, confirmed and changes), the text before the
// first level-2 heading ("intro"), each step with its section of the text
// (by the step's id), and each other level-2 section of the text (by its
// heading's id, or a name made from its text). A section is compared
// without its white space, so that breaking a Chinese paragraph across
// other lines changes nothing.

// SectionHash is a section of a source page and the hash of its text.
type SectionHash struct {
	Name, Hash string
}

// hashLen is the length of the hashes in hexadecimal digits: one change in
// 16 million goes unnoticed.
const hashLen = 6

// Sections returns the sections of the page p with their hashes, in the
// order of the page.
func Sections(p *Page) []SectionHash {
	if p.sections != nil {
		return p.sections
	}
	var front bytes.Buffer
	fmt.Fprintf(&front, "%s\n%s\n%s\n", p.Title, p.Summary, p.Confirmed)
	for _, c := range p.Changes {
		fmt.Fprintf(&front, "%s %s\n", c.Date, c.Note)
	}
	out := []SectionHash{{"front", hashOf(front.Bytes())}}
	parts := bodySections(p.Body)
	out = append(out, SectionHash{"intro", hashOf(parts[0].text)})
	steps := map[string]*Step{}
	for i := range p.Steps {
		steps[p.Steps[i].ID] = &p.Steps[i]
	}
	used := map[string]bool{"front": true, "intro": true}
	for _, part := range parts[1:] {
		text := part.text
		if st := steps[part.name]; st != nil {
			text = append(stepText(st), text...)
			delete(steps, part.name)
		}
		name := part.name
		for n := 1; used[name]; n++ {
			name = fmt.Sprintf("%s-%d", part.name, n)
		}
		used[name] = true
		out = append(out, SectionHash{name, hashOf(text)})
	}
	// A step without a section of its own, which the build reports,
	// still counts.
	for i := range p.Steps {
		if st := &p.Steps[i]; steps[st.ID] != nil && !used[st.ID] {
			used[st.ID] = true
			out = append(out, SectionHash{st.ID, hashOf(stepText(st))})
		}
	}
	p.sections = out
	return out
}

// stepText is the text of a step's front matter.
func stepText(st *Step) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "%s\n%s\n%s\n%s\n%s\n%v %s %s\n", st.Title, st.Where, strings.Join(st.Bring, "\n"), st.Fee, st.Time, st.Optional, st.Logic, st.Walkthrough)
	for _, l := range st.Links {
		fmt.Fprintf(&b, "%s %s\n", l.Text, l.URL)
	}
	return b.Bytes()
}

// hashOf hashes text without its white space.
func hashOf(text []byte) string {
	h := sha256.New()
	for len(text) > 0 {
		r, n := utf8.DecodeRune(text)
		if !unicode.IsSpace(r) {
			h.Write(text[:n])
		}
		text = text[n:]
	}
	return hex.EncodeToString(h.Sum(nil))[:hashLen]
}

type bodyPart struct {
	name string
	text []byte
}

var (
	h2      = regexp.MustCompile(`^ {0,3}##(?:[ \t]|$)`)
	fence   = regexp.MustCompile("^ {0,3}(```|~~~)")
	idAttr  = regexp.MustCompile(`\{[^{}]*#([^\s{}]+)[^{}]*\}\s*$`)
	notName = regexp.MustCompile(`[^\pL\pN]+`)
)

// bodySections splits a Markdown body at its level-2 headings written with
// "##"; the first part is the text before the first of them.
func bodySections(body []byte) []bodyPart {
	parts := []bodyPart{{name: "intro"}}
	inFence := ""
	for line := range bytes.Lines(body) {
		if m := fence.FindSubmatch(line); m != nil {
			switch {
			case inFence == "":
				inFence = string(m[1])
			case inFence == string(m[1]):
				inFence = ""
			}
		}
		if inFence == "" && h2.Match(line) {
			parts = append(parts, bodyPart{name: headingName(line)})
		}
		last := &parts[len(parts)-1]
		last.text = append(last.text, line...)
	}
	return parts
}

// headingName names the section of a level-2 heading: the id that its
// {#id} sets, or else its words joined by hyphens, in lower case.
func headingName(line []byte) string {
	if m := idAttr.FindSubmatch(line); m != nil {
		return string(m[1])
	}
	text := strings.Trim(strings.TrimSpace(string(line)), "# \t")
	name := strings.Trim(notName.ReplaceAllString(strings.ToLower(text), "-"), "-")
	if name == "" {
		return "section"
	}
	return name
}

// TranslatedRecord is the value of translated: for a translation of the
// source page src, as it is now: "front:1a2b3c intro:4d5e6f ds160:…".
func TranslatedRecord(src *Page) string {
	secs := Sections(src)
	parts := make([]string, len(secs))
	for i, s := range secs {
		parts[i] = s.Name + ":" + s.Hash
	}
	return strings.Join(parts, " ")
}

var recordPart = regexp.MustCompile(`^([^\s:]+):([0-9a-f]{` + fmt.Sprint(hashLen) + `})$`)

// stale warns when the source page src has changed since its translation
// p was brought in line with it, naming the sections that changed, came or
// went.
func stale(src, p *Page) diag.List {
	var warns diag.List
	recorded := map[string]string{}
	var order []string
	for _, f := range strings.Fields(p.Translated) {
		m := recordPart.FindStringSubmatch(f)
		if m == nil {
			warns.Warn(p.At("translated"), "translated: %q is not what \"guide translated\" writes: run guide translated content/%s", f, p.Path)
			return warns
		}
		recorded[m[1]] = m[2]
		order = append(order, m[1])
	}
	var changed []string
	for _, s := range Sections(src) {
		if h, ok := recorded[s.Name]; !ok || h != s.Hash {
			changed = append(changed, s.Name)
		}
		delete(recorded, s.Name)
	}
	for _, name := range order {
		if _, gone := recorded[name]; gone {
			changed = append(changed, name)
		}
	}
	if len(changed) > 0 {
		warns.Warn(p.At("translated"), "content/%s has changed in %s since this page was translated from it: bring this page in line with it, then run guide translated content/%s",
			src.Path, strings.Join(changed, ", "), p.Path)
	}
	return warns
}

// SetTranslated returns the page source src with the value of its key
// translated: set to record: the line of the key is rewritten, or added
// as the front matter's last line, and every other byte of the file stays
// as it was, line endings included.
func SetTranslated(src []byte, record string) ([]byte, error) {
	if _, _, _, err := SplitFrontMatter(src); err != nil {
		return nil, err
	}
	quoted := `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(record) + `"`
	var out bytes.Buffer
	eol := "\n"
	done := false
	n := 0
	for line := range bytes.Lines(src) {
		n++
		content := bytes.TrimRight(line, "\r\n")
		if n == 1 {
			eol = string(line[len(content):])
			out.Write(line)
			continue
		}
		switch {
		case done:
		case bytes.HasPrefix(line, []byte("translated:")):
			out.WriteString("translated: " + quoted)
			out.Write(line[len(content):])
			done = true
			continue
		case isFence(content):
			out.WriteString("translated: " + quoted + eol)
			done = true
		}
		out.Write(line)
	}
	return out.Bytes(), nil
}

// MarkTranslated returns the source of the translation at p, a path under
// fsys (the content/ folder), with translated: recording its source page,
// the page of the same name in the site's first language, as it is now.
func MarkTranslated(fsys fs.FS, p string, site *Site) ([]byte, error) {
	data, err := readFile(fsys, p)
	if err != nil {
		return nil, err
	}
	m := pageName.FindStringSubmatch(path.Base(p))
	if m == nil {
		return nil, messages.Errorf("content/%s is not a page: a page's file name is NAME.LANG.md, such as waiver.en.md", p)
	}
	first := site.Languages[0].Code
	if m[2] == first {
		return nil, messages.Errorf("content/%s is in the site's first language, which the others are translated from: name the translation, such as %s.%s.md", p, m[1], site.Languages[len(site.Languages)-1].Code)
	}
	srcPath := path.Join(path.Dir(p), m[1]+"."+first+".md")
	srcData, err := readFile(fsys, srcPath)
	if err != nil {
		return nil, messages.Errorf("content/%s is translated from content/%s, which cannot be read: %v", p, srcPath, err)
	}
	src, errs := ParsePage(srcPath, srcData, site)
	if src == nil || len(errs.Errors()) > 0 {
		return nil, messages.Errorf("content/%s, which content/%s is translated from, has errors; fix them first:\n%w", srcPath, p, errs)
	}
	out, ferr := SetTranslated(data, TranslatedRecord(src))
	if ferr != nil {
		return nil, messages.Errorf("content/%s: %w", p, ferr)
	}
	return out, nil
}
