/**
 * What a link may open: a web page (http, https), a mail (mailto), a place in the report (#id) or a file the
 * build publishes (a relative path). Every other scheme runs or opens something the reader did not ask for
 * (`javascript:`, `vbscript:`, `data:text/html…`) and is refused wherever a link enters the report.
 */
export const linkSchemes: readonly string[] = ['http', 'https', 'mailto'];

/**
 * The scheme a browser reads from a URL, lower-cased; undefined for a relative URL. As the URL standard
 * parses: leading and trailing C0 controls and spaces are dropped and tabs and newlines removed first, so
 * `\tjava\nscript:` is `javascript:`.
 */
export function urlScheme(url: string): string | undefined {
  // eslint-disable-next-line no-control-regex -- the URL standard strips exactly these characters
  const cleaned = url.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '').replace(/[\t\n\r]/g, '');
  return /^([a-z][a-z0-9+.-]*):/i.exec(cleaned)?.[1]?.toLowerCase();
}

/** Whether a link to `url` would open something other than a page, a mail, a place or a file of the report. */
export function isUnsafeLink(url: string): boolean {
  const scheme = urlScheme(url);
  return scheme !== undefined && !linkSchemes.includes(scheme);
}
