// The checks of internal/acceptance that run inside the page under test.
// The Go tests evaluate this file through the DevTools protocol, which the
// page's Content Security Policy does not govern, and then call the
// functions of window.__acceptance one at a time; each returns plain data
// for the Go side to judge and report. Nothing here changes the page except
// where a comment says so.
(() => {
  'use strict';

  // What a reader can focus or activate.
  const interactive = 'a[href], area[href], button, input:not([type=hidden]), select, textarea, summary, iframe, ' +
    '[tabindex], [contenteditable]:not([contenteditable=false]), audio[controls], video[controls]';

  // rendered reports whether the element takes part in the page: it is
  // displayed, not visibility:hidden and not inside an inert subtree.
  const rendered = el => el.checkVisibility({ visibilityProperty: true }) && !el.closest('[inert]');

  // describe names an element for a failure message: a CSS selector path
  // from the nearest ancestor with an id.
  const describe = el => {
    if (!el || el.nodeType !== 1) return String(el);
    const parts = [];
    for (let e = el; e && e.nodeType === 1 && e !== document.documentElement; e = e.parentElement) {
      if (e.id) { parts.unshift('#' + CSS.escape(e.id)); break; }
      let s = e.localName;
      const cls = [...e.classList].slice(0, 2).map(c => '.' + CSS.escape(c)).join('');
      s += cls;
      const same = e.parentElement ? [...e.parentElement.children].filter(c => c.localName === e.localName) : [];
      if (same.length > 1) s += ':nth-of-type(' + (same.indexOf(e) + 1) + ')';
      parts.unshift(s);
    }
    const text = (el.innerText || el.getAttribute('aria-label') || '').trim().replace(/\s+/g, ' ').slice(0, 40);
    return parts.join(' > ') + (text ? ' "' + text + '"' : '');
  };

  // focusables lists, in document order, what Tab must reach.
  const focusables = () => [...document.querySelectorAll(interactive)]
    .filter(el => el.tabIndex >= 0 && !el.disabled && rendered(el));

  // The styles that can show focus, and a snapshot of them.
  const focusProps = ['outlineStyle', 'outlineWidth', 'outlineColor', 'outlineOffset', 'boxShadow'];
  const snapshot = el => {
    const cs = getComputedStyle(el);
    const o = {};
    for (const p of focusProps) o[p] = cs[p];
    return o;
  };
  // indicator tells how the focused style differs from the unfocused one,
  // or '' when it does not: an outline that was not there, at least 2 CSS
  // px wide or the browser's own focus ring (style auto), or a box shadow
  // that was not there.
  const indicator = (before, now) => {
    const outline = now.outlineStyle === 'auto' || now.outlineStyle !== 'none' && parseFloat(now.outlineWidth) >= 2;
    if (outline && (before.outlineStyle === 'none' || before.outlineWidth !== now.outlineWidth ||
      before.outlineColor !== now.outlineColor || before.outlineStyle !== now.outlineStyle)) {
      return 'outline ' + now.outlineStyle + ' ' + now.outlineWidth + ' ' + now.outlineColor;
    }
    if (now.boxShadow !== 'none' && now.boxShadow !== before.boxShadow) return 'box-shadow ' + now.boxShadow;
    return '';
  };

  // pinned reports whether el is, or is inside, a fixed or sticky box.
  const pinned = el => {
    for (let e = el; e && e.nodeType === 1; e = e.parentElement) {
      const p = getComputedStyle(e).position;
      if (p === 'fixed' || p === 'sticky') return e;
    }
    return null;
  };

  // cover tells what hides the element from view: the points sampled in
  // each of its boxes, and what the browser hit-tests at each point. It
  // returns '' when the element is visible and no fixed or sticky box lies
  // over any part of it, else what hides it.
  const cover = el => {
    const vw = document.documentElement.clientWidth, vh = document.documentElement.clientHeight;
    const rects = [...el.getClientRects()].filter(r => r.width > 0 && r.height > 0);
    if (!rects.length) return 'it has no box';
    let seen = 0, inView = 0;
    const under = new Set(), pins = new Set();
    for (const r of rects) {
      const xs = [r.left + 1, r.left + r.width / 2, r.right - 1], ys = [r.top + 1, r.top + r.height / 2, r.bottom - 1];
      for (const x of xs) for (const y of ys) {
        if (x < 0 || y < 0 || x >= vw || y >= vh) continue;
        inView++;
        const hit = document.elementFromPoint(x, y);
        if (!hit || hit === el || el.contains(hit) || hit.contains(el)) { seen++; continue; }
        const p = pinned(hit);
        if (p && !p.contains(el)) pins.add(describe(p));
        under.add(describe(p || hit));
      }
    }
    if (!inView) return 'it is outside the viewport';
    if (!seen) return 'it is entirely hidden under ' + [...under].join(', ');
    // A fixed or sticky box over any part of the element hides focus.
    if (pins.size) return 'part of it is under the fixed or sticky ' + [...pins].join(', ');
    return '';
  };

  // Undersized targets may be exempt (WCAG 2.5.8) when they are inline in
  // a sentence: the element is laid out inline and the block it sits in
  // has rendered words outside it (letters or ideographs, not only
  // separators such as "·" between links).
  const blockOf = el => {
    for (let e = el.parentElement; e; e = e.parentElement) {
      const d = getComputedStyle(e).display;
      if (!d.startsWith('inline') && d !== 'contents') return e;
    }
    return document.body;
  };
  // targetAround returns the target that holds e, or null: a container
  // that is focusable only by script (tabindex=-1, such as main) is none.
  const targetAround = e => {
    for (; e; e = e.parentElement) if (e.matches(interactive) && (e.tabIndex >= 0 || !e.matches('[tabindex]'))) return e;
    return null;
  };
  const inSentence = el => {
    if (getComputedStyle(el).display !== 'inline') return false;
    const block = blockOf(el);
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (el.contains(n)) continue;
      const parent = n.parentElement;
      if (!parent || !rendered(parent) || targetAround(parent)) continue;
      if (/[\p{L}\p{N}]/u.test(n.data)) return true;
    }
    return false;
  };

  // factsOf returns what a page says about itself: its language and title,
  // what search engines read in its head, its feeds, its dates, and the
  // entries of a "what changed" list. Addresses are resolved against base.
  const factsOf = (doc, base) => {
    const abs = el => new URL(el.getAttribute('href'), base).href;
    const meta = n => { const m = doc.querySelector('meta[name="' + n + '"]'); return m ? m.content : null; };
    const time = el => el ? el.getAttribute('datetime') : null;
    const dates = doc.querySelector('.dates');
    const spans = dates ? dates.querySelectorAll(':scope > span') : [];
    return {
      lang: doc.documentElement.lang,
      title: doc.title,
      description: meta('description'),
      robots: meta('robots'),
      canonical: [...doc.querySelectorAll('link[rel=canonical]')].map(abs),
      alternates: [...doc.querySelectorAll('link[rel=alternate][hreflang]')].map(l => ({ hreflang: l.getAttribute('hreflang'), href: abs(l) })),
      feeds: [...doc.querySelectorAll('link[rel=alternate][type="application/atom+xml"]')].map(abs),
      policy: [...doc.querySelectorAll('meta[http-equiv="Content-Security-Policy" i]')].map(m => m.content),
      confirmed: spans[0] ? time(spans[0].querySelector('time')) : null,
      updated: spans[1] ? time(spans[1].querySelector('time')) : null,
      updatedText: spans[1] ? spans[1].textContent.trim().replace(/\s+/g, ' ') : null,
      changes: [...doc.querySelectorAll('ol.changes > li')].map(li => {
        const a = li.querySelector('a[href]');
        return { date: time(li.querySelector('time')), href: a ? abs(a) : null, title: a ? a.textContent.trim() : '', note: (li.querySelector('p') || {}).textContent || '' };
      }),
    };
  };

  // linksOf lists the addresses a page refers to: links, stylesheets,
  // icons, scripts and images, resolved against base.
  const linksOf = (doc, base) => {
    const out = new Set();
    const add = v => { if (v) out.add(new URL(v.trim(), base).href); };
    for (const a of doc.querySelectorAll('a[href], link[href]')) add(a.getAttribute('href'));
    for (const s of doc.querySelectorAll('script[src], img[src]')) add(s.getAttribute('src'));
    for (const i of doc.querySelectorAll('img[srcset]')) for (const c of i.getAttribute('srcset').split(',')) add(c.trim().split(/\s+/)[0]);
    return [...out];
  };

  const round = r => ({ x: Math.round(r.left), y: Math.round(r.top), w: Math.round(r.width * 10) / 10, h: Math.round(r.height * 10) / 10 });

  window.__acceptance = {
    // facts returns what the page says about itself.
    facts() { return factsOf(document, location.href); },

    // crawl fetches each address as a search engine does, without running
    // its scripts, and returns the facts of each page by address.
    async crawl(urls) {
      const out = {};
      for (const u of urls) {
        const r = await fetch(u, { credentials: 'omit' });
        const doc = new DOMParser().parseFromString(await r.text(), 'text/html');
        out[u] = { status: r.status, ...factsOf(doc, u), links: linksOf(doc, u) };
      }
      return out;
    },

    // markup returns what the page's own HTML, as served and before any
    // script ran, holds that a strict Content Security Policy forbids.
    async markup() {
      const html = await (await fetch(location.href, { credentials: 'omit' })).text();
      const doc = new DOMParser().parseFromString(html, 'text/html');
      const found = [];
      for (const s of doc.querySelectorAll('script:not([src])')) found.push('inline <script>: ' + s.textContent.slice(0, 60));
      for (const s of doc.querySelectorAll('style')) found.push('<style> element: ' + s.textContent.slice(0, 60));
      for (const e of doc.querySelectorAll('*')) {
        for (const a of e.attributes) {
          if (a.name === 'style') found.push('style attribute on <' + e.localName + '>: ' + a.value);
          if (a.name.startsWith('on')) found.push(a.name + ' attribute on <' + e.localName + '>');
          if (/^\s*javascript:/i.test(a.value)) found.push('javascript: URL in ' + a.name + ' of <' + e.localName + '>');
        }
      }
      return found;
    },

    // headings lists the headings as a screen reader does: h1 to h6 and
    // role=heading, in document order, with their level and text.
    headings() {
      return [...document.querySelectorAll('h1, h2, h3, h4, h5, h6, [role=heading]')]
        .filter(h => h.checkVisibility() || h.closest('.vh'))
        .filter(h => !h.closest('[aria-hidden=true]'))
        .map(h => ({
          level: h.getAttribute('aria-level') ? +h.getAttribute('aria-level') : +h.localName.slice(1) || 2,
          text: h.textContent.trim().replace(/\s+/g, ' '),
          where: describe(h),
        }));
    },

    // targets measures every rendered target and reports those under 24 by
    // 24 CSS px that no exception of WCAG 2.5.8 covers.
    targets() {
      const els = [...document.querySelectorAll(interactive)]
        .filter(el => el.tabIndex >= -1 && !el.disabled && rendered(el) && el !== document.querySelector('main'))
        .filter(el => !(el.tabIndex < 0 && !el.matches('a[href], button, input, select, textarea, summary')));
      const boxes = els.map(el => ({ el, r: el.getBoundingClientRect() }))
        .filter(b => b.r.width > 0 && b.r.height > 0);
      const small = b => b.r.width < 24 || b.r.height < 24;
      const centre = r => [r.left + r.width / 2, r.top + r.height / 2];
      const circleHitsRect = (c, r) => {
        const dx = c[0] - Math.max(r.left, Math.min(c[0], r.right));
        const dy = c[1] - Math.max(r.top, Math.min(c[1], r.bottom));
        return dx * dx + dy * dy < 12 * 12;
      };
      const out = { checked: boxes.length, exempt: [], failing: [] };
      for (const b of boxes) {
        if (!small(b)) continue;
        if (inSentence(b.el)) { out.exempt.push({ what: describe(b.el), why: 'inline in a sentence', ...round(b.r) }); continue; }
        // The spacing exception: a circle of 24 CSS px diameter centred on
        // the target meets no other target and no such circle of another
        // undersized target.
        const c = centre(b.r);
        const clash = boxes.find(o => o !== b && !o.el.contains(b.el) && !b.el.contains(o.el) &&
          (circleHitsRect(c, o.r) || (small(o) && Math.hypot(c[0] - centre(o.r)[0], c[1] - centre(o.r)[1]) < 24)));
        if (!clash) { out.exempt.push({ what: describe(b.el), why: 'spacing', ...round(b.r) }); continue; }
        out.failing.push({ what: describe(b.el), near: describe(clash.el), ...round(b.r) });
      }
      return out;
    },

    // startTab records how every focusable element looks unfocused, and
    // returns how many there are. Call it before the first Tab.
    startTab() {
      this.tab = { list: focusables(), before: new Map(), seen: new Set() };
      for (const el of this.tab.list) this.tab.before.set(el, snapshot(el));
      // The next Tab must start from the top of the page, as after a page
      // load: focusing the body for a moment moves the browser's starting
      // point of sequential focus navigation there.
      const b = document.body, had = b.getAttribute('tabindex');
      b.tabIndex = -1;
      b.focus();
      b.blur();
      if (had === null) b.removeAttribute('tabindex'); else b.setAttribute('tabindex', had);
      window.scrollTo(0, 0);
      return this.tab.list.length;
    },

    // afterTab describes the element that Tab has just focused.
    afterTab() {
      const el = document.activeElement;
      if (!el || el === document.body || el === document.documentElement) return { done: true };
      const index = this.tab.list.indexOf(el);
      const again = this.tab.seen.has(el);
      this.tab.seen.add(el);
      const before = this.tab.before.get(el) || snapshot(el);
      return {
        what: describe(el),
        index,
        again,
        isSkip: el.matches('a.skip[href="#main"]') && !!document.getElementById('main'),
        indicator: indicator(before, snapshot(el)),
        hidden: cover(el),
      };
    },

    // focusNow describes the focused element as afterTab does, comparing
    // its style with the style it has for a moment without focus.
    focusNow() {
      const el = document.activeElement;
      const now = snapshot(el);
      el.blur();
      const before = snapshot(el);
      el.focus();
      return { what: describe(el), indicator: indicator(before, now), hidden: cover(el) };
    },

    // unreached lists the focusable elements that Tab did not reach.
    unreached() {
      return this.tab.list.filter(el => !this.tab.seen.has(el)).map(describe);
    },

    // focusSkip focuses the skip link (as Tab would) and reports whether
    // it shows on screen.
    focusSkip() {
      const a = document.querySelector('a.skip');
      if (!a) return { found: false };
      window.scrollTo(0, 0);
      a.focus();
      const r = a.getBoundingClientRect();
      return { found: true, first: focusables()[0] === a, onScreen: r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.width > 0, focused: document.activeElement === a };
    },

    // focusState tells where focus is.
    // focusState tells where focus is, and whether it is on what Tab
    // reaches first after the start of the main content: inside it, or,
    // when the main content has nothing to focus (a page of text alone),
    // the first thing after it.
    focusState() {
      const main = document.getElementById('main');
      const el = document.activeElement;
      const after = main ? focusables().filter(e => e !== main && (main.contains(e) ||
        main.compareDocumentPosition(e) & Node.DOCUMENT_POSITION_FOLLOWING)) : [];
      return {
        active: describe(el), onMain: el === main, inMain: !!main && main.contains(el) && el !== main, hash: location.hash,
        firstAfterMain: after.length > 0 && after[0] === el,
      };
    },

    // overflow reports whether the page scrolls sideways, and which
    // elements reach past the right edge of the viewport.
    overflow() {
      const se = document.scrollingElement;
      const width = se.clientWidth;
      const wide = [];
      if (se.scrollWidth > width) {
        for (const el of document.body.querySelectorAll('*')) {
          const r = el.getBoundingClientRect();
          if (r.right > width + 0.5 && rendered(el) && !wide.some(w => w.el.contains(el))) wide.push({ el, right: Math.round(r.right) });
        }
      }
      // A box that scrolls on its own (a wide table) is allowed by WCAG
      // 1.4.10 only if a keyboard can scroll it: it must take focus, or
      // hold something that does.
      const scrollers = [];
      for (const el of document.body.querySelectorAll('*')) {
        const cs = getComputedStyle(el);
        const scrolls = (cs.overflowX === 'auto' || cs.overflowX === 'scroll') && el.scrollWidth > el.clientWidth + 1 ||
          (cs.overflowY === 'auto' || cs.overflowY === 'scroll') && el.scrollHeight > el.clientHeight + 1;
        if (!scrolls || !rendered(el) || el.closest('dialog')) continue;
        if (el.tabIndex >= 0 || [...el.querySelectorAll(interactive)].some(e => e.tabIndex >= 0 && rendered(e))) continue;
        scrollers.push(describe(el) + ' (' + el.scrollWidth + '×' + el.scrollHeight + ' in ' + el.clientWidth + '×' + el.clientHeight + ')');
      }
      return { scrollWidth: se.scrollWidth, clientWidth: width, innerWidth, wide: wide.slice(0, 8).map(w => describe(w.el) + ' ends at ' + w.right + 'px'), scrollers };
    },

    // clipped lists elements that cut off their text: overflow hidden or
    // clip, with content larger than the box. The visually hidden text for
    // screen readers (a 1 px box, on purpose) does not count.
    clipped() {
      const out = [];
      for (const el of document.body.querySelectorAll('*')) {
        const cs = getComputedStyle(el);
        const hides = v => v === 'hidden' || v === 'clip';
        if (!hides(cs.overflowX) && !hides(cs.overflowY) && cs.textOverflow !== 'ellipsis') continue;
        if (!rendered(el) || el.clientWidth <= 1 && el.clientHeight <= 1) continue;
        if (!/\S/.test(el.textContent)) continue;
        const x = hides(cs.overflowX) && el.scrollWidth > el.clientWidth + 1;
        const y = hides(cs.overflowY) && el.scrollHeight > el.clientHeight + 1;
        if (x || y) out.push(describe(el) + ' (content ' + el.scrollWidth + '×' + el.scrollHeight + ' in ' + el.clientWidth + '×' + el.clientHeight + ')');
      }
      return out;
    },

    // fonts tells which fonts the page asks for: the font-family of its
    // text, and every @font-face rule of its stylesheets (a web font).
    fonts() {
      const faces = [];
      const walk = rules => {
        for (const r of rules) {
          if (r instanceof CSSFontFaceRule) faces.push(r.cssText.slice(0, 100));
          else if (r.cssRules) walk(r.cssRules);
        }
      };
      for (const sheet of document.styleSheets) walk(sheet.cssRules);
      const p = document.querySelector('main p') || document.body;
      return { family: getComputedStyle(p).fontFamily, faces };
    },

    // fontSize is the computed font size of the body's text, in CSS px.
    fontSize() {
      const p = document.querySelector('main p') || document.body;
      return parseFloat(getComputedStyle(p).fontSize);
    },

    // links lists the addresses the page refers to.
    links() { return linksOf(document, location.href); },

    // printView describes the page under print media: what is displayed
    // and what the print stylesheet adds.
    printView() {
      const shown = sel => [...document.querySelectorAll(sel)].some(rendered);
      const after = [...document.querySelectorAll('main a[href]')].filter(a => a.origin !== location.origin && rendered(a)).map(a => ({
        href: a.href, what: describe(a), text: a.textContent.trim(), after: getComputedStyle(a, '::after').content,
      }));
      const boxes = [...document.querySelectorAll('.checklist li')].map(li => {
        const b = li.querySelector('.box');
        if (!b || !rendered(b)) return { what: describe(li), style: 'none', border: 0, w: 0, h: 0 };
        const cs = getComputedStyle(b), r = b.getBoundingClientRect();
        return { what: describe(li), style: cs.borderTopStyle, border: parseFloat(cs.borderTopWidth), w: r.width, h: r.height };
      });
      const closed = [...document.querySelectorAll('details:not([open])')].map(describe);
      return {
        // The footer is no navigation: it says who publishes the guide
        // and that the official sites have the last word, which paper
        // keeps.
        nav: shown('header, nav, .skip'),
        navWhat: [...document.querySelectorAll('header, nav, .skip')].filter(rendered).map(describe),
        languages: shown('.languages'),
        dates: shown('.dates time'),
        checklist: shown('#checklist'),
        external: after,
        boxes,
        closed,
      };
    },
  };
})();
