import path from 'node:path';
import { createHash } from 'node:crypto';
import {
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { parseDocument, isMap, isSeq, type Node as YamlNode } from 'yaml';

/**
 * The mini report's files, and the built-in theme's files as a report's own
 * templates/ would override them (a templates/ file that the report lacks
 * starts as the theme's copy).
 */
const files = [
  'report.yaml',
  'content/zh/01-main.md',
  'content/en/01-main.md',
  'content/en/01-main.align.yaml',
  'data/growth.csv',
  'data/growth.meta.yaml',
  'data/shares.csv',
  'data/shares.meta.yaml',
  'data/figures.yaml',
  'data/tables.yaml',
  'data/tables/simple.json',
  'data/charts/growth.vl.json',
  'templates/layout.hbs',
  'templates/partials/byline.hbs',
  'templates/partials/table-simple.hbs',
  'templates/partials/table-dataset.hbs',
  'templates/styles/report.css',
  'templates/styles/print.css',
  'templates/strings/zh.yaml',
  'templates/strings/en.yaml',
  'templates/chart-theme.json',
];
/** Whole folders: deleted, made a file, linked elsewhere, renamed (a language's chapters, the templates…). */
const folders = [
  'content/en',
  'content/zh',
  'data',
  'data/charts',
  'data/tables',
  'templates',
  'templates/partials',
  'templates/strings',
];
const newFiles = [
  'content/zh/02-new.md',
  'content/en/02-new.md',
  'data/extra.csv',
  'data/extra.meta.yaml',
  'templates/partials/extra.hbs',
  'content/zh/notes.txt',
];
const yamlFiles = [
  'report.yaml',
  'content/en/01-main.align.yaml',
  'data/growth.meta.yaml',
  'data/shares.meta.yaml',
  'data/figures.yaml',
  'data/tables.yaml',
  'templates/strings/zh.yaml',
  'templates/strings/en.yaml',
  'content/zh/01-main.md',
  'content/en/01-main.md',
];
const csvFiles = ['data/growth.csv', 'data/shares.csv'];
const jsonFiles = ['data/tables/simple.json', 'data/charts/growth.vl.json', 'templates/chart-theme.json'];
/** Files an author copies or writes anew: a second chapter, a dataset, a partial (copies of one of the files above). */
const copyTargets = [
  'content/zh/02-copy.md',
  'content/en/02-copy.md',
  'data/copy.csv',
  'data/copy.meta.yaml',
  'data/charts/copy.vl.json',
  'templates/partials/copy.hbs',
];

/** Text that has broken something, or could: Markdown, Handlebars, YAML, CSV, CSS, HTML, characters. */
const snippets = [
  '<div>x</div>',
  '<!--figure:fig:growth-->',
  '<!--byline-->',
  '<!-- note -->',
  '[x](50%.pdf)',
  '[x](../../../../etc/hostname)',
  '[x](file:///etc/hostname)',
  '![i](https://example.org/a.png)',
  '![i][r]\n\n[r]: //example.org/x.png\n',
  '![i](missing.png)',
  '![i](../../data/growth.csv)',
  '![](../../data/charts/growth.vl.json)',
  '[x](01-main.md#nope)',
  '[x](../../data/growth.csv)',
  '[x](../zh/01-main.md)',
  '<https://example.org>',
  '{{num}}',
  '{{num "nope"}}',
  '{{num "output-2020" bare=true}}',
  '{{figure "fig:growth"}}',
  '{{figure "fig:later"}}',
  '{{table "tab:simple"}}',
  '{{ref "fig:later"}}',
  '{{ref "tab:nope"}}',
  '{{ref}}',
  '{{figure}}',
  '{{num "output-2020" decimal=1}}',
  '{{num "output-2020" "share-2020"}}',
  '{{num "output-2020" decimals=11}}',
  '{{fmt 1 "percent"}}',
  '{{t "x"}}',
  '{{eq 1 1}}',
  '{{> byline}}',
  '{{> nope}}',
  '{{#each x}}',
  '{{/each}}',
  '{{#if}}',
  '{{',
  '}}',
  '{{{',
  '{{log "hi"}}',
  '{{lookup this "constructor"}}',
  '{{this.constructor.name}}',
  '{{@root}}',
  '{{!-- c --}}',
  '\\{{num "x"}}',
  '[^n9]',
  '[^n1]',
  '\n[^n1]: another text\n',
  '\n[^n2]: unused\n',
  '\n# Second {#test-chapter}\n',
  '\n## {#x}\n',
  '\n## Heading\n',
  '\n## Growth again {#growth}\n',
  '\n### Deep {#Bad_Id}\n',
  '\nTitle {#setext}\n===\n',
  '😀',
  '𠀀',
  '\u0000',
  '\u0007',
  '\ufeff',
  '\u202e',
  '\ud800',
  'é',
  'ｆｕｌｌ',
  '\t',
  '\r',
  '\n',
  '"',
  "'",
  ',',
  ':',
  '- ',
  '---\n',
  '...\n',
  '&a ',
  '*a ',
  '&amp;',
  '\\',
  '`',
  '```\n',
  '~~~\n',
  '| a | b |\n|---|---|\n| 1 | 2 |\n',
  '<script>alert(1)</script>',
  'javascript:alert(1)',
  '&#x110000;',
  '&#0;',
  '&#xD800;',
  '&nbsp;',
  '&bogus;',
  '%',
  '%E0%A4%A',
  '?',
  '#',
  'x'.repeat(5000),
  'date: 2023-13-01\n',
  'date: 2023-02-29\n',
  'languages: [zh]\n',
  'languages: [fr]\n',
  'sourceLanguage: en\n',
  'id: 5\n',
  'title: [a]\n',
  'source-hash: 0\n',
  'baseUrl: "javascript:x"\n',
  'a: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\n',
  '!!binary aGk=',
  '? [a]\n: b\n',
  '<<: *x\n',
  'key: value\nkey: again\n',
  '{"i18n": {"zh": 1}}',
  '{"i18n": {}}',
  'null',
  '[]',
  '1e999',
  '"\\ud800"',
  'url(https://example.org/x.png)',
  '@import "http://example.org/a.css";',
  'image-set("//example.org/a.png" 1x)',
  '<img src="https://example.org/x.png">',
  '<link rel="stylesheet" href="//example.org/a.css">',
  '<time datetime="{{date}}">',
  '<div id="main">',
  '<a id="note-n1">',
  '{{#each toc}}<p id="x"></p>{{/each}}',
  '1,2,3\n',
  ',,,,\n',
  '"open\n',
  'a"b',
  '"x"y',
  ' 1510.81 ',
  '1,510.81',
  '０１',
  'NaN',
  '-0',
  '1e5',
  '—',
];

/** Values an author could type into a YAML key or a CSV cell, right or wrong. */
const values: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    '',
    null,
    0,
    -1,
    1.5,
    1e21,
    '1e999',
    'NaN',
    true,
    'yes',
    '2023-13-01',
    '2024-02-29',
    '2024-02-30',
    '2024-03-05T10:00:00Z',
    '05/03/2024',
    'zh',
    'en',
    'fr',
    'zh-Hans',
    'cny-100m',
    'percent',
    'usd-bn',
    'integer',
    'number',
    'text',
    'fig:growth',
    'fig:later',
    'tab:growth',
    'tab:simple',
    'growth',
    'shares',
    'table-simple',
    'table-dataset',
    'byline',
    'charts/growth.vl.json',
    '../report.yaml',
    '/etc/hostname',
    'tables/simple.json',
    'output-2020',
    'share-2020',
    'year',
    'value',
    'source',
    '😀',
    '𠀀',
    '\u0000',
    '  ',
    '"',
    '<b>x</b>',
    '{{num "output-2020"}}',
    'https://example.org/x',
    ['zh', 'en'],
    ['en', 'zh', 'en'],
    [],
    {},
    { zh: '标题', en: 'Title' },
    { zh: 'only' },
  ),
  fc.jsonValue({ maxDepth: 1 }),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
);

