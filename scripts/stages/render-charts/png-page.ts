import type { Page } from 'puppeteer-core';

/**
 * A PNG of a self-contained SVG (its fonts embedded), drawn by Chromium as an image — as any browser
 * shows the downloaded SVG — onto a canvas at `scale` device pixels per CSS pixel.
 */
export async function pngOnPage(
  page: Page,
  svg: string,
  width: number,
  height: number,
  scale = 2,
): Promise<Uint8Array> {
  const base64 = await page.evaluate(
    async (markup: string, w: number, h: number, k: number) => {
      const url = URL.createObjectURL(new Blob([markup], { type: 'image/svg+xml' }));
      try {
        const img = new Image();
        img.src = url;
        await img.decode();
        const canvas = document.createElement('canvas');
        canvas.width = Math.round(w * k);
        canvas.height = Math.round(h * k);
        const g = canvas.getContext('2d')!;
        g.fillStyle = '#fff';
        g.fillRect(0, 0, canvas.width, canvas.height);
        g.drawImage(img, 0, 0, canvas.width, canvas.height);
        return canvas.toDataURL('image/png').split(',')[1]!;
      } finally {
        URL.revokeObjectURL(url);
      }
    },
    svg,
    width,
    height,
    scale,
  );
  return Buffer.from(base64, 'base64');
}
