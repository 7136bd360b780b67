import path from 'node:path';
import { existsSync } from 'node:fs';
import { Document } from 'yaml';
import type { BuildContext } from '../../context.js';
import { loadYamlFile } from '../../sources/yaml.js';
import { validate } from '../../sources/validate.js';
import type { UnitRecord } from '../../model/alignment.js';

const sidecarSchema = {
  type: 'object',
  required: ['units'],
  additionalProperties: false,
  properties: {
    translation: { type: 'string' },
    source: { type: 'string' },
    units: {
      type: 'array',
      items: {
        type: 'object',
        required: ['unit'],
        additionalProperties: false,
        properties: {
          unit: { type: 'string', minLength: 1 },
          begins: { type: 'string' },
          from: { type: 'string' },
          source: { type: 'string' },
          differs: { type: 'array', items: { type: 'string' } },
        },
      },
    },
  },
};

/** The records of a sidecar: none when the chapter has no sidecar, or a broken one (reported). */
export function readSidecar(ctx: BuildContext, file: string): { records?: UnitRecord[]; broken?: boolean } {
  const abs = path.join(ctx.root, file);
  if (!existsSync(abs)) return {};
  const doc = loadYamlFile(ctx, abs);
  if (
    !doc ||
    !validate(
      ctx,
      sidecarSchema,
      doc,
      'the sidecar is written by npm run check -- --accept; fix the entry, or delete the file and record the chapter again',
    )
  )
    return { broken: true };
  return { records: (doc.value as { units: UnitRecord[] }).units };
}

/**
 * The sidecar's text: one entry per translated unit, in reading order, each text on one line so that a
 * change shows in a diff as that line.
 */
export function writeSidecar(translation: string, source: string, records: UnitRecord[]): string {
  const doc = new Document({
    translation,
    source,
    units: records.map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined))),
  });
  doc.commentBefore = [
    ` How ${translation} follows ${source}, unit by unit: for each unit of the translation`,
    ` (its id, and the words it begins with), the source unit it translates (from) and the source text`,
    ` it was translated from. \`npm run check\` compares that text with the source as it is now;`,
    ` \`npm run check -- --accept ${translation}[:LINE]\` records the current source text (after revising).`,
  ].join('\n');
  return doc.toString({ lineWidth: 0 });
}
