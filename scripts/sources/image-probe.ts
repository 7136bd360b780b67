/**
 * What an image file really is, read from its bytes (its magic number, not its name), and its size in pixels:
 * PNG (the IHDR chunk), JPEG (the first start-of-frame marker), WebP (its VP8, VP8L or VP8X chunk) and SVG
 * (the root element's width and height, else its viewBox).
 */

export type ImageType = 'png' | 'jpeg' | 'webp' | 'svg';

/** The image types a report may publish, by file extension. */
export const imageExtensions: Record<string, ImageType> = {
  png: 'png',
  jpg: 'jpeg',
  jpeg: 'jpeg',
  webp: 'webp',
  svg: 'svg',
};

export interface ImageInfo {
  type: ImageType;
  /** In CSS pixels; undefined when the file does not say (an SVG without width, height or viewBox). */
  width?: number;
  height?: number;
}

/** The type of image the bytes hold (undefined: none of ours), with its size when the header gives it. */
export function probeImage(bytes: Uint8Array): ImageInfo | undefined {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.length >= 24 && b.subarray(0, 8).equals(pngSignature) && b.toString('latin1', 12, 16) === 'IHDR')
    return { type: 'png', width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return { type: 'jpeg', ...jpegSize(b) };
  if (b.length >= 16 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP')
    return { type: 'webp', ...webpSize(b) };
  const text = b.toString('utf8', 0, Math.min(b.length, 4096));
  if (/^(?:\uFEFF)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*|<!DOCTYPE\s+svg\b[^>]*>\s*)*<svg[\s>]/i.test(text))
    return { type: 'svg', ...svgSize(b.toString('utf8')) };
  return undefined;
}

const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The size in the first SOFn segment (baseline, progressive, lossless…; not DHT, JPG or DAC, which share the range). */
function jpegSize(b: Buffer): { width?: number; height?: number } {
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return {};
    const marker = b[i + 1]!;
    if (marker === 0xff) {
      i++;
      continue;
    }
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      i += 2;
      continue;
    }
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker))
      return { height: b.readUInt16BE(i + 5), width: b.readUInt16BE(i + 7) };
    i += 2 + b.readUInt16BE(i + 2);
  }
  return {};
}

function webpSize(b: Buffer): { width?: number; height?: number } {
  const chunk = b.toString('latin1', 12, 16);
  if (chunk === 'VP8 ' && b.length >= 30)
    return { width: b.readUInt16LE(26) & 0x3fff, height: b.readUInt16LE(28) & 0x3fff };
  if (chunk === 'VP8L' && b.length >= 25) {
    const bits = b.readUInt32LE(21);
    return { width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8X' && b.length >= 30) return { width: b.readUIntLE(24, 3) + 1, height: b.readUIntLE(27, 3) + 1 };
  return {};
}

/** An SVG's size: its width and height in px (or unitless), else its viewBox's. */
function svgSize(text: string): { width?: number; height?: number } {
  const root = /<svg\b((?:[^>"']|"[^"]*"|'[^']*')*)>/i.exec(text)?.[1] ?? '';
  const attr = (name: string) => new RegExp(`(?:^|\\s)${name}\\s*=\\s*["']([^"']*)["']`, 'i').exec(root)?.[1]?.trim();
  const px = (v: string | undefined) => (v && /^\d+(\.\d+)?(px)?$/.test(v) ? Math.round(parseFloat(v)) : undefined);
  const [width, height] = [px(attr('width')), px(attr('height'))];
  if (width && height) return { width, height };
  const box = attr('viewBox')
    ?.split(/[\s,]+/)
    .map(Number);
  if (box?.length === 4 && box[2]! > 0 && box[3]! > 0)
    return { width: Math.round(box[2]!), height: Math.round(box[3]!) };
  return {};
}