export type Mutation =
  | { kind: 'insert'; file: string; at: number; text: string }
  | { kind: 'eol'; file: string; to: '\r\n' | '\r' }
  | { kind: 'bom'; file: string; as: 'utf8' | 'utf16le' | 'latin1' }
  | { kind: 'bytes'; file: string; at: number; bytes: number[] }
  | { kind: 'truncate'; file: string; at: number }
  | { kind: 'line'; file: string; at: number; what: 'delete' | 'duplicate' | 'swap' }
  | { kind: 'empty' | 'huge' | 'delete' | 'dir'; file: string }
  | { kind: 'rename'; file: string; to: 'upper' | 'space' | 'unicode' | 'noprefix' | 'dot' | 'tilde' | 'subdir' }
  | { kind: 'symlink'; file: string; to: 'outside' | 'dangling' | 'self' | 'sibling' | 'parent' }
  | { kind: 'json'; file: string; path: number[]; value: unknown; remove: boolean }
  | { kind: 'copy'; file: string; to: string }
  | { kind: 'yaml'; file: string; path: number[]; value: unknown; remove: boolean }
  | { kind: 'cell'; file: string; row: number; column: number; value: string };

const file = fc.constantFrom(...files);
const text = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...snippets) },
  fc.string({ unit: 'grapheme', maxLength: 6 }),
  fc.string({ unit: 'binary', maxLength: 3 }),
);
const anyFile = fc.constantFrom(...files, ...newFiles);

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('insert' as const), file: anyFile, at: fc.nat(), text }) },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('insert' as const),
      file: fc.constantFrom('content/zh/01-main.md', 'content/en/01-main.md'),
      at: fc.nat(),
      text,
    }),
  },
  fc.record({ kind: fc.constant('eol' as const), file, to: fc.constantFrom('\r\n' as const, '\r' as const) }),
  fc.record({
    kind: fc.constant('bom' as const),
    file,
    as: fc.constantFrom('utf8' as const, 'utf16le' as const, 'latin1' as const),
  }),
  fc.record({
    kind: fc.constant('bytes' as const),
    file,
    at: fc.nat(),
    bytes: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 4 }),
  }),
  fc.record({ kind: fc.constant('truncate' as const), file, at: fc.nat() }),
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('line' as const),
      file,
      at: fc.nat(),
      what: fc.constantFrom('delete' as const, 'duplicate' as const, 'swap' as const),
    }),
  },
  fc.record({
    kind: fc.constantFrom('empty' as const, 'huge' as const, 'delete' as const, 'dir' as const),
    file: fc.oneof(file, fc.constantFrom(...folders)),
  }),
  fc.record({
    kind: fc.constant('rename' as const),
    file: fc.oneof(file, fc.constantFrom(...folders)),
    to: fc.constantFrom(
      'upper' as const,
      'space' as const,
      'unicode' as const,
      'noprefix' as const,
      'dot' as const,
      'tilde' as const,
      'subdir' as const,
    ),
  }),
  fc.record({
    kind: fc.constant('symlink' as const),
    file: fc.oneof(file, fc.constantFrom(...folders)),
    to: fc.constantFrom(
      'outside' as const,
      'dangling' as const,
      'self' as const,
      'sibling' as const,
      'parent' as const,
    ),
  }),
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('json' as const),
      file: fc.constantFrom(...jsonFiles),
      path: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
      value: fc.jsonValue({ maxDepth: 2 }),
      remove: fc.boolean(),
    }),
  },
  fc.record({ kind: fc.constant('copy' as const), file, to: fc.constantFrom(...copyTargets) }),
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('yaml' as const),
      file: fc.constantFrom(...yamlFiles),
      path: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }),
      value: values,
      remove: fc.boolean(),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('cell' as const),
      file: fc.constantFrom(...csvFiles),
      row: fc.nat(),
      column: fc.nat(),
      value: fc.oneof(
        values.map(String),
        fc.constantFrom('', '1,510.81', ' 1510.81 ', '１５１０', '-0', '0x10', '1e5', '"a,b"', '"x"y', '—', 'N/A'),
      ),
    }),
  },
);

