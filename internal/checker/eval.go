package checker

import (
	"errors"
	"fmt"
	"strings"

	"guide/internal/content"
	"guide/internal/messages"
)

// This file is the checker's one evaluator in Go. Validation, the table of
// guide check -paths and the pre-rendered pages all use it; the browser's
// evaluator, static/js/checker.js, must agree with it, which the browser
// tests check path by path and boundary by boundary.

// MaxPaths bounds the number of paths through one rule set. A checker of a
// few questions has a handful; thousands mean a mistake, and the bound keeps
// validation quick.
const MaxPaths = 10_000

// MaxAnswers bounds the answers of all the paths through one rule set
// together (MaxPaths paths of twenty answers), which is what walking them
// costs and what the paths take in memory. MaxPaths alone does not bound
// it: thirteen questions of two answers each, before a chain of eight
// hundred questions, make 8,192 paths of 813 answers, which took seven
// seconds and 220 MB to walk.
const MaxAnswers = 20 * MaxPaths

// Choice is one answered question.
type Choice struct{ Question, Answer string }

// Path is a sequence of answers from the start question to an outcome.
type Path struct {
	Choices []Choice
	Outcome *Outcome
}

// Fragment returns the path's choices as the checker's page writes them
// in its URL fragment, without the "#": "lost-passport=no&last-visa=recent".
func Fragment(choices []Choice) string {
	parts := make([]string, len(choices))
	for i, c := range choices {
		parts[i] = c.Question + "=" + c.Answer
	}
	return strings.Join(parts, "&")
}

// ParseFragment reads a URL fragment written by Fragment. It checks only the
// form; Follow checks the choices against the rules.
func ParseFragment(s string) ([]Choice, error) {
	s = strings.TrimPrefix(s, "#")
	if s == "" {
		return nil, nil
	}
	var out []Choice
	for part := range strings.SplitSeq(s, "&") {
		q, a, ok := strings.Cut(part, "=")
		if !ok || !content.ValidID(q) || !content.ValidID(a) {
			return nil, fmt.Errorf("%q is not question=answer", part)
		}
		out = append(out, Choice{q, a})
	}
	return out, nil
}

// Next returns the question or outcome that the answer leads to; exactly
// one of them is non-nil in a valid rule set.
func (rs *RuleSet) Next(a *Answer) (*Question, *Outcome) {
	return rs.questions[a.Next], rs.outcomes[a.Next]
}

// Follow answers the questions with choices, from the start question on.
// It returns the question that comes next, or the outcome reached. The
// choices must answer the questions in the order in which the checker asks
// them, and end at the outcome if they reach one.
func (rs *RuleSet) Follow(choices []Choice) (*Question, *Outcome, error) {
	q := rs.questions[rs.Start]
	for i, c := range choices {
		if q == nil {
			return nil, nil, fmt.Errorf("answer %d (%s=%s) comes after the outcome", i+1, c.Question, c.Answer)
		}
		if c.Question != q.ID {
			return nil, nil, fmt.Errorf("answer %d is to %q, but the question asked is %q", i+1, c.Question, q.ID)
		}
		a := q.Answer(c.Answer)
		if a == nil {
			return nil, nil, fmt.Errorf("question %q has no answer %q", q.ID, c.Answer)
		}
		var o *Outcome
		q, o = rs.Next(a)
		if o != nil {
			if i < len(choices)-1 {
				return nil, nil, fmt.Errorf("answer %d (%s=%s) comes after the outcome", i+2, choices[i+1].Question, choices[i+1].Answer)
			}
			return nil, o, nil
		}
	}
	return q, nil, nil
}

// Paths returns every path from the start question to an outcome, in the
// order of the answers.
func (rs *RuleSet) Paths() []Path { return rs.paths }

// errWalk stops a walk: a cycle, a dead end or too many paths.
type walkError struct {
	answer *Answer
	msg    messages.Text
}

func (e *walkError) Error() string { return e.msg.String() }

