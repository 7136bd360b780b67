import { h } from 'hastscript';
import { toHtml } from 'hast-util-to-html';
import type { Element, ElementContent, Root } from 'hast';
import type { Lang } from '../../context.js';
import type { ReportConfig } from '../../model/config.js';
import type { Alignment, ChapterAlignment, Unit, UnitPair } from '../../model/alignment.js';
import { textChange } from '../../units/text-diff.js';
import { changeText, unitText, type TextContext } from './unit-text.js';
import { reviewCss } from './style.js';

export interface ReviewInput extends TextContext {
  alignment: Alignment;
  config: ReportConfig;
  /** The report root as seen from dist/review/ (a relative path), for links to the source files. */
  sourceBase: string;
}

const names: Record<Lang, string> = { zh: 'Chinese', en: 'English' };
const htmlLangs: Record<Lang, string> = { zh: 'zh-Hans', en: 'en' };

const statusLabel: Record<UnitPair['status'], string> = {
  ok: '',
  stale: 'Source changed since this was translated — revise the translation',
  untranslated: 'No translation',
  orphan: 'No source: the translation has a unit the source does not',
  unrecorded: 'Paired by position: no source text recorded yet',
};

/**
 * dist/review/index.html: each edition's units side by side, source on the left, translation on the
 * right, in reading order. Units whose source changed since they were translated show the change; units
 * on one side only and pairs that differ in numbers or references are flagged. Each unit links to its
 * place in both editions and to its source file and line. One page, its CSS inline, the editions' fonts.
 */
export function reviewPage(input: ReviewInput): string {
  const { alignment, config } = input;
  const src = alignment.source;
  const chapters = alignment.translations.flatMap((t) => t.chapters);
  const pairs = chapters.flatMap((c) => c.pairs).filter((p) => (p.source ?? p.target)!.kind !== 'slot');
  const count = (f: (p: UnitPair) => boolean) => pairs.filter(f).length;
  const attention = chapters.flatMap((c) => c.pairs.filter(needsAttention).map((p) => ({ c, p })));
  const title = `Translation review — ${config.editions[src].title}`;
  const translated = alignment.translations.map((t) => names[t.lang]).join(' and ');
  const tree: Root = {
    type: 'root',
    children: [
      { type: 'doctype' },
      h('html', { lang: 'en' }, [
        h('head', [
          h('meta', { charset: 'utf-8' }),
          h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
          h('meta', { name: 'robots', content: 'noindex' }),
          h('title', title),
          // Its own fonts, cut down to its text (build.ts): the editions' are cut down to theirs.
          h('link', { rel: 'stylesheet', href: 'assets/fonts.css' }),
          h('style', reviewCss),
        ]),
        h('body', [
          h('header.top', [
            h('h1', title),
            h(
              'p.lede',
              `Each unit of the ${translated} edition beside the ${names[src]} unit it translates, in reading order. ` +
                'Built with every build; not linked from the editions. npm run check prints the same findings with file and line.',
            ),
            h('ul.summary', [
              summaryItem(pairs.length, 'units'),
              summaryItem(
                count((p) => p.status === 'stale'),
                'changed since translated',
              ),
              summaryItem(
                count((p) => p.status === 'untranslated'),
                'without translation',
              ),
              summaryItem(
                count((p) => p.status === 'orphan'),
                'without source',
              ),
              summaryItem(
                count((p) => p.status === 'unrecorded'),
                'not recorded',
              ),
              summaryItem(
                count((p) => p.mismatches.length > 0),
                'pairs that differ',
              ),
            ]),
            h('label.filter', [
              h('input#attention-only', { type: 'checkbox' }),
              ' Show only the units that need attention',
            ]),
            attention.length
              ? h(
                  'ol.attention',
                  attention.map(({ c, p }) =>
                    h('li', [h('a', { href: `#${rowId(c, p)}` }, describe(p)), ` — ${(p.target ?? p.source)!.id}`]),
                  ),
                )
              : h('p.lede', 'Every unit is in step with its source.'),
          ]),
          h(
            'main',
            chapters.map((c) => chapterSection(c, input)),
          ),
        ]),
      ]),
    ],
  };
  return toHtml(tree);
}

