/**
 * The board's style sheet, inlined into the page (no external fonts or files). Off-screen
 * stories skip layout and paint (`content-visibility: auto`), which keeps a 5,000-story page fast.
 */
export const BOARD_STYLE = `
:root{color-scheme:light dark;--fg:#1b1b1b;--muted:#5f6368;--bg:#fafaf8;--card:#fff;--line:#dcdcd6;--accent:#0b57d0;--copy:#8a5a00}
@media (prefers-color-scheme:dark){:root{--fg:#e6e6e3;--muted:#a0a4a8;--bg:#161616;--card:#1f1f1f;--line:#3a3a3a;--accent:#8ab4f8;--copy:#e0b050}}
*{box-sizing:border-box}
body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans Arabic",Tahoma,sans-serif;color:var(--fg);background:var(--bg)}
.top{padding:14px 20px 6px;max-width:1040px;margin:0 auto}
.top h1{font-size:20px;margin:0 0 4px}
.top p{margin:0;color:var(--muted);font-size:13px}
.top a{color:var(--accent)}
.bar{position:sticky;top:0;z-index:1;background:var(--bg);border-bottom:1px solid var(--line)}
.filters{display:flex;flex-wrap:wrap;gap:8px;align-items:center;padding:8px 20px;max-width:1040px;margin:0 auto}
.filters[hidden],.bar:has(.filters[hidden]){display:none}
.filters input{flex:1 1 260px;font:inherit;padding:6px 8px;border:1px solid var(--line);border-radius:6px;background:var(--card);color:var(--fg)}
.filters select{font:inherit;padding:5px;border:1px solid var(--line);border-radius:6px;background:var(--card);color:var(--fg);max-width:220px}
.filters output{color:var(--muted);font-size:13px}
main{max-width:1040px;margin:0 auto;padding:10px 20px 40px}
.story{display:grid;grid-template-columns:1fr auto;column-gap:16px;align-content:start;background:var(--card);border:1px solid var(--line);border-radius:8px;padding:12px 14px;margin:0 0 12px;content-visibility:auto;contain-intrinsic-size:auto 150px}
.story[hidden]{display:none}
.story>*{grid-column:1}
@media (scripting:none){.story noscript{display:contents}.body:empty::before{content:"The text of this report is shown when JavaScript is on.";color:var(--muted);font-size:13px}}
.story h2{font-size:17px;margin:0 0 4px}
.story h2 a{color:inherit;text-decoration:none}
.story h2 a:hover{text-decoration:underline}
.meta,.seen{margin:0;color:var(--muted);font-size:13px}
.agencies{color:var(--fg);font-weight:600}
.story>.tl,.story noscript>.tl{grid-column:2;grid-row:1/span 3;align-self:start}
.story .reports,.story .note{grid-column:1/-1}
.tl text{font-size:10px;fill:var(--muted)}
.tl line{stroke:var(--line);stroke-width:1}
.tl .ax{font-size:9px}
.reports{list-style:none;margin:8px 0 0;padding:0}
.reports li{margin:2px 0}
details summary{cursor:pointer}
.report>summary{font-size:14px}
.agency{display:inline-block;min-width:7em;color:var(--muted);font-size:12px;text-transform:uppercase;letter-spacing:.03em}
.rt{unicode-bidi:isolate}
.label{font-size:11px;font-weight:700;color:var(--copy);border:1px solid var(--copy);border-radius:4px;padding:0 4px;text-transform:uppercase}
time{color:var(--muted);font-size:12px;white-space:nowrap}
.body{margin:6px 0 8px 1.2em;max-width:72ch}
.body p{margin:0 0 .7em}
.src{margin:0 0 8px 1.2em;font-size:13px}
.src a,.note a{color:var(--accent)}
.copies{margin:2px 0 4px 1.6em;font-size:13px;color:var(--copy)}
.copies ol{list-style:none;padding:0;margin:4px 0 0 .4em;color:var(--fg)}
.note{color:var(--muted);font-size:13px;margin:6px 0 0}
.empty{color:var(--muted)}
.more{display:block;margin:8px auto;font:inherit;padding:6px 14px;border:1px solid var(--line);border-radius:6px;background:var(--card);color:var(--accent);cursor:pointer}
.more[hidden]{display:none}
@media (max-width:640px){.story{display:block}.tl{display:block;margin-top:6px}}
`;
