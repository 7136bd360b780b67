import path from 'node:path';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { threadId } from 'node:worker_threads';
import { sfntToWoff } from './woff.js';
import { toRanges } from './ranges.js';

/** Bump when the output of subsetting changes for the same input. */
const SUBSETTER_VERSION = '2';

/**
 * The package's font files as a build reads them: decoded from WOFF2 once,
 * their character maps read once (and cached on disk in <cache>/fonts), and
 * subsets made from them (cached on disk by file and character set). One
 * object per process (dev mode keeps it between builds); the caller owns it.
 * The font libraries (subset-font, fontverter, harfbuzzjs) are imported when first used: a session costs
 * nothing to create (the CLI creates one before it knows whether anything changed).
 */
export class FontFiles {
  /** A font file decoded from WOFF2 (the slow part of subsetting): the editions and the character maps share it. */
  private readonly decoded = new Map<string, Promise<Uint8Array>>();
  /**
   * One decode at a time: the WOFF2 decoder hands back a view of its own memory,
   * which fontverter copies only after an `await`, so two decodes in flight can
   * overwrite each other's result.
   */
  private decoding: Promise<unknown> = Promise.resolve();
  private readonly cmaps = new Map<string, Promise<[number, number][]>>();

  /** Whether decoded package files are kept beside the packages (keptFile): with the default decoder only. */
  private readonly keep: boolean;
  private readonly decode: (woff2: Uint8Array) => Promise<Uint8Array>;

  /** `decode`: WOFF2 → TrueType (default: fontverter; a test may pass its own to watch the decodes, which are then never kept). */
  constructor(decode?: (woff2: Uint8Array) => Promise<Uint8Array>) {
    this.keep = !decode;
    this.decode = decode ?? (async (bytes) => (await import('fontverter')).default.convert(bytes, 'truetype'));
  }

  /** The code points a font file maps (read once, then cached as ranges). */
  cmapRanges(cacheDir: string, file: string): Promise<[number, number][]> {
    const cached = this.cmapCacheFile(cacheDir, file);
    if (!this.cmaps.has(cached)) this.cmaps.set(cached, this.readCmap(cached, file));
    return this.cmaps.get(cached)!;
  }

  /** Whether the file's character map is already on disk (nothing to prefetch). */
  cmapCached(cacheDir: string, file: string): boolean {
    return existsSync(this.cmapCacheFile(cacheDir, file));
  }

  /** A WOFF subset of `file` with the code points `cps`, and a key naming it. */
  async subset(cacheDir: string, file: string, cps: number[]): Promise<{ key: string; bytes: Uint8Array }> {
    const key = createHash('sha256')
      .update(SUBSETTER_VERSION)
      .update(this.fileKey(file))
      .update(cps.join(','))
      .digest('hex');
    const cached = cacheFile(cacheDir, `${key.slice(0, 24)}.woff`);
    if (existsSync(cached)) return { key, bytes: readFileSync(cached) };
    const { default: subsetFont } = await import('subset-font');
    const bytes = sfntToWoff(
      await subsetFont(await this.sfntOf(file), String.fromCodePoint(...cps), { targetFormat: 'truetype' }),
    );
    writeAtomic(cached, bytes);
    return { key, bytes };
  }

  /** The font file decoded from WOFF2 to SFNT (once; text-measure.ts shapes with it too). */
  sfntOf(file: string): Promise<Uint8Array> {
    const key = this.fileKey(file);
    if (!this.decoded.has(key)) {
      const kept = this.keep && this.packages.get(path.dirname(file)) ? keptFile(file, key) : undefined;
      const next = this.decoding.then(async () => {
        if (kept && existsSync(kept)) return readFileSync(kept);
        const sfnt = await this.decode(readFileSync(file));
        if (kept) {
          try {
            writeAtomic(kept, sfnt);
          } catch {
            // (node_modules is read-only here: decoded again next time)
          }
        }
        return sfnt;
      });
      this.decoding = next.catch(() => undefined);
      this.decoded.set(key, next);
    }
    return this.decoded.get(key)!;
  }

