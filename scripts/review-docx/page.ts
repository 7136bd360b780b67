import { h } from 'hastscript';
import { toHtml } from 'hast-util-to-html';
import type { Element } from 'hast';
import type { ReviewItem } from './changes.js';

const css = `
body { font: 15px/1.6 system-ui, 'Noto Sans SC', sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; color: #1f2328; }
h1 { font-size: 1.4rem; }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid #d0d7de; padding: 0.4rem 0.5rem; text-align: left; vertical-align: top; }
th { font-size: 0.85rem; color: #555a60; }
.where a { font-family: ui-monospace, monospace; font-size: 0.85rem; }
del { background: #ffebe9; } ins { background: #dafbe1; text-decoration: none; }
.context { color: #555a60; }
.data { color: #8a4600; font-weight: 600; }
.comment { background: #fff8c5; padding: 0 0.2rem; }
`;

/**
 * The page of what the reviewers did (`FILE.review.html` beside the file): one row per change, formatting change
 * or comment, with the Markdown file:line it belongs to (linked), who and when, and the text around it.
 */
export function reviewPage(file: string, items: ReviewItem[], sourceBase: string): string {
  const title = `Review of ${file}`;
  return toHtml({
    type: 'root',
    children: [
      { type: 'doctype' },
      h('html', { lang: 'en' }, [
        h('head', [h('meta', { charset: 'utf-8' }), h('title', title), h('style', css)]),
        h('body', [
          h('h1', title),
          h('p', `${items.length} change(s) and comment(s), in the order of the document.`),
          h('table', [
            h('thead', h('tr', [h('th', 'Source'), h('th', 'Reviewer'), h('th', 'Date'), h('th', 'What')])),
            h(
              'tbody',
              items.map((item) => row(item, sourceBase)),
            ),
          ]),
        ]),
      ]),
    ],
  });
}

function row(item: ReviewItem, sourceBase: string): Element {
  const where = item.file ? `${item.file}:${item.line}` : '—';
  return h('tr', [
    h('td.where', item.file ? h('a', { href: `${sourceBase}/${item.file}` }, where) : where),
    h('td', item.author),
    h('td', item.date),
    h('td', [
      h('span.context', `…${item.before}`),
      ...what(item),
      h('span.context', `${item.after}…`),
      ...item.numbers.map((n) =>
        h('div.data', `“${n.shown}” is {{num "${n.id}"}} from ${n.file}:${n.line}: change the data, not the prose`),
      ),
    ]),
  ]);
}

function what(item: ReviewItem): Element[] {
  if (item.kind === 'comment')
    return [h('span.comment', item.anchored ?? ''), h('div', [h('strong', 'Comment: '), item.comment ?? ''])];
  if (item.kind === 'format') return [h('u', item.formatted ?? ''), h('div', `Formatting: ${item.format}`)];
  return [...(item.deleted ? [h('del', item.deleted)] : []), ...(item.inserted ? [h('ins', item.inserted)] : [])];
}
