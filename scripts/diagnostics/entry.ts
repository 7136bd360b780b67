import type { Severity } from './catalogue.js';

/** One message of the catalogue: what is wrong, and what to do (Astro's way), from the arguments of report(). */
export interface Entry {
  severity: Severity;
  message: (...args: string[]) => string;
  hint?: (...args: string[]) => string;
}
