import { describe, expect, it } from 'vitest';
import { probeImage } from '../../scripts/sources/image-probe.js';
import { svgProblem } from '../../scripts/sources/svg-safety.js';

/** Headers as the formats write them, cut to what the probe reads (sizes chosen to tell width from height). */
const png = Buffer.concat([
  Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'),
  Buffer.from([0, 0, 0x01, 0x90, 0, 0, 0, 0xc8]), // 400 × 200
]);
/** SOI, an APP0 segment, then a baseline SOF0: 8 bits, height 3, width 5. */
const jpeg = Buffer.from('ffd8ffe000104a46494600010100000100010000ffc0000b080003000501011100ffd9', 'hex');
const riff = (chunk: string, body: number[]) =>
  Buffer.concat([Buffer.from('RIFF\0\0\0\0WEBP', 'latin1'), Buffer.from(chunk, 'latin1'), Buffer.from(body)]);

describe('probeImage', () => {
  it('reads the type from the bytes and the size from the header', () => {
    expect(probeImage(png)).toEqual({ type: 'png', width: 400, height: 200 });
    expect(probeImage(jpeg)).toEqual({ type: 'jpeg', width: 5, height: 3 });
    // VP8 (lossy): the frame size after the start code, 14 bits each
    const vp8 = [0, 0, 0, 0, 0, 0, 0, 0x9d, 0x01, 0x2a, 7, 0, 9, 0];
    expect(probeImage(riff('VP8 ', vp8))).toEqual({ type: 'webp', width: 7, height: 9 });
    // VP8X (extended): width − 1 and height − 1 in 24 bits
    expect(probeImage(riff('VP8X', [0, 0, 0, 0, 0, 0, 0, 0, 99, 0, 0, 49, 0, 0]))).toEqual({
      type: 'webp',
      width: 100,
      height: 50,
    });
    expect(probeImage(Buffer.from('<?xml version="1.0"?>\n<svg width="64" height="32"/>'))).toEqual({
      type: 'svg',
      width: 64,
      height: 32,
    });
    expect(probeImage(Buffer.from('<svg viewBox="0 0 120 60"></svg>'))).toEqual({
      type: 'svg',
      width: 120,
      height: 60,
    });
  });

  it('is no image for a page, a GIF or text that merely names svg', () => {
    expect(probeImage(Buffer.from('<!doctype html><svg></svg>'))).toBeUndefined();
    expect(probeImage(Buffer.from('GIF89a\x01\0\x01\0', 'latin1'))).toBeUndefined();
    expect(probeImage(Buffer.from('an svg drawing'))).toBeUndefined();
  });
});

describe('svgProblem', () => {
  const svg = (inner: string) =>
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">${inner}</svg>`;

  it('passes a drawing that references only itself', () => {
    expect(svgProblem(svg('<defs><linearGradient id="g"/></defs><rect fill="url(#g)"/><use xlink:href="#g"/>'))).toBe(
      undefined,
    );
  });

  it.each([
    ['<script>alert(1)</script>', 'a <script> element'],
    ['<SCRIPT href="x.js"/>', 'a <SCRIPT> element'],
    ['<foreignObject><p>x</p></foreignObject>', 'a <foreignObject> element'],
    ['<rect onload="alert(1)"/>', 'event handler attribute (onload)'],
    ['<rect\nONMOUSEOVER = "x"/>', 'event handler attribute (ONMOUSEOVER)'],
    ['<a href="&#106;avascript:alert(1)"><text>x</text></a>', '"javascript:alert(1)"'],
    ['<image xlink:href="file:///etc/passwd"/>', '"file:///etc/passwd"'],
    ['<image href="https://example.org/t.png"/>', '"https://example.org/t.png"'],
    ['<style>rect { fill: url(https://example.org/p.svg#x) }</style>', 'its CSS loads another file'],
    ['<style>@import "x.css";</style>', 'its CSS loads another file'],
  ])('refuses %s', (inner, why) => {
    expect(svgProblem(svg(inner))).toContain(why);
  });

  it('refuses entity declarations', () => {
    expect(svgProblem(`<!DOCTYPE svg [<!ENTITY a "aaaa">]>${svg('<text>&a;</text>')}`)).toContain('entities');
  });
});
