import { describe, expect, it } from 'vitest';
import { visibleText } from '../../scripts/fonts/edition-fonts.js';

/** The characters, whatever the spacing between them. */
const shown = (html: string) => visibleText(html).replace(/\s+/g, ' ').trim();

describe('the text an edition shows (what its fonts are cut to)', () => {
  it('decodes character references, and one that names no character as U+FFFD, as a browser does (it threw a RangeError)', () => {
    expect(shown('<p title="x">a&amp;b&#x4e2d;&#25991;</p><style>p{}</style>')).toBe('a&b中文');
    expect(shown('<p>&#x110000;&#xD800;&#0;&#99999999999;</p>')).toBe('\ufffd\ufffd\ufffd\ufffd');
  });
});
