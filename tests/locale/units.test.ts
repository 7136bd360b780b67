import { describe, expect, it } from 'vitest';
import { formatBare, formatDate, formatValue } from '../../scripts/locale/units.js';

describe('format', () => {
  it.each([
    ['1510.81', 'cny-100m', '1510.81 亿元', 'RMB 151.08 billion'],
    ['2.775', 'cny-100m', '2.775 亿元', 'RMB 277.5 million'],
    ['26554', 'hkd-million', '265.54 亿港元', 'HK$26.55 billion'],
    ['0.99', 'percent', '0.99%', '0.99%'],
    ['2.4', 'percent', '2.4%', '2.4%'],
    ['345780', 'person-years', '345780 人年', '345,780 person-years'],
    ['27.92', '10k', '27.92 万', '279,200'],
    ['113.7', 'usd-100m', '113.7 亿美元', 'US$11.37 billion'],
    ['60', 'sqm-10k', '60 万平方米', '600,000 m²'],
    ['1', 'increase-times', '1 倍', '100%'],
    ['2.5', 'pp', '2.5 个百分点', '2.5 percentage points'],
  ] as const)('%s %s', (raw, unit, zh, en) => {
    expect(formatValue(raw, unit, 'zh')).toBe(zh);
    expect(formatValue(raw, unit, 'en')).toBe(en);
  });
  it('rounds to decimals= before the unit applies, half away from zero, keeping trailing zeros', () => {
    expect(formatValue('4.59673', 'percent', 'zh', { decimals: 2 })).toBe('4.60%');
    expect(formatValue('4.59673', 'percent', 'en', { decimals: 1 })).toBe('4.6%');
    expect(formatValue('1.005', 'percent', 'en', { decimals: 2 })).toBe('1.01%');
    expect(formatValue('-2.5', 'pp', 'en', { decimals: 0 })).toBe('-3 percentage points');
    expect(formatValue('1510.81', 'cny-100m', 'en', { decimals: 0 })).toBe('RMB 151.1 billion');
    expect(formatValue('26554.4', 'hkd-million', 'zh', { decimals: 0 })).toBe('265.54 亿港元');
    expect(formatBare('3468.9', 'en', { decimals: 0 })).toBe('3,469');
  });

  it('spells out one to nine in English running text, and only there', () => {
    expect(['1', '5', '9'].map((raw) => formatValue(raw, 'number', 'en', { words: true }))).toEqual([
      'one',
      'five',
      'nine',
    ]);
    // ten and above, zero, decimals, other units, tables and charts (no `words`), and Chinese keep figures
    expect(formatValue('10', 'number', 'en', { words: true })).toBe('10');
    expect(formatValue('0', 'number', 'en', { words: true })).toBe('0');
    expect(formatValue('5.0', 'number', 'en', { words: true })).toBe('5.0');
    expect(formatValue('5', 'percent', 'en', { words: true })).toBe('5%');
    expect(formatValue('5', 'pp', 'en', { words: true })).toBe('5 percentage points');
    expect(formatValue('5', 'number', 'en')).toBe('5');
    expect(formatValue('5', 'number', 'en', { short: true })).toBe('5');
    expect(formatValue('5', 'number', 'zh', { words: true })).toBe('5');
  });
  it('dates', () => {
    expect(formatDate('2023-01-10', 'zh')).toBe('2023 年 1 月 10 日');
    expect(formatDate('2023-01-10', 'en')).toBe('10 January 2023');
  });
});
