/**
 * The board's only inline script, allowed by hash in the page's Content-Security-Policy.
 * It reads the page (no data is embedded in the script, so nothing from a feed ever lands in
 * script text) and does four things:
 * - turns each story's `<noscript>` block (timeline and reports, kept as raw text by the parser
 *   while scripting is on) into elements when the story comes within ~2 screens of the viewport,
 *   and all of them before printing. The markup is the page's own, already escaped;
 * - loads a report's text when the report is opened: the text is in a chunk file beside the page
 *   (`texts/<chunk>.js`, named by the report's `data-t` in the list of `#stories[data-texts]`),
 *   added as a classic `<script src>` (fetch and XHR of `file://` are blocked; a script is not),
 *   which calls `wdTexts(name, [id, text, …])`. Each chunk is loaded once; the text goes in as
 *   paragraphs through `textContent`, so it can never be markup;
 * - filters as the reader types: every word must appear in the story's title, its reports'
 *   titles or its agencies (case and accents ignored; report texts are not searched), and the
 *   story must have a report in the chosen language and come from the chosen source. The search
 *   text is gathered once, when the browser is idle or at the first keystroke;
 * - shows matches a chunk at a time (more as the reader scrolls), so one keystroke never has to
 *   lay out thousands of stories: a step touches at most the stories it hides and one chunk.
 */
