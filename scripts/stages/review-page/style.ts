/** The review page's own style, inlined: it loads nothing but its fonts (assets/fonts.css). */
export const reviewCss = `
:root {
  --ink: #1d1d1b;
  --muted: #6b6760;
  --rule: #e3ded5;
  --paper: #fffdf9;
  --stale: #b7791f;
  --stale-bg: #fdf4e3;
  --gap: #c53030;
  --gap-bg: #fdecec;
  --odd: #6b46c1;
  --odd-bg: #f3effc;
  --ok: #2f855a;
  --sans: 'Source Sans 3', 'Noto Sans SC', system-ui, sans-serif;
  --serif: 'Source Serif 4', 'Noto Serif SC', Georgia, serif;
  --zh: 'Noto Serif SC', 'Source Serif 4', serif;
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--paper); color: var(--ink); font-family: var(--sans); line-height: 1.5; }
header.top { padding: 1.25rem clamp(1rem, 3vw, 2.5rem) 1rem; border-bottom: 1px solid var(--rule); }
h1 { font-size: 1.4rem; margin: 0 0 0.25rem; }
.lede { margin: 0 0 0.75rem; color: var(--muted); max-width: 60rem; }
.summary { display: flex; flex-wrap: wrap; gap: 0.5rem; margin: 0.5rem 0; padding: 0; list-style: none; }
.summary li { border: 1px solid var(--rule); border-radius: 999px; padding: 0.15rem 0.7rem; font-size: 0.9rem; }
.summary .n { font-weight: 700; }
.filter { font-size: 0.95rem; }
.attention { margin: 0.5rem 0 0; padding-left: 1.2rem; font-size: 0.9rem; }
main { padding: 0 clamp(0.5rem, 2vw, 2rem) 3rem; }
.chapter > h2 { font-size: 1.15rem; margin: 2rem 0 0.25rem; }
.files { margin: 0 0 0.75rem; color: var(--muted); font-size: 0.85rem; overflow-wrap: anywhere; }
.columns, .row { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 0 1.25rem; }
.columns {
  position: sticky;
  top: 0;
  background: var(--paper);
  border-bottom: 2px solid var(--ink);
  font-weight: 700;
  font-size: 0.85rem;
  padding: 0.3rem 0.75rem;
  z-index: 1;
}
.row { border-bottom: 1px solid var(--rule); padding: 0.6rem 0.75rem; border-left: 4px solid transparent; }
.row.heading .text { font-weight: 700; }
.row.slot { padding: 0.15rem 0.75rem; color: var(--muted); font-size: 0.8rem; }
.row.stale { background: var(--stale-bg); border-left-color: var(--stale); }
.row.untranslated, .row.orphan { background: var(--gap-bg); border-left-color: var(--gap); }
.row.unrecorded, .row.mismatch { border-left-color: var(--odd); }
.row.mismatch { background: var(--odd-bg); }
.status { grid-column: 1 / -1; font-size: 0.8rem; font-weight: 700; margin-bottom: 0.25rem; }
.stale .status { color: var(--stale); }
.untranslated .status, .orphan .status { color: var(--gap); }
.unrecorded .status, .mismatch .status { color: var(--odd); }
.issues { grid-column: 1 / -1; margin: 0.35rem 0 0; padding-left: 1.2rem; font-size: 0.85rem; color: var(--odd); }
.unit { min-width: 0; }
.where { font-size: 0.75rem; color: var(--muted); margin-bottom: 0.15rem; overflow-wrap: anywhere; }
.where a { color: inherit; }
.text { font-family: var(--serif); overflow-wrap: anywhere; }
.unit[lang|="zh"] .text { font-family: var(--zh); line-height: 1.8; }
.missing { color: var(--gap); font-style: italic; font-family: var(--sans); font-size: 0.9rem; }
.value { border-bottom: 1px dotted var(--muted); }
.slot-label, .slot { font-family: var(--sans); font-size: 0.8rem; color: var(--muted); }
.slot-label { grid-column: 1 / -1; }
sup.note { font-size: 0.7em; color: var(--muted); }
del { background: #f8d7d7; color: #7b1d1d; text-decoration: line-through; }
ins { background: #d4f0dc; color: #1c4532; text-decoration: underline; }
.change { border: 1px solid var(--stale); background: #fff; border-radius: 4px; padding: 0.3rem 0.6rem; margin: 0.2rem 0 0.5rem; }
.change p { margin: 0.15rem 0 0; font-family: var(--zh); }
.was { font-size: 0.75rem; color: var(--stale); font-family: var(--sans); font-weight: 700; }
body:has(#attention-only:checked) .row.ok, body:has(#attention-only:checked) .row.slot { display: none; }
@media (max-width: 40rem) {
  .columns { display: none; }
  .row { grid-template-columns: minmax(0, 1fr); gap: 0.5rem; }
}
`;