/** Where a report's files are, and what they start as. */
export interface Places {
  root: string;
  /** A folder outside the report (what a link to outside leads to: a file there holds SECRET-OUTSIDE). */
  outside: string;
  /** The built-in theme: a templates/ file the report does not have starts as its copy there. */
  theme: string;
}

/** A mutation that did not change the report, and why. */
export interface NotApplied {
  mutation: Mutation;
  why: string;
}

/**
 * Apply the mutations to the report in `root`, in order. Nothing is written through a link. Returns those that
 * did not apply: that threw (a file made a folder, a folder made a file by an earlier one…), or that left the
 * report as it was (a line ending changed in a file without line breaks, an empty string inserted, a rename to
 * the same name, a file that an earlier one deleted…). A case with one of those is not the case it says it is.
 */
export function applyMutations(at: Places, mutations: Mutation[]): NotApplied[] {
  const notApplied: NotApplied[] = [];
  for (const m of mutations) {
    const before = tree(at.root);
    try {
      apply(at, m);
    } catch (e) {
      notApplied.push({ mutation: m, why: (e as Error).message });
      continue;
    }
    if (isDeepStrictEqual(tree(at.root), before)) notApplied.push({ mutation: m, why: 'the report is as it was' });
  }
  return notApplied;
}

/** Every entry under `root` (not following links): a file's bytes (hashed), a link's target, a folder. */
function tree(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (rel: string) => {
    for (const name of readdirSync(path.join(root, rel)).sort()) {
      const r = path.join(rel, name);
      const abs = path.join(root, r);
      const st = lstatSync(abs);
      if (st.isSymbolicLink()) out.set(r, `link ${readlinkSync(abs)}`);
      else if (st.isDirectory()) {
        out.set(r, 'folder');
        walk(r);
      } else out.set(r, `file ${createHash('sha256').update(readFileSync(abs)).digest('hex')}`);
    }
  };
  walk('');
  return out;
}

