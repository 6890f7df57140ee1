// Package corpus generates the synthetic bilingual corpus the benchmarks
// build, and lays it out as a guide site.
//
// The corpus is a Hugo-style content tree of procedure pages, translations
// paired by file name:
//
//	SECTION/_index.zh.md, _index.en.md   one per section
//	SECTION/SLUG.zh.md, SLUG.en.md       n pages per language
//
// Each page has front matter (title, weight, summary, and three to eight
// steps with id, title, where, bring, fee and links, in the format of the
// guide's procedure pages) and a Markdown body of about 600 to 1,200 words
// with headings, lists, a table, a section per step under a heading that
// carries the step's id, and links to other pages of the same language.
//
// Page i is drawn from a random generator seeded with (seed, i), so page i
// has the same text for every n except for its links, which go to pages
// below n. The generator is a port of the project's first one, a Python
// script (gencorpus.py), and writes the same bytes for the same arguments.
package corpus

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"unicode/utf8"
)

// DefaultSeed is the seed of the corpus the project's figures are measured
// on.
const DefaultSeed = "42"

// Languages are the corpus's language codes, Chinese first.
var Languages = [2]string{"zh", "en"}

// named is a thing with a slug and a name per language.
type named struct{ slug, zh, en string }

// pair is a text in Chinese ([0]) and in English ([1]).
type pair [2]string

// Stats is what Generate wrote.
type Stats struct {
	// Files counts the files written.
	Files int
	// Words counts the words of the bodies per language, as gencorpus.py
	// counted them: Latin words and numbers, and one word per two Han
	// characters.
	Words [2]int
}

// Generate writes the corpus of n pages per language into dir, the
// content/ folder of a site, drawing from seed (DefaultSeed for the
// project's figures).
func Generate(dir string, n int, seed string) (Stats, error) {
	var st Stats
	for w, sec := range sections {
		d := filepath.Join(dir, sec.slug)
		if err := os.MkdirAll(d, 0o755); err != nil {
			return st, err
		}
		for L, lang := range Languages {
			if err := os.WriteFile(filepath.Join(d, "_index."+lang+".md"), []byte(sectionIndex(L, sec, w+1)), 0o644); err != nil {
				return st, err
			}
			st.Files++
		}
	}
	for i := range n {
		sec, _, _, slug := pageMeta(i)
		pr := newPyRandom(fmt.Sprintf("%s-page-%d", seed, i))
		steps := makeSteps(pr)
		weight := pr.intn(1, 1000)
		target := pr.intn(430, 880) // about 600 to 1,200 words with the tables, links and headings
		for L, lang := range Languages {
			r := newPyRandom(fmt.Sprintf("%s-page-%d-%s", seed, i, lang))
			summary := paragraph(L, r, new(int), 1, 2)
			text := body(L, i, n, r, steps, target)
			st.Words[L] += countWords(text)
			page := frontMatter(L, i, weight, steps, summary) + "\n" + text
			if err := os.WriteFile(filepath.Join(dir, sec.slug, slug+"."+lang+".md"), []byte(page), 0o644); err != nil {
				return st, err
			}
			st.Files++
		}
	}
	return st, nil
}

// step is a step's structure, the same in both languages: indexes into the
// word lists, and the number in its link's address.
type step struct {
	verb, place int
	docs        []int
	fee, link   int
}

func makeSteps(r *pyRandom) []step {
	steps := make([]step, r.intn(3, 8))
	for k := range steps {
		s := &steps[k]
		s.verb = r.below(len(stepVerbs))
		s.place = r.below(len(places))
		s.docs = r.sample(len(docs), r.intn(1, 4))
		s.fee = r.below(len(fees))
		s.link = r.below(1 << 16)
	}
	return steps
}

// pageMeta returns what page i is, the same in both languages: its
// section, object, action and slug.
func pageMeta(i int) (sec, obj, act named, slug string) {
	obj = objects[i%len(objects)]
	act = actions[(i/len(objects))%len(actions)]
	sec = sections[i%len(sections)]
	return sec, obj, act, fmt.Sprintf("%s-%s-%05d", act.slug, obj.slug, i)
}

func urlFor(L, i int) string {
	sec, _, _, slug := pageMeta(i)
	prefix := ""
	if L == 1 {
		prefix = "/en"
	}
	return fmt.Sprintf("%s/%s/%s/", prefix, sec.slug, slug)
}

func titleFor(L, i int) string {
	_, obj, act, _ := pageMeta(i)
	if L == 0 {
		return fmt.Sprintf("如何%s%s（%d）", act.zh, obj.zh, i)
	}
	return upperFirst(fmt.Sprintf("How to %s a %s (%d)", act.en, obj.en, i))
}

// upperFirst capitalizes an ASCII first letter.
func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func lowerFirst(s string) string { return strings.ToLower(s[:1]) + s[1:] }

var (
	latinWord = regexp.MustCompile(`[A-Za-z0-9']+`)
	hanChar   = regexp.MustCompile(`[\x{4e00}-\x{9fff}]`)
)

func countWords(text string) int {
	return len(latinWord.FindAllStringIndex(text, -1)) + len(hanChar.FindAllStringIndex(text, -1))/2
}

// quote writes s as a YAML double-quoted scalar, as Python's json.dumps
// with ensure_ascii=False does.
func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, c := range s {
		switch c {
		case '"', '\\':
			b.WriteByte('\\')
			b.WriteRune(c)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		case '\b':
			b.WriteString(`\b`)
		case '\f':
			b.WriteString(`\f`)
		default:
			if c < 0x20 {
				fmt.Fprintf(&b, `\u%04x`, c)
			} else {
				b.WriteRune(c)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}

func stepTitle(L, k int, s step) string {
	if L == 0 {
		return fmt.Sprintf("第%d步：%s", k+1, stepVerbs[s.verb][0])
	}
	return fmt.Sprintf("Step %d: %s", k+1, stepVerbs[s.verb][1])
}

func frontMatter(L, i, weight int, steps []step, summary string) string {
	out := []string{"---", "title: " + quote(titleFor(L, i)), fmt.Sprintf("weight: %d", weight), "summary: " + quote(summary), "steps:"}
	form := []string{"表格", "Form"}[L]
	for k, s := range steps {
		place := places[s.place][L]
		if L == 1 {
			place = upperFirst(place)
		}
		out = append(out,
			"  - id: "+quote(fmt.Sprintf("step-%d", k+1)),
			"    title: "+quote(stepTitle(L, k, s)),
			"    where: "+quote(place),
			"    bring:")
		for _, d := range s.docs {
			out = append(out, "      - "+quote(docs[d][L]))
		}
		out = append(out,
			"    fee: "+quote(fees[s.fee][L]),
			"    links:",
			"      - text: "+quote(form),
			"        url: "+quote(fmt.Sprintf("https://service.example.org/%s/forms/%04x", Languages[L], s.link)))
	}
	out = append(out, "---")
	return strings.Join(out, "\n") + "\n"
}

func sectionIndex(L int, sec named, weight int) string {
	title, text := sec.zh, fmt.Sprintf("本栏目收录与%s相关的办事指南。", sec.zh)
	if L == 1 {
		title, text = sec.en, fmt.Sprintf("Guides about %s.", strings.ToLower(sec.en))
	}
	return fmt.Sprintf("---\ntitle: %s\nweight: %d\n---\n\n%s\n", quote(title), weight, text)
}

// runeLen is Python's len of a string: its number of code points.
func runeLen(s string) int { return utf8.RuneCountInString(s) }
