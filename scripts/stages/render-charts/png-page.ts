import type { Page } from 'puppeteer';

/** What a downloaded chart shows around the chart itself. */
export interface Frame {
  caption: string;
  /** Lines under the chart: the source line, the credit (report, date, address). */
  notes: string[];
}

export interface Composed {
  svg: string;
  /** The composed chart's text, by weight (for the fonts it embeds). */
  regular: string;
  bold: string;
  width: number;
  height: number;
}

/**
 * A chart as a file of its own (run on a chart page, with the bundled fonts):
 * the caption above it and the source and credit below, in the chart's font,
 * on white, each wrapped to the chart's width with the font's real measures.
 * Runs in the page: no named inner functions (tsx would wrap them in a helper the page does not have).
 */
export function composeOnPage(page: Page, chartSvg: string, frame: Frame): Promise<Composed> {
  return page.evaluate(
    async (chart: string, caption: string, notes: string[]) => {
      const NS = 'http://www.w3.org/2000/svg';
      const doc = new DOMParser().parseFromString(chart, 'image/svg+xml');
      const inner = doc.documentElement as unknown as SVGSVGElement;
      const chartW = Number(inner.getAttribute('width'));
      const chartH = Number(inner.getAttribute('height'));
      const family = inner.querySelector('text')?.getAttribute('font-family') ?? 'sans-serif';
      const margin = 16;
      const width = Math.max(chartW + 2 * margin, 480);
      const measure = document.createElement('canvas').getContext('2d')!;
      const blocks = [
        { text: caption, size: 15, bold: true, fill: '#1d1d1f', above: true },
        ...notes.filter(Boolean).map((t) => ({ text: t, size: 11, bold: false, fill: '#555a60', above: false })),
      ];
      await Promise.all(blocks.map((b) => document.fonts.load(`${b.bold ? 700 : 400} ${b.size}px ${family}`, b.text)));
      // Break between words, and between Chinese characters (never before closing punctuation).
      const laidOut = blocks.map((b) => {
        measure.font = `${b.bold ? 700 : 400} ${b.size}px ${family}`;
        const tokens = b.text.match(/[\u2e80-\u9fff\uf900-\ufaff][\u3001\u3002\uff0c\uff1a\uff1b\uff09\u300b\u201d\u3011]*|[^\s\u2e80-\u9fff\uf900-\ufaff]+\s*|\s+/g) ?? [];
        const lines: string[] = [];
        let line = '';
        for (const t of tokens) {
          if (line && measure.measureText((line + t).trimEnd()).width > width - 2 * margin) {
            lines.push(line.trimEnd());
            line = t.trimStart();
          } else line += t;
        }
        if (line.trim()) lines.push(line.trimEnd());
        return { ...b, lines };
      });
      const out = document.createElementNS(NS, 'svg');
      out.setAttribute('xmlns', NS);
      let y = margin;
      const texts: { el: SVGTextElement; bold: boolean }[] = [];
      const bg = document.createElementNS(NS, 'rect');
      out.append(bg);
      for (const pass of [true, false]) {
        if (!pass) {
          inner.setAttribute('x', String((width - chartW) / 2));
          inner.setAttribute('y', String(y));
          out.append(document.importNode(inner, true));
          y += chartH + 6;
        }
        for (const b of laidOut.filter((x) => x.above === pass)) {
          for (const l of b.lines) {
            const t = document.createElementNS(NS, 'text');
            y += b.size * 1.45;
            t.setAttribute('x', String(margin));
            t.setAttribute('y', String(Math.round((y - b.size * 0.35) * 10) / 10));
            t.setAttribute('font-family', family);
            t.setAttribute('font-size', `${b.size}px`);
            if (b.bold) t.setAttribute('font-weight', 'bold');
            t.setAttribute('fill', b.fill);
            t.textContent = l;
            out.append(t);
            texts.push({ el: t, bold: b.bold });
          }
          y += 4;
        }
      }
      const height = Math.ceil(y + margin);
      out.setAttribute('width', String(width));
      out.setAttribute('height', String(height));
      out.setAttribute('viewBox', `0 0 ${width} ${height}`);
      bg.setAttribute('width', String(width));
      bg.setAttribute('height', String(height));
      bg.setAttribute('fill', '#ffffff');
      const chartText = [...inner.querySelectorAll('text')].map((t) => t.textContent ?? '').join(' ');
      return {
        svg: new XMLSerializer().serializeToString(out),
        regular: `${chartText} ${texts.filter((t) => !t.bold).map((t) => t.el.textContent).join(' ')}`,
        bold: texts.filter((t) => t.bold).map((t) => t.el.textContent).join(' '),
        width,
        height,
      };
    },
    chartSvg,
    frame.caption,
    frame.notes,
  );
}

/**
 * A PNG of a self-contained SVG (its fonts embedded), drawn by Chromium as an image — as any browser
 * shows the downloaded SVG — onto a canvas at `scale` device pixels per CSS pixel.
 */
export async function pngOnPage(page: Page, svg: string, width: number, height: number, scale = 2): Promise<Uint8Array> {
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
