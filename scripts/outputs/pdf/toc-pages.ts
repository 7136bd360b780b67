import type { Page } from 'puppeteer-core';

/**
 * The table of contents' page numbers in the page being printed: which entries have one, writing them in, and
 * whether the numbers written are where the entries landed (print.ts prints again until they are).
 */

/** The ids the TOC gives page numbers for, in order. */
export function tocTargets(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.toc-page')].map((el) => el.dataset.target ?? '').filter(Boolean),
  );
}

/** Write page numbers into the TOC's slots (an id without one gets an empty slot). */
export function fillToc(page: Page, map: Record<string, number>): Promise<void> {
  return page.evaluate((map: Record<string, number>) => {
    document.querySelectorAll<HTMLElement>('.toc-page').forEach((el) => {
      el.textContent = String(map[el.dataset.target ?? ''] ?? '');
    });
  }, map);
}

/** Whether the TOC as printed (`pages`) says where its entries are (`found`). */
export function sameToc(toc: string[], pages: Record<string, number>, found: Record<string, number>): boolean {
  return toc.every((id) => pages[id] === found[id]);
}

export function tocDiff(toc: string[], pages: Record<string, number>, found: Record<string, number>): string {
  const wrong = toc.filter((id) => pages[id] !== found[id]);
  return `${wrong
    .slice(0, 3)
    .map((id) => `${id} guessed ${pages[id] ?? 'none'}, is ${found[id] ?? 'none'}`)
    .join(', ')}${wrong.length > 3 ? ` and ${wrong.length - 3} more` : ''}`;
}
