import { describe, expect, it } from 'vitest';
import { datumFields, derivedFields, fieldUses } from '../../../scripts/stages/render-charts/expression-fields.js';

describe('the fields a chart spec reads in expressions', () => {
  it("finds datum.x and datum['x'], not other members or strings that look like them", () => {
    expect(datumFields("datum.yaer >= 2015 && datum['share'] > 0 && other.x && 'datum.text' && datum.a.b")).toEqual([
      'yaer',
      'share',
      'a',
    ]);
    expect(datumFields('datum.value / 100 *')).toEqual([]);
  });

  it('reads filters, calculates, tests and field predicates (inside and/or/not), each at its path', () => {
    const spec = {
      transform: [
        { filter: { and: ['datum.a > 1', { field: 'b', gt: 2 }, { not: { field: 'c', equal: 3 } }] } },
        { calculate: 'datum.d * 2', as: 'e' },
      ],
      encoding: { color: { condition: { test: 'datum.f > 0', value: 'red' } } },
    };
    expect(fieldUses(spec).map((u) => [u.field, u.path.join('.')])).toEqual([
      ['a', 'transform.0.filter.and.0'],
      ['b', 'transform.0.filter.and.1.field'],
      ['c', 'transform.0.filter.and.2.not.field'],
      ['d', 'transform.1.calculate'],
      ['f', 'encoding.color.condition.test'],
    ]);
  });

  it("knows the fields a pivot makes (the pivoted column's values) and a lookup brings", () => {
    const spec = {
      transform: [
        { pivot: 'economy', value: 'v' },
        { lookup: 'k', from: { key: 'k', fields: ['w'] } },
      ],
    };
    const values = (col: string) => (col === 'economy' ? ['HKG', 'SGP'] : []);
    expect([...derivedFields(spec, values)].sort()).toEqual(['HKG', 'SGP', 'w']);
  });

  it('knows the fields transforms make: as, fold (key and value by default), aggregates and windows', () => {
    const spec = {
      layer: [
        {
          transform: [
            { calculate: '1', as: 'one' },
            { fold: ['a', 'b'] },
            { aggregate: [{ op: 'sum', field: 'v', as: 'total' }], groupby: ['k'] },
            { window: [{ op: 'rank', as: 'rank' }] },
          ],
        },
      ],
    };
    expect([...derivedFields(spec)].sort()).toEqual(['key', 'one', 'rank', 'total', 'value']);
  });
});
