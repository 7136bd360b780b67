import type { BuildContext } from '../../context.js';
import type { Chapter } from '../../model/content.js';
import { helperNames } from './chapter-helpers.js';

/** The partials a chapter may place (the one the stage registers for prose). */
const prosePartials = ['byline'];

/** Handlebars' own helpers: known to the compiler, so accepted there, but none of them is a chapter's. */
const builtIns: readonly string[] = [
  'lookup',
  'with',
  'each',
  'if',
  'unless',
  'log',
  'helperMissing',
  'blockHelperMissing',
];

type Loc = { start: { line: number; column: number } };
interface Node {
  type?: string;
  path?: { type?: string; original?: unknown };
  name?: { original?: unknown };
  loc?: Loc;
}

/**
 * What a chapter's Handlebars may hold, checked on its parsed body before it runs: {{figure}}, {{table}}, {{ref}},
 * {{num}} and {{> byline}}, nothing else. A block ({{#each}} … {{/each}}), one of Handlebars' own helpers
 * ({{lookup}}, {{with}}) or any other partial is an error at its place — Handlebars would accept them and print
 * nothing (`查[][][]。`). A plain unknown name ({{percent}}) is left to the run, which names it as unknown.
 * Returns whether the body is clean.
 */
export function checkProse(ctx: BuildContext, ast: hbs.AST.Program, chapter: Chapter): boolean {
  let ok = true;
  const at = (loc: Loc | undefined) => ({
    file: chapter.file,
    line: (loc?.start.line ?? 1) + chapter.bodyLine - 1,
    column: (loc?.start.column ?? 0) + 1,
  });
  const fail = (rule: 'prose-helper' | 'prose-partial', n: Node, what: string) => {
    ctx.diagnostics.report(rule, at(n.loc), [what], [helperNames.join(', ')]);
    ok = false;
  };
  const walk = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    const n = node as Node;
    const name = String(n.path?.original ?? n.name?.original ?? '');
    if (n.type === 'PartialStatement' || n.type === 'PartialBlockStatement') {
      if (n.type === 'PartialBlockStatement' || !prosePartials.includes(name))
        fail('prose-partial', n, `{{> ${name}}}`);
    } else if (n.type === 'BlockStatement' || n.type === 'DecoratorBlock') fail('prose-helper', n, `{{#${name}}}`);
    else if (n.type === 'Decorator') fail('prose-helper', n, `{{* ${name}}}`);
    else if ((n.type === 'MustacheStatement' || n.type === 'SubExpression') && builtIns.includes(name))
      fail('prose-helper', n, n.type === 'SubExpression' ? `(${name})` : `{{${name}}}`);
    for (const v of Object.values(node)) if (v && typeof v === 'object') walk(v);
  };
  walk(ast);
  return ok;
}
