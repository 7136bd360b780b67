import path from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import { h } from 'hastscript';
import { toHtml } from 'hast-util-to-html';
import type { Element, ElementContent } from 'hast';
import type { Lang } from '../../context.js';
import type { ChangeSet, RecordedValue, ValueChange, ValueUse } from '../../model/changes.js';
import { makesClaim, ranges } from './summary.js';

/** Labels of the review page, in both languages at once (the page serves the editor of either edition). */
const t = {
  title: '数据变化 · Changes from data',
  first: '首次构建：没有可比较的上一版本。 · First build: there is nothing to compare with.',
  none: '与上一次构建相比，数据没有变化。 · No value from data changed since the last build.',
  changed: '变化的数值 · Changed values',
  added: '新增的数值 · Added values',
  removed: '删除的数值 · Removed values',
  charts: '重新绘制的图表 · Redrawn charts',
  pages: '有变化的 PDF 页面 · Changed PDF pages',
  before: '之前 · Before',
  after: '之后 · After',
  reread: '请复核：该表述可能不再成立 · Reread: the claim may no longer hold',
  notInProse: '正文未引用 · Not printed in prose',
  missingSvg: '（上一版本的图已不在缓存中 · the earlier drawing is no longer in the cache）',
};
const langName: Record<Lang, string> = { zh: '中文版 · Chinese edition', en: '英文版 · English edition' };

/**
 * dist/changes.html: every changed value with old → new, each sentence where it
 * is printed before and after (both editions, the value marked), sentences that
 * compare or rank flagged for rereading, redrawn charts side by side, and the
 * PDF pages that changed. Built as a hast tree; not linked from the editions.
 */
export function changesPage(set: ChangeSet, langs: Lang[], svgDir: string, since?: string): string {
  const body: ElementContent[] = [h('h1', t.title)];
  if (since) body.push(h('p.since', `git ${since} → working tree`));
  if (!set.compared) body.push(h('p', t.first));
  else if (!set.changed.length && !set.added.length && !set.removed.length && !set.charts.length)
    body.push(h('p', t.none));
  const section = (title: string, items: ValueChange[]) => {
    if (!items.length) return;
    body.push(h('h2', `${title} (${items.length})`), ...items.map((c) => valueBlock(c, langs)));
  };
  section(t.changed, set.changed);
  section(t.added, set.added);
  section(t.removed, set.removed);
  if (set.charts.length) {
    body.push(h('h2', `${t.charts} (${set.charts.length})`));
    for (const chart of set.charts) {
      for (const lang of langs) {
        if (chart.after[lang] === undefined || chart.after[lang] === chart.before[lang]) continue;
        body.push(
          h('section.chart', { id: `chart-${chart.id}-${lang}` }, [
            h('h3', `${chart.label[lang] ?? chart.id} — ${langName[lang]}`),
            h('div.side', [
              h('figure', [
                h('figcaption', t.before),
                svgOf(svgDir, chart.before[lang], `b-${chart.id.replace(/[^A-Za-z0-9-]/g, '-')}-${lang}`),
              ]),
              h('figure', [
                h('figcaption', t.after),
                svgOf(svgDir, chart.after[lang], `a-${chart.id.replace(/[^A-Za-z0-9-]/g, '-')}-${lang}`),
              ]),
            ]),
          ]),
        );
      }
    }
  }
  const pageLines = langs
    .filter((l) => set.pages[l] !== undefined)
    .map((l) => h('li', `${langName[l]}: ${set.pages[l]!.length ? ranges(set.pages[l]!) : '—'}`));
  if (pageLines.length) body.push(h('h2', t.pages), h('ul', pageLines));
  const doc = h('html', { lang: 'zh-CN' }, [
    h('head', [
      h('meta', { charset: 'utf-8' }),
      h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
      h('meta', { name: 'robots', content: 'noindex' }),
      h('title', t.title),
      ...langs.map((l) => h('link', { rel: 'stylesheet', href: `${l}/assets/fonts.css` })),
      h('style', css),
    ]),
    h('body', [h('main', body)]),
  ]);
  return `<!doctype html>\n${toHtml(doc, { allowDangerousHtml: true })}\n`;
}

