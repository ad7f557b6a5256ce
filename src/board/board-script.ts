/**
 * The board's only script, inlined and allowed by hash in the page's Content-Security-Policy.
 * It reads the page (no data is embedded in the script, so nothing from a feed ever lands in
 * script text), shows the filter bar and filters as the reader types: every word must appear in
 * the story's title, its reports' titles or its agencies (case and accents ignored), and the
 * story must have a report in the chosen language and come from the chosen source. The search
 * text is gathered once, when the browser is idle or at the first keystroke.
 */
export const BOARD_SCRIPT = `(function () {
  'use strict';
  var form = document.getElementById('filters');
  var list = document.getElementById('stories');
  if (!form || !list) return;
  var q = document.getElementById('q');
  var lang = document.getElementById('lang');
  var src = document.getElementById('src');
  var shown = document.getElementById('shown');
  var items = Array.prototype.slice.call(list.querySelectorAll('article.story'));
  var hay = null, langs = null, srcs = null;
  function fold(s) { return s.normalize('NFKD').replace(/\\p{M}/gu, '').toLowerCase(); }
  function text(nodes) { var s = ''; for (var i = 0; i < nodes.length; i++) s += ' ' + nodes[i].textContent; return s; }
  function index() {
    hay = new Array(items.length); langs = new Array(items.length); srcs = new Array(items.length);
    for (var i = 0; i < items.length; i++) {
      var el = items[i];
      hay[i] = fold(text(el.querySelectorAll('.st, .agencies, .rt, .agency')));
      langs[i] = ' ' + el.getAttribute('data-lang') + ' ';
      srcs[i] = ' ' + el.getAttribute('data-src') + ' ';
    }
  }
  function apply() {
    if (hay === null) index();
    var words = fold(q.value).split(/\\s+/).filter(Boolean);
    var l = lang.value ? ' ' + lang.value + ' ' : '';
    var s = src.value ? ' ' + src.value + ' ' : '';
    var count = 0;
    for (var i = 0; i < items.length; i++) {
      var ok = (!l || langs[i].indexOf(l) !== -1) && (!s || srcs[i].indexOf(s) !== -1);
      for (var w = 0; ok && w < words.length; w++) ok = hay[i].indexOf(words[w]) !== -1;
      if (items[i].hidden === ok) items[i].hidden = !ok;
      if (ok) count++;
    }
    shown.textContent = count + ' of ' + items.length + ' stories';
  }
  form.hidden = false;
  form.addEventListener('submit', function (e) { e.preventDefault(); });
  q.addEventListener('input', apply);
  lang.addEventListener('change', apply);
  src.addEventListener('change', apply);
  if (q.value || lang.value || src.value) apply();
  else if (window.requestIdleCallback) window.requestIdleCallback(function () { if (hay === null) index(); });
  document.documentElement.setAttribute('data-board-ready', '1');
})();`;
