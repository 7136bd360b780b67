import type { Page } from 'puppeteer-core';
import type { Place } from './destinations.js';

/**
 * Where Chromium will break the pages, learnt before printing.
 *
 * Chromium lays out a print and a multi-column box with the same block fragmentation engine (LayoutNG): the
 * same line breaks, `break-inside: avoid`, orphans and widows, margins truncated at a break. So the probe lays
 * the document out, on screen, as one column per page: the body becomes a multi-column box whose columns have
 * the size of the page's text area (from the `@page` rule), filled one after the other; every forced page
 * break (`break-before/after: page`, a change of named page) becomes a column break. An element's column is its
 * page, and its distance from the column's top is where its named destination will point.
 *
 * On Chromium 156 it is exact for this report and the test reports: every block marker (floats.ts) and every
 * TOC target lands on the page, and at the pixel, where the print's named destination puts it. It stays a
 * guess: a page whose size or margins differ from the default `@page` (`:first`, a named page with other
 * margins), content wider than the page (which Chromium shrinks to fit), or fixed-position furniture lay out
 * differently in print. The print is always read back and the guess checked (index.ts).
 */

/** The page's text area in CSS px, or why the probe cannot tell. */
export type PageArea = { width: number; height: number } | { unknown: string };

/**
 * Read the default `@page` rule's size and margins (the last that applies wins, as in the cascade). A page loaded
 * from a file may not read its linked style sheets' rules (file URLs are opaque origins): `readSheet` gives their
 * text, which is parsed again in the page.
 */
export async function pageArea(page: Page, readSheet: (href: string) => string | undefined): Promise<PageArea> {
  // tsx names the functions it compiles with a helper the page does not have.
  await page.evaluate('globalThis.__name = globalThis.__name || ((f) => f)');
  const sheets = await unreadableSheetTexts(page, readSheet);
  if ('unknown' in sheets) return sheets;
  const props = await page.evaluate(defaultPageRule, sheets.texts);
  const size = pageSize(props.size);
  if (!size) return { unknown: `@page size "${props.size}"` };
  const margins = ['top', 'right', 'bottom', 'left'].map((side) => props[`margin-${side}`] ?? '0');
  const [w, h, top, right, bottom, left] = await page.evaluate(lengthsInPx, [size.width, size.height, ...margins]);
  if (w == null || h == null) return { unknown: `@page size "${props.size}"` };
  if ([top, right, bottom, left].some((m) => m == null)) return { unknown: '@page margins that are not lengths' };
  const [width, height] = size.landscape && h > w ? [h, w] : [w, h];
  // Chromium lays a page's text area out in whole pixels, rounded up (measured on Chromium 156).
  return { width: Math.ceil(width - left! - right!), height: Math.ceil(height - top! - bottom!) };
}

/** The text of each style sheet whose rules the page may not read, by its href; or which one could not be read. */
async function unreadableSheetTexts(
  page: Page,
  readSheet: (href: string) => string | undefined,
): Promise<{ texts: Record<string, string> } | { unknown: string }> {
  const hrefs = await page.evaluate(() =>
    [...document.styleSheets].flatMap((sheet) => {
      try {
        void sheet.cssRules;
        return [];
      } catch {
        return sheet.href ? [sheet.href] : [];
      }
    }),
  );
  const texts: Record<string, string> = {};
  for (const href of hrefs) {
    const text = readSheet(href);
    if (text === undefined) return { unknown: `the style sheet ${href} could not be read` };
    texts[href] = text;
  }
  return { texts };
}

/**
 * Runs in the page (everything it calls is defined inside it): the size and margins of the default `@page` rule,
 * the last that applies winning; a sheet in `texts` is read from its text.
 */
function defaultPageRule(texts: Record<string, string>): Record<string, string> {
  const props: Record<string, string> = {};
  const visit = (rules: CSSRuleList): void => {
    for (const rule of rules) {
      if (rule instanceof CSSMediaRule) {
        if (matchMedia(rule.conditionText).matches) visit(rule.cssRules);
      } else if (rule instanceof CSSPageRule && rule.selectorText === '') {
        for (const name of ['size', 'margin-top', 'margin-right', 'margin-bottom', 'margin-left']) {
          const v = rule.style.getPropertyValue(name).trim();
          if (v) props[name] = v;
        }
      }
    }
  };
  for (const sheet of document.styleSheets) {
    if (sheet.disabled || (sheet.media.mediaText && !matchMedia(sheet.media.mediaText).matches)) continue;
    const text = sheet.href ? texts[sheet.href] : undefined;
    if (text === undefined) visit(sheet.cssRules);
    else {
      const copy = new CSSStyleSheet();
      copy.replaceSync(text);
      visit(copy.cssRules);
    }
  }
  return props;
}

/** Runs in the page: CSS lengths in px as the page computes them; null for what is not a length. */
function lengthsInPx(lengths: string[]): (number | null)[] {
  const probe = document.createElement('div');
  document.body.append(probe);
  try {
    return lengths.map((length) => {
      if (!/^-?[\d.]+(px|mm|cm|in|pt|pc|q)$|^0$/i.test(length)) return null;
      probe.style.width = length;
      return parseFloat(getComputedStyle(probe).width);
    });
  } finally {
    probe.remove();
  }
}

