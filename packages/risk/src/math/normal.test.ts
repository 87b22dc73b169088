import { describe, expect, it } from 'vitest';
import { normalCdf, normalPdf, normalQuantile } from './normal.ts';

describe('standard normal', () => {
  it('matches tabulated values', () => {
    // Abramowitz and Stegun 26.2 / the Basel texts' G(0.999).
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 15);
    expect(normalQuantile(0.999)).toBeCloseTo(3.090232306167813, 13);
    expect(normalCdf(-8)).toBeCloseTo(6.22096057427178e-16, 28);
    expect(normalPdf(0)).toBeCloseTo(0.3989422804014327, 15);
  });

  it('inverts', () => {
    // At 1e-300, x = -37 carries 1 ulp of error, which N magnifies 37-fold: 12 digits are all there are.
    expect(normalCdf(normalQuantile(1e-300)) / 1e-300).toBeCloseTo(1, 12);
    for (const p of [1e-12, 1e-6, 0.0003, 0.01, 0.5, 0.97]) expect(normalCdf(normalQuantile(p)) / p).toBeCloseTo(1, 13);
    for (const q of [1e-12, 1e-6, 0.0003]) expect(normalCdf(-normalQuantile(1 - q)) / q).toBeCloseTo(1, 3);
    // scipy.stats.norm.ppf(1e-12)
    expect(normalQuantile(1e-12)).toBeCloseTo(-7.034483825301131, 13);
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
  });
});
