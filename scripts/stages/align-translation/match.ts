import type { Unit, UnitKind, UnitPair, UnitRecord } from '../../model/alignment.js';
import { alignSequences } from '../../units/sequence.js';
import type { Tick } from '../../units/pace.js';
import { beginning, similarity } from '../../units/text-diff.js';
import { digitNumbers, expressionsOf } from '../../units/numbers.js';

/** Units paired by id alone: the same id in both editions means the same thing. */
const keyed: UnitKind[] = ['heading', 'slot', 'caption', 'note'];

/** What a unit id says about the unit: `status-hk.p2` → section status-hk, a paragraph. */
export function parseUnitId(id: string): { section: string; kind: UnitKind | undefined } {
  const dot = id.indexOf('.');
  if (dot < 0) return { section: id, kind: 'heading' };
  const [section, rest] = [id.slice(0, dot), id.slice(dot + 1)];
  if (section === 'note') return { section: '', kind: 'note' };
  if (rest === 'caption') return { section: '', kind: 'caption' };
  const kind = /^p\d/.test(rest)
    ? 'paragraph'
    : /^li\d/.test(rest)
      ? 'item'
      : /^t\d+\.r\d+c\d/.test(rest)
        ? 'cell'
        : undefined;
  return { section, kind };
}

/** A text's {{num}}, {{ref}}, notes, links and numbers in digits (kept: the alignment asks for each unit many times). */
function anchorsOf(text: string, cache: Map<string, Set<string>>): Set<string> {
  let set = cache.get(text);
  if (!set)
    cache.set(
      text,
      (set = new Set([...expressionsOf(text).map((e) => e.what), ...digitNumbers(text).map((n) => `#${n.values[0]}`)])),
    );
  return set;
}

/** How alike the anchors of two texts are (language-neutral), 0 to 1. */
function anchorLikeness(a: string, b: string, cache: Map<string, Set<string>>): number {
  const x = anchorsOf(a, cache);
  const y = anchorsOf(b, cache);
  if (!x.size && !y.size) return 0.3;
  return [...x].filter((e) => y.has(e)).length / new Set([...x, ...y]).size;
}

/** Two units of different editions that could translate each other, scored by their anchors. */
function unitScore(e: Unit, z: Unit, cache: Map<string, Set<string>>): number {
  if (keyed.includes(e.kind) || keyed.includes(z.kind)) return e.kind === z.kind && e.id === z.id ? 10 : 0;
  if (e.kind !== z.kind || e.section !== z.section) return 0;
  return 1 + 2 * anchorLikeness(e.text, z.text, cache);
}

/** A translated unit and a record of the sidecar that could be its own. */
function recordScore(e: Unit, r: UnitRecord, begins: string | undefined, cache: Map<string, Set<string>>): number {
  const { section, kind } = parseUnitId(r.unit);
  if (kind !== e.kind || (kind !== 'caption' && section !== e.section)) return 0;
  if (keyed.includes(kind)) return r.unit === e.id ? 10 : 0;
  // Its first words find a unit best (ids shift when a unit is added before it); then its anchors.
  return (
    0.5 + (r.unit === e.id ? 1 : 0) + (r.begins === begins ? 4 : 0) + 3 * anchorLikeness(e.text, r.source ?? '', cache)
  );
}

/** A record of the sidecar and a source unit as it is now that could be what it was translated from. */
function sourceScore(r: UnitRecord, z: Unit): number {
  if (!r.from || r.source === undefined) return 0;
  const { section, kind } = parseUnitId(r.from);
  if (kind !== z.kind) return 0;
  if (keyed.includes(kind)) return r.from === z.id ? 10 : 0;
  if (section !== z.section) return 0;
  if (r.source === z.text) return 10;
  const sim = similarity(r.source, z.text);
  return sim < 0.3 ? 0 : 1 + 5 * sim + (r.from === z.id ? 0.5 : 0);
}

