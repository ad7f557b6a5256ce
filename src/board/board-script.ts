/**
 * The board's only script, inlined and allowed by hash in the page's Content-Security-Policy.
 * It reads the page (no data is embedded in the script, so nothing from a feed ever lands in
 * script text) and does three things:
 * - turns each story's `<noscript>` block (timeline and reports, kept as raw text by the parser
 *   while scripting is on) into elements when the story comes within ~2 screens of the viewport,
 *   and all of them before printing. The markup is the page's own, already escaped. Report texts
 *   are held back as strings and put in only when their report is opened, so a 40-report story
 *   costs a few list items, not 40 articles' worth of paragraphs;
 * - filters as the reader types: every word must appear in the story's title, its reports'
 *   titles or its agencies (case and accents ignored), and the story must have a report in the
 *   chosen language and come from the chosen source. The search text is gathered once, when the
 *   browser is idle or at the first keystroke;
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
  var BODY = /<div class="body"([^>]*)>([\\s\\S]*?)<\\/div>/g;
  var texts = new WeakMap();
  var hay = null, langs = null, srcs = null;
  var matches = null, revealed = 0, visible = null;
  var moreIo = window.IntersectionObserver ? new IntersectionObserver(function (entries) {
    if (entries[entries.length - 1].isIntersecting && matches && revealed < matches.length) reveal(revealed + CHUNK);
  }, { rootMargin: '1600px 0px' }) : null;

  function materialize(el) {
    var block = el.querySelector(':scope > noscript');
    if (!block) return;
    var bodies = [];
    var light = block.textContent.replace(BODY, function (whole, attrs) {
      bodies.push(whole);
      return '<div class="body" data-b="' + (bodies.length - 1) + '"' + attrs + '></div>';
    });
    texts.set(el, bodies);
    block.insertAdjacentHTML('beforebegin', light);
    block.remove();
  }
  function openText(details) {
    var slot = details.querySelector(':scope > .body[data-b]');
    var story = details.closest('article.story');
    var bodies = story && texts.get(story);
    if (slot && bodies) slot.outerHTML = bodies[+slot.getAttribute('data-b')];
  }
  var io = window.IntersectionObserver ? new IntersectionObserver(function (entries) {
    for (var i = 0; i < entries.length; i++) {
      if (entries[i].isIntersecting) { materialize(entries[i].target); io.unobserve(entries[i].target); }
    }
  }, { rootMargin: '1600px 0px' }) : null;
  for (var k = 0; k < items.length; k++) { if (io) io.observe(items[k]); else materialize(items[k]); }
  list.addEventListener('toggle', function (e) {
    if (e.target.open && e.target.classList && e.target.classList.contains('report')) openText(e.target);
  }, true);
  window.addEventListener('beforeprint', function () {
    items.forEach(materialize);
    list.querySelectorAll('details.report').forEach(openText);
  });

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
