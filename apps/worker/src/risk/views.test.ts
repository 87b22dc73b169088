// IFRS 9 staging in the stored view: a PD that at least doubled since origination moves an exposure to
// stage 2 (lifetime ECL); without a PD at origination only default, arrears and the watchlist count.
import { describe, expect, it } from 'vitest';
import type { RiskInputExposure } from '@probity/db';
import { ifrs9View } from './views.ts';

const exposure = (id: string, fields: Partial<RiskInputExposure>): RiskInputExposure => ({
  id,
  obligorId: `O-${id}`,
  obligorName: id,
  sector: 'Energy',
  segment: 'CORPORATE',
  assetClass: 'corporate',
  ead: 1_000,
  lgd: 0.45,
  pd: 0.02,
  pdOrigin: 'SCORING_RUN',
  pdAtOrigination: null,
  pdAtOriginationSource: null,
  maturity: 3,
  daysPastDue: 0,
  defaulted: false,
  watchlist: false,
  ...fields,
});

describe('ifrs9View', () => {
  it('stages by the PD at origination where there is one, and says how many had one', () => {
    const view = ifrs9View([
      exposure('tripled', { pd: 0.03, pdAtOrigination: 0.01, pdAtOriginationSource: 'RECORDED' }),
      exposure('steady', { pd: 0.012, pdAtOrigination: 0.01, pdAtOriginationSource: 'FIRST_SCORING_RUN' }),
      exposure('unknown', { pd: 0.3 }),
      exposure('late', { daysPastDue: 45 }),
      exposure('defaulted', { pd: 1, defaulted: true }),
    ]);
    expect(view.stages.map((s) => s.exposureCount)).toEqual([2, 2, 1]);
    expect(view.stages[1]!.ead).toBe(2_000);
    // Stage 2 carries lifetime ECL: the tripled exposure's ECL exceeds a 12-month figure for its PD.
    expect(view.stages[1]!.ecl).toBeGreaterThan(0.03 * 0.45 * 1_000);
    expect(view.assumptions.join(' ')).toMatch(/recorded for 1, taken from the portfolio's first scoring run for 1; 3 have neither/);
  });
});
