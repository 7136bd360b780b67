import { PDFDocument, PDFName } from 'pdf-lib';

/** What the XMP metadata says: the document's title, language and people, as the Info dictionary has them. */
export interface XmpFields {
  title: string;
  lang: string;
  author: string;
  subject: string;
  keywords: string;
  producer: string;
  date: Date;
}

const escape = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/**
 * The XMP metadata stream PDF/UA-1 asks for (ISO 14289-1, 5 and 7.1; Matterhorn 06-001 to 06-003): the PDF/UA
 * identifier `pdfuaid:part` 1 and the title as `dc:title`, with the Info dictionary's other fields, in the
 * catalog's /Metadata (uncompressed, as XMP readers scan for it).
 */
export function setXmp(doc: PDFDocument, f: XmpFields): void {
  const date = f.date.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const xml = `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
   <pdfuaid:part>1</pdfuaid:part>
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">${escape(f.title)}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>${escape(f.author)}</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">${escape(f.subject)}</rdf:li></rdf:Alt></dc:description>
   <dc:language><rdf:Bag><rdf:li>${escape(f.lang)}</rdf:li></rdf:Bag></dc:language>
   <pdf:Keywords>${escape(f.keywords)}</pdf:Keywords>
   <pdf:Producer>${escape(f.producer)}</pdf:Producer>
   <xmp:CreateDate>${date}</xmp:CreateDate>
   <xmp:ModifyDate>${date}</xmp:ModifyDate>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`;
  const stream = doc.context.stream(Buffer.from(xml, 'utf8'), { Type: 'Metadata', Subtype: 'XML' });
  doc.catalog.set(PDFName.of('Metadata'), doc.context.register(stream));
}
