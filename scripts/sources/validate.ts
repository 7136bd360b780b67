import { createRequire } from 'node:module';
import type { Ajv, ErrorObject, ValidateFunction } from 'ajv';
import type { BuildContext } from '../context.js';
import type { YamlFile } from './yaml.js';

/** ajv (CommonJS) loaded when a schema is first compiled, so that creating a session loads nothing. */
const load = createRequire(import.meta.url);

/** Compiled schemas, kept by the build session (compiling is the slow part of ajv). */
export class Schemas {
  private ajv?: Ajv;
  private readonly compiled = new Map<object, ValidateFunction>();

  compile(schema: object): ValidateFunction {
    let fn = this.compiled.get(schema);
    if (!fn) {
      if (!this.ajv) {
        const { Ajv } = load('ajv') as typeof import('ajv');
        this.ajv = new Ajv({ allErrors: true, strict: false, verbose: true });
        // `format: "date"`: a real calendar date (2023-02-30 and 2023-13-01 are not), not just the pattern.
        (load('ajv-formats') as typeof import('ajv-formats')).default(this.ajv, ['date']);
      }
      fn = this.ajv.compile(schema);
      this.compiled.set(schema, fn);
    }
    return fn;
  }
}

export const i18nSchema = {
  type: 'object',
  required: ['zh', 'en'],
  properties: { zh: { type: 'string', minLength: 1 }, en: { type: 'string', minLength: 1 } },
  additionalProperties: false,
} as const;

/** Validate a parsed YAML file against a JSON schema; each problem is reported at its key. */
export function validate(ctx: BuildContext, schema: object, doc: YamlFile, hint?: string): boolean {
  const fn = ctx.session.schemas.compile(schema);
  if (fn(doc.value)) return true;
  for (const e of fn.errors ?? []) {
    const keyPath = pathOf(e);
    ctx.diagnostics.report('schema', doc.at(keyPath), [describe(e, keyPath)], [hint ?? '']);
  }
  return false;
}

function pathOf(e: ErrorObject): string[] {
  const parts = e.instancePath.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (e.keyword === 'additionalProperties') parts.push(String(e.params.additionalProperty));
  return parts;
}

function describe(e: ErrorObject, keyPath: string[]): string {
  const where = keyPath.length ? `"${keyPath.join('.')}"` : 'the file';
  switch (e.keyword) {
    case 'required':
      return `${where} lacks the field "${e.params.missingProperty}"`;
    case 'additionalProperties':
      return `Unknown field ${where}`;
    case 'enum':
      return `${where} must be one of ${(e.params.allowedValues as unknown[]).join(', ')}`;
    case 'format':
      return e.params.format === 'date' ? `${where} is not a date of the calendar (YYYY-MM-DD): "${String(e.data)}"` : `${where} must be a ${e.params.format}`;
    default:
      return `${where} ${e.message}`;
  }
}
