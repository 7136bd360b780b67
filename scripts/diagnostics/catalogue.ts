/**
 * The message catalogue and the collector every stage reports into.
 *
 * A problem in user input is a Diagnostic: where (file relative to the report
 * root, line, column), what is wrong, what to do, and a stable rule id. Stages
 * never throw for user mistakes: they `report()` and carry on, so one run lists
 * every problem; build() fails at the end if any was an error.
 */
import type { Entry } from './entry.js';
import { browserMessages } from './browser-messages.js';
import { fileMessages } from './file-messages.js';
import { inputMessages } from './input-messages.js';
import { dataMessages } from './data-messages.js';
import { outputMessages } from './output-messages.js';
import { limitMessages } from './limit-messages.js';
import { pressMessages } from './press-messages.js';
import { translationMessages } from './translation-messages.js';
import { reviewMessages } from './review-messages.js';
import { citationMessages } from './citation-messages.js';

export type Severity = 'error' | 'warning';

export interface Place {
  file: string;
  line?: number;
  column?: number;
}

export interface Diagnostic extends Place {
  severity: Severity;
  rule: string;
  message: string;
  hint?: string;
}

export type { Entry } from './entry.js';

/** Every user-facing problem, by rule id (Astro's way: message says what, hint says what to do). */
export const catalogue = {
  ...inputMessages,
  ...dataMessages,
  ...fileMessages,
  ...limitMessages,
  ...translationMessages,
  ...browserMessages,
  ...outputMessages,
  ...pressMessages,
  ...reviewMessages,
  ...citationMessages,
} satisfies Record<string, Entry>;

export type Rule = keyof typeof catalogue;

export function formatDiagnostic(d: Diagnostic): string {
  const where = `${d.file}${d.line ? `:${d.line}:${d.column ?? 1}` : ''}`;
  return `${where}  ${d.severity}  ${d.message}${d.hint ? ` — ${d.hint}` : ''}  [${d.rule}]`;
}

/** Thrown by build() when the collected diagnostics contain errors; the CLI prints them. */
export class BuildFailed extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    super(`${diagnostics.filter((d) => d.severity === 'error').length} error(s)`);
  }
}

/** Infrastructure faults (no browser, browser crash) that are not user-input mistakes. */
export class EnvironmentError extends Error {}