function summaryItem(n: number, what: string): Element {
  return h('li', [h('span.n', String(n)), ` ${what}`]);
}

const needsAttention = (p: UnitPair) => p.status !== 'ok' || p.mismatches.length > 0;

function describe(p: UnitPair): string {
  return p.status !== 'ok' ? statusLabel[p.status] : 'The pair differs';
}

function rowId(c: ChapterAlignment, p: UnitPair): string {
  return `u-${c.target.lang}-${(p.target ?? p.source)!.id}`;
}

function chapterSection(c: ChapterAlignment, input: ReviewInput): Element {
  const heading = c.pairs.find((p) => p.source?.kind === 'heading' || p.target?.kind === 'heading');
  const link = (file: string) => h('a', { href: `${input.sourceBase}/${file}` }, file);
  return h('section.chapter', { id: `chapter-${c.target.lang}-${c.id}` }, [
    h('h2', heading ? [heading.source?.text ?? '', ' · ', heading.target?.text ?? ''] : c.id),
    h('p.files', [
      link(c.source.file),
      ' ↔ ',
      link(c.target.file),
      ' · recorded in ',
      c.recorded ? link(c.sidecar) : `${c.sidecar} (missing)`,
    ]),
    h('div.columns', { ariaHidden: 'true' }, [h('div', names[c.source.lang]), h('div', names[c.target.lang])]),
    ...c.pairs.map((p) => row(c, p, input)),
  ]);
}

function row(c: ChapterAlignment, p: UnitPair, input: ReviewInput): Element {
  const kind = (p.source ?? p.target)!.kind;
  if (kind === 'slot') {
    const u = (p.source ?? p.target)!;
    return h('div.row.slot', [h('div.slot-label', u.id === 'byline' ? 'byline' : `${u.id} placed here`)]);
  }
  const classes = ['row', p.status, kind, p.mismatches.length ? 'mismatch' : ''].filter(Boolean);
  const flags: ElementContent[] = [];
  if (p.status !== 'ok') flags.push(h('div.status', statusLabel[p.status]));
  else if (p.mismatches.length) flags.push(h('div.status', 'The pair differs'));
  const mismatches = p.mismatches.length
    ? [
        h(
          'ul.issues',
          p.mismatches.map((m) =>
            h('li', `${m.what} only in the ${names[m.side === 'source' ? c.source.lang : c.target.lang]}`),
          ),
        ),
      ]
    : [];
  const stale = p.status === 'stale' && p.source && p.record?.source !== undefined;
  return h(`div`, { className: classes, id: rowId(c, p) }, [
    ...flags,
    cell(
      p.source,
      c.source.lang,
      input,
      stale
        ? h('div.change', [
            h('div.was', { lang: 'en' }, 'Changed since translated (struck out: removed; underlined: added):'),
            h('p', changeText(textChange(p.record!.source!, p.source!.text, c.source.lang), c.source.lang)),
          ])
        : undefined,
      `no ${names[c.source.lang]} source`,
    ),
    cell(p.target, c.target.lang, input, undefined, `no ${names[c.target.lang]} translation`),
    ...mismatches,
  ]);
}

function cell(
  u: Unit | undefined,
  lang: Lang,
  input: ReviewInput,
  change: Element | undefined,
  missing: string,
): Element {
  if (!u) return h('div.unit', { lang: htmlLangs[lang] }, [h('p.missing', missing)]);
  const edition = `../${lang}/index.html#${encodeURIComponent(u.anchor)}`;
  return h('div.unit', { lang: htmlLangs[lang] }, [
    h('div.where', { lang: 'en' }, [
      h('a', { href: edition }, `${names[lang]} edition`),
      ' · ',
      h('a', { href: `${input.sourceBase}/${u.file}` }, `${u.file}:${u.line}`),
      ` · ${u.id}`,
    ]),
    ...(change ? [change] : []),
    h('div.text', unitText(u.text, lang, input)),
  ]);
}
