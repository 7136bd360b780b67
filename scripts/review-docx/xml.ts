import { XMLParser } from 'fast-xml-parser';

/** An XML element as the reader walks it: name (with its prefix, `w:p`), attributes, children; or text. */
export interface XNode {
  name: string;
  attrs: Record<string, string>;
  children: XNode[];
  /** For a text node (`name` '#text'): its text. */
  text?: string;
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: true,
});

type Raw = Record<string, unknown>;

function convert(raw: Raw): XNode {
  const name = Object.keys(raw).find((k) => k !== ':@')!;
  if (name === '#text') return { name, attrs: {}, children: [], text: String(raw[name]) };
  const attrs = (raw[':@'] as Record<string, string> | undefined) ?? {};
  const children = ((raw[name] as Raw[] | undefined) ?? []).map(convert);
  return { name, attrs, children };
}

/** An XML document's top-level nodes (the declaration left out). */
export function parseXml(text: string): XNode[] {
  return (parser.parse(text) as Raw[]).map(convert).filter((n) => !n.name.startsWith('?'));
}

/** Every element named `name` under `node`, in document order (not looking inside a match). */
export function findAll(nodes: XNode[], name: string, out: XNode[] = []): XNode[] {
  for (const n of nodes) {
    if (n.name === name) out.push(n);
    else findAll(n.children, name, out);
  }
  return out;
}

/** The text of `w:t` (and `w:delText`) under a node, as Word shows it (tabs and breaks as spaces). */
export function wordText(node: XNode): string {
  if (node.name === '#text') return node.text ?? '';
  if (node.name === 'w:tab' || node.name === 'w:br') return ' ';
  if (node.name === 'w:instrText' || node.name === 'w:rPr' || node.name === 'w:pPr') return '';
  return node.children.map(wordText).join('');
}
