import { describe, expect, it } from 'vitest';
import { editionUrl, langs, open, useServedReport } from './web-harness.js';

/**
 * WCAG 2.2 beyond what axe-core can judge (docs/accessibility.md): the page reflows at 320 CSS px and at 200 % zoom
 * of a 1280 px window (640 CSS px) with no sideways scrolling of the page (1.4.10: only a table or chart may scroll
 * inside its own region), and nothing moves on its own when the reader asks for reduced motion (2.3.3).
 */
useServedReport();

describe.each(langs)('the %s edition', (lang) => {
  it.each([320, 640])('reflows at %i CSS px: the page never scrolls sideways', async (width) => {
    const { page } = await open(editionUrl(lang), { width, height: 800 });
    try {
      const wide = await page.evaluate(() => {
        const view = document.documentElement.clientWidth;
        // Anything sticking out of the window that is not inside a region that scrolls on its own.
        const scrolls = (el: Element) =>
          !!el.closest('.table-scroll, .chart, pre') || getComputedStyle(el).position === 'fixed';
        const out = [...document.body.querySelectorAll('*')]
          .filter((el) => el.getClientRects().length && !scrolls(el))
          .filter((el) => el.getBoundingClientRect().right > view + 1)
          .map((el) => `${el.tagName.toLowerCase()}.${el.className}`);
        return { scrollWidth: document.documentElement.scrollWidth, view, out: out.slice(0, 5) };
      });
      expect(wide.out).toEqual([]);
      expect(wide.scrollWidth).toBeLessThanOrEqual(wide.view);
    } finally {
      await page.close();
    }
  });

  it('has nothing that moves on its own for a reader who asks for reduced motion', async () => {
    const { page } = await open(editionUrl(lang), { width: 1280, height: 800 });
    try {
      await page.emulateMediaFeatures([{ name: 'prefers-reduced-motion', value: 'reduce' }]);
      const moving = await page.evaluate(() => ({
        animations: document.getAnimations().length,
        styled: [...document.querySelectorAll('*')]
          .filter((el) => {
            const s = getComputedStyle(el);
            return s.animationName !== 'none' || s.transitionDuration.split(',').some((d) => parseFloat(d) > 0);
          })
          .map((el) => el.tagName.toLowerCase()),
        smooth: getComputedStyle(document.documentElement).scrollBehavior,
      }));
      expect(moving).toEqual({ animations: 0, styled: [], smooth: 'auto' });
    } finally {
      await page.close();
    }
  });
});
