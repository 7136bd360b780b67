import path from 'node:path';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { Ajv, ErrorObject } from 'ajv';
import { nearest } from '../diagnostics/did-you-mean.js';

/** A compiled validator: true or false, with ajv's errors when false. */
type Validate = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };

/** Vega-Lite's JSON schema, compiled: one validator per kind of top-level spec, and one for a config (the chart theme). */
export type VegaLiteValidators = Record<(typeof kinds)[number] | 'config', Validate>;

/** The key that makes a top-level spec of each kind (a spec is checked against its own kind: clearer messages than all seven at once). */
const kinds = ['mark', 'layer', 'facet', 'repeat', 'concat', 'hconcat', 'vconcat'] as const;
const definitions: Record<keyof VegaLiteValidators, string> = {
  mark: 'TopLevelUnitSpec',
  layer: 'TopLevelLayerSpec',
  facet: 'TopLevelFacetSpec',
  repeat: 'TopLevelRepeatSpec',
  concat: 'TopLevelConcatSpec',
  hconcat: 'TopLevelHConcatSpec',
  vconcat: 'TopLevelVConcatSpec',
  config: 'Config',
};

/**
 * Compile Vega-Lite's own schema (node_modules/vega-lite/build/vega-lite-schema.json)
 * with ajv. Compiling its 1.9 MB takes seconds, so the compiled code is also
 * kept on disk (ajv's standalone code, under node_modules/.cache, named by a
 * hash of the schema and ajv's version) and loaded from there by later
 * processes; the caller keeps the result for its session.
 */
export function compileVegaLite(packageDir: string): VegaLiteValidators {
  const schemaFile = path.join(packageDir, 'node_modules', 'vega-lite', 'build', 'vega-lite-schema.json');
  const schemaText = readFileSync(schemaFile, 'utf8');
  const ajvVersion = (
    JSON.parse(readFileSync(path.join(packageDir, 'node_modules', 'ajv', 'package.json'), 'utf8')) as {
      version: string;
    }
  ).version;
  const key = createHash('sha256').update(schemaText).update(ajvVersion).update('1').digest('hex').slice(0, 16);
  const file = path.join(packageDir, 'node_modules', '.cache', 'bilingual-report', `vega-lite-schema-${key}.cjs`);
  const load = () => createRequire(import.meta.url)(file) as VegaLiteValidators;
  if (existsSync(file)) {
    try {
      return load();
    } catch {
      // (a file cut short: compiled again below)
    }
  }
  // ajv is loaded here, when a chart is first checked, so that a build with nothing to do loads no npm package
  const req = createRequire(import.meta.url);
  const { Ajv: AjvClass } = req('ajv') as typeof import('ajv');
  const standalone = req('ajv/dist/standalone/index.js') as unknown;
  const ajv = new AjvClass({
    strict: false,
    logger: false,
    allErrors: true,
    inlineRefs: false,
    validateSchema: false,
    code: { source: true, optimize: false },
  });
  ajv.addSchema({ ...(JSON.parse(schemaText) as object), $id: 'vega-lite' });
  const refs = Object.fromEntries(Object.entries(definitions).map(([k, d]) => [k, `vega-lite#/definitions/${d}`]));
  const code = (standalone as unknown as { default: (a: Ajv, r: Record<string, string>) => string }).default(ajv, refs);
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(`${file}.${process.pid}.tmp`, code);
    renameSync(`${file}.${process.pid}.tmp`, file);
    return load();
  } catch {
    // node_modules is read-only here: use the validators compiled in memory (slower to get, the same checks)
    return Object.fromEntries(
      Object.keys(definitions).map((k) => [k, ajv.getSchema(refs[k]!)!]),
    ) as unknown as VegaLiteValidators;
  }
}

/** A problem of a spec: where (a path into the spec), and what is wrong there. */
export interface SchemaProblem {
  path: (string | number)[];
  /** The place is the property's name (an unknown property) rather than its value. */
  key: boolean;
  message: string;
}

