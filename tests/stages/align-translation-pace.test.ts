import { describe, expect, it } from 'vitest';
import { matchChapter } from '../../scripts/stages/align-translation/match.js';
import { pacer } from '../../scripts/units/pace.js';
import type { Unit } from '../../scripts/model/alignment.js';

/**
 * A long chapter's alignment gives way to the event loop and stops once its signal is aborted (#30 item 11: a
 * 0.5 MB chapter kept the CLI deaf to SIGTERM for seconds). Counted in scores, never in wall-clock time.
 */
function paragraphs(lang: string, n: number): Unit[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `s.p${i + 1}`,
    kind: 'paragraph',
    section: 's',
    text: lang === 'zh' ? `第${i}段，{{num "v${i}"}}。` : `Paragraph ${i}, {{num "v${i}"}}.`,
    file: `content/${lang}/01-main.md`,
    line: i + 1,
    column: 1,
    spans: [],
    anchor: `s-p${i + 1}`,
  }));
}

describe('the alignment of a long chapter', () => {
  const [zh, en] = [paragraphs('zh', 2_000), paragraphs('en', 2_000)];

  it('pairs every paragraph when nothing stops it', async () => {
    const pairs = await matchChapter(zh, en, undefined, 'en', pacer({ sliceMs: 0 }));
    expect(pairs.filter((p) => p.source && p.target && p.source.line === p.target.line)).toHaveLength(2_000);
  });

  it('rejects at its first turn of the event loop once a signal arrives during it', async () => {
    const stop = new AbortController();
    let turns = 0;
    const tick = pacer({ signal: stop.signal, sliceMs: 0 });
    setImmediate(() => stop.abort()); // what the CLI's SIGTERM handler would do, were it to wait
    const counted = () => {
      const t = tick();
      if (t) turns++;
      return t;
    };
    await expect(matchChapter(zh, en, undefined, 'en', counted)).rejects.toThrow(/abort/i);
    expect(turns).toBe(1);
  });
});