function readFile(abs: string): Buffer | undefined {
  const st = lstatSync(abs, { throwIfNoEntry: false });
  return st?.isFile() ? readFileSync(abs) : undefined;
}

/** A file of the report as it is, or, for a template the report does not override, the theme's. */
function read(at: Places, file: string): Buffer | undefined {
  const abs = path.join(at.root, file);
  if (lstatSync(abs, { throwIfNoEntry: false })) return readFile(abs);
  return file.startsWith('templates/') ? readFile(path.join(at.theme, file.slice('templates/'.length))) : undefined;
}

function write(abs: string, bytes: Buffer | string): void {
  const st = lstatSync(abs, { throwIfNoEntry: false });
  if (st && !st.isFile()) rmSync(abs, { recursive: true, force: true }); // never write through a link
  mkdirSync(path.dirname(abs), { recursive: true });
  writeFileSync(abs, bytes);
}

function apply(at: Places, m: Mutation): void {
  const { root, outside } = at;
  const abs = path.join(root, m.file);
  const bytes = read(at, m.file);
  const text = bytes?.toString('utf8');
  const index = (n: number, len: number) => (len ? n % (len + 1) : 0);
  switch (m.kind) {
    case 'insert': {
      const t = text ?? '';
      const i = index(m.at, t.length);
      return write(abs, t.slice(0, i) + m.text + t.slice(i));
    }
    case 'eol':
      return void (text !== undefined && write(abs, text.replace(/\r?\n/g, m.to)));
    case 'bom':
      if (text === undefined) return;
      if (m.as === 'utf8') return write(abs, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes!]));
      if (m.as === 'utf16le')
        return write(abs, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
      return write(abs, Buffer.from(text, 'latin1'));
    case 'bytes': {
      if (!bytes) return;
      const i = index(m.at, bytes.length);
      return write(abs, Buffer.concat([bytes.subarray(0, i), Buffer.from(m.bytes), bytes.subarray(i)]));
    }
    case 'truncate':
      return void (bytes && write(abs, bytes.subarray(0, index(m.at, bytes.length))));
    case 'line': {
      if (text === undefined) return;
      const lines = text.split('\n');
      const i = index(m.at, lines.length - 1);
      if (m.what === 'delete') lines.splice(i, 1);
      else if (m.what === 'duplicate') lines.splice(i, 0, lines[i] ?? '');
      else if (i + 1 < lines.length) [lines[i], lines[i + 1]] = [lines[i + 1]!, lines[i]!];
      return write(abs, lines.join('\n'));
    }
    case 'empty':
      return write(abs, '');
    case 'huge':
      return void (
        text !== undefined &&
        write(abs, text + text.slice(text.indexOf('\n') + 1).repeat(Math.ceil(300_000 / Math.max(1, text.length))))
      );
    case 'delete':
      return rmSync(abs, { recursive: true, force: true });
    case 'dir':
      rmSync(abs, { recursive: true, force: true });
      return void mkdirSync(abs, { recursive: true });
    case 'rename': {
      if (!lstatSync(abs, { throwIfNoEntry: false })) return;
      const dir = path.dirname(abs);
      const base = path.basename(abs);
      const to = {
        upper: base.replace(/\.(\w+)$/, (e) => e.toUpperCase()),
        space: base.replace('-', ' '),
        unicode: base.replace(/^(\d+-)?/, '$1主要-'),
        noprefix: base.replace(/^\d+-/, ''),
        dot: `.${base}`,
        tilde: `${base}~`,
        subdir: path.join('sub', base),
      }[m.to];
      mkdirSync(path.dirname(path.join(dir, to)), { recursive: true });
      return renameSync(abs, path.join(dir, to));
    }
    case 'symlink': {
      rmSync(abs, { recursive: true, force: true });
      mkdirSync(path.dirname(abs), { recursive: true });
      const target = {
        outside: path.join(outside, 'secret.md'),
        dangling: path.join(root, 'no-such-file'),
        self: abs,
        sibling: path.join(root, 'report.yaml'),
        parent: path.dirname(abs),
      }[m.to];
      return symlinkSync(target, abs);
    }
    case 'copy':
      return void (bytes && write(path.join(root, m.to), bytes));
    case 'yaml':
      return void (text !== undefined && write(abs, mutateYaml(text, m)));
    case 'cell': {
      if (text === undefined) return;
      const rows = text.split('\n');
      const r = m.row % Math.max(1, rows.length);
      const cells = rows[r]!.split(',');
      cells[m.column % cells.length] = m.value;
      rows[r] = cells.join(',');
      return write(abs, rows.join('\n'));
    }
    case 'json': {
      if (text === undefined) return;
      let doc: unknown;
      try {
        doc = JSON.parse(text);
      } catch {
        return;
      }
      // Walk down existing keys (each step picks one by index), then replace or remove the last.
      let node = doc as Record<string, unknown>;
      for (const [k, step] of m.path.entries()) {
        if (!node || typeof node !== 'object') break;
        const keys = Object.keys(node);
        if (!keys.length) break;
        const key = keys[step % keys.length]!;
        if (k === m.path.length - 1 || !node[key] || typeof node[key] !== 'object') {
          if (m.remove) delete node[key];
          else node[key] = m.value;
          break;
        }
        node = node[key] as Record<string, unknown>;
      }
      return write(abs, JSON.stringify(doc, null, 2));
    }
  }
}

/** A YAML file (or a chapter's front matter) with the value at `path` (each step a key picked by index) replaced or removed. */
function mutateYaml(text: string, m: Extract<Mutation, { kind: 'yaml' }>): string {
  const front = m.file.endsWith('.md') ? /^---\n([\s\S]*?\n)---\n/.exec(text) : null;
  if (m.file.endsWith('.md') && !front) return text;
  const doc = parseDocument(front ? front[1]! : text);
  let node: YamlNode | null | undefined = doc.contents as YamlNode | null;
  const keys: unknown[] = [];
  for (const step of m.path) {
    if (!isMap(node) && !isSeq(node)) break;
    if (!node.items.length) break;
    const item = node.items[step % node.items.length]!;
    const key = isMap(node) ? (item as { key: { value?: unknown } }).key?.value : step % node.items.length;
    keys.push(key);
    node = (isMap(node) ? (item as { value: YamlNode | null }).value : item) as YamlNode | null;
  }
  if (!keys.length) return text;
  if (m.remove) doc.deleteIn(keys);
  else doc.setIn(keys, m.value);
  const out = doc.toString();
  return front ? `---\n${out}---\n${text.slice(front[0].length)}` : out;
}
