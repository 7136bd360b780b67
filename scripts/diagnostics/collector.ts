import { catalogue, type Diagnostic, type Entry, type Place, type Rule, type Severity } from './catalogue.js';

/** Collects every problem of a run; build() fails at the end if any was an error. */
export class Diagnostics {
  readonly list: Diagnostic[] = [];

  report(rule: Rule, place: Place, args: string[] = [], hintArgs: string[] = [], severity?: Severity): void {
    const entry: Entry = catalogue[rule];
    this.list.push({
      ...place,
      rule,
      severity: severity ?? entry.severity,
      message: entry.message(...args),
      hint: entry.hint?.(...hintArgs),
    });
  }

  get errors(): Diagnostic[] {
    return this.list.filter((d) => d.severity === 'error');
  }

  get warnings(): Diagnostic[] {
    return this.list.filter((d) => d.severity === 'warning');
  }

  /** Turn warnings into errors (--strict). */
  strict(): void {
    for (const d of this.list) d.severity = 'error';
  }
}
