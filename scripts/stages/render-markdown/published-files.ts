import path from 'node:path';
import { createHash } from 'node:crypto';
import type { BuildContext, Lang } from '../../context.js';
import type { Place } from '../../diagnostics/catalogue.js';
import type { Chapter } from '../../model/content.js';
import type { ReportData } from '../../model/data.js';
import type { EditionFile, Heading, PublishedFiles } from '../../model/edition.js';
import { readBytes, rel } from '../../sources/files.js';
import { checkImage, MAX_IMAGE_MB } from './image-check.js';

/** What a link may lead to besides chapters and datasets, by extension: published as they are, under files/. */
const linkedTypes = ['pdf', 'csv', 'tsv', 'json', 'txt', 'xlsx', 'xls', 'ods', 'docx', 'odt', 'pptx', 'zip'];
const imageTypes = ['png', 'jpg', 'jpeg', 'webp', 'svg'];
const MAX_LINKED_MB = 50;
const notAChapter =
  'a Markdown file is linked as a chapter of the report (content/<lang>/NN-slug.md): link to one, or publish it as a PDF';

/** Rounded up, so that a file just over the limit does not read as the limit: 10.1 MB, not 10.0. */
const megabytes = (bytes: number) => (Math.ceil((bytes / 1024 / 1024) * 10) / 10).toFixed(1);

/** A relative URL of a chapter, resolved: the file it names (inside the report root) and its fragment. */
export interface LocalTarget {
  abs: string;
  /** Without the "#"; empty when there is none. */
  fragment: string;
}

/**
 * The report's own files an edition shows or links to, published with it (the build never links to the
 * report folder, which is not on the site, nor to the machine's paths):
 * - an image → `assets/media/<name>-<hash>.<ext>`, checked (image-check.ts), with its size in pixels;
 * - a link to a dataset's file → its CSV as the edition publishes it, `data/<id>.csv`;
 * - a link to a chapter (`01-overview.md`, `01-overview.md#growth`) → its section (or the heading) in the
 *   edition; to a chapter of the other language → that edition's page;
 * - a link to an image or a document of a published type → `files/<name>-<hash>.<ext>`.
 * A target that is not there, or of another type, is reported where the link is written.
 */
export class EditionFiles {
  readonly published: PublishedFiles = { files: [], datasets: [] };
  private readonly byFile = new Map<string, string | undefined>();
  private readonly anchors: { url: string; id: string; chapter: Chapter; place: Place }[] = [];

  constructor(
    private readonly ctx: BuildContext,
    private readonly lang: Lang,
    private readonly chapters: Chapter[],
    private readonly data: ReportData,
  ) {}

  /** An image's published path and size, or undefined (reported) when it cannot be published. */
  image(url: string, target: LocalTarget, place: Place): { src: string; width?: number; height?: number } | undefined {
    const bytes = this.read(target.abs, place, MAX_IMAGE_MB, 'image');
    const info = bytes && checkImage(this.ctx, url, bytes, place);
    if (!bytes || !info) return undefined;
    return { src: this.publish('assets/media', target.abs, bytes), width: info.width, height: info.height };
  }

  /** The href a link to a file of the report gets in the edition, or undefined (reported) when it has none. */
  link(url: string, target: LocalTarget, place: Place): string | undefined {
    const file = rel(this.ctx, target.abs);
    const dataset = [...this.data.datasets.values()].find((d) => d.file === file);
    if (dataset) {
      this.published.datasets.push(dataset.id);
      return `data/${dataset.id}.csv`;
    }
    if (file.endsWith('.md')) return this.chapterLink(url, target, place);
    const ext = path.extname(file).slice(1).toLowerCase();
    if (!linkedTypes.includes(ext) && !imageTypes.includes(ext)) {
      const types = [...linkedTypes, ...imageTypes].join(', ');
      const hint = `link to a chapter, a dataset or a file of these types: ${types}`;
      return void this.ctx.diagnostics.report('link-file-type', place, [url], [hint]);
    }
    const bytes = this.read(target.abs, place, imageTypes.includes(ext) ? MAX_IMAGE_MB : MAX_LINKED_MB, 'file');
    if (!bytes || (imageTypes.includes(ext) && !checkImage(this.ctx, url, bytes, place))) return undefined;
    return this.publish('files', target.abs, bytes) + (target.fragment ? `#${target.fragment}` : '');
  }

  /** Report the links to a heading of a chapter of this edition that has no such heading (once every chapter's headings are known). */
  checkAnchors(headings: Heading[]): void {
    for (const { url, id, chapter, place } of this.anchors) {
      if (!headings.some((h) => h.id === id && h.chapterId === chapter.id))
        this.ctx.diagnostics.report('unknown-anchor', place, [url, id, chapter.file]);
    }
  }

  private chapterLink(url: string, target: LocalTarget, place: Place): string | undefined {
    const file = rel(this.ctx, target.abs);
    const chapter = this.chapters.find((c) => c.file === file);
    if (chapter) {
      if (!target.fragment) return `#section-${chapter.id}`;
      this.anchors.push({ url, id: target.fragment, chapter, place });
      return `#${target.fragment}`;
    }
    // A chapter of the other edition: the same file name in this one's folder gives its id.
    const other = /^content\/([a-z]+)\/([^/]+)$/.exec(file);
    const same = other && this.chapters.find((c) => path.basename(c.file) === other[2]);
    if (other && other[1] !== this.lang && same && this.exists(target.abs, place))
      return `../${other[1]}/index.html#${target.fragment || `section-${same.id}`}`;
    if (!this.exists(target.abs, place)) return undefined;
    this.ctx.diagnostics.report('link-file-type', place, [url], [notAChapter]);
    return undefined;
  }

  private exists(abs: string, place: Place): boolean {
    return this.read(abs, place, Infinity, 'file') !== undefined;
  }

  private read(abs: string, place: Place, maxMb: number, kind: string): Buffer | undefined {
    const url = rel(this.ctx, abs);
    return readBytes(this.ctx, abs, place, "fix the path: it is relative to the chapter's file", {
      maxBytes: maxMb * 1024 * 1024,
      tooLarge: (at, size) =>
        this.ctx.diagnostics.report('asset-too-large', at, [url, megabytes(size), String(maxMb), kind]),
    });
  }

  /** The file's path in the edition (its name and a hash of its content), published once however often it is used. */
  private publish(folder: string, abs: string, bytes: Buffer): string {
    const known = this.byFile.get(abs);
    if (known) return known;
    const ext = path.extname(abs).toLowerCase();
    const stem =
      path
        .basename(abs, path.extname(abs))
        .replace(/[^\w-]+/g, '-')
        .slice(0, 60) || 'file';
    const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 10);
    const published = `${folder}/${stem}-${hash}${ext}`;
    this.byFile.set(abs, published);
    const file: EditionFile = { path: published, content: new Uint8Array(bytes) };
    this.published.files.push(file);
    return published;
  }
}
