import { describe, expect, it } from 'vitest';
import { formatCompact, formatDate, formatDateTime, formatInteger, formatMoney, formatMonth, formatPercent, humanise } from './format.ts';

describe('formatMoney', () => {
  it('shows whole units with thousands separators and the currency code', () => {
    expect(formatMoney('1234567.89', 'TWD')).toBe('TWD 1,234,568');
    expect(formatMoney(0, 'EUR')).toBe('EUR 0');
  });
  it('abbreviates for cards and axes', () => {
    expect(formatMoney('1250000000', 'EUR', { compact: true })).toBe('EUR 1.3B');
    expect(formatMoney('98765', 'USD', { compact: true })).toBe('USD 98.8K');
  });
  it('shows a dash for missing or non-numeric values', () => {
    expect(formatMoney(null, 'EUR')).toBe('—');
    expect(formatMoney('abc', 'EUR')).toBe('—');
  });
  it('keeps negative amounts negative', () => {
    expect(formatMoney('-1500', 'EUR')).toBe('-EUR 1,500');
  });
});

describe('numbers and ratios', () => {
  it('formats integers and compact numbers', () => {
    expect(formatInteger(30000)).toBe('30,000');
    expect(formatCompact(2_500_000)).toBe('2.5M');
    expect(formatCompact(Number.NaN)).toBe('—');
  });
  it('formats ratios as percentages', () => {
    expect(formatPercent(0.4567)).toBe('45.7%');
    expect(formatPercent('0.65', 0)).toBe('65%');
    expect(formatPercent(null)).toBe('—');
  });
});

describe('dates', () => {
  it('formats calendar dates without shifting the day', () => {
    expect(formatDate('2026-11-27')).toBe('27 Nov 2026');
    expect(formatDate('2026-01-01T00:30:00.000Z')).toBe('01 Jan 2026');
  });
  it('formats instants in UTC with the zone named', () => {
    expect(formatDateTime('2026-11-27T09:30:00.000Z')).toBe('27 Nov 2026, 09:30 UTC');
  });
  it('formats months for chart axes and rejects garbage', () => {
    expect(formatMonth('2026-06-30')).toBe('Jun 26');
    expect(formatDate('not a date')).toBe('—');
  });
});

describe('humanise', () => {
  it('turns enum codes into words', () => {
    expect(humanise('RISK_OFFICER')).toBe('Risk officer');
    expect(humanise('PERFORMING')).toBe('Performing');
  });
});
