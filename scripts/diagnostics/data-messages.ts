import type { Entry } from './entry.js';

/** The report's data: CSV and JSON files, datasets and their sources, bound tables, chart specs. */
export const dataMessages = {
  'csv-ragged': {
    severity: 'error',
    message: (n, m) => `Row has ${n} field${n === '1' ? '' : 's'}, the header has ${m}`,
    hint: () => 'add or remove fields (quote values that contain commas)',
  },
  'csv-missing-column': {
    severity: 'error',
    message: (c) => `Missing column "${c}"`,
    hint: (where) => `add the column, or remove it from ${where}`,
  },
  'csv-not-number': {
    severity: 'error',
    message: (v, c) => `"${v}" in column "${c}" is not a number`,
    hint: () => 'write a plain number such as 1510.81 (no units or thousands separators)',
  },
  'csv-syntax': { severity: 'error', message: (d) => `CSV syntax: ${d}`, hint: (h) => h || 'close the quoted field' },
  'csv-empty': { severity: 'error', message: (d) => d, hint: (h) => h },
  'csv-header': { severity: 'error', message: (d) => d, hint: (h) => h },
  'json-syntax': {
    severity: 'error',
    message: (d) => `JSON syntax error: ${d}`,
    hint: (h) => h || 'fix the JSON (commas, quotes, brackets)',
  },
  'unknown-source': {
    severity: 'error',
    message: (s) => `Source "${s}" is not listed in the meta's sources`,
    hint: () => 'add it under `sources:` in the .meta.yaml with its title and URL',
  },
  'missing-source': {
    severity: 'error',
    message: () => 'Value without a source',
    hint: () => 'every row names its source in the `source` column',
  },
  'unknown-dataset': {
    severity: 'error',
    message: (d, near) => `Unknown dataset "${d}"${near ? ` — did you mean "${near}"?` : ''}`,
    hint: () => 'datasets are data/<id>.csv with data/<id>.meta.yaml',
  },
  'chart-spec': {
    severity: 'error',
    message: (d) => `Invalid Vega-Lite spec: ${d}`,
    hint: (h) => h || 'check field names, mark and encoding types against the dataset',
  },
  'table-column': {
    severity: 'error',
    message: (c, ds, near) =>
      `Column "${c}" is not a column of dataset "${ds}"${near ? ` — did you mean "${near}"?` : ''}`,
    hint: (cols) => `its columns are: ${cols}`,
  },
  'table-cell': {
    severity: 'error',
    message: (kind, prints) => `A table cell holds ${kind} where text is expected: it would print as ${prints}`,
    hint: () => 'write the cell as a string, or as { "zh": "…", "en": "…" } with a string in each',
  },
  'table-filter': {
    severity: 'error',
    message: (filter, ds) => `The filter ${filter} matches no row of dataset "${ds}"`,
    hint: (values) => `the dataset has ${values}`,
  },
  'unknown-unit': {
    severity: 'error',
    message: (u, near) => `Unknown unit "${u}"${near ? ` — did you mean "${near}"?` : ''}`,
    hint: (list) => `units are: ${list} (see docs/authoring.md)`,
  },
  'chart-categories': {
    severity: 'warning',
    message: (field, count, capacity) =>
      `"${field}" has ${count} categories, more than the chart can tell apart (${capacity}): some share a colour`,
    hint: () =>
      'show fewer series (filter, or group the small ones), facet the chart, or give the mark a second channel ' +
      '(strokeDash, shape); lines and points get one past the palette',
  },
  'chart-labels': {
    severity: 'error',
    message: (count, which, layout) =>
      `The chart has no room for the axis labels of ${count} categories ${layout}, even turned: ${which}`,
    hint: () =>
      'give it fewer categories (a filter), more room ("width", or "height" for horizontal bars) or shorter names (the meta\'s labels:)',
  },
  'chart-field': {
    severity: 'error',
    message: (f, ds, near, expr) =>
      `Field "${f}"${expr ? ` (read by the expression "${expr}")` : ''} is not a column of dataset "${ds}"` +
      (near ? ` — did you mean "${near}"?` : ''),
    hint: (cols) => `columns are: ${cols}`,
  },
} satisfies Record<string, Entry>;
