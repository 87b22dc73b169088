/** Expected loss PD x LGD x EAD per exposure, and totals by sector and segment. */
import { parseExposures } from '../input/exposure.ts';

export interface ExpectedLossResult {
  total: number;
  totalEad: number;
  exposures: { id: string; expectedLoss: number }[];
  bySector: Record<string, number>;
  bySegment: Record<string, number>;
}

export function expectedLoss(exposuresInput: unknown): ExpectedLossResult {
  const exposures = parseExposures(exposuresInput);
  const bySector: Record<string, number> = {};
  const bySegment: Record<string, number> = {};
  let total = 0;
  let totalEad = 0;
  const rows = exposures.map((exposure) => {
    const el = exposure.pd * exposure.lgd * exposure.ead;
    total += el;
    totalEad += exposure.ead;
    bySector[exposure.sector] = (bySector[exposure.sector] ?? 0) + el;
    const segment = exposure.segment ?? '(none)';
    bySegment[segment] = (bySegment[segment] ?? 0) + el;
    return { id: exposure.id, expectedLoss: el };
  });
  return { total, totalEad, exposures: rows, bySector, bySegment };
}
