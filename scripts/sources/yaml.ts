import { parseDocument, LineCounter, isMap, isSeq, visit, type Document, type Node } from 'yaml';
import type { BuildContext } from '../context.js';
import { rel, readText } from './files.js';

export interface YamlFile {
  value: unknown;
  file: string;
  /** Line/column of the node at `keyPath` (falls back to its nearest ancestor). */
  at: (keyPath: (string | number)[]) => { file: string; line: number; column: number };
}

/** Parse YAML text; syntax problems are reported with their position. `lineOffset` shifts lines (front matter). */
export function parseYaml(ctx: BuildContext, text: string, file: string, lineOffset = 0): YamlFile | undefined {
  const lineCounter = new LineCounter();
  const place = (offset: number) => {
    const pos = lineCounter.linePos(offset);
    return { file, line: pos.line + lineOffset, column: pos.col };
  };
  let doc: Document;
  try {
    doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  } catch (e) {
    // (the parser reports problems in doc.errors; anything it throws is still this file's problem)
    ctx.diagnostics.report('yaml-syntax', place(0), [firstLine(e)]);
    return undefined;
  }
  if (doc.errors.length) {
    for (const e of doc.errors) {
      const pos = lineCounter.linePos(e.pos[0]);
      ctx.diagnostics.report('yaml-syntax', { file, line: pos.line + lineOffset, column: pos.col }, [
        e.message.split('\n')[0]!,
      ]);
    }
    return undefined;
  }
  const at = (keyPath: (string | number)[]) => {
    let node: unknown = doc.contents;
    let best = node as Node | null;
    for (const k of keyPath) {
      if (isMap(node)) {
        const pair = node.items.find((p) => (p.key as { value?: unknown })?.value === k);
        if (!pair) break;
        best = (pair.key as Node) ?? best;
        node = pair.value;
        if (node && (node as Node).range) best = pair.key as Node;
      } else if (isSeq(node) && /^\d+$/.test(String(k))) {
        node = node.items[Number(k)];
        if (node) best = node as Node;
      } else break;
    }
    const off = best?.range?.[0] ?? 0;
    const pos = lineCounter.linePos(off);
    return { file, line: pos.line + lineOffset, column: pos.col };
  };
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    // An alias bomb (`b: [*a, *a, …]` nested): expanding it would take all memory.
    let alias: Node | undefined;
    visit(doc, { Alias: (_, node) => ((alias = node), visit.BREAK) });
    const name = (alias as { source?: string } | undefined)?.source;
    if (/alias/i.test(firstLine(e)) && alias)
      ctx.diagnostics.report('yaml-aliases', place(alias.range?.[0] ?? 0), [name ?? '']);
    else ctx.diagnostics.report('yaml-syntax', place(alias?.range?.[0] ?? 0), [firstLine(e)]);
    return undefined;
  }
  return { value, file, at };
}

function firstLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0]!;
}

export function loadYamlFile(ctx: BuildContext, abs: string, hint?: string): YamlFile | undefined {
  const text = readText(ctx, abs, undefined, hint);
  if (text === undefined) return undefined;
  return parseYaml(ctx, text, rel(ctx, abs));
}
