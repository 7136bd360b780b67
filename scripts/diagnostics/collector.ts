import { catalogue, type Diagnostic, type Entry, type Place, type Rule, type Severity } from './catalogue.js';

/** Lines of one rule in one file (a huge file with one mistake repeated says so once per line, not thousands of times). */
const MAX_PER_FILE = 20;

/** Collects every problem of a run; build() fails at the end if any was an error. */
export class Diagnostics {
  readonly list: Diagnostic[] = [];
  /** Problems so far by rule and file: past MAX_PER_FILE, one line says that more were found. */
  private readonly counts = new Map<string, number>();

  /** Report a problem; the same problem at the same place twice (e.g. a shared template, once per edition) is listed once. */
  report(rule: Rule, place: Place, args: string[] = [], hintArgs: string[] = [], severity?: Severity): void {
    const entry: Entry = catalogue[rule];
    // What a report says goes into messages as it is, but one line each: line breaks and other controls as escapes.
    // eslint-disable-next-line no-control-regex -- the control characters are what this escapes
    const controls = /[\u0000-\u001f\u007f\u2028\u2029]/g;
    const oneLine = (a: string) =>
      String(a).replace(controls, (c) =>
        c === '\n'
          ? '\\n'
          : c === '\t'
            ? '\\t'
            : c === '\r'
              ? '\\r'
              : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
      );
    args = args.map(oneLine);
    hintArgs = hintArgs.map(oneLine);
    const d: Diagnostic = {
      ...place,
      file: oneLine(place.file),
      // (a problem of a whole file stands at its start: every line the build prints is path:line:col)
      line: place.line ?? 1,
      column: place.column ?? 1,
      rule,
      severity: severity ?? entry.severity,
      message: entry.message(...args),
      hint: entry.hint?.(...hintArgs),
    };
    const same = (o: Diagnostic) =>
      o.rule === d.rule &&
      o.file === d.file &&
      o.line === d.line &&
      o.column === d.column &&
      o.message === d.message &&
      o.severity === d.severity;
    if (this.list.some(same)) return;
    const counted = `${rule}\0${place.file}`;
    const n = (this.counts.get(counted) ?? 0) + 1;
    this.counts.set(counted, n);
    if (n > MAX_PER_FILE) {
      if (n === MAX_PER_FILE + 1)
        this.report('more-problems', place, [rule, String(MAX_PER_FILE)], [], severity ?? entry.severity);
      return;
    }
    this.list.push(d);
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
