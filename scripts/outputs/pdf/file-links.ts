import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';

/**
 * The PDF is printed from the staged page (`file:///…/.dist.staging-XXXX/<lang>/index.html`), so Chromium writes
 * every relative link of the page as a `file:` URI of the build machine. Each one inside the staged output is
 * given back its place on the site: relative to the edition's folder (`data/growth.csv`, `../zh/index.html#growth`,
 * which work where the PDF is published, beside its index.html), or under `baseUrl` when the report has one.
 *
 * Returns the `file:` URIs that are left (they lead outside the output): the build must not publish them.
 */
export function publishFileLinks(doc: PDFDocument, outDir: string, lang: string, baseUrl?: string): string[] {
  const left: string[] = [];
  for (const action of uriActions(doc)) {
    const uri = action.get(PDFName.of('URI'));
    const href = uri instanceof PDFString || uri instanceof PDFHexString ? uri.decodeText() : undefined;
    if (!href || !/^file:/i.test(href)) continue;
    const published = siteUrl(href, outDir, lang, baseUrl);
    if (published === undefined) left.push(href);
    else action.set(PDFName.of('URI'), PDFString.of(published));
  }
  return left;
}

function siteUrl(href: string, outDir: string, lang: string, baseUrl?: string): string | undefined {
  const hash = href.indexOf('#');
  const fragment = hash < 0 ? '' : href.slice(hash);
  let file: string;
  try {
    file = fileURLToPath(hash < 0 ? href : href.slice(0, hash));
  } catch {
    return undefined;
  }
  const inOut = path.relative(outDir, file);
  if (inOut.startsWith('..') || path.isAbsolute(inOut)) return undefined;
  const web = (p: string) => p.split(path.sep).map(encodeURIComponent).join('/');
  if (baseUrl) return new URL(web(inOut), baseUrl.replace(/\/?$/, '/')).href + fragment;
  return web(path.relative(path.join(outDir, lang), file)) + fragment;
}

/** The URI actions (`/A << /S /URI /URI (…) >>`) of every link annotation on every page. */
function uriActions(doc: PDFDocument): PDFDict[] {
  const actions: PDFDict[] = [];
  for (const page of doc.getPages()) {
    const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
    for (let i = 0; i < (annots?.size() ?? 0); i++) {
      const annot = annots!.lookupMaybe(i, PDFDict);
      const action = annot?.lookupMaybe(PDFName.of('A'), PDFDict);
      if (action?.get(PDFName.of('S')) === PDFName.of('URI')) actions.push(action);
    }
  }
  return actions;
}
