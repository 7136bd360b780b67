import JSZip from 'jszip';

/** A reviewer's edit, written into a DOCX as Word writes it. */
export type Edit =
  | { kind: 'replace'; find: string; by: string }
  | { kind: 'delete'; find: string }
  | { kind: 'insert'; after: string; text: string }
  | { kind: 'comment'; on: string; text: string }
  | { kind: 'bold'; on: string };

export interface Reviewer {
  author: string;
  date: string;
  /** The part the words are in: the body (default) or the footnotes. */
  part?: 'word/document.xml' | 'word/footnotes.xml';
  /** Which run holding the words (0: the first; the contents list headings before the headings themselves). */
  nth?: number;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const run = /<w:r>((?:<w:rPr>(?:(?!<\/w:rPr>).)*<\/w:rPr>)?)<w:t xml:space="preserve">([^<]*)<\/w:t><\/w:r>/g;

/**
 * A reviewed copy of a DOCX the build wrote: each edit put in with Word's own markup — `w:ins`/`w:del` around
 * runs (`w:delText` in deletions), `w:commentRangeStart`/`w:commentRangeEnd` with a `w:commentReference` run and
 * the comment in word/comments.xml (its relationship and content type added), `w:rPrChange` for formatting —
 * in the first run whose text holds the words the edit names.
 */
export async function markUp(docx: Uint8Array, edits: (Edit & Reviewer)[]): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(docx);
  const parts = new Map<string, string>();
  const comments: string[] = [];
  let id = 100;
  for (const e of edits) {
    const part = e.part ?? 'word/document.xml';
    if (!parts.has(part)) parts.set(part, await zip.file(part)!.async('string'));
    const xml = parts.get(part)!;
    const words = esc(e.kind === 'insert' ? e.after : e.kind === 'replace' || e.kind === 'delete' ? e.find : e.on);
    const m = [...xml.matchAll(run)].filter((r) => r[2]!.includes(words))[e.nth ?? 0];
    if (!m) throw new Error(`no run holds “${words}”`);
    const [whole, rPr, text] = [m[0], m[1]!, m[2]!];
    const at = text.indexOf(words);
    const r = (t: string, props = rPr) => (t ? `<w:r>${props}<w:t xml:space="preserve">${t}</w:t></w:r>` : '');
    const who = `w:author="${e.author}" w:date="${e.date}"`;
    const ins = (t: string) => `<w:ins w:id="${id++}" ${who}>${r(esc(t))}</w:ins>`;
    const del = (t: string) =>
      `<w:del w:id="${id++}" ${who}><w:r>${rPr}<w:delText xml:space="preserve">${t}</w:delText></w:r></w:del>`;
    const pre = text.slice(0, at);
    const post = text.slice(at + words.length);
    let middle: string;
    if (e.kind === 'replace') middle = del(words) + ins(e.by);
    else if (e.kind === 'delete') middle = del(words);
    else if (e.kind === 'insert') middle = r(words) + ins(e.text);
    else if (e.kind === 'bold') {
      const inner = rPr.replace(/^<w:rPr>|<\/w:rPr>$/g, '');
      middle = r(
        words,
        `<w:rPr><w:b/>${inner}<w:rPrChange w:id="${id++}" ${who}><w:rPr>${inner}</w:rPr></w:rPrChange></w:rPr>`,
      );
    } else {
      const c = id++;
      middle =
        `<w:commentRangeStart w:id="${c}"/>${r(words)}<w:commentRangeEnd w:id="${c}"/>` +
        `<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:commentReference w:id="${c}"/></w:r>`;
      comments.push(
        `<w:comment w:id="${c}" ${who} w:initials="${e.author.slice(0, 1)}"><w:p><w:pPr><w:pStyle w:val="CommentText"/></w:pPr>` +
          `<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:annotationRef/></w:r><w:r><w:t>${esc(e.text)}</w:t></w:r></w:p></w:comment>`,
      );
    }
    parts.set(part, xml.replace(whole, r(pre) + middle + r(post)));
  }
  for (const [part, xml] of parts) zip.file(part, xml);
  if (comments.length) await addComments(zip, comments);
  return zip.generateAsync({ type: 'uint8array' });
}

async function addComments(zip: JSZip, comments: string[]): Promise<void> {
  zip.file(
    'word/comments.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:comments xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">${comments.join('')}</w:comments>`,
  );
  const rels = 'word/_rels/document.xml.rels';
  zip.file(
    rels,
    (await zip.file(rels)!.async('string')).replace(
      '</Relationships>',
      '<Relationship Id="rIdComments" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/></Relationships>',
    ),
  );
  const types = '[Content_Types].xml';
  zip.file(
    types,
    (await zip.file(types)!.async('string')).replace(
      '</Types>',
      '<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/></Types>',
    ),
  );
}
