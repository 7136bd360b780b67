import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PDFDocument, PDFName, PDFString } from 'pdf-lib';
import { publishFileLinks } from '../../scripts/outputs/pdf/file-links.js';

const out = path.resolve('/tmp/site/.dist.staging-AbC123');

/** A one-page PDF with a link annotation to each URI, as Chromium writes them; and its links read back. */
async function pdfWith(uris: string[]): Promise<PDFDocument> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([200, 200]);
  const annots = uris.map((uri) =>
    doc.context.register(
      doc.context.obj({
        Type: 'Annot',
        Subtype: 'Link',
        Rect: [0, 0, 10, 10],
        A: { S: 'URI', URI: PDFString.of(uri) },
      }),
    ),
  );
  page.node.set(PDFName.of('Annots'), doc.context.obj(annots));
  return PDFDocument.load(await doc.save());
}
async function uris(doc: PDFDocument): Promise<string[]> {
  const again = await PDFDocument.load(await doc.save());
  return again
    .getPages()[0]!
    .node.Annots()!
    .asArray()
    .map((ref) => {
      const annot = again.context.lookup(ref) as unknown as { get: (n: PDFName) => unknown };
      const action = again.context.lookup(annot.get(PDFName.of('A')) as never) as unknown as {
        get: (n: PDFName) => PDFString;
      };
      return action.get(PDFName.of('URI')).decodeText();
    });
}

describe('publishFileLinks', () => {
  const written = [
    `file://${out}/en/data/growth.csv`,
    `file://${out}/zh/index.html#growth`,
    `file://${out}/en/files/annex%20A-0123456789.pdf`,
    'https://example.org/a',
    'file:///etc/passwd',
  ];

  it('gives links into the output their path beside the PDF, and returns the file: links left', async () => {
    const doc = await pdfWith(written);
    expect(publishFileLinks(doc, out, 'en')).toEqual(['file:///etc/passwd']);
    expect(await uris(doc)).toEqual([
      'data/growth.csv',
      '../zh/index.html#growth',
      'files/annex%20A-0123456789.pdf',
      'https://example.org/a',
      'file:///etc/passwd',
    ]);
  });

  it('puts them under baseUrl when the report has one', async () => {
    const doc = await pdfWith(written.slice(0, 3));
    expect(publishFileLinks(doc, out, 'en', 'https://example.org/report')).toEqual([]);
    expect(await uris(doc)).toEqual([
      'https://example.org/report/en/data/growth.csv',
      'https://example.org/report/zh/index.html#growth',
      'https://example.org/report/en/files/annex%20A-0123456789.pdf',
    ]);
  });
});
