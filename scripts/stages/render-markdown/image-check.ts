import type { BuildContext } from '../../context.js';
import type { Place } from '../../diagnostics/catalogue.js';
import { imageExtensions, probeImage, type ImageInfo, type ImageType } from '../../sources/image-probe.js';
import { svgProblem } from '../../sources/svg-safety.js';

/** Larger than any image a report prints: a 2,000-pixel photo is well under 1 MB as JPEG. */
export const MAX_IMAGE_MB = 10;
/** Pixels on a side: ~85 cm at 300 dpi, far more than a page (a larger one is a scan or an export at the wrong scale). */
export const MAX_IMAGE_SIDE = 10_000;

const typeNames: Record<ImageType, string> = { png: 'a PNG', jpeg: 'a JPEG', webp: 'a WebP', svg: 'an SVG' };

/**
 * An image of the report as it will be published: of a type we publish by its name, really of that type by its
 * bytes (a `.png` that is a JPEG, an HTML page or a program is refused), at most MAX_IMAGE_SIDE pixels on a side,
 * and an SVG without script or outside references (sources/svg-safety.ts). Undefined (reported) otherwise.
 */
export function checkImage(ctx: BuildContext, url: string, bytes: Buffer, place: Place): ImageInfo | undefined {
  const ext = /\.([a-z0-9]+)$/i.exec(url.split(/[?#]/)[0]!)?.[1]?.toLowerCase() ?? '';
  const named = imageExtensions[ext];
  if (!named) return void ctx.diagnostics.report('image-format', place, [url]);
  const info = probeImage(bytes);
  if (info?.type !== named)
    return void ctx.diagnostics.report('image-type', place, [
      url,
      typeNames[named],
      info ? `those of ${typeNames[info.type]} image` : 'those of no image type the report publishes',
    ]);
  if ((info.width ?? 0) > MAX_IMAGE_SIDE || (info.height ?? 0) > MAX_IMAGE_SIDE)
    return void ctx.diagnostics.report('image-pixels', place, [
      url,
      `${info.width} × ${info.height}`,
      MAX_IMAGE_SIDE.toLocaleString('en'),
    ]);
  const unsafe = info.type === 'svg' ? svgProblem(bytes.toString('utf8')) : undefined;
  if (unsafe) return void ctx.diagnostics.report('unsafe-svg', place, [url, unsafe]);
  return info;
}
