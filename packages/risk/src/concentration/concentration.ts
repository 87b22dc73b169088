/**
 * Concentration of a portfolio by EAD: Herfindahl-Hirschman index (sum of squared shares) and
 * its effective number (1 / HHI) for single names (obligors: exposures sharing an obligorId add
 * up), sectors and segments; the shares of the largest 1, 5, 10, 20 names; the largest names.
 */
import { parseExposures } from '../input/exposure.ts';

export interface ShareEntry {
  id: string;
  ead: number;
  share: number;
}

export interface Herfindahl {
  hhi: number;
  /** 1 / HHI: how many equal parts would be as concentrated. */
  effectiveNumber: number;
  /** Entries by share, largest first. */
  shares: ShareEntry[];
}

export interface ConcentrationResult {
  totalEad: number;
  singleName: Herfindahl & { topShares: { n: number; share: number }[] };
  sector: Herfindahl;
  segment: Herfindahl;
}

export interface ConcentrationOptions {
  /** Top-N shares to report; default 1, 5, 10, 20. */
  topN?: number[];
  /** How many single names to list in singleName.shares; default 20. */
  largest?: number;
}

function herfindahl(groups: Map<string, number>, total: number, keep: number): Herfindahl {
  const shares = [...groups.entries()]
    .map(([id, ead]) => ({ id, ead, share: total > 0 ? ead / total : 0 }))
    .sort((x, y) => y.ead - x.ead || (x.id < y.id ? -1 : 1));
  let hhi = 0;
  for (const entry of shares) hhi += entry.share * entry.share;
  return { hhi, effectiveNumber: hhi > 0 ? 1 / hhi : 0, shares: shares.slice(0, keep) };
}

export function concentration(exposuresInput: unknown, options: ConcentrationOptions = {}): ConcentrationResult {
  const exposures = parseExposures(exposuresInput);
  const names = new Map<string, number>();
  const sectors = new Map<string, number>();
  const segments = new Map<string, number>();
  let total = 0;
  for (const exposure of exposures) {
    total += exposure.ead;
    const name = exposure.obligorId ?? exposure.id;
    names.set(name, (names.get(name) ?? 0) + exposure.ead);
    sectors.set(exposure.sector, (sectors.get(exposure.sector) ?? 0) + exposure.ead);
    const segment = exposure.segment ?? '(none)';
    segments.set(segment, (segments.get(segment) ?? 0) + exposure.ead);
  }
  const all = herfindahl(names, total, names.size);
  const topShares = (options.topN ?? [1, 5, 10, 20]).map((n) => ({
    n,
    share: all.shares.slice(0, n).reduce((sum, entry) => sum + entry.share, 0),
  }));
  return {
    totalEad: total,
    singleName: { ...all, shares: all.shares.slice(0, options.largest ?? 20), topShares },
    sector: herfindahl(sectors, total, sectors.size),
    segment: herfindahl(segments, total, segments.size),
  };
}