/**
 * Pair the units of a translated chapter with those of its source.
 *
 * With a sidecar, the record of each translated unit names the source text it was translated from: the
 * translation is matched with the records (by id and first words), the records with the source as it
 * is now (by text: an unchanged unit is found wherever it moved, a changed one by similarity), and the
 * two joined. So a source paragraph added or removed is exactly one unpaired unit. What is left over
 * between two joined pairs — and everything in a chapter without sidecar — is paired by kind, section
 * and anchors ({{num}}, {{ref}}, notes, links), in order. Gives way through `tick`.
 */
export async function matchChapter(
  source: Unit[],
  target: Unit[],
  records: UnitRecord[] | undefined,
  targetLang: string,
  tick?: Tick,
): Promise<UnitPair[]> {
  const isNote = (u: { kind: UnitKind }) => u.kind === 'note';
  const pairs = await matchFlow(
    source.filter((u) => !isNote(u)),
    target.filter((u) => !isNote(u)),
    records?.filter((r) => parseUnitId(r.unit).kind !== 'note'),
    targetLang,
    tick,
  );
  // Notes are paired by id wherever they are defined.
  const notes = source.filter(isNote);
  for (const e of target.filter(isNote)) {
    const z = notes.find((n) => n.id === e.id);
    const record = records?.find((r) => r.unit === e.id && r.from === z?.id);
    if (z) notes.splice(notes.indexOf(z), 1);
    const status = !z
      ? 'orphan'
      : !record || record.source === undefined
        ? 'unrecorded'
        : record.source === z.text
          ? 'ok'
          : 'stale';
    pairs.push({ source: z, target: e, record, status, mismatches: [] });
  }
  for (const z of notes) pairs.push({ source: z, status: 'untranslated', mismatches: [] });
  return pairs;
}

async function matchFlow(
  source: Unit[],
  target: Unit[],
  records: UnitRecord[] | undefined,
  targetLang: string,
  tick: Tick | undefined,
): Promise<UnitPair[]> {
  const recordOf = new Map<Unit, UnitRecord>();
  const joined: [number, number][] = [];
  const cache = new Map<string, Set<string>>();
  if (records) {
    const begins = new Map(target.map((e) => [e, beginning(e.text, targetLang)]));
    const er = await alignSequences(target, records, (e, r) => recordScore(e, r, begins.get(e), cache), tick);
    const rz = await alignSequences(records, source, sourceScore, tick);
    const zOfRecord = new Map(rz);
    for (const [ei, ri] of er) {
      recordOf.set(target[ei]!, records[ri]!);
      const zi = zOfRecord.get(ri);
      if (zi !== undefined) joined.push([ei, zi]);
    }
  }
  // What is left between two joined pairs is paired by kind, section and anchors.
  const all: [number, number][] = [];
  let [pe, pz] = [0, 0];
  for (const [ei, zi] of [...joined, [target.length, source.length] as [number, number]]) {
    const [es, zs] = [target.slice(pe, ei), source.slice(pz, zi)];
    const left = await alignSequences(es, zs, (e, z) => unitScore(e, z, cache), tick);
    all.push(...left.map(([a, b]) => [a + pe, b + pz] as [number, number]));
    if (ei < target.length) all.push([ei, zi]);
    [pe, pz] = [ei + 1, zi + 1];
  }
  // In reading order: before each pair, the units of either side that have no partner.
  const pairs: UnitPair[] = [];
  [pe, pz] = [0, 0];
  for (const [ei, zi] of [...all, [target.length, source.length] as [number, number]]) {
    for (; pz < zi; pz++) pairs.push({ source: source[pz], status: 'untranslated', mismatches: [] });
    for (; pe < ei; pe++)
      pairs.push({ target: target[pe], record: recordOf.get(target[pe]!), status: 'orphan', mismatches: [] });
    if (ei === target.length) break;
    const e = target[ei]!;
    const z = source[zi]!;
    const record = recordOf.get(e);
    // A placement ({{figure}}…) has nothing to translate: it only anchors the units around it.
    const status =
      e.kind === 'slot'
        ? 'ok'
        : !record || record.source === undefined
          ? 'unrecorded'
          : record.source === z.text
            ? 'ok'
            : 'stale';
    pairs.push({ source: z, target: e, record, status, mismatches: [] });
    [pe, pz] = [ei + 1, zi + 1];
  }
  return pairs;
}
