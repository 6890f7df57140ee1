// Package checker is the interview-waiver eligibility checker: a few
// questions that tell a reader which route is theirs, an interview or the
// interview waiver, written as data in content/ rather than as code.
//
// # The model
//
// A checker is a folder's own page whose front matter says layout: checker
// (content/eligibility/_index.zh.md and _index.en.md) and a rules file
// beside it (content/eligibility/rules.yaml). The rules file holds:
//
//   - sources: the documents rules come from (the office's notice, 9 FAM
//     403.5-2), cited under every outcome;
//   - routes: where outcomes send a reader (the waiver route's page, the
//     interview route's page), with a note every outcome of the route says;
//   - rule sets, each the whole checker as it stood from a date on: its
//     thresholds (12 months, the ages 14 and 79), its questions with their
//     answers, and its outcomes. Each answer leads to the next question or
//     to an outcome. A later change of the US rules is a new rule set with a
//     later date; the site uses the newest one whose date has come.
//
// Logic is written once and words once per language: every text is a
// mapping from language code to text, and a number in a text is written as
// the threshold's name in braces ({expiry-months}, {max-age+1}), so that a
// threshold changes in one place. docs/checker.md documents the format for
// editors.
//
// # Dates
//
// A question may also take a date, which the reader can type when the
// browser runs the script: when the last visa expired, the date of birth.
// Its measure turns the date into a whole number on today's date: "age" is
// the age in completed years (Age), "months-ago" the number of months since
// the date, a started month counting whole (MonthsAgo). Its answers carry
// bounds (under, over, from, upTo) naming thresholds, so that "expired no
// more than 12 months ago" is upTo: expiry-months, which holds when the
// expiry date plus 12 calendar months is today or later, "under 14" is
// under: min-age (an age of 13 or less) and "over 79" is over: max-age (80
// or more). The same answers are plain links without the script, where the
// reader chooses the range; the bounds and the texts come from the same
// thresholds.
//
// # Validation
//
// Load checks everything an editor can get wrong and reports each problem
// at its file:line:col: an answer that leads nowhere, a cycle, a question
// or outcome no path reaches, a missing translation, a threshold that is no
// number or out of range, bounds that leave an age or a number of months
// without an answer or give it two. One evaluator (eval.go) walks the
// paths for validation, for the table of guide check -paths and for the
// pre-rendered pages; static/js/checker.js is its twin in the browser, and
// the package's browser tests check that both reach the same outcome on
// every path and on every boundary date.
//
// # Publishing
//
// Extension is the site.Extension that publishes a checker. For the rule
// set in force it attaches a View to the checker's page, whose layout shows
// the first question with its answers as links; adds a page for every other
// question (layout checker-question) and every outcome (layout
// checker-outcome) at /eligibility/ID/ in every language of the checker's
// page, so that the checker works without JavaScript and search engines
// see every answer; and publishes the rules as eligibility/rules.json (under
// a name that carries its hash, eligibility/rules.3f2a9c1e.json) for the
// script, which asks the questions in place and keeps the answers in the
// URL fragment, never sending or storing them.
package checker
