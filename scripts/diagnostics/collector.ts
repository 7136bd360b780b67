import { catalogue, type Diagnostic, type Entry, type Place, type Rule, type Severity } from './catalogue.js';

/** Collects every problem of a run; build() fails at the end if any was an error. */
export class Diagnostics {
  readonly list: Diagnostic[] = [];

  /** Report a problem; the same problem at the same place twice (e.g. a shared template, once per edition) is listed once. */
  report(rule: Rule, place: Place, args: string[] = [], hintArgs: string[] = [], severity?: Severity): void {
    const entry: Entry = catalogue[rule];
    const d: Diagnostic = { ...place, rule, severity: severity ?? entry.severity, message: entry.message(...args), hint: entry.hint?.(...hintArgs) };
    const same = (o: Diagnostic) => o.rule === d.rule && o.file === d.file && o.line === d.line && o.column === d.column && o.message === d.message && o.severity === d.severity;
    if (!this.list.some(same)) this.list.push(d);
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