  /** A font file's folder → the npm package it belongs to, as `name@version|path of the folder in it`. */
  private readonly packages = new Map<string, string | null>();

  /**
   * What names a font file in cache keys and output names: its name and size, and the name and version of the
   * npm package it comes from (a published version's files never change). Not its time of installation, so
   * that the same report gives the same font files on every machine and after every `npm ci`.
   */
  private fileKey(file: string): string {
    const folder = path.dirname(file);
    if (!this.packages.has(folder)) this.packages.set(folder, packageOf(folder));
    const pkg = this.packages.get(folder);
    const st = statSync(file);
    // (a file outside any package: the file as installed)
    return pkg ? `${pkg}/${path.basename(file)}|${st.size}` : `${file}|${st.size}|${Math.round(st.mtimeMs)}`;
  }

  private cmapCacheFile(cacheDir: string, file: string): string {
    const key = createHash('sha256').update(SUBSETTER_VERSION).update(this.fileKey(file)).digest('hex').slice(0, 24);
    return cacheFile(cacheDir, `cmap-${key}.json`);
  }

  private async readCmap(cached: string, file: string): Promise<[number, number][]> {
    if (existsSync(cached)) return JSON.parse(readFileSync(cached, 'utf8')) as [number, number][];
    const { Blob: HbBlob, Face: HbFace } = await import('harfbuzzjs');
    const face = new HbFace(new HbBlob(await this.sfntOf(file)), 0);
    const ranges = toRanges([...face.collectUnicodes()].sort((a, b) => a - b));
    writeAtomic(cached, JSON.stringify(ranges));
    return ranges;
  }
}

/** The npm package holding `folder` (the nearest package.json above it), as `name@version|folder within it`. */
function packageOf(folder: string): string | null {
  for (let dir = folder; ; dir = path.dirname(dir)) {
    try {
      const { name, version } = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
        name?: unknown;
        version?: unknown;
      };
      return typeof name === 'string' && typeof version === 'string'
        ? `${name}@${version}|${path.relative(dir, folder)}`
        : null;
    } catch {
      if (path.dirname(dir) === dir) return null;
    }
  }
}

/**
 * Where a package's font file is kept decoded: node_modules/.cache/bilingual-report/fonts/, named by the
 * package, its version, the file and its size (fileKey). A published package's files never change, so each
 * is decoded once per installation — not once per report, nor again on a report's cold build —, as the
 * compiled CLI and Vega-Lite's compiled schema are kept. None for a file outside node_modules or any package.
 */
function keptFile(file: string, key: string): string | undefined {
  const marker = `${path.sep}node_modules${path.sep}`;
  const at = file.lastIndexOf(marker);
  if (at < 0) return undefined;
  const dir = path.join(file.slice(0, at + marker.length), '.cache', 'bilingual-report', 'fonts');
  try {
    mkdirSync(dir, { recursive: true });
  } catch {
    return undefined;
  }
  return path.join(dir, `${createHash('sha256').update(key).digest('hex').slice(0, 24)}.ttf`);
}

/**
 * A font file made from others (the DOCX edition's merged faces), cached in <cache>/fonts like the subsets:
 * `key` names what it is made from and how (the subsets' keys, and a version of the maker).
 */
export async function cachedFont(cacheDir: string, key: string, make: () => Promise<Uint8Array>): Promise<Uint8Array> {
  const name = createHash('sha256').update(SUBSETTER_VERSION).update(key).digest('hex').slice(0, 24);
  const cached = cacheFile(cacheDir, `made-${name}.ttf`);
  if (existsSync(cached)) return readFileSync(cached);
  const bytes = await make();
  writeAtomic(cached, bytes);
  return bytes;
}

function cacheFile(cacheDir: string, name: string): string {
  const dir = path.join(cacheDir, 'fonts');
  mkdirSync(dir, { recursive: true });
  return path.join(dir, name);
}

function writeAtomic(file: string, content: string | Uint8Array): void {
  const tmp = `${file}.${process.pid}-${threadId}.tmp`; // (a chart thread may write the same file)
  writeFileSync(tmp, content);
  renameSync(tmp, file);
}