function valueBlock(c: ValueChange, langs: Lang[]): Element {
  const rows: ElementContent[] = [];
  for (const lang of langs) {
    const before = c.usesBefore[lang] ?? [];
    const after = c.usesAfter[lang] ?? [];
    const text = `${shown(c.before, lang)} → ${shown(c.after, lang)}`;
    rows.push(h('h4', `${langName[lang]}: ${text}`));
    if (!before.length && !after.length) rows.push(h('p.muted', t.notInProse));
    for (let i = 0; i < Math.max(before.length, after.length); i++) {
      const b = before[i];
      const a = after[i];
      const use = a ?? b!;
      const claim = [a, b].some((u) => u && makesClaim(u.sentence, lang));
      rows.push(
        h('div.use', [
          h(
            'p.where',
            `${use.file}:${use.line}${a?.page ? ` · PDF p.${a.page}` : ''}${b?.page && b.page !== a?.page ? ` (was p.${b.page})` : ''}`,
          ),
          h('div.side', [
            h('blockquote.before', { lang: lang === 'zh' ? 'zh-CN' : 'en' }, sentence(b, 'del')),
            h('blockquote.after', { lang: lang === 'zh' ? 'zh-CN' : 'en' }, sentence(a, 'ins')),
          ]),
          ...(claim ? [h('p.reread', t.reread)] : []),
        ]),
      );
    }
  }
  return h('section.value', { id: `value-${c.id}` }, [
    h('h3', [h('code', c.id), ` ${c.before?.raw ?? '—'} → ${c.after?.raw ?? '—'}`]),
    ...rows,
  ]);
}

function shown(v: RecordedValue | undefined, lang: Lang): string {
  return v ? (v.text[lang] ?? v.raw) : '—';
}

/** A recorded sentence with its value wrapped in <del> or <ins>. */
function sentence(u: ValueUse | undefined, tag: 'del' | 'ins'): ElementContent[] {
  if (!u) return [h('span.muted', '—')];
  const out: ElementContent[] = [];
  // eslint-disable-next-line no-control-regex -- \u0001 and \u0002 are the markers around the value (sentences.ts)
  for (const [i, part] of u.sentence.split(/\u0001|\u0002/).entries())
    if (part) out.push(i % 2 ? h(tag, part) : { type: 'text', value: part });
  return out;
}

function svgOf(dir: string, hash: string | undefined, prefix: string): ElementContent {
  const file = hash ? path.join(dir, `${hash}.svg`) : '';
  if (!file || !existsSync(file)) return h('p.muted', hash ? t.missingSvg : '—');
  // An SVG we rendered ourselves (Vega's output, kept by hash), inlined so that it is set in the editions'
  // fonts; its ids are prefixed so that the before and after drawings cannot take each other's.
  const svg = readFileSync(file, 'utf8')
    .replace(/\bid="([^"]+)"/g, `id="${prefix}-$1"`)
    .replace(/url\(#([^)]+)\)/g, `url(#${prefix}-$1)`)
    .replace(/href="#([^"]+)"/g, `href="#${prefix}-$1"`);
  return h('div.svg', [{ type: 'raw', value: svg } as unknown as ElementContent]);
}

const css = `
body{margin:0;font:16px/1.6 'Source Sans 3','Noto Sans SC',sans-serif;color:#1a1a1a;background:#fff}
main{max-width:72rem;margin:0 auto;padding:1.5rem}
h1{font-size:1.6rem}h2{margin-top:2.5rem;border-bottom:1px solid #ccc}h3{margin-top:1.5rem}h4{margin:1rem 0 .25rem;font-size:1rem}
.side{display:grid;grid-template-columns:1fr 1fr;gap:1rem}
@media (max-width:700px){.side{grid-template-columns:1fr}}
blockquote{margin:0;padding:.5rem .75rem;background:#f6f6f6;border-left:3px solid #bbb}
blockquote.after{border-left-color:#2a6f3e}
del{background:#fbe3e3;color:#7a1010}ins{background:#dff3e4;color:#0d4d1f;text-decoration:none;font-weight:600}
.where,.muted{color:#555;font-size:.9rem;margin:.25rem 0}
.reread{color:#7a4b00;background:#fff3d6;padding:.25rem .5rem;display:inline-block;margin:.25rem 0;font-weight:600}
figure{margin:0}.svg svg{max-width:100%;height:auto}figcaption{font-weight:600;color:#555}
code{font-size:.95em;font-weight:600}
`;
