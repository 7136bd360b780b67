import type { BuildContext } from '../context.js';
import { lineCol } from './positions.js';

/**
 * Numeric character references (`&#x4e00;`, `&#20013;`) in a template or a
 * chapter that name no character — 0, a surrogate (U+D800–U+DFFF), or past
 * U+10FFFF: browsers show each as U+FFFD (�), a box or a question mark in
 * whatever font the system has. Each is reported where it stands
 * (`lineOffset`: the line the text starts on in its file).
 */
export function checkCharacterReferences(ctx: BuildContext, file: string, text: string, lineOffset = 1): void {
  for (const m of text.matchAll(/&#(?:[xX]([0-9a-fA-F]+)|(\d+));/g)) {
    const n = m[1] !== undefined ? parseInt(m[1], 16) : Number(m[2]);
    if (n > 0 && n <= 0x10ffff && !(n >= 0xd800 && n <= 0xdfff)) continue;
    const at = lineCol(text, m.index);
    ctx.diagnostics.report('character-reference', { file, line: at.line + lineOffset - 1, column: at.column }, [m[0]]);
  }
}
