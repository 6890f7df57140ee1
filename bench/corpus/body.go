package corpus

import (
	"fmt"
	"strings"
)

// The functions below draw from r in exactly the order gencorpus.py did;
// words counts what has been written, as that script counted it, so that
// a body stops growing at the same sentence.

func choice(r *pyRandom, list []string) string { return list[r.below(len(list))] }

func zhSentence(r *pyRandom, words *int) string {
	w := &zhWords
	subj, adv, tm, vb := choice(r, w.subj), choice(r, w.adv), choice(r, w.time), choice(r, w.verb)
	doc := docs[r.below(len(docs))][0]
	place := places[r.below(len(places))][0]
	conn := ""
	if r.random() < 0.4 {
		conn = choice(r, w.conn)
	}
	var s string
	switch r.below(3) {
	case 0:
		s = fmt.Sprintf("%s%s%s%s到%s%s%s，%s。", conn, subj, adv, tm, place, vb, doc, choice(r, w.tail))
	case 1:
		s = fmt.Sprintf("%s%s%s%s%s，并在%s确认，%s。", conn, subj, tm, adv, vb+doc, place, choice(r, w.tail))
	default:
		s = fmt.Sprintf("%s办理时%s%s%s，%s。", conn, subj, adv, vb+doc, choice(r, w.tail))
	}
	// About one word per two Han characters.
	*words += runeLen(s) / 2
	return s
}

func enSentence(r *pyRandom, words *int) string {
	w := &enWords
	subj, adv, tm, vb := choice(r, w.subj), choice(r, w.adv), choice(r, w.time), choice(r, w.verb)
	doc := docs[r.below(len(docs))][1]
	place := places[r.below(len(places))][1]
	conn := ""
	if r.random() < 0.4 {
		conn = choice(r, w.conn)
	}
	var s string
	switch r.below(3) {
	case 0:
		filler := choice(r, w.filler)
		s = fmt.Sprintf("%s %s %s %s %s at %s %s, %s.", subj, adv, vb, filler, doc, place, tm, choice(r, w.tail))
	case 1:
		s = fmt.Sprintf("%s %s %s the %s to %s, and %s.", subj, adv, vb, doc, place, choice(r, w.tail))
	default:
		s = fmt.Sprintf("When you %s the %s, %s %s do so %s.", vb, doc, strings.ToLower(subj), adv, tm)
	}
	if conn != "" {
		s = conn + lowerFirst(s)
	}
	s = upperFirst(s)
	*words += len(strings.Fields(s))
	return s
}

func sentence(L int, r *pyRandom, words *int) string {
	if L == 0 {
		return zhSentence(r, words)
	}
	return enSentence(r, words)
}

// paragraph is min to max sentences.
func paragraph(L int, r *pyRandom, words *int, min, max int) string {
	n := r.intn(min, max)
	s := make([]string, n)
	for k := range s {
		s[k] = sentence(L, r, words)
	}
	return strings.Join(s, []string{"", " "}[L])
}

// link is a Markdown link to a page other than page self among the n.
func link(L int, r *pyRandom, n, self int) string {
	j := r.below(n)
	if j == self && n > 1 {
		j = (j + 1) % n
	}
	return fmt.Sprintf("[%s](%s)", titleFor(L, j), urlFor(L, j))
}

// body is the Markdown body of page i in language L, of about target
// words.
func body(L, i, n int, r *pyRandom, steps []step, target int) string {
	words := 0
	w := &zhWords
	if L == 1 {
		w = &enWords
	}
	parts := []string{paragraph(L, r, &words, 2, 4), stepTable(L, steps)}
	words += 4 * len(steps)
	order := make([]int, len(w.h2))
	for k := range order {
		order[k] = k
	}
	r.shuffle(order)
	for oi := 0; words < target; oi++ {
		parts = append(parts, "## "+w.h2[order[oi%len(order)]], paragraph(L, r, &words, 3, 6))
		parts = append(parts, section(L, i, n, r, w, &words))
	}
	// One section per step, under a heading that carries the step's id.
	for k, s := range steps {
		parts = append(parts, fmt.Sprintf("## %s {#step-%d}", stepTitle(L, k, s), k+1), paragraph(L, r, &words, 1, 3))
	}
	parts = append(parts, "## "+[]string{"相关页面", "Related pages"}[L])
	related := make([]string, r.intn(3, 6))
	for k := range related {
		related[k] = "- " + link(L, r, n, i)
	}
	parts = append(parts, strings.Join(related, "\n"))
	return strings.Join(parts, "\n\n") + "\n"
}

// stepTable is the table of the steps at the top of a body.
func stepTable(L int, steps []step) string {
	rows := []string{"## 办理步骤一览\n\n| 步骤 | 地点 | 费用 |\n| --- | --- | --- |"}
	if L == 1 {
		rows[0] = "## Steps at a glance\n\n| Step | Where | Fee |\n| --- | --- | --- |"
	}
	for k, s := range steps {
		rows = append(rows, fmt.Sprintf("| %d. %s | %s | %s |", k+1, stepVerbs[s.verb][L], places[s.place][L], fees[s.fee][L]))
	}
	return strings.Join(rows, "\n")
}

// section is what follows a heading's paragraph: a list of documents, a
// numbered list, a subsection or a paragraph with links.
func section(L, i, n int, r *pyRandom, w *sentenceWords, words *int) string {
	switch r.below(4) {
	case 0:
		items := r.sample(len(docs), r.intn(3, 6))
		lines := make([]string, len(items))
		for k, d := range items {
			if L == 0 {
				lines[k] = fmt.Sprintf("- **%s**：%s", docs[d][0], zhSentence(r, words))
			} else {
				lines[k] = fmt.Sprintf("- **%s**: %s", docs[d][1], enSentence(r, words))
			}
		}
		return strings.Join(lines, "\n")
	case 1:
		lines := make([]string, r.intn(3, 5))
		for k := range lines {
			lines[k] = fmt.Sprintf("%d. %s", k+1, sentence(L, r, words))
		}
		return strings.Join(lines, "\n")
	case 2:
		h3 := "### " + choice(r, w.h3)
		return h3 + "\n\n" + paragraph(L, r, words, 2, 4)
	default:
		l1, l2 := link(L, r, n, i), link(L, r, n, i)
		format := "See also %s and %s. %s"
		if L == 0 {
			format = "另请参阅%s和%s。%s"
		}
		s := fmt.Sprintf(format, l1, l2, paragraph(L, r, words, 1, 2))
		*words += 12
		return s
	}
}
