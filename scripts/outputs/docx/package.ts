import JSZip from 'jszip';
import { createHash } from 'node:crypto';
import { sourcesNamespace } from '../../model/docx-sources.js';

const relType = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/**
 * Dates a written DOCX with the edition's date and adds the source map to it as a custom XML part
 * (`customXml/item1.xml`, with its properties part, related from the document): Word keeps custom XML parts when it
 * saves a file, so a reviewed file still says where each paragraph came from. `npm run review` finds the part by its
 * namespace, not its name (Word renumbers the parts).
 */
export async function addSourcesPart(docx: Uint8Array, xml: string, seed: string, date: Date): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(docx);
  // The edition's date, not the build clock's (the docx package stamps the time it was written).
  const core = await zip.file('docProps/core.xml')!.async('string');
  zip.file(
    'docProps/core.xml',
    core.replace(/(<dcterms:(?:created|modified)[^>]*>)[^<]*/g, `$1${date.toISOString().replace(/\.\d{3}Z$/, 'Z')}`),
  );
  const hex = createHash('sha256').update(seed).digest('hex').toUpperCase();
  const guid = `{${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}}`;
  zip.file('customXml/item1.xml', xml);
  zip.file(
    'customXml/itemProps1.xml',
    [
      '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n',
      `<ds:datastoreItem ds:itemID="${guid}" xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml">`,
      `<ds:schemaRefs><ds:schemaRef ds:uri="${sourcesNamespace}"/></ds:schemaRefs></ds:datastoreItem>`,
    ].join(''),
  );
  zip.file(
    'customXml/_rels/item1.xml.rels',
    [
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n',
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">',
      `<Relationship Id="rId1" Type="${relType}/customXmlProps" Target="itemProps1.xml"/></Relationships>`,
    ].join(''),
  );
  const relsPath = 'word/_rels/document.xml.rels';
  const rels = await zip.file(relsPath)!.async('string');
  zip.file(
    relsPath,
    rels.replace(
      '</Relationships>',
      `<Relationship Id="rIdReportSources" Type="${relType}/customXml" Target="../customXml/item1.xml"/></Relationships>`,
    ),
  );
  const types = await zip.file('[Content_Types].xml')!.async('string');
  const withXml = types.includes('Extension="xml"')
    ? types
    : types.replace('<Default ', '<Default Extension="xml" ContentType="application/xml"/><Default ');
  zip.file(
    '[Content_Types].xml',
    withXml.replace(
      '</Types>',
      [
        '<Override PartName="/customXml/itemProps1.xml"',
        ' ContentType="application/vnd.openxmlformats-officedocument.customXmlProperties+xml"/></Types>',
      ].join(''),
    ),
  );
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}
