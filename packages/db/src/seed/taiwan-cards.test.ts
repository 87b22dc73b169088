import { describe, expect, it } from 'vitest';
import { cardStatus, daysPastDue, monthEnd, taiwanCardRows, taiwanMonthlyFigures } from './taiwan-cards.ts';

describe('Taiwan card mapping', () => {
  it('maps repayment status to days past due and status with the 90-day backstop', () => {
    expect([-2, -1, 0, 1, 2, 3, 8].map(daysPastDue)).toEqual([0, 0, 0, 30, 60, 90, 240]);
    expect([0, 30, 89, 90].map(cardStatus)).toEqual(['PERFORMING', 'WATCHLIST', 'WATCHLIST', 'DEFAULTED']);
  });

  it('floors negative bills at zero and keeps the limit', () => {
    const { exposures } = taiwanCardRows([{ id: 7, limit: 50_000, bills: [-120, 5, 5, 5, 5, 5], delays: [3, 0, 0, 0, 0, 0] }]);
    expect(exposures[0]).toEqual(
      expect.objectContaining({ ead: '0.00', limit: '50000.00', daysPastDue: 90, status: 'DEFAULTED', externalId: 'CARD-7' }),
    );
  });

  it('sums each month with its own repayment status', () => {
    const months = taiwanMonthlyFigures([
      { id: 1, limit: 100, bills: [10, 20, 30, 40, 50, 60], delays: [3, 0, 0, 0, 0, 4] },
      { id: 2, limit: 200, bills: [1, -5, 3, 4, 5, 6], delays: [0, 0, 0, 0, 0, 0] },
    ]);
    expect(months[0]).toEqual({ monthsBack: 0, exposureCount: 2, totalEad: 11, totalLimit: 300, defaultedCount: 1, defaultedEad: 10 });
    expect(months[1]!.totalEad).toBe(20);
    expect(months[5]).toEqual(expect.objectContaining({ defaultedCount: 1, defaultedEad: 60 }));
  });

  it('re-dates statements to month-ends before today', () => {
    const today = new Date('2026-11-27T12:00:00Z');
    expect(monthEnd(today, 0).toISOString().slice(0, 10)).toBe('2026-10-31');
    expect(monthEnd(today, 5).toISOString().slice(0, 10)).toBe('2026-05-31');
    expect(monthEnd(new Date('2026-03-01T00:00:00Z'), 0).toISOString().slice(0, 10)).toBe('2026-02-28');
  });
});