export const BOARD_SCRIPT = `(function () {
  'use strict';
  var form = document.getElementById('filters');
  var list = document.getElementById('stories');
  var more = document.getElementById('more');
  if (!form || !list || !more) return;
  var q = document.getElementById('q');
  var lang = document.getElementById('lang');
  var src = document.getElementById('src');
  var shown = document.getElementById('shown');
  var items = Array.prototype.slice.call(list.children);
  var CHUNK = 150;
  var NAME = /^[a-z0-9][a-z0-9_-]*$/;
  var chunks = (list.getAttribute('data-texts') || '').split(' ');
  var loaded = new Map(), waiting = new Map(), asked = new WeakSet();
  var hay = null, langs = null, srcs = null;
  var matches = null, revealed = 0, visible = null;
  var moreIo = window.IntersectionObserver ? new IntersectionObserver(function (entries) {
    if (entries[entries.length - 1].isIntersecting && matches && revealed < matches.length) reveal(revealed + CHUNK);
  }, { rootMargin: '1600px 0px' }) : null;

  function materialize(el) {
    var block = el.querySelector(':scope > noscript');
    if (!block) return;
    block.insertAdjacentHTML('beforebegin', block.textContent);
    block.remove();
  }
  function note(body, message) {
    var p = document.createElement('p');
    p.className = 'note';
    p.textContent = message;
    body.replaceChildren(p);
  }
  function show(body, text) {
    if (typeof text !== 'string') { note(body, 'The text of this report is not in the board\u2019s files.'); return; }
    // Paragraphs at blank lines, a line break at each other newline (the text is kept as extracted).
    var paragraphs = text.split(/\\n\\s*\\n/).map(function (para) { return para.trim(); }).filter(Boolean).map(function (para) {
      var p = document.createElement('p');
      para.split('\\n').forEach(function (line, i) {
        if (i > 0) p.appendChild(document.createElement('br'));
        p.appendChild(document.createTextNode(line));
      });
      return p;
    });
    body.replaceChildren.apply(body, paragraphs);
  }
  function openText(details) {
    var body = details.querySelector(':scope > .body[data-t]');
    if (!body || asked.has(body)) return;
    var name = chunks[+body.getAttribute('data-t')];
    if (!name || !NAME.test(name)) { note(body, 'The text of this report is not in the board\u2019s files.'); return; }
    asked.add(body);
    var texts = loaded.get(name);
    if (texts) { show(body, texts.get(body.getAttribute('data-a'))); return; }
    if (waiting.has(name)) { waiting.get(name).push(body); return; }
    waiting.set(name, [body]);
    note(body, 'Loading the text\u2026');
    var script = document.createElement('script');
    script.src = 'texts/' + name + '.js';
    script.onload = function () { script.remove(); };
    script.onerror = function () {
      var bodies = waiting.get(name) || [];
      waiting.delete(name);
      script.remove();
      // A page opened before the board was rewritten may name a chunk that is gone; reopening tries again.
      bodies.forEach(function (b) { asked.delete(b); note(b, 'The text could not be loaded: reload the page, the board was rewritten since it was opened.'); });
    };
    document.head.appendChild(script);
  }
  // Called by each chunk file: [id, text, id, text, …] (an array, so no id can be taken for __proto__).
  window.wdTexts = function (name, flat) {
    if (typeof name !== 'string' || loaded.has(name) || !Array.isArray(flat)) return;
    var texts = new Map();
    for (var i = 0; i + 1 < flat.length; i += 2) texts.set(String(flat[i]), flat[i + 1]);
    loaded.set(name, texts);
    var bodies = waiting.get(name) || [];
    waiting.delete(name);
    bodies.forEach(function (b) { show(b, texts.get(b.getAttribute('data-a'))); });
  };
  var io = window.IntersectionObserver ? new IntersectionObserver(function (entries) {
    for (var i = 0; i < entries.length; i++) {
      if (entries[i].isIntersecting) { materialize(entries[i].target); io.unobserve(entries[i].target); }
    }
  }, { rootMargin: '1600px 0px' }) : null;
  for (var k = 0; k < items.length; k++) { if (io) io.observe(items[k]); else materialize(items[k]); }
  list.addEventListener('toggle', function (e) {
    if (e.target.open && e.target.classList && e.target.classList.contains('report')) openText(e.target);
  }, true);
  // Printing gets every story and report; texts are those the reader opened (a chunk loads too late for the print).
  window.addEventListener('beforeprint', function () { items.forEach(materialize); });

  function fold(s) { return s.normalize('NFKD').replace(/\\p{M}/gu, '').toLowerCase(); }
  function index() {
    hay = new Array(items.length); langs = new Array(items.length); srcs = new Array(items.length);
    for (var i = 0; i < items.length; i++) {
      var el = items[i];
      var parts = el.querySelectorAll(':scope > h2 .st, :scope > .meta .agencies');
      var s = el.getAttribute('data-q') || '';
      for (var j = 0; j < parts.length; j++) s += ' ' + parts[j].textContent;
      hay[i] = fold(s);
      langs[i] = ' ' + el.getAttribute('data-lang') + ' ';
      srcs[i] = ' ' + el.getAttribute('data-src') + ' ';
    }
  }
  function reveal(upTo) {
    var end = Math.min(upTo, matches.length);
    for (var i = revealed; i < end; i++) { items[matches[i]].hidden = false; visible.add(matches[i]); }
    revealed = end;
    more.hidden = revealed >= matches.length;
    if (!more.hidden) more.textContent = 'Showing ' + revealed + ' of ' + matches.length + ' matching stories: show more';
    // Observing again reports the current state: the next chunk comes if the button is still near.
    if (moreIo && !more.hidden) { moreIo.unobserve(more); moreIo.observe(more); }
  }
  function apply() {
    if (hay === null) index();
    if (visible === null) { visible = new Set(); for (var v = 0; v < items.length; v++) if (!items[v].hidden) visible.add(v); }
    var words = fold(q.value).split(/\\s+/).filter(Boolean);
    var l = lang.value ? ' ' + lang.value + ' ' : '';
    var s = src.value ? ' ' + src.value + ' ' : '';
    matches = [];
    for (var i = 0; i < items.length; i++) {
      var ok = (!l || langs[i].indexOf(l) !== -1) && (!s || srcs[i].indexOf(s) !== -1);
      for (var w = 0; ok && w < words.length; w++) ok = hay[i].indexOf(words[w]) !== -1;
      if (ok) matches.push(i);
    }
    var keep = new Set(matches.slice(0, CHUNK));
    visible.forEach(function (n) { if (!keep.has(n)) { items[n].hidden = true; visible.delete(n); } });
    revealed = 0;
    reveal(CHUNK);
    shown.textContent = matches.length + ' of ' + items.length + ' stories';
  }
  if (moreIo) moreIo.observe(more);
  more.addEventListener('click', function () { if (matches) reveal(revealed + CHUNK); });
  form.hidden = false;
  form.addEventListener('submit', function (e) { e.preventDefault(); });
  q.addEventListener('input', apply);
  lang.addEventListener('change', apply);
  src.addEventListener('change', apply);
  if (q.value || lang.value || src.value) apply();
  else if (window.requestIdleCallback) window.requestIdleCallback(function () { if (hay === null) index(); });
  document.documentElement.setAttribute('data-board-ready', '1');
})();`;
