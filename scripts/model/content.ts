/** A chapter as read from content/<lang>/NN-slug.md. */
import type { Lang } from '../context.js';

export interface Chapter {
  lang: Lang;
  /** Section id, the same in every language. */
  id: string;
  /** `title:` of the front matter, if any, and where it stands: the chapter's title is its "#" heading. */
  title?: { text: string; file: string; line: number; column: number };
  /** Path relative to the report root. */
  file: string;
  /** Markdown + Handlebars body, front matter removed. */
  body: string;
  /** Line number (1-based) in the file where `body` starts. */
  bodyLine: number;
}
