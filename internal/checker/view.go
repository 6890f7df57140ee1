package checker

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// View is what the checker's layouts see as .Page.Data: on the checker's
// own page (layout "checker") the first question, on a question's page
// (layout "checker-question") that question, on an outcome's page (layout
// "checker-outcome") that outcome.
type View struct {
	// Title is the title of the checker's own page, shown above every
	// question as a caption, and Start its address ("start again").
	Title string
	Start string
	// Back is the address of the page of the question before, or "" when
	// there is none or when several questions lead here (the browser's
	// own back button still works then).
	Back string
	// Rules and Script are the addresses of the rules as JSON and of the
	// script that runs them, for the checker's own page.
	Rules  string
	Script string
	// AsOf is the date from which the rules apply, formatted for the
	// page's language.
	AsOf     string
	Question *QuestionView
	Outcome  *OutcomeView

	// RuleSet is the rule set in force, and File the whole rules file.
	RuleSet *RuleSet
	File    *File
}

// QuestionView is a question in one language.
type QuestionView struct {
	ID, Text, Hint string
	Answers        []AnswerView
	// DateLabel labels the date field of a date question; the field is
	// added by the script, since only the browser knows today's date.
	DateLabel string
}

// AnswerView is an answer in one language, with the address of the page
// it leads to.
type AnswerView struct {
	ID, Text, URL string
	// Next is the id of the question or outcome it leads to.
	Next string
}

// OutcomeView is an outcome in one language.
type OutcomeView struct {
	ID, Route, Title string
	Paragraphs       []string
	// Note is the route's note, said by every outcome of the route.
	Note string
	// Next links to the route's procedure page.
	Next Link
	// Sources are the documents the rules on the way here come from.
	Sources []Link
}

// Link is a text with an address; URL may be empty.
type Link struct {
	Text string `json:"t"`
	URL  string `json:"u,omitempty"`
}

var blankLines = regexp.MustCompile(`\n[ \t]*\n\s*`)

// paragraphs splits a text at its blank lines and joins the lines of each
// paragraph.
func paragraphs(s string) []string {
	var out []string
	for _, p := range blankLines.Split(strings.TrimSpace(s), -1) {
		if p = joinLines(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// joinLines collapses the white space of a paragraph to single spaces, and
// drops it between two Chinese characters: YAML folds a line break into a
// space, which Chinese does not put between words.
func joinLines(s string) string {
	words := strings.Fields(s)
	var b strings.Builder
	for i, w := range words {
		if i > 0 {
			prev, _ := utf8.DecodeLastRuneInString(words[i-1])
			next, _ := utf8.DecodeRuneInString(w)
			if !(isWide(prev) && isWide(next)) {
				b.WriteByte(' ')
			}
		}
		b.WriteString(w)
	}
	return b.String()
}

// isWide reports whether r is a Chinese, Japanese or Korean character or
// punctuation mark, between which no space is written.
func isWide(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) ||
		(r >= 0x3000 && r <= 0x303f) || (r >= 0xff00 && r <= 0xffef)
}
