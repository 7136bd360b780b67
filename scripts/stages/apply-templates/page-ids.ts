import { parse, type DefaultTreeAdapterMap } from 'parse5';
import type { BuildContext, Lang } from '../../context.js';
import type { Heading } from '../../model/edition.js';
import type { Templates } from '../../model/templates.js';
import { lineOf } from '../../sources/positions.js';

type Node = DefaultTreeAdapterMap['node'];

const languageNames: Record<Lang, string> = { zh: 'Chinese', en: 'English' };

/**
 * Every element id of an edition's page must be unique (links, the TOC, notes
 * and screen readers go by them). A heading id the layout also uses is
 * reported at the heading; any other id used twice at the template that writes
 * it (a partial placed twice, an id written in a loop), found by its text.
 */
export function reportDuplicateIds(ctx: BuildContext, lang: Lang, html: string, headings: Heading[], templates: Templates): void {
  const count = new Map<string, number>();
  const walk = (node: Node): void => {
    if ('attrs' in node) {
      const id = node.attrs.find((a) => a.name === 'id')?.value;
      if (id !== undefined) count.set(id, (count.get(id) ?? 0) + 1);
    }
    for (const kid of [...('childNodes' in node ? node.childNodes : []), ...('content' in node && node.content ? node.content.childNodes : [])]) walk(kid as Node);
  };
  walk(parse(html) as Node);
  const sources = [['templates/layout.hbs', templates.layout], ...Object.entries(templates.partials).map(([n, t]) => [`templates/partials/${n}.hbs`, t])] as [string, string][];
  for (const [id, n] of count) {
    if (n < 2) continue;
    const heading = headings.find((hd) => hd.id === id);
    if (heading) {
      ctx.diagnostics.report('duplicate-id', { file: heading.file, line: heading.line, column: 1 }, [id, 'templates/layout.hbs, which uses it for its own element']);
      continue;
    }
    const written = new RegExp(`\\bid\\s*=\\s*["']?${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}["'\\s>]`);
    const [file, text] = sources.find(([, t]) => written.test(t)) ?? ['templates/layout.hbs', ''];
    const at = written.exec(text);
    ctx.diagnostics.report('duplicate-page-id', at ? lineOf(text, at[0], file) : { file, line: 1, column: 1 }, [id, languageNames[lang]]);
  }
}
