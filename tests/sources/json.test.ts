import { describe, expect, it } from 'vitest';
import { jsonPlace, parseJson } from '../../scripts/sources/json.js';
import { Diagnostics } from '../../scripts/diagnostics/collector.js';
import { formatDiagnostic } from '../../scripts/diagnostics/catalogue.js';
import type { BuildContext } from '../../scripts/context.js';

function read(text: string): { value: unknown; messages: string[] } {
  const ctx = { diagnostics: new Diagnostics() } as BuildContext;
  const value = parseJson(ctx, text, 'x.json');
  return { value, messages: ctx.diagnostics.list.map((d) => formatDiagnostic(d).replace(/ — .*/, '')) };
}

describe('JSON files', () => {
  it('are read as strict JSON', () => {
    expect(read('{"a": [1, 2.5, "x"]}')).toEqual({ value: { a: [1, 2.5, 'x'] }, messages: [] });
  });

  it.each(
    [
      [
        '{\n  "a": [1,\n  ]\n}',
        'x.json:3:3  error  JSON syntax error: a value is expected (no comma after the last item)',
      ],
      [
        '{\n  "a": 1,\n}',
        'x.json:3:1  error  JSON syntax error: a "name" in double quotes is expected (no comma after the last field)',
      ],
      ["{'a': 1}", 'x.json:1:2  error  JSON syntax error: unexpected character (strings need double quotes)'],
      ['{"a": 1 // why\n}', 'x.json:1:9  error  JSON syntax error: comments are not allowed in JSON'],
      [
        '{"a": "tab\there"}',
        'x.json:1:7  error  JSON syntax error: a control character (a tab or line break) inside a string',
      ],
      ['{"a": 1}\n{"b": 2}', 'x.json:2:1  error  JSON syntax error: text after the end of the JSON value'],
      ['{"a": "x\ny"}', 'x.json:1:7  error  JSON syntax error: a string is not closed on its line'],
      ['', 'x.json:1:1  error  JSON syntax error: the file is empty'],
      [' \n', 'x.json:1:1  error  JSON syntax error: the file is empty'],
      ['['.repeat(100_000), 'x.json:1:1  error  JSON syntax error: the file is nested too deeply to read'],
      [
        `${'['.repeat(80)}${']'.repeat(80)}`,
        'x.json:1:1  error  JSON syntax error: objects and arrays are nested more than 64 deep',
      ],
    ].map(([text, message]: string[]) => [
      text!.length > 40 ? `${text!.slice(0, 20)}… (${text!.length} characters)` : text!,
      text!,
      message!,
    ]),
  )('report the first problem where it is: %j', (_, text, message) => {
    expect(read(text)).toEqual({ value: undefined, messages: [message] });
  });

  it('give the place of a value or key by its path, or of its nearest part that exists', () => {
    const text = '{\n  "mark": "barz",\n  "encoding": {\n    "y": { "type": "quantitive" }\n  }\n}';
    expect(jsonPlace(text, 'x.json', ['mark'])).toEqual({ file: 'x.json', line: 2, column: 11 });
    expect(jsonPlace(text, 'x.json', ['mark'], true)).toEqual({ file: 'x.json', line: 2, column: 3 });
    expect(jsonPlace(text, 'x.json', ['encoding', 'y', 'type'])).toEqual({ file: 'x.json', line: 4, column: 20 });
    expect(jsonPlace(text, 'x.json', ['encoding', 'x', 'field'])).toEqual({ file: 'x.json', line: 3, column: 15 });
  });
});
