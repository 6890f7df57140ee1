#!/usr/bin/env bash
# editor-changes.sh: the check from outside that a correct edit of the
# content never turns the tests red (issue 16).
#
# It copies the repository as it is (the files git knows of, and new ones
# it does not ignore), or a commit of it (FROM=HEAD), to a temporary
# folder, makes there the ordinary changes an editor makes, and then
# runs, in the copy:
#
#   go run ./cmd/guide check     which must accept the changes, and
#   CI=true go test ./...        which must stay green.
#
# The changes, each made as docs/ and the README tell an editor to:
#
#   a. a new page, in Chinese and in English, linked from the home page;
#   b. a new rule set of the eligibility checker, copied from the newest,
#      that took effect yesterday, with a threshold changed by one and the
#      text of its first question reworded;
#   c. a reworded paragraph of a page.
#
# It exits 1 when check or a test fails, and prints the changes it made.
# It takes several minutes (the whole test suite, with the browser
# tests). Usage, from anywhere in the repository:
#
#   tools/editor-changes.sh            # keep the copy only if it fails
#   KEEP=1 tools/editor-changes.sh     # keep the copy in any case
#   FROM=HEAD tools/editor-changes.sh  # the last commit, not the files
#   CHECK_ONLY=1 tools/editor-changes.sh  # the changes and guide check only
set -euo pipefail

repo=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/editor-changes.XXXXXX")
ok=0
cleanup() {
	if [ "$ok" = 1 ] && [ -z "${KEEP:-}" ]; then
		rm -rf "$tmp"
	else
		echo "the copy is in $tmp" >&2
	fi
}
trap cleanup EXIT

step() { printf '\n== %s\n' "$*"; }

step "copy the repository to $tmp/guide"
copy="$tmp/guide"
mkdir -p "$copy"
if [ -n "${FROM:-}" ]; then
	git -C "$repo" archive "$FROM" | tar -x -C "$copy"
else
	(cd "$repo" && git ls-files -z --cached --others --exclude-standard |
		while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done |
		xargs -0 cp --parents -t "$copy")
fi
# The browser tests' accessibility audit needs axe-core, which npm ci puts
# in node_modules/; it is not copied, only pointed to.
if [ -d "$repo/node_modules" ]; then
	ln -s "$repo/node_modules" "$copy/node_modules"
fi
cp -r "$copy/content" "$tmp/content.before"
cd "$copy"

yesterday=$(date -d yesterday +%F 2>/dev/null || date -v-1d +%F)
langs=(zh en)

step "a. a new page in both languages, linked from the home page"
for lang in "${langs[@]}"; do
	if [ "$lang" = zh ]; then
		title="办理前的准备（编辑测试页）"
		summary="编辑测试页：申请人在开始办理前需要准备的事项，用来检验新页面的流程。"
		body="开始办理前，请先准备好护照和照片。"
		heading="需要准备的材料"
		link="另见[办理前的准备](editor-check.zh.md)。"
	else
		title="Before you start (an editor's test page)"
		summary="An editor's test page: what to prepare before you apply, to try a new page."
		body="Before you start, have your passport and a photo ready."
		heading="What to prepare"
		link="See also [before you start](editor-check.en.md)."
	fi
	cat >"content/editor-check.$lang.md" <<EOF
---
title: "$title"
summary: "$summary"
weight: 9
---

$body

## $heading

- $body
EOF
	printf '\n%s\n' "$link" >>"content/_index.$lang.md"
done

step "b. a new rule set, effective $yesterday, with a threshold changed"
rules=content/eligibility/rules.yaml
# The newest rule set is the first under rulesets: (docs/checker.md); its
# lines run from its "  - effective:" to the next rule set, or the end.
awk -v day="$yesterday" '
	function flush() {
		changed_value = 0; changed_zh = 0; changed_en = 0
		for (i = 1; i <= n; i++) {
			line = block[i]
			if (i == 1) sub(/effective: .*/, "effective: " day, line)
			if (!changed_value && match(line, /^ +value: [0-9]+$/)) {
				split(line, parts, "value: "); line = parts[1] "value: " (parts[2] + 1); changed_value = 1
			}
			if (inquestions && !changed_en && line ~ /^ +en: [^>|"\047]/) { line = line " (as the rules now say)"; changed_en = 1 }
			if (inquestions && !changed_zh && line ~ /^ +zh: [^>|"\047]/) { line = line "（按新规定）"; changed_zh = 1 }
			if (line ~ /^    questions:/) inquestions = 1
			print line
		}
		if (!changed_value || !changed_en || !changed_zh) { print "editor-changes: the newest rule set has no threshold or question text to change" > "/dev/stderr"; exit 1 }
	}
	state == 0 { print; if ($0 ~ /^rulesets:/) state = 1; next }
	state == 1 && /^  - effective:/ { state = 2 }
	state == 2 && /^  - effective:/ && n > 0 { flush(); state = 3 }
	state == 2 { block[++n] = $0 }
	{ kept[++k] = $0 }
	END {
		if (state == 2) flush()
		if (n == 0) { print "editor-changes: no rule set under rulesets:" > "/dev/stderr"; exit 1 }
		print ""
		for (i = 1; i <= k; i++) print kept[i]
	}
' "$rules" >"$tmp/rules.yaml"
mv "$tmp/rules.yaml" "$rules"

step "c. a reworded paragraph of a page"
# A sentence before the first paragraph of the first English procedure
# page, which has steps in its front matter.
page=$(grep -l '^steps:' content/*.en.md | head -n 1)
awk '
	fences < 2 { print; if ($0 == "---") fences++; next }
	!done && /^[A-Za-z]/ { print "An editor has added this sentence. " $0; done = 1; next }
	{ print }
' "$page" >"$tmp/page.md"
mv "$tmp/page.md" "$page"

step "the changes"
diff -ru "$tmp/content.before" content || true

step "go run ./cmd/guide check"
export GUIDE_CACHE_DIR="$tmp/cache"
if ! go run ./cmd/guide check; then
	echo "editor-changes: guide check refuses the editor's changes" >&2
	exit 1
fi

if [ -n "${CHECK_ONLY:-}" ]; then
	ok=1
	exit 0
fi

step "CI=true go test ./..."
if ! CI=true go test -count=1 ./...; then
	echo "editor-changes: the tests fail after a correct edit of the content" >&2
	exit 1
fi
ok=1
echo "editor-changes: guide check accepts the changes and the tests pass"
