import { createRequire } from 'node:module';
import type { Ajv, ErrorObject, ValidateFunction } from 'ajv';
import type { BuildContext } from '../context.js';
import type { YamlFile } from './yaml.js';
import { nearest } from '../diagnostics/did-you-mean.js';
import { compileVegaLite, type VegaLiteValidators } from './vega-lite-schema.js';

/** ajv (CommonJS) loaded when a schema is first compiled, so that creating a session loads nothing. */
const load = createRequire(import.meta.url);

/** Compiled schemas, kept by the build session (compiling is the slow part of ajv). */
export class Schemas {
  private ajv?: Ajv;
  private readonly compiled = new Map<object, ValidateFunction>();

  private vegaLiteValidators?: VegaLiteValidators;

  /** Vega-Lite's own schema, compiled the first time a chart needs it. */
  vegaLite(packageDir: string): VegaLiteValidators {
    return (this.vegaLiteValidators ??= compileVegaLite(packageDir));
  }

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
export function validate(ctx: BuildContext, schema: object, doc: YamlFile, hint?: string, whole = 'the file'): boolean {
  const fn = ctx.session.schemas.compile(schema);
  if (fn(doc.value)) return true;
  for (const e of fn.errors ?? []) {
    const keyPath = pathOf(e);
    ctx.diagnostics.report('schema', doc.at(keyPath), [describe(e, keyPath, whole)], [hint ?? '']);
  }
  return false;
}

function pathOf(e: ErrorObject): string[] {
  const parts = e.instancePath
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (e.keyword === 'additionalProperties') parts.push(String(e.params.additionalProperty));
  return parts;
}

function describe(e: ErrorObject, keyPath: string[], whole: string): string {
  const where = keyPath.length ? `"${keyPath.join('.')}"` : whole;
  switch (e.keyword) {
    case 'required':
      return `${where} lacks the field "${e.params.missingProperty}"`;
    case 'additionalProperties': {
      const known = Object.keys((e.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      const near = nearest(String(e.params.additionalProperty), known);
      return `Unknown field ${where}${near ? ` — did you mean "${near}"?` : ''}`;
    }
    case 'enum':
      return `${where} must be one of ${(e.params.allowedValues as unknown[]).join(', ')}`;
    case 'format':
      return e.params.format === 'date'
        ? `${where} is not a date of the calendar (YYYY-MM-DD): "${String(e.data)}"`
        : `${where} must be a ${e.params.format}`;
    case 'type':
      if (!keyPath.length && (e.data === null || e.data === undefined))
        return `${whole[0]!.toUpperCase()}${whole.slice(1)} is empty (or holds only comments)`;
      return `${where} must be ${String(e.params.type)
        .split(',')
        .map((t) => typeNames[t] ?? t)
        .join(' or ')}, not ${typeOf(e.data)}`;
    default:
      return `${where} ${e.message}`;
  }
}

/** JSON schema types as a YAML author knows them. */
const typeNames: Record<string, string> = {
  object: 'a mapping (key: value lines)',
  array: 'a list ([a, b] or "- " lines)',
  string: 'text',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  null: 'empty',
};

function typeOf(v: unknown): string {
  if (v === null || v === undefined) return 'empty';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return `the text "${v.length > 40 ? `${v.slice(0, 40)}…` : v}"`;
  return `${typeof v === 'number' ? 'the number' : ''} ${String(v)}`.trim();
}
