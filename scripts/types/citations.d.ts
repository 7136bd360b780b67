/** The parts of citation-js and citeproc-js the citations use (neither ships types). */
declare module '@citation-js/core' {
  export class Cite {
    constructor(data: string, options?: { forceType?: string });
    data: object[];
  }
}

declare module '@citation-js/plugin-bibtex';

declare module 'citeproc' {
  interface Sys {
    retrieveLocale(lang: string): string;
    retrieveItem(id: string): object;
  }
  interface CiteItem {
    id: string;
    locator?: string;
    label?: string;
    prefix?: string;
    suffix?: string;
    'author-only'?: boolean;
  }
  interface Citation {
    citationID: string;
    citationItems: CiteItem[];
    properties: { noteIndex: number };
  }
  interface Engine {
    /** citeproc-js's own options: `wrap_url_and_doi` makes a URL or a DOI a link. */
    opt: { development_extensions: { wrap_url_and_doi: boolean } };
    setOutputFormat(format: 'html' | 'text'): void;
    makeCitationCluster(items: CiteItem[]): string;
    /** Returns [status, [[index, text, citationID], …]]: the new citation's text, and earlier ones it changed. */
    processCitationCluster(
      citation: Citation,
      before: [string, number][],
      after: [string, number][],
    ): [{ citation_errors: unknown[] }, [number, string, string][]];
    /** The cited references as the style's bibliography gives them (HTML, one string each); false without one. */
    makeBibliography(): false | [object, string[]];
  }
  const CSL: { Engine: new (sys: Sys, style: string, lang?: string, forceLang?: boolean) => Engine };
  export default CSL;
}
