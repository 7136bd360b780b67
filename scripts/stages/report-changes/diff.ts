import type { Lang } from '../../context.js';
import type { ChangeSet, ValueChange, ValueRecord } from '../../model/changes.js';

/** How `after` differs from `before` (undefined: a first build, nothing to compare). */
export function diffRecords(before: ValueRecord | undefined, after: ValueRecord, langs: Lang[]): ChangeSet {
  const set: ChangeSet = { compared: before !== undefined, changed: [], added: [], removed: [], charts: [], pages: {} };
  if (!before) return set;
  const usesOf = (r: ValueRecord, id: string) =>
    Object.fromEntries(langs.map((l) => [l, (r.uses[l] ?? []).filter((u) => u.id === id)]));
  // A value is a row of its dataset: every chart of the dataset draws it, a bound table only when it shows that row.
  const linked = (v: { dataset: string; line: number }): Pick<ValueChange, 'charts' | 'tables'> => ({
    charts: Object.entries({ ...before.charts, ...after.charts })
      .filter(([, c]) => c.dataset === v.dataset)
      .map(([k]) => k),
    tables: Object.entries({ ...before.tables, ...after.tables })
      .filter(([, t]) => t.dataset === v.dataset && (t.rows ?? []).includes(v.line))
      .map(([k]) => k),
  });
  for (const [id, now] of Object.entries(after.values)) {
    const was = before.values[id];
    const change = {
      id,
      before: was,
      after: now,
      usesBefore: usesOf(before, id),
      usesAfter: usesOf(after, id),
      ...linked(now),
    };
    if (!was) set.added.push(change);
    else if (was.raw !== now.raw || was.unit !== now.unit) set.changed.push(change);
  }
  for (const [id, was] of Object.entries(before.values)) {
    if (!after.values[id])
      set.removed.push({
        id,
        before: was,
        usesBefore: usesOf(before, id),
        usesAfter: usesOf(after, id),
        ...linked(was),
      });
  }
  for (const id of new Set([...Object.keys(before.charts), ...Object.keys(after.charts)])) {
    const b = before.charts[id]?.svg ?? {};
    const a = after.charts[id]?.svg ?? {};
    // An edition not drawn this time (one language built) says nothing about its chart.
    if (langs.some((l) => a[l] !== undefined && b[l] !== a[l]))
      set.charts.push({ id, label: after.charts[id]?.label ?? before.charts[id]!.label, before: b, after: a });
  }
  return set;
}

/** Whether anything a reader sees from data changed. */
export function hasChanges(set: ChangeSet): boolean {
  return set.changed.length + set.added.length + set.removed.length + set.charts.length > 0;
}
