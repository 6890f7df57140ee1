// The eligibility checker in the browser (see internal/checker/doc.go).
//
// Without this script the checker's page shows the first question, and
// every answer is a link to the page of the next question or outcome. With
// it, the page fetches the same rules as JSON and asks one question at a
// time in place. The answers so far live in the URL fragment
// (#lost-passport=no&last-visa=recent), so the back button goes back one
// question and a result can be bookmarked or shared, and the language
// switcher's links carry them, so that a reader who switches language
// keeps the answers (their ids are the same in every language). A date
// question also takes a typed date, from which the script picks the answer
// by today's date. Nothing is sent anywhere and nothing is stored.
//
// The date arithmetic must agree with internal/checker/day.go, and the
// walk through the answers with internal/checker/eval.go: the browser
// tests of internal/checker check both.
(() => {
  'use strict';
  // The elements are found by attributes that a page's text cannot give
  // an element (content may give a heading an id, never a data- attribute).
  const root = document.querySelector('[data-checker]');
  const status = document.querySelector('[data-checker-status]');
  if (!root || !status || !window.fetch || !history.replaceState) return;
  const docTitle = document.title;
  let R, ui;

  // Dates are [year, month, day] in the reader's calendar.
  const dim = (y, m) => m == 2 ? (y % 4 || !(y % 100) && y % 400 ? 28 : 29) : m == 4 || m == 6 || m == 9 || m == 11 ? 30 : 31;
  const cmp = (a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
  // addMonths stays in the month it lands in: 31 January + 1 = 28 February.
  const addMonths = (d, n) => {
    const t = d[0] * 12 + d[1] - 1 + n, y = Math.floor(t / 12), m = t - y * 12 + 1;
    return [y, m, Math.min(d[2], dim(y, m))];
  };
  // The age in completed years, and the months since a date, a started
  // month counting whole (0 for today or later).
  const measures = {
    'age': (d, t) => {
      const y = t[0] - d[0];
      return cmp(addMonths(d, 12 * y), t) > 0 ? y - 1 : y;
    },
    'months-ago': (d, t) => {
      if (cmp(d, t) >= 0) return 0;
      const m = (t[0] - d[0]) * 12 + t[1] - d[1];
      return cmp(addMonths(d, m), t) < 0 ? m + 1 : m;
    },
  };

  const el = (parent, tag, attrs, text) => {
    const e = document.createElement(tag);
    for (const k in attrs) e.setAttribute(k, attrs[k]);
    if (text) e.textContent = text;
    parent.appendChild(e);
    return e;
  };
  const link = path => '#' + path.join('&');

  // The links of the language switcher, each with its address without a
  // fragment. carry puts the answers so far on them.
  const switchers = Array.from(document.querySelectorAll('[data-translation]'), a => [a, a.getAttribute('href').split('#')[0]]);
  const carry = path => {
    for (const [a, href] of switchers) a.setAttribute('href', path.length ? href + link(path) : href);
  };

  // walk follows the answers of a fragment from the first question. It
  // returns the question or outcome reached and the answers, or null when
  // the fragment is not a path through the rules.
  const walk = h => {
    let id = R.start;
    const path = [];
    for (const part of h ? h.split('&') : []) {
      const [q, a, rest] = part.split('='), Q = R.q[id];
      if (!Q || q !== id || rest !== undefined || !Q.answers.some(x => x.id === a)) return null;
      path.push(part);
      id = Q.answers.find(x => x.id === a).next;
    }
    return { id, path };
  };

  const show = moveFocus => {
    const h = location.hash.slice(1);
    // A link to a part of the page ("skip to main content") is no answer.
    try {
      if (h && document.getElementById(decodeURIComponent(h))) return;
    } catch (e) { /* not an id */ }
    let s = walk(h);
    const reset = !s;
    if (reset) {
      history.replaceState(null, '', location.pathname + location.search);
      s = { id: R.start, path: [] };
    }
    carry(s.path);
    const Q = R.q[s.id], O = R.o[s.id];
    root.textContent = '';
    status.textContent = '';
    if (s.path.length) el(root, 'a', { class: 'back', href: link(s.path.slice(0, -1)) }, ui.back);
    let heading;
    if (Q) {
      heading = el(root, 'h2', { id: 'q-' + s.id, class: 'q', tabindex: -1 }, Q.text);
      if (Q.hint) el(root, 'p', { class: 'hint' }, Q.hint);
      const ul = el(root, 'ul', { class: 'answers', 'aria-labelledby': 'q-' + s.id });
      for (const a of Q.answers) el(el(ul, 'li'), 'a', { href: link(s.path.concat(s.id + '=' + a.id)) }, a.text);
      if (Q.measure) dateForm(Q, s);
    } else {
      const panel = el(root, 'div', { class: 'outcome outcome-' + O.route });
      heading = el(panel, 'h2', { id: 'o-' + s.id, tabindex: -1 }, O.title);
      for (const t of O.text) el(root, 'p', {}, t);
      if (O.note) el(root, 'p', { class: 'note' }, O.note);
      el(el(root, 'p', { class: 'next' }), 'a', { href: O.next.u }, ui.next + O.next.t);
      const box = el(root, 'div', { class: 'asof' });
      el(box, 'p', {}, ui.as_of);
      el(box, 'p', {}, ui.confirm);
      if (O.cite) {
        el(box, 'p', {}, ui.sources);
        const ul = el(box, 'ul', { class: 'sources' });
        for (const c of O.cite) {
          const li = el(ul, 'li');
          if (c.u) el(li, 'a', { href: c.u, rel: 'external' }, c.t);
          else li.textContent = c.t;
        }
      }
      status.textContent = ui.result + O.title;
    }
    if (s.path.length) el(el(root, 'p', { class: 'restart' }), 'a', { href: '#' }, ui.restart);
    if (reset && h) status.textContent = ui.reset;
    document.title = s.path.length ? heading.textContent + ' - ' + docTitle : docTitle;
    if (moveFocus || reset && h) heading.focus();
  };

  // readDate reads a date typed as year, month and day, in that order,
  // with anything but digits and letters between them (2024-04-08,
  // 2024.4.8, 2024年4月8日, 2024 4 8), or as eight digits (20240408). It
  // returns the date, or the name of the message that says what is wrong
  // with it: which part is missing, or that the year is not first.
  const readDate = v => {
    v = v.trim();
    if (!v) return { err: 'err_empty' };
    let g = v.match(/\d+/g) || [];
    if (g.length === 1 && g[0].length === 8) g = [g[0].slice(0, 4), g[0].slice(4, 6), g[0].slice(6)];
    if (/[A-Za-z]/.test(v) || !g.length || g.length > 3 || g.some(x => x.length > 4)) return { err: 'err_date' };
    if (g[0].length !== 4) {
      if (g.length < 3) return { err: 'err_no_year' };
      return { err: g[2].length === 4 ? 'err_order' : 'err_date' };
    }
    if (g.length < 3) return { err: g.length === 1 ? 'err_no_month' : 'err_no_day' };
    const d = g.map(Number);
    if (g[1].length > 2 || g[2].length > 2 || d[1] < 1 || d[1] > 12 || d[2] < 1 || d[2] > dim(d[0], d[1])) return { err: 'err_date' };
    return { d };
  };
  // A date more than maxYears years before today is a slip of the keys
  // (year 1, 1800): no one applying is older, no visa expired longer ago.
  // It must agree with MaxYears in internal/checker/eval.go.
  const maxYears = 130;
  const pad = (n, w) => String(n).padStart(w, '0');
  const iso = d => pad(d[0], 4) + '-' + pad(d[1], 2) + '-' + pad(d[2], 2);

  // dateError returns what is wrong with the date typed, v, for the
  // question Q on the day today, or '' when nothing is.
  const dateError = (Q, v, today) => {
    const r = readDate(v), earliest = addMonths(today, -12 * maxYears);
    if (r.err) return ui[r.err];
    if (cmp(r.d, earliest) < 0) return ui.err_old.replace('%s', iso(earliest));
    if (Q.measure == 'age' && cmp(r.d, today) > 0) return ui.future;
    return '';
  };

  // addText adds text to parent with each date in it (2024-04-08) kept on
  // one line, where a browser would break it after a hyphen.
  const addText = (parent, text) => {
    text.split(/(\d{4}-\d\d-\d\d)/).forEach((part, i) => {
      if (i % 2) el(parent, 'span', { class: 'nowrap' }, part);
      else if (part) parent.appendChild(document.createTextNode(part));
    });
  };

  // dateForm lets the reader type a date, from which the answer is chosen
  // by today's date. The field is text, not type=date, whose form is the
  // browser's and not the page's: the hint shows the one form the field
  // takes, and the messages say which part of a date is missing.
  const dateForm = (Q, s) => {
    const f = el(root, 'form', { class: 'dateform', novalidate: '' });
    el(f, 'p', {}, ui.or_date);
    addText(el(el(f, 'label', { for: 'date' }, Q.label), 'span', { class: 'hint' }), ui.date_hint);
    const err = el(f, 'p', { class: 'error', id: 'date-error', hidden: '' });
    const input = el(f, 'input', { type: 'text', id: 'date', name: 'date', autocomplete: 'off', spellcheck: 'false', required: '' });
    el(f, 'button', { type: 'submit' }, ui.continue);
    f.addEventListener('submit', ev => {
      ev.preventDefault();
      const now = new Date(), today = [now.getFullYear(), now.getMonth() + 1, now.getDate()];
      let msg = dateError(Q, input.value, today);
      if (!msg) {
        const n = measures[Q.measure](readDate(input.value).d, today);
        const a = Q.answers.find(x => ('min' in x || 'max' in x) && !(x.min > n) && !(x.max < n));
        if (a) {
          location.hash = link(s.path.concat(s.id + '=' + a.id));
          return;
        }
        msg = ui.err_date;
      }
      err.textContent = '';
      el(err, 'span', { class: 'vh' }, ui.error);
      addText(err, msg);
      err.hidden = false;
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', 'date-error');
      input.focus();
    });
  };

  fetch(root.getAttribute('data-rules'), { credentials: 'omit' })
    .then(r => r.ok ? r.json() : null)
    .then(all => {
      R = all && all[root.getAttribute('data-lang')];
      if (!R) return; // the links of the page still work
      ui = R.ui;
      addEventListener('hashchange', () => show(true));
      show(false);
    }, () => { /* offline: the links of the page still work */ });
})();
