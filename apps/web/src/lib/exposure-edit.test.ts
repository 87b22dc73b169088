import { describe, expect, it } from 'vitest';
import type { ExposureDetail } from '../api/documents/exposures.ts';
import { exposureChanges, exposureFormValues, parseDecimal } from './exposure-edit.ts';

const current: ExposureDetail = {
  id: 'e1',
  externalId: 'F-1',
  product: 'Term loan',
  currency: 'EUR',
  ead: '1000.00',
  limit: '2000.00',
  utilisation: '0.500000',
  lgd: '0.4500',
  daysPastDue: 0,
  status: 'PERFORMING',
  maturityDate: '2030-06-30',
  originationDate: '2024-01-01',
  pdAtOrigination: null,
  collateralValue: null,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  portfolio: { id: 'p1', name: 'Book', baseCurrency: 'EUR' },
  obligor: { id: 'o1', name: 'Acme', externalId: 'O-1', segment: 'CORPORATE', sector: 'Energy', country: 'DE' },
};

const unchanged = {
  product: 'Term loan',
  ead: '1000',
  limit: '2,000.00',
  lgd: '0.45',
  collateralValue: '',
  daysPastDue: '0',
  status: 'PERFORMING',
  maturityDate: '2030-06-30',
};

describe('exposureChanges', () => {
  it('sends nothing when the values are the same numbers in another spelling', () => {
    expect(exposureChanges(current, unchanged)).toEqual({ ok: true, input: {} });
  });

  it('sends only the changed fields, clearing optional ones with null', () => {
    const result = exposureChanges(current, {
      ...unchanged,
      ead: '1 500.25',
      status: 'WATCHLIST',
      maturityDate: '',
      collateralValue: '300',
    });
    expect(result).toEqual({ ok: true, input: { ead: '1500.25', status: 'WATCHLIST', maturityDate: null, collateralValue: '300' } });
  });

  it('names every field that is not in a usable format', () => {
    const result = exposureChanges(current, {
      ...unchanged,
      product: ' ',
      ead: 'lots',
      daysPastDue: '1.5',
      status: 'GONE',
      maturityDate: '2030-02-30',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.fieldErrors).sort()).toEqual(['daysPastDue', 'ead', 'maturityDate', 'product', 'status']);
  });

  it('leaves business rules to the API (an LGD above 1 is sent as typed)', () => {
    expect(exposureChanges(current, { ...unchanged, lgd: '1.5' })).toEqual({ ok: true, input: { lgd: '1.5' } });
  });
});

describe('exposureFormValues', () => {
  it("gives the form's text of a stored exposure, which compares as unchanged", () => {
    const values = exposureFormValues(current);
    expect(values).toEqual({
      product: 'Term loan',
      ead: '1000.00',
      limit: '2000.00',
      lgd: '0.4500',
      collateralValue: '',
      daysPastDue: '0',
      status: 'PERFORMING',
      maturityDate: '2030-06-30',
    });
    expect(exposureChanges(current, values)).toEqual({ ok: true, input: {} });
  });
});

describe('parseDecimal', () => {
  it('accepts plain and grouped decimals, rejects the rest', () => {
    expect(parseDecimal('1,234.5')).toBe('1234.5');
    expect(parseDecimal('-3')).toBe('-3');
    expect(parseDecimal('1e6')).toBeUndefined();
    expect(parseDecimal('12.3.4')).toBeUndefined();
  });
});
