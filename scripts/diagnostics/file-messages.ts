import type { Entry } from './entry.js';

/** The report's own files that a chapter shows (images) or links to (datasets, chapters, documents), published with the edition. */
export const fileMessages = {
  'image-alt': {
    severity: 'error',
    message: (url) =>
      `The image "${url}" has no alt text: a screen reader, a search engine and a reader whose image did not load get nothing`,
    hint: () => 'say what it shows between the brackets: ![Map of the Greater Bay Area](map.png)',
  },
  'image-format': {
    severity: 'error',
    message: (url) => `The image "${url}" is not of a type the report publishes: images are PNG, JPEG, WebP or SVG`,
    hint: () => 'save it as .png, .jpg, .webp or .svg',
  },
  'image-type': {
    severity: 'error',
    message: (url, named, is) => `The file "${url}" is named as ${named} image, but its bytes are ${is}`,
    hint: () => 'save it again in the format its name says, or rename it to the type it is',
  },
  'image-pixels': {
    severity: 'error',
    message: (url, size, max) =>
      `The image "${url}" is ${size} pixels, more than the ${max} pixels on a side an image may be`,
    hint: () => 'scale it down: about 2,000 pixels across prints sharp over the text column',
  },
  'asset-too-large': {
    severity: 'error',
    message: (url, mb, max, kind) =>
      `The ${kind} "${url}" is ${mb} MB, more than the ${max} MB a published ${kind} may be`,
    hint: () => 'make it smaller (scale or compress it), or publish it elsewhere and link to it',
  },
  'unsafe-svg': {
    severity: 'error',
    message: (url, why) => `The SVG "${url}" is not published: ${why}`,
    hint: () => 'remove it from the file (export it again as a plain drawing), or use a PNG',
  },
  'link-file-type': {
    severity: 'error',
    message: (url) => `The link "${url}" leads to a file of a type the report does not publish`,
    hint: (what) => what,
  },
  'unknown-anchor': {
    severity: 'error',
    message: (url, id, file) => `The link "${url}" leads to "#${id}", which is no heading of ${file}`,
    hint: () => 'use the {#id} written at the end of one of its headings',
  },
  'file-url': {
    severity: 'error',
    message: (url) =>
      `The page links to or loads "${url}", a path on the machine that builds it: nobody else can open it`,
    hint: () => 'link to a file of the report by a path relative to the file that links it',
  },
  'pdf-file-link': {
    severity: 'error',
    message: (url) => `The printed PDF links to "${url}", a path on the machine that builds it`,
    hint: () => 'link to a file the report publishes (relative path) or to a web address',
  },
} satisfies Record<string, Entry>;
