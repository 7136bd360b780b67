import type { OutputFormat } from './format.js';
import { htmlOutput } from './html/index.js';
import { pdfOutput } from './pdf/index.js';
import { pressOutput } from './press/index.js';
import { textOutput } from './text/index.js';
import { docxOutput } from './docx/index.js';

/**
 * Every output format, in the order a build makes them (a format after those it needs). Adding one is a
 * folder under outputs/ exporting an `OutputFormat` and a line here; see docs/architecture.md.
 */
export const outputFormats: readonly OutputFormat[] = [htmlOutput, pdfOutput, pressOutput, textOutput, docxOutput];

/**
 * The formats a plain `npm run build` makes: every one, each when the report asks for it — the press PDF when
 * report.yaml has `press:`, an optional format (text, DOCX) when report.yaml lists it under `formats:`.
 */
export const defaultFormats: readonly string[] = outputFormats.map((f) => f.name);

/** The formats report.yaml may list under `formats:` (made by a default build only when listed). */
export const optionalFormats = (): string[] => outputFormats.filter((f) => f.optional).map((f) => f.name);

export const formatNames = (): string[] => outputFormats.map((f) => f.name);

/** The format named, or undefined. */
export const outputFormat = (name: string): OutputFormat | undefined => outputFormats.find((f) => f.name === name);

/**
 * The formats to make for the names asked for: each with the formats it needs, in registry order. HTML is
 * always among them (every other format is made from it or beside it). Unknown names are returned apart.
 */
export function resolveFormats(names: readonly string[]): { formats: OutputFormat[]; unknown: string[] } {
  const unknown = names.filter((n) => !outputFormat(n));
  const wanted = new Set<string>(['html']);
  const add = (name: string): void => {
    if (wanted.has(name) && name !== 'html') return;
    wanted.add(name);
    for (const n of outputFormat(name)?.needs ?? []) add(n);
  };
  for (const n of names) if (outputFormat(n)) add(n);
  return { formats: outputFormats.filter((f) => wanted.has(f.name)), unknown };
}
