#!/usr/bin/env bash
# Runs Lighthouse on the main pages of the guide, in both languages, and
# prints the four category scores of each: performance, accessibility, best
# practices and SEO, with Lighthouse's mobile preset (its default: a
# mid-range phone on a slow 4G network, simulated).
#
#   tools/lighthouse.sh              # build, serve on loopback, audit
#   tools/lighthouse.sh -keep DIR    # also keep the JSON and HTML reports in DIR
#
# It needs Go, Node with npm, Python 3 (to serve the build) and Chromium
# (CHROME_PATH, default /usr/bin/chromium). Lighthouse itself is installed
# once, outside the repository, in $LIGHTHOUSE_DIR (default: the user's cache
# folder), so that it never slows down "npm ci" in CI. Nothing here is part of
# the tests: see internal/acceptance for what every page must pass.
set -euo pipefail
cd "$(dirname "$0")/.."

version=12.2.3
keep=""
if [ "${1:-}" = "-keep" ]; then
  keep="${2:?-keep needs a folder}"
  mkdir -p "$keep"
fi
export CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}"
lhdir="${LIGHTHOUSE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/guide/lighthouse-$version}"
lh="$lhdir/node_modules/.bin/lighthouse"
if [ ! -x "$lh" ]; then
  echo "installing lighthouse@$version into $lhdir" >&2
  mkdir -p "$lhdir"
  npm install --prefix "$lhdir" --no-audit --no-fund --loglevel=error --save-exact "lighthouse@$version" >&2
fi

tmp="$(mktemp -d)"
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT

# A free port on loopback, then the guide built for it and served there.
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
base="http://127.0.0.1:$port/"
go run ./cmd/guide build -out "$tmp/public" -base-url "$base" >&2
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$tmp/public" >/dev/null 2>&1 &
server=$!
for _ in $(seq 50); do
  if python3 -c "import urllib.request; urllib.request.urlopen('$base')" 2>/dev/null; then break; fi
  sleep 0.1
done

# The pages: home, a procedure, the eligibility checker, a walkthrough.
pages=("" "waiver/" "eligibility/" "booking/waiver/")
flags="--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run"

printf '%-32s %5s %5s %5s %5s\n' "page" "perf" "a11y" "best" "seo"
for lang in "" "en/"; do
  for p in "${pages[@]}"; do
    url="$base$lang$p"
    if [ ! -f "$tmp/public/$lang${p}index.html" ]; then
      printf '%-32s (not in this build)\n' "/$lang$p"
      continue
    fi
    out="$tmp/report"
    "$lh" "$url" --quiet --chrome-flags="$flags" \
      --only-categories=performance,accessibility,best-practices,seo \
      --output=json --output=html --output-path="$out" >/dev/null 2>"$tmp/lh.log" || {
      echo "lighthouse failed on $url:" >&2
      cat "$tmp/lh.log" >&2
      exit 1
    }
    node -e '
      const r = require(process.argv[1]);
      const s = k => Math.round(r.categories[k].score * 100);
      const failed = [];
      for (const [k, c] of Object.entries(r.categories)) {
        for (const ref of c.auditRefs) {
          const a = r.audits[ref.id];
          if (ref.weight > 0 && a.score !== null && a.score < 1) failed.push(k + ": " + a.id + " (" + a.score + ")" + (a.displayValue ? " " + a.displayValue : ""));
        }
      }
      console.log(process.argv[2].padEnd(32) + " " + [s("performance"), s("accessibility"), s("best-practices"), s("seo")].map(n => String(n).padStart(5)).join(" "));
      for (const f of failed) console.log("    below 1: " + f);
    ' "$out.report.json" "/$lang$p"
    if [ -n "$keep" ]; then
      name="$(echo "${lang}${p:-home/}" | tr / _)"
      cp "$out.report.json" "$keep/${name%_}.json"
      cp "$out.report.html" "$keep/${name%_}.html"
    fi
  done
done
