import { decodeHTMLAttribute } from 'entities/decode';
import type { BuildContext, Lang } from '../../context.js';
import type { Heading } from '../../model/edition.js';
import { templateFile, type Templates } from '../../model/templates.js';
import { lineOf } from '../../sources/positions.js';
import { isUnsafeLink, urlScheme } from '../../sources/link-schemes.js';

const languageNames: Record<Lang, string> = { zh: 'Chinese', en: 'English' };

/** A valid `datetime`: a date, month, year, time, date and time (with its zone) or a duration, as HTML defines them. */
const machineDate = new RegExp(
  `^(${[
    /\d{4}(-\d{2}(-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?)?)?/.source,
    /\d{2}:\d{2}(:\d{2}(\.\d+)?)?/.source,
    /P(\d+D)?(T(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?/.source,
    /--\d{2}-\d{2}/.source,
    /\d{4}-W\d{2}/.source,
  ].join('|')})$`,
);

/**
 * Checks on an edition's finished page, each reported at the template that
 * writes what is wrong (found by its text):
 * - every element id is unique (links, the TOC, notes and screen readers go by
 *   them); a heading id the layout also uses is reported at the heading;
 * - every `<time datetime>` holds a machine-readable date (2023-01-10), not
 *   the date as printed;
 * - no link opens anything but a page, a mail, a place or a file (sources/link-schemes.ts);
 * - no element links to or loads a `file:` URL (a path on the build machine, which no reader has).
 */
export function checkPage(
  ctx: BuildContext,
  lang: Lang,
  html: string,
  headings: Heading[],
  templates: Templates,
): void {
  const count = new Map<string, number>();
  const badTimes: string[] = [];
  const unsafe = new Set<string>();
  const fileUrls = new Set<string>();
  for (const { tag, attrs } of startTags(html)) {
    for (const name of urlAttributes) {
      const url = attrs.get(name);
      if (url !== undefined && url.split(',').some((u) => urlScheme(u.trim()) === 'file')) fileUrls.add(url);
    }
    for (const name of linkAttributes[tag] ?? []) {
      const url = attrs.get(name);
      if (url !== undefined && isUnsafeLink(url) && !fileUrls.has(url)) unsafe.add(url);
    }
    const id = attrs.get('id');
    if (id !== undefined) count.set(id, (count.get(id) ?? 0) + 1);
    const datetime = attrs.get('datetime');
    if (tag === 'time' && datetime !== undefined && !machineDate.test(datetime.trim())) badTimes.push(datetime);
  }
  const sources = [
    [templateFile(templates, 'layout'), templates.layout],
    ...Object.entries(templates.partials).map(([n, t]) => [templateFile(templates, `partials/${n}`), t]),
  ] as [string, string][];
  const at = (written: RegExp) => {
    const [file, text] = sources.find(([, t]) => written.test(t)) ?? [templateFile(templates, 'layout'), ''];
    const m = written.exec(text);
    return m ? lineOf(text, m[0], file) : { file, line: 1, column: 1 };
  };
  // Links from chapters are checked where they are written (render-markdown); any other (a template, a
  // string, data) is reported at the template that holds it, or at the layout.
  for (const url of unsafe) ctx.diagnostics.report('unsafe-link', at(new RegExp(escapeRegExp(url))), [url]);
  for (const url of fileUrls) ctx.diagnostics.report('file-url', at(new RegExp(escapeRegExp(url))), [url]);
  for (const value of new Set(badTimes)) {
    // The template that wrote it: one whose datetime holds the value itself, or an expression other than the ISO date's.
    const times = sources.flatMap(([file, text]) =>
      [...text.matchAll(/<time\b[^>]*?\bdatetime\s*=\s*["']?([^"'\s>]*)/g)].map((m) => ({ file, text, m })),
    );
    const iso = /^\{\{\s*(isoDate|config\.date)\s*\}\}$/;
    const t = times.find(({ m }) => m[1] === value) ?? times.find(({ m }) => !iso.test(m[1]!)) ?? times[0];
    ctx.diagnostics.report(
      'time-datetime',
      t ? lineOf(t.text, t.m[0], t.file) : { file: templateFile(templates, 'layout'), line: 1, column: 1 },
      [value, languageNames[lang]],
    );
  }
  for (const [id, n] of count) {
    if (n < 2) continue;
    const heading = headings.find((hd) => hd.id === id);
    if (heading) {
      ctx.diagnostics.report('duplicate-id', { file: heading.file, line: heading.line, column: 1 }, [
        id,
        `${templateFile(templates, 'layout')}, which uses it for its own element`,
      ]);
      continue;
    }
    ctx.diagnostics.report('duplicate-page-id', at(new RegExp(`\\bid\\s*=\\s*["']?${escapeRegExp(id)}["'\\s>]`)), [
      id,
      languageNames[lang],
    ]);
  }
}

/** The attributes whose URL a reader's click opens, by element (a `<link>`'s href only names a resource). */
const linkAttributes: Record<string, string[]> = {
  a: ['href', 'xlink:href'],
  area: ['href'],
  form: ['action'],
  button: ['formaction'],
  input: ['formaction'],
};

/** Every attribute that holds a URL to open or load (srcset: a list, each URL first in its item). */
const urlAttributes = ['href', 'src', 'srcset', 'xlink:href', 'action', 'formaction', 'poster', 'data', 'cite'];

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Markup as HTML tokenizes it, as far as these checks need: comments, CDATA sections, doctypes and end tags
 * (skipped), the text of script, style, textarea and title elements (skipped: no tags in it), and start tags
 * (group 3: name, group 4: attributes, quoted values kept whole).
 */
const markup = new RegExp(
  [
    /<!--[\s\S]*?(?:-->|$)/.source,
    /<!\[CDATA\[[\s\S]*?(?:\]\]>|$)/.source,
    /<[!?][^>]*>?|<\/[^>]*>?/.source,
    /<(script|style|textarea|title)(?=[\s/>])((?:[^>"']|"[^"]*"|'[^']*')*)>[\s\S]*?(?:<\/\1\s*>|$)/.source,
    /<([a-zA-Z][^\s/>]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/.source,
  ].join('|'),
  'gi',
);
const attribute = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;

/**
 * Each start tag of a page, with its attributes (names lower-cased, values decoded; the first of a repeated
 * name wins, as in HTML). A scan, not a parse: a tree is not needed to count ids, and parse5 took ~0.2 s of
 * a build per edition where this takes ~2 ms.
 */
export function* startTags(html: string): Generator<{ tag: string; attrs: Map<string, string> }> {
  for (const m of html.matchAll(markup)) {
    const tag = m[1] ?? m[3];
    if (!tag) continue;
    const attrs = new Map<string, string>();
    for (const a of (m[2] ?? m[4] ?? '').matchAll(attribute)) {
      const name = a[1]!.toLowerCase();
      if (!attrs.has(name)) attrs.set(name, decodeHTMLAttribute(a[2] ?? a[3] ?? a[4] ?? ''));
    }
    yield { tag: tag.toLowerCase(), attrs };
  }
}
