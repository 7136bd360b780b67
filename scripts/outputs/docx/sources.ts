import { refPieces } from '../../locale/ref-list.js';
import { unbroken } from '../../locale/no-break.js';
import type { Lang } from '../../context.js';
import { figureAnchor, type Unit } from '../../model/alignment.js';
import type { ReportData } from '../../model/data.js';
import type { RenderedEdition } from '../../model/edition.js';
import { chapterUnits } from '../../units/extract.js';
import { formatBare, formatValue } from '../../locale/units.js';
import { sourcesNamespace, type SourceNumber, type SourcePlace } from '../../model/docx-sources.js';

const numExpression = /\{\{\s*num\s+"([^"]+)"([^}]*)\}\}/g;
const refExpression = /\{\{\s*ref((?:\s+"[^"]+")+)\s*\}\}/g;

/**
 * The source places of one edition's paragraphs. Each paragraph written gets a hidden bookmark (`_Src12`:
 * Word hides bookmarks whose name starts with "_") and a line in the custom XML part naming its unit, file,
 * line and the numbers it prints from data.
 */
export class SourceMap {
  readonly places: SourcePlace[] = [];
  private readonly units = new Map<string, Map<string, Unit>>();

  constructor(
    private readonly rendered: RenderedEdition,
    private readonly data: ReportData,
    private readonly lang: Lang,
  ) {}

  /** The unit of a chapter (by the page's `data-chapter`) with this id, if the chapter has one. */
  unit(chapterId: string, unitId: string): Unit | undefined {
    if (!this.units.has(chapterId)) {
      const rc = this.rendered.chapters.find((c) => c.chapter.id === chapterId);
      this.units.set(chapterId, new Map(rc ? chapterUnits(rc.chapter).map((u) => [u.id, u]) : []));
    }
    return this.units.get(chapterId)!.get(unitId);
  }

  /** A place for a unit (or a file:line of its own, such as a caption in figures.yaml): the bookmark's name. */
  add(unit: string, file: string, line: number, text = '', spans: { at: number; line: number }[] = []): string {
    const bookmark = `_Src${this.places.length + 1}`;
    this.places.push({ bookmark, unit, file, line, text, spans, numbers: this.numbers(text) });
    return bookmark;
  }

  /** The numbers a unit prints from data, formatted as its {{num}} helpers print them (render-markdown). */
  private numbers(text: string): SourceNumber[] {
    const out: SourceNumber[] = [];
    for (const m of text.matchAll(numExpression)) {
      const v = this.data.values.get(m[1]!);
      if (!v) continue;
      const hash = m[2] ?? '';
      const decimals = /decimals\s*=\s*(\d+)/.exec(hash)?.[1];
      const opts = { decimals: decimals === undefined ? undefined : Number(decimals) };
      const shown = /bare\s*=\s*true/.test(hash)
        ? formatBare(v.raw, this.lang, opts)
        : formatValue(v.raw, v.unit, this.lang, { ...opts, words: true });
      out.push({ id: m[1]!, shown, file: v.file, line: v.line });
    }
    return out;
  }

  /** The cross-references a unit prints ({{ref "fig:x"}} → "Figure 2"), with the page id of what they name. */
  refs(text: string): { shown: string; target: string }[] {
    const { strings, numbers } = this.rendered.state;
    return [...text.matchAll(refExpression)].flatMap((m) => {
      const items = [...m[1]!.matchAll(/"([^"]+)"/g)].map((q) => ({ id: q[1]!, n: numbers.get(q[1]!) }));
      if (items.some((i) => i.n === undefined)) return [];
      // Each number a link of its own: "Figures 2" and "3" of "Figures 2 and 3", as printed (a no-break space).
      return refPieces(items as { id: string; n: number }[], strings).flatMap((p) =>
        p.id ? [{ shown: unbroken(p.text), target: figureAnchor(p.id) }] : [],
      );
    });
  }

  /** The custom XML part's text. */
  xml(): string {
    const esc = (s: string) =>
      s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
    const line = (p: SourcePlace) => {
      const nums = p.numbers.map(
        (n) => `<num id="${esc(n.id)}" shown="${esc(n.shown)}" file="${esc(n.file)}" line="${n.line}"/>`,
      );
      const where = `bookmark="${p.bookmark}" unit="${esc(p.unit)}" file="${esc(p.file)}" line="${p.line}"`;
      const spans = p.spans.map((s) => `${s.at}:${s.line}`).join(' ');
      return `<p ${where} spans="${spans}" text="${esc(p.text)}">${nums.join('')}</p>`;
    };
    return [
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n',
      `<sources xmlns="${sourcesNamespace}" lang="${this.lang}">`,
      ...this.places.map(line),
      '</sources>',
    ].join('');
  }
}
