import path from 'node:path';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { prepare } from '../../../scripts/build.js';
import type { DevCache } from '../../../scripts/incremental/dev-cache.js';
import { options, reportCopy } from '../../helpers.js';

const svg = (fill: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 20"><rect width="40" height="20" fill="${fill}"/></svg>`;

describe("a chapter's images in dev mode (editions kept between rebuilds)", () => {
  it('renders the edition again when an image in images/ changes, under its new name', async () => {
    const root = reportCopy('mini');
    try {
      mkdirSync(path.join(root, 'images'));
      writeFileSync(path.join(root, 'images', 'shape.svg'), svg('#2a6'));
      for (const lang of ['zh', 'en']) {
        const chapter = path.join(root, 'content', lang, '01-main.md');
        writeFileSync(chapter, `${readFileSync(chapter, 'utf8')}\n![A shape](../../images/shape.svg)\n`);
      }
      const devCache: DevCache = new Map();
      const published = async () =>
        (await prepare(options(root, path.join(root, 'dist'), { formats: ['html'], devCache }))).rendered.en.published
          .files;
      const [first] = await published();
      expect(first?.path).toMatch(/^assets\/media\/shape-[0-9a-f]{10}\.svg$/);
      expect((await published())[0]?.path).toBe(first?.path);
      writeFileSync(path.join(root, 'images', 'shape.svg'), svg('#a62'));
      const [saved] = await published();
      expect(saved?.path).toMatch(/^assets\/media\/shape-[0-9a-f]{10}\.svg$/);
      expect(saved?.path).not.toBe(first?.path);
      expect(Buffer.from(saved!.content as Uint8Array).toString()).toBe(svg('#a62'));
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
