import { createHash } from 'node:crypto';
import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';

/** The colour condition an output intent names, and its ICC profile. */
export interface OutputCondition {
  /** OutputConditionIdentifier: the registered name or "Custom". */
  identifier: string;
  /** Info: what a person reads (the profile's description). */
  info: string;
  /** The ICC profile's bytes, embedded as DestOutputProfile. */
  profile: Uint8Array;
  /** Its colour components: 3 (RGB) or 4 (CMYK). */
  components: 3 | 4;
}

export interface PdfxMeta {
  title: string;
  author: string;
  creator: string;
  producer: string;
  lang: string;
  date: Date;
  /** What makes the document's identity: the same inputs give the same ID (reproducible builds). */
  identity: string;
}

/**
 * A document made PDF/X-4 (ISO 15930-7; the header's version is `pdfxHeader`'s once saved): the GTS_PDFX output
 * intent with its profile, the Info keys (GTS_PDFXVersion, Trapped, title and dates) and the same in XMP (pdfxid,
 * pdf:Trapped, xmpMM DocumentID, InstanceID, VersionID, RenditionClass), and a trailer ID.
 */
export function makePdfx(doc: PDFDocument, meta: PdfxMeta, condition: OutputCondition): void {
  const ctx = doc.context;
  const profile = ctx.register(ctx.flateStream(condition.profile, { N: condition.components }));
  const intent = ctx.obj({
    Type: 'OutputIntent',
    S: 'GTS_PDFX',
    OutputConditionIdentifier: PDFString.of(condition.identifier),
    RegistryName: PDFString.of('http://www.color.org'),
    Info: PDFString.of(condition.info),
    DestOutputProfile: profile,
  });
  doc.catalog.set(PDFName.of('OutputIntents'), ctx.obj([intent]));
  setInfo(doc, meta);
  const id = createHash('sha256').update(meta.identity).digest('hex').slice(0, 32);
  ctx.trailerInfo.ID = ctx.obj([PDFHexString.of(id), PDFHexString.of(id)]);
  const xmp = ctx.register(
    ctx.stream(new TextEncoder().encode(xmpPacket(meta, uuid(id))), { Type: 'Metadata', Subtype: 'XML' }),
  );
  doc.catalog.set(PDFName.of('Metadata'), xmp);
}

function setInfo(doc: PDFDocument, meta: PdfxMeta): void {
  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  doc.setAuthor(meta.author);
  doc.setCreator(meta.creator);
  doc.setProducer(meta.producer);
  doc.setCreationDate(meta.date);
  doc.setModificationDate(meta.date);
  doc.setLanguage(meta.lang);
  const info = doc.context.lookup(doc.context.trailerInfo.Info, PDFDict);
  info.set(PDFName.of('GTS_PDFXVersion'), PDFString.of('PDF/X-4'));
  info.set(PDFName.of('Trapped'), PDFName.of('False'));
}

const uuid = (hex: string) =>
  `uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The XMP packet: the Info dictionary's values as XMP, and the PDF/X identification (pdfxid). */
export function xmpPacket(meta: PdfxMeta, documentId: string): string {
  const date = meta.date.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about=""
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:xmp="http://ns.adobe.com/xap/1.0/"
 xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
 xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"
 xmlns:pdfxid="http://www.npes.org/pdfx/ns/id/">
<dc:format>application/pdf</dc:format>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${xml(meta.title)}</rdf:li></rdf:Alt></dc:title>
<dc:creator><rdf:Seq><rdf:li>${xml(meta.author)}</rdf:li></rdf:Seq></dc:creator>
<xmp:CreateDate>${date}</xmp:CreateDate>
<xmp:ModifyDate>${date}</xmp:ModifyDate>
<xmp:MetadataDate>${date}</xmp:MetadataDate>
<xmp:CreatorTool>${xml(meta.creator)}</xmp:CreatorTool>
<pdf:Producer>${xml(meta.producer)}</pdf:Producer>
<pdf:Trapped>False</pdf:Trapped>
<xmpMM:DocumentID>${documentId}</xmpMM:DocumentID>
<xmpMM:InstanceID>${documentId}</xmpMM:InstanceID>
<xmpMM:VersionID>1</xmpMM:VersionID>
<xmpMM:RenditionClass>default</xmpMM:RenditionClass>
<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`;
}

/**
 * PDF/X-4 is PDF 1.6 (its files say so in the header): pdf-lib writes "%PDF-1.7" whatever the document's header,
 * so the saved bytes get the version in place (the same length: no offset moves). Nothing in the file is newer.
 */
export function pdfxHeader(bytes: Uint8Array): Uint8Array {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 8));
  if (!/^%PDF-1\.\d$/.test(head)) throw new Error(`not a PDF header: ${head}`);
  bytes.set(new TextEncoder().encode('%PDF-1.6'), 0);
  return bytes;
}
