import type { Entry } from './entry.js';

/** Problems with citations and the bibliography they come from (data/references.json or .bib). */
export const citationMessages = {
  'references-file': {
    severity: 'error',
    message: (d) => `The bibliography cannot be read: ${d}`,
    hint: () => 'data/references.json holds CSL-JSON, data/references.bib BibTeX (docs/authoring.md, Citations)',
  },
  'unknown-citation': {
    severity: 'error',
    message: (key, near) => `Unknown citation key "@${key}"${near ? ` — did you mean "@${near}"?` : ''}`,
    hint: (file) => (file ? `the keys are the ids of the references in ${file}` : 'add data/references.json or .bib'),
  },
  'uncited-reference': {
    severity: 'warning',
    message: (key) => `Reference "@${key}" is never cited`,
    hint: () => 'cite it ([@key]) or delete it',
  },
  'citation-style': {
    severity: 'error',
    message: (d) => `The citation style cannot be used: ${d}`,
    hint: () => 'name a CSL 1.0 style file inside the report folder (report.yaml citations.style)',
  },
} satisfies Record<string, Entry>;