// walk explores every path from the start question depth first, calling
// visit for every path that ends in an outcome and seen for every question
// and outcome reached. It stops at the first answer that leads back to a
// question of its own path (a cycle), leads nowhere or to a question
// without answers, or makes more than MaxPaths paths or more than
// MaxAnswers answers on all paths together.
//
// So every answer it follows lies on a path it visits or is the one it
// stops at, and its work is at most MaxAnswers steps of constant cost.
func (rs *RuleSet) walk(visit func(Path), seen func(id string)) error {
	n, answers := 0, 0
	var onPath []string
	// at is the index in onPath of every question on it.
	at := map[string]int{}
	var choices []Choice
	var step func(q *Question) error
	step = func(q *Question) error {
		seen(q.ID)
		at[q.ID] = len(onPath)
		onPath = append(onPath, q.ID)
		defer func() {
			onPath = onPath[:len(onPath)-1]
			delete(at, q.ID)
		}()
		for i := range q.Answers {
			a := &q.Answers[i]
			choices = append(choices, Choice{q.ID, a.ID})
			next, o := rs.Next(a)
			_, cycle := at[a.Next]
			switch {
			case o != nil:
				seen(o.ID)
				if n++; n > MaxPaths {
					return &walkError{a, messages.Sprintf("the checker has more than %d paths; split it into fewer questions", MaxPaths)}
				}
				if answers += len(choices); answers > MaxAnswers {
					return &walkError{a, messages.Sprintf("the checker's paths have more than %d answers in all (%d paths so far, this one of %d answers); ask fewer questions one after another", MaxAnswers, n, len(choices))}
				}
				visit(Path{Choices: append([]Choice(nil), choices...), Outcome: o})
			case next == nil:
				return &walkError{a, messages.Sprintf("answer %q of question %q leads to %q, which is no question or outcome", a.ID, q.ID, a.Next)}
			case len(next.Answers) == 0:
				// A dead end too: were it followed, the questions
				// before it would be walked again for every way of
				// reaching it, 2^k times after k questions of two
				// answers, without a path to count.
				return &walkError{a, messages.Sprintf("answer %q of question %q leads to question %q, which has no answers", a.ID, q.ID, a.Next)}
			case cycle:
				cycle := append(append([]string(nil), onPath[at[next.ID]:]...), next.ID)
				return &walkError{a, messages.Sprintf("answer %q of question %q leads back to question %q, so the checker would go round in a circle: %s",
					a.ID, q.ID, next.ID, strings.Join(cycle, " → "))}
			default:
				if err := step(next); err != nil {
					return err
				}
			}
			choices = choices[:len(choices)-1]
		}
		return nil
	}
	start := rs.questions[rs.Start]
	if start == nil {
		return errors.New("no start question")
	}
	return step(start)
}

// Parents returns the questions with an answer that leads to the question
// or outcome id, in the order of the rule set.
func (rs *RuleSet) Parents(id string) []*Question {
	var out []*Question
	for i := range rs.Questions {
		q := &rs.Questions[i]
		for _, a := range q.Answers {
			if a.Next == id {
				out = append(out, q)
				break
			}
		}
	}
	return out
}

// Measure returns the value of q's measure for the date d on the day
// today: an age in years or a number of months.
func (q *Question) Measure(d, today Day) (int, error) {
	if q.Date.Measure != "" && d.Compare(today.AddMonths(-12*MaxYears)) < 0 {
		return 0, ErrTooOld
	}
	switch q.Date.Measure {
	case MeasureAge:
		if d.Compare(today) > 0 {
			return 0, ErrFuture
		}
		return Age(d, today), nil
	case MeasureMonthsAgo:
		return MonthsAgo(d, today), nil
	}
	return 0, fmt.Errorf("question %q does not take a date", q.ID)
}

// ErrFuture is the error of a date of birth after today.
var ErrFuture = errors.New("the date is after today")

// MaxYears is how many years before today a date may lie. An earlier
// date is a slip of the keys (year 1, 1800): no one applying is older, and
// no visa expired longer ago. static/js/checker.js has the same limit.
const MaxYears = 130

// ErrTooOld is the error of a date more than MaxYears years before today.
var ErrTooOld = fmt.Errorf("the date is more than %d years ago", MaxYears)

// AnswerForDate returns the answer that the date d gives to the date
// question q on the day today: the answer whose bounds hold the measure.
func (q *Question) AnswerForDate(d, today Day) (*Answer, error) {
	v, err := q.Measure(d, today)
	if err != nil {
		return nil, err
	}
	for i := range q.Answers {
		if a := &q.Answers[i]; a.Bounded && a.holds(v) {
			return a, nil
		}
	}
	return nil, fmt.Errorf("question %q: no answer holds the value %d", q.ID, v)
}

// holds reports whether the value v lies within the answer's bounds.
func (a *Answer) holds(v int) bool {
	return (!a.HasMin || v >= a.Min) && (!a.HasMax || v <= a.Max)
}
