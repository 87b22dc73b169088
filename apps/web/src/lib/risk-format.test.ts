import { describe, expect, it } from 'vitest';
import { toCsv } from './chart-export.ts';
import { formatEstimate, formatLevel, histogramPoints, relativeError } from './risk-format.ts';

describe('risk figures on the page', () => {
  it('states an estimate with its standard error and relative error', () => {
    expect(formatEstimate({ value: 1_234_000, standardError: 4_500 })).toBe('1.2M ± 4.5K');
    expect(relativeError({ value: 200, standardError: 1 })).toBe('0.50%');
    expect(relativeError({ value: 0, standardError: 0 })).toBe('–');
    expect(formatLevel(0.999)).toBe('99.9%');
    expect(formatLevel(0.99)).toBe('99%');
  });

  it('turns histogram bins into points with both edges', () => {
    expect(histogramPoints({ edges: [0, 10, 20], probability: [0.9, 0.1], exceedance: [0.4, 0.1] })).toEqual([
      { from: 0, to: 10, probability: 0.9, exceedance: 0.4 },
      { from: 10, to: 20, probability: 0.1, exceedance: 0.1 },
    ]);
  });

  it('writes CSV with quoting where a name needs it', () => {
    expect(
      toCsv(
        ['name', 'value'],
        [
          ['Alpine "North", GmbH', 1.5],
          ['plain', null],
        ],
      ),
    ).toBe('name,value\n"Alpine ""North"", GmbH",1.5\nplain,\n');
  });
});
