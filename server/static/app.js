// Dateline's page, made quicker: searches and articles load without a
// full page load (the server renders the same HTML either way), "/"
// focuses the box, a range can be dragged on the date histogram, and an
// article steps from match to match. Without this file the page works
// through its forms and links alone.
'use strict';

(function () {
  const box = () => document.getElementById('q');

  // --- loading pages in place ------------------------------------------
  function ours(url) {
    return url.origin === location.origin &&
      (url.pathname === '/' || url.pathname === '/article');
  }

  let pending = null;
  async function load(href, push) {
    const url = new URL(href, location.href);
    if (pending) pending.abort();
    const ctl = new AbortController();
    pending = ctl;
    document.body.classList.add('loading');
    let html;
    try {
      const resp = await fetch(url, { signal: ctl.signal, headers: { Accept: 'text/html' } });
      html = await resp.text();
    } catch (e) {
      if (e.name !== 'AbortError') location.href = url.href;
      return;
    } finally {
      if (pending === ctl) pending = null;
      document.body.classList.remove('loading');
    }
    const doc = new DOMParser().parseFromString(html, 'text/html');
    const page = doc.getElementById('page'), below = doc.getElementById('below');
    const form = doc.querySelector('form.search');
    if (!page || !below || !form) { location.href = url.href; return; }
    document.getElementById('page').replaceWith(document.adoptNode(page));
    document.getElementById('below').replaceWith(document.adoptNode(below));
    const mine = document.querySelector('form.search');
    mine.querySelectorAll('input[type=hidden]').forEach((i) => i.remove());
    form.querySelectorAll('input[type=hidden]').forEach((i) => mine.appendChild(document.adoptNode(i)));
    const q = doc.getElementById('q');
    if (q && document.activeElement !== box()) box().value = q.value;
    document.title = doc.title;
    if (push) history.pushState({}, '', url.href);
    setup(url.hash ? null : 'top');
  }

  document.addEventListener('click', (ev) => {
    if (ev.defaultPrevented || ev.button !== 0 || ev.metaKey || ev.ctrlKey ||
        ev.shiftKey || ev.altKey) return;
    const a = ev.target.closest('a[href]');
    if (!a || a.target || a.closest('.matchnav')) return;
    const url = new URL(a.href, location.href);
    if (!ours(url)) return;
    ev.preventDefault();
    load(url.href, true);
  });

  document.addEventListener('submit', (ev) => {
    const form = ev.target;
    if (!form.matches('form.search')) return;
    ev.preventDefault();
    const url = new URL(form.action, location.href);
    for (const [k, v] of new FormData(form)) if (v) url.searchParams.append(k, v);
    load(url.href, true);
  });

  window.addEventListener('popstate', () => load(location.href, false));

  // --- keyboard ----------------------------------------------------------
  document.addEventListener('keydown', (ev) => {
    const typing = ev.target.closest && ev.target.closest('input, textarea, select');
    if (ev.key === '/' && !typing) {
      ev.preventDefault();
      box().focus();
      box().select();
    } else if (ev.key === 'Escape' && typing) {
      ev.target.blur();
    } else if (!typing && !ev.ctrlKey && !ev.metaKey && !ev.altKey &&
               (ev.key === 'n' || ev.key === 'p')) {
      if (step(ev.key === 'n' ? 1 : -1)) ev.preventDefault();
    }
  });

  // --- the date histogram: drag to pick a range -------------------------
  function setupHistogram() {
    const svg = document.querySelector('.histogram svg');
    if (!svg) return;
    const bars = Array.from(svg.querySelectorAll('a.bar'));
    let from = -1, to = -1;
    const paint = () => bars.forEach((b, i) => b.classList.toggle('sel',
      from >= 0 && i >= Math.min(from, to) && i <= Math.max(from, to)));
    const barAt = (ev) => {
      const r = svg.getBoundingClientRect();
      const i = Math.floor((ev.clientX - r.left) / r.width * bars.length);
      return Math.max(0, Math.min(bars.length - 1, i));
    };
    svg.addEventListener('pointerdown', (ev) => {
      if (ev.button !== 0) return;
      from = to = barAt(ev);
      svg.setPointerCapture(ev.pointerId);
      paint();
      ev.preventDefault();
    });
    svg.addEventListener('pointermove', (ev) => {
      if (from < 0) return;
      const i = barAt(ev);
      if (i !== to) { to = i; paint(); }
    });
    const finish = (ev) => {
      if (from < 0) return;
      const lo = Math.min(from, to), hi = Math.max(from, to);
      from = to = -1;
      if (ev.type === 'pointercancel') { paint(); return; }
      const url = new URL(bars[lo].getAttribute('href'), location.href);
      url.searchParams.set('until', bars[hi].dataset.period);
      load(url.href, true);
    };
    svg.addEventListener('pointerup', finish);
    svg.addEventListener('pointercancel', finish);
    // The bars' own links are followed by finish(), not by a click.
    svg.addEventListener('click', (ev) => ev.preventDefault());
  }

  // --- the article: from match to match ----------------------------------
  let current = 0;
  function marks() {
    return Array.from(document.querySelectorAll('.article .body mark'));
  }
  function show(i) {
    const all = marks();
    if (!all.length) return false;
    current = (i + all.length) % all.length;
    all.forEach((m, k) => m.classList.toggle('current', k === current));
    all[current].scrollIntoView({ block: 'center', behavior: 'instant' });
    const pos = document.querySelector('.matchnav .pos');
    if (pos) pos.textContent = 'match ' + (current + 1) + ' of ' + all.length;
    return true;
  }
  function step(d) {
    return show(current + d);
  }
  function setupArticle() {
    const nav = document.querySelector('.matchnav');
    if (!nav) return false;
    nav.querySelector('.next').addEventListener('click', (ev) => { ev.preventDefault(); step(1); });
    nav.querySelector('.prev').addEventListener('click', (ev) => { ev.preventDefault(); step(-1); });
    current = 0;
    return show(0);
  }

  function setup(scroll) {
    setupHistogram();
    if (!setupArticle() && scroll === 'top') window.scrollTo(0, 0);
  }

  if (document.readyState === 'loading')
    document.addEventListener('DOMContentLoaded', () => setup(null));
  else
    setup(null);
})();
