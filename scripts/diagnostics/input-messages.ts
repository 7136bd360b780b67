import type { Entry } from './entry.js';

/** The helpers named in the `unknown-helper` hint when the build has no list of its own. */
const builtInHelpers =
  'figure, table, ref and num in a chapter; t, fmt, eq, jsString and cssString in the layout and partials';

/** Problems in the report's own files: config, Markdown, templates, notes, fonts (its data's: data-messages.ts). */
export const inputMessages = {
  'git-revision': {
    severity: 'error',
    message: (rev, why) => `Cannot read the report at git revision "${rev}": ${why}`,
    hint: () => 'name a commit or tag of the repository that holds the report (npm run changes -- --since HEAD~1)',
  },
  'yaml-syntax': {
    severity: 'error',
    message: (d) => `Malformed YAML: ${d}`,
    hint: () => 'fix the YAML syntax (indentation, quotes, colons)',
  },
  'more-problems': {
    severity: 'error',
    message: (rule, n) => `More problems of the kind [${rule}] in this file; only the first ${n} are listed`,
    hint: () => 'fix those, and build again to see the rest',
  },
  'yaml-aliases': {
    severity: 'error',
    message: (name) => `The aliases (*${name} …) expand to too many values: the document would be huge`,
    hint: () => 'write the values out, or use fewer aliases',
  },
  'front-matter': {
    severity: 'error',
    message: (d) => `Front matter: ${d}`,
    hint: (h) => h || 'see docs/authoring.md',
  },
  'not-a-chapter': {
    severity: 'warning',
    message: (name) => `"${name}" is not read: chapters are NN-slug.md files`,
    hint: () => 'rename it to end in .md (lowercase), or move it out of content/',
  },
  'empty-chapter': {
    severity: 'error',
    message: () => 'The chapter has no text',
    hint: () => 'write the chapter or delete the file',
  },
  'character-reference': {
    severity: 'error',
    message: (ref) => `The character reference ${ref} names no character (a browser shows it as �)`,
    hint: () =>
      'write the character itself, or a reference to one from &#x1; to &#x10FFFF; (not a surrogate, D800–DFFF)',
  },
  'not-utf8': {
    severity: 'error',
    message: (d) => `The file is not valid UTF-8${d ?? ''}`,
    hint: () => 'save it as UTF-8',
  },
  'file-too-large': {
    severity: 'error',
    message: (mb, max) => `The file is ${mb} MB, more than the ${max} MB a text file of a report may be`,
    hint: () => 'check that it is the file you meant; split it, or keep large data outside the report',
  },
  'missing-file': {
    severity: 'error',
    message: (what) => `Missing file: ${what}`,
    hint: (h) => h || 'create it or fix the path that names it',
  },
  'outside-root': {
    severity: 'error',
    message: (p) => `The path "${p}" leads outside the report root`,
    hint: () => 'keep every file inside the report folder',
  },
  'heading-id': {
    severity: 'error',
    message: (d) => d,
    hint: () => 'end the heading with {#id}: lowercase letters, digits and hyphens',
  },
  'chapter-heading': {
    severity: 'error',
    message: (d) => d,
    hint: () => 'start the chapter with exactly one "# Title {#id}" heading',
  },
  'duplicate-id': {
    severity: 'error',
    message: (id, first) => `Duplicate id "${id}" (first defined at ${first})`,
    hint: () => 'give each one a unique id',
  },
  'duplicate-page-id': {
    severity: 'error',
    message: (id, lang) => `The id "${id}" is used more than once in the ${lang} page`,
    hint: () => 'an element with a fixed id may appear once: drop the id, or place the template that writes it once',
  },
  'time-datetime': {
    severity: 'error',
    message: (v, lang) => `<time datetime="${v}"> in the ${lang} page is not a machine-readable date`,
    hint: () => 'write datetime="{{isoDate}}" (2023-01-10) and print the formatted {{date}} between the tags',
  },
  'unknown-figure': {
    severity: 'error',
    message: (id, near) => `Unknown figure or table id "${id}"${near ? ` — did you mean "${near}"?` : ''}`,
    hint: () => 'figures are declared in data/figures.yaml, tables in data/tables.yaml',
  },
  'unknown-value': {
    severity: 'error',
    message: (id, near) => `Unknown data value id "${id}"${near ? ` — did you mean "${near}"?` : ''}`,
    hint: () => 'value ids are the `id` column of a dataset in data/',
  },
  'unknown-note': {
    severity: 'error',
    message: (id) => `Note "[^${id}]" is cited but never defined`,
    hint: () => 'add a definition "[^id]: …" in the same chapter',
  },
  'note-differs': {
    severity: 'error',
    message: (id, first) =>
      `Note "[^${id}]" says something else here than at ${first}, yet prints with the same number`,
    hint: () => 'give both definitions the same text, or give this note an id of its own',
  },
  'unused-note': {
    severity: 'warning',
    message: (id) => `Note "[^${id}]" is defined but never cited`,
    hint: () => 'cite it or delete it',
  },
  'template-syntax': {
    severity: 'error',
    message: (d) => `Template syntax error: ${d}`,
    hint: () => 'check that every {{ has its }} and every block is closed',
  },
  'unknown-helper': {
    severity: 'error',
    message: (name) => `Unknown helper "${name}"`,
    hint: (list) => `the helpers are ${list || builtInHelpers}; see docs/authoring.md`,
  },
  'unknown-partial': {
    severity: 'error',
    message: (name) => `Unknown partial "${name}"`,
    hint: () =>
      'partials are templates/partials/<name>.hbs in the report, or theme/partials/<name>.hbs in the built-in theme',
  },
  'template-error': {
    severity: 'error',
    message: (d) => `Template error: ${d}`,
    hint: () => 'see docs/authoring.md for the helpers and their arguments',
  },
  'figure-not-in-edition': {
    severity: 'error',
    message: (id) => `"${id}" is declared but not placed in this edition`,
    hint: () => 'place it with {{figure}} / {{table}} before referring to it',
  },
  'font-coverage': {
    severity: 'error',
    message: (chars) =>
      `Characters no bundled font covers (they would be drawn in whatever font the reader's system has, or as boxes): ${chars}`,
    hint: () => 'replace them (an emoji by words), or add a font that covers them to scripts/fonts/catalogue.ts',
  },
  'figure-placed-twice': {
    severity: 'error',
    message: (id) => `"${id}" is placed more than once`,
    hint: () => 'place each figure or table once; refer to it elsewhere with {{ref}}',
  },
  'figure-not-placed': {
    severity: 'warning',
    message: (id) => `"${id}" is declared but never placed`,
    hint: () => 'place it with {{figure}} / {{table}} or remove its declaration',
  },
  'raw-html': {
    severity: 'error',
    message: () => 'Raw HTML is not allowed in chapters',
    hint: () => 'use Markdown; figures and tables come from data/ through {{figure}} and {{table}}',
  },
  'unsafe-link': {
    severity: 'error',
    message: (url) =>
      `The link "${url}" would run or open something other than a page: only http:, https: and mailto: links are published`,
    hint: () => 'link to a web page, a mail address, a place in the report (#id) or a file of the report',
  },
  'remote-resource': {
    severity: 'error',
    message: (url) => `Remote resource "${url}": the build never fetches from the network`,
    hint: () => 'put the file inside the report folder and link it by a relative path',
  },
  schema: { severity: 'error', message: (d) => d, hint: (h) => h || 'see docs/authoring.md for the format' },
  'toc-pages': {
    severity: 'warning',
    message: (lang, n, what) =>
      `The ${lang} PDF's table of contents may be wrong: after ${n} passes these entries still moved: ${what}`,
    hint: () => 'check the print styles for what reflows when a page number changes; the HTML is not affected',
  },
  'pending-figure': {
    severity: 'warning',
    message: (ids) => `Pending figures (no sourced data yet): ${ids}`,
    hint: () => 'add a dataset and a chart to data/figures.yaml when data is found; --strict makes this an error',
  },
  parity: {
    severity: 'error',
    message: (d) => d,
    hint: (h) => h || 'make both editions carry the same sections, figures, tables, notes and data references',
  },
  'not-empty': {
    severity: 'error',
    message: (what) => `The folder is not empty (${what})`,
    hint: () => 'npm run new writes only into a new or empty folder: name one that does not exist yet',
  },
  config: {
    severity: 'error',
    message: (d) => `Report config: ${d}`,
    hint: (h) => h || 'see report.yaml in the repository for the fields',
  },
  'remote-css': {
    severity: 'error',
    message: (url) => `Stylesheet refers to "${url}" on the network: the build never fetches from the network`,
    hint: () => 'put the file inside the report folder and refer to it by a relative path',
  },
} satisfies Record<string, Entry>;