/**
 * The one problem to show for a spec that does not validate. Many of
 * Vega-Lite's definitions are unions (a mark is a name or an object, a channel
 * a field or a value…), so ajv reports each alternative that failed; the
 * error deepest in the spec is the one that matched furthest (what
 * python-jsonschema's best_match does too), and its alternatives are merged:
 * "one of a, b, c", "a number or a string".
 */
export function bestProblem(errors: ErrorObject[], spec: unknown, where = ''): SchemaProblem | undefined {
  const real = errors.filter((e) => !['anyOf', 'oneOf', 'if', 'not'].includes(e.keyword));
  if (!real.length) return undefined;
  const depth = (e: ErrorObject) => (e.instancePath ? e.instancePath.split('/').length : 0);
  const deepest = Math.max(...real.map(depth));
  const at = real.filter((e) => depth(e) === deepest);
  const pathOf = (e: ErrorObject) =>
    e.instancePath
      .split('/')
      .slice(1)
      .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
      .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  const p = pathOf(at[0]!);
  const name = p.length ? `"${where}${p.join('.')}"` : where ? `"${where.replace(/\.$/, '')}"` : 'the spec';
  const value = p.reduce<unknown>((v, k) => (v as Record<string | number, unknown> | undefined)?.[k], spec);
  const allowed = [
    ...new Set(
      at.flatMap((e) =>
        e.keyword === 'enum'
          ? (e.params.allowedValues as unknown[])
          : e.keyword === 'const'
            ? [e.params.allowedValue]
            : [],
      ),
    ),
  ];
  const unknown = [
    ...new Set(at.filter((e) => e.keyword === 'additionalProperties').map((e) => String(e.params.additionalProperty))),
  ];
  const types = [...new Set(at.filter((e) => e.keyword === 'type').map((e) => String(e.params.type)))];
  const missing = [...new Set(at.filter((e) => e.keyword === 'required').map((e) => String(e.params.missingProperty)))];
  // (a list of 150 colour names says less than "a string")
  if (allowed.length && (allowed.length <= 24 || !types.length)) {
    const list = allowed.map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
    const shown = list.length > 24 ? `${list.slice(0, 24).join(', ')}, …` : list.join(', ');
    const near = typeof value === 'string' ? nearest(value, list) : '';
    return {
      path: p,
      key: false,
      message: [
        `${name} is ${JSON.stringify(value)}${near ? ` (did you mean "${near}"?)` : ''}`,
        `; it must be ${list.length > 1 ? 'one of ' : ''}${shown}${types.length ? ` (or ${article(types)})` : ''}`,
      ].join(''),
    };
  }
  if (unknown.length)
    return {
      path: [...p, unknown[0]!],
      key: true,
      message: `${name} has no property "${unknown[0]}"${
        unknown.length > 1
          ? ` (nor ${unknown
              .slice(1)
              .map((u) => `"${u}"`)
              .join(', ')})`
          : ''
      }`,
    };
  if (types.length)
    return { path: p, key: false, message: `${name} must be ${article(types)}, not ${JSON.stringify(value)}` };
  if (missing.length)
    return {
      path: p,
      key: false,
      message: `${name} lacks ${missing.length > 1 ? 'one of ' : ''}${missing.map((m) => `"${m}"`).join(', ')}`,
    };
  return { path: p, key: false, message: `${name} ${at[0]!.message ?? 'is not valid'}` };
}

function article(types: string[]): string {
  return types.map((t) => (t === 'object' || t === 'array' || t === 'integer' ? `an ${t}` : `a ${t}`)).join(' or ');
}

/** The validator for a spec's kind (the key it has of mark, layer, facet…), or undefined when it has none. */
export function validatorFor(validators: VegaLiteValidators, spec: Record<string, unknown>): Validate | undefined {
  const kind = kinds.find((k) => k in spec);
  return kind && validators[kind];
}
