/**
 * A text cut into the words Chromium's canvas shapes one by one
 * (CachingWordShapeIterator::NextWordEndIndex): a space (or tab, or zero-width
 * space) is a word of its own; a CJK ideograph or symbol is a word of its own,
 * with the combining marks after it; any other run of characters is a word
 * until one of those.
 */
export function words(text: string): string[] {
  const out: string[] = [];
  let word = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    const alone = isDelimiter(cp) || isCjk(cp);
    if (word && (alone || isDelimiter(lastOf(word)) || (isCjk(lastOf(word)) && !/\p{M}/u.test(ch)))) {
      out.push(word);
      word = '';
    }
    word += ch;
  }
  if (word) out.push(word);
  return out;
}

const lastOf = (word: string) => [...word].pop()!.codePointAt(0)!;
const isDelimiter = (cp: number) => cp === 0x20 || (cp >= 0x09 && cp <= 0x0d) || cp === 0x200b;

/** CJK ideographs, kana and the CJK symbol blocks (Chromium's Character::IsCJKIdeographOrSymbol, in its main ranges). */
function isCjk(cp: number): boolean {
  return (
    (cp >= 0x2e80 && cp <= 0x2fff) ||
    (cp >= 0x3000 && cp <= 0x312f) ||
    (cp >= 0x3190 && cp <= 0x33ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xffef) ||
    (cp >= 0x20000 && cp <= 0x3ffff)
  );
}