/** The paper sizes `@page { size }` may name: width and height in mm, portrait. */
const paperSizes: Record<string, [number, number]> = {
  a5: [148, 210],
  a4: [210, 297],
  a3: [297, 420],
  b5: [176, 250],
  b4: [250, 353],
  'jis-b5': [182, 257],
  'jis-b4': [257, 364],
  letter: [215.9, 279.4],
  legal: [215.9, 355.6],
  ledger: [279.4, 431.8],
};

/**
 * The page's width and height as `@page { size }` gives them (CSS lengths, portrait unless `landscape`), or
 * undefined for a size the probe cannot use (`auto`). No size is Puppeteer's page.pdf() default: US Letter.
 */
function pageSize(sizeProp: string | undefined): { width: string; height: string; landscape: boolean } | undefined {
  const size = (sizeProp ?? 'letter').toLowerCase().split(/\s+/);
  const landscape = size.includes('landscape');
  const named = size.find((s) => s in paperSizes);
  const lengths = size.filter((s) => s !== 'landscape' && s !== 'portrait' && !(s in paperSizes));
  if (named || (lengths.length === 0 && size.includes('portrait'))) {
    const [a, b] = paperSizes[named ?? 'letter']!;
    return { width: `${a}mm`, height: `${b}mm`, landscape };
  }
  if (lengths.length && !size.includes('auto'))
    return { width: lengths[0]!, height: lengths[1] ?? lengths[0]!, landscape };
  return undefined;
}

/**
 * Lay the page out as pages (see above) until `endProbe`: the page's own edits in between (figures moved, TOC
 * numbers written) are laid out the same way, so each probe costs only what changed.
 */
export function startProbe(page: Page, area: { width: number; height: number }): Promise<void> {
  return page.evaluate((a: { width: number; height: number }) => {
    const PAGE_BREAKS = ['page', 'left', 'right', 'recto', 'verso'];
    const style = document.createElement('style');
    style.id = 'layout-probe';
    style.textContent = [
      `html { margin: 0 !important; padding: 0 !important; }`,
      `body { column-width: ${a.width}px !important; column-count: auto !important;`,
      `  column-gap: 0 !important; column-fill: auto !important;`,
      `  width: ${a.width}px !important; height: ${a.height}px !important; max-width: none !important; overflow: visible !important; }`,
      `[data-probe-before] { break-before: column !important; }`,
      `[data-probe-after] { break-after: column !important; }`,
    ].join('\n');
    // Forced page breaks, and a change of named page between siblings, become column breaks. An element not
    // shown keeps its marks for when it is (a script may show it); what is inside it, and inside SVG drawings,
    // is not walked.
    const pageOf = (s: CSSStyleDeclaration) => (s as CSSStyleDeclaration & { page?: string }).page;
    const walk = (parent: Element): void => {
      let prev: CSSStyleDeclaration | undefined;
      for (const el of parent.children) {
        const s = getComputedStyle(el);
        const shown = s.display !== 'none';
        if (PAGE_BREAKS.includes(s.breakBefore) || (shown && prev && pageOf(prev) !== pageOf(s)))
          el.setAttribute('data-probe-before', '');
        if (PAGE_BREAKS.includes(s.breakAfter)) el.setAttribute('data-probe-after', '');
        if (!shown) continue;
        prev = s;
        if (el.namespaceURI === 'http://www.w3.org/1999/xhtml') walk(el);
      }
    };
    walk(document.body);
    document.head.append(style);
  }, area);
}

/** The page back as it was laid out before `startProbe`. */
export function endProbe(page: Page): Promise<void> {
  return page.evaluate(() => {
    document.getElementById('layout-probe')?.remove();
    for (const el of document.querySelectorAll('[data-probe-before], [data-probe-after]')) {
      el.removeAttribute('data-probe-before');
      el.removeAttribute('data-probe-after');
    }
  });
}

/**
 * While probing: for each id asked for, the page (1-based) and the distance from the top of the text area (pt)
 * of that element, as the print's named destination will give them.
 */
export function probePlaces(
  page: Page,
  area: { width: number; height: number },
  ids: string[],
): Promise<Map<string, Place>> {
  return page
    .evaluate(
      (a: { width: number; height: number }, wanted: string[]) => {
        const origin = document.body.getBoundingClientRect();
        const out: [string, { page: number; top: number }][] = [];
        for (const id of wanted) {
          const r = document.getElementById(id)?.getClientRects()[0];
          if (!r) continue;
          const column = Math.floor((r.left - origin.left + 0.5) / a.width);
          // A destination is a whole pixel; one above the top of its page (an inline box's ascent can be) is
          // written at the foot of the page before.
          const y = Math.floor(r.top - origin.top);
          const [page, top] = y < 0 && column > 0 ? [column, a.height + y] : [column + 1, y];
          out.push([id, { page, top: top * 0.75 }]);
        }
        return out;
      },
      area,
      ids,
    )
    .then((list) => new Map(list));
}
