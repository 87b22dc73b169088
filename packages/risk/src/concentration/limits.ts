/**
 * Concentration limits and their breaches: a maximum EAD and/or share of total EAD per single name
 * (a default for all, overrides per obligor), per sector and per segment. A breach states the
 * exposure, its share, the limit that binds (the smaller of share x total and the amount) and the
 * excess over it, largest excess first.
 */
import { z } from 'zod';
import { RiskInputError } from '../errors.ts';
import { parseExposures } from '../input/exposure.ts';
import { zodProblems } from '../input/zod-problems.ts';

const limit = z
  .object({
    maxShare: z.number().min(0, 'must be in [0, 1]').max(1, 'must be in [0, 1]').optional(),
    maxEad: z.number().min(0, 'must not be negative').optional(),
  })
  .refine((value) => value.maxShare !== undefined || value.maxEad !== undefined, 'needs maxShare or maxEad');

export const exposureLimitsSchema = z.object({
  singleName: limit.optional(),
  byObligor: z.record(z.string(), limit).optional(),
  bySector: z.record(z.string(), limit).optional(),
  bySegment: z.record(z.string(), limit).optional(),
});

export type ExposureLimits = z.input<typeof exposureLimitsSchema>;

export interface LimitBreach {
  kind: 'single-name' | 'sector' | 'segment';
  id: string;
  ead: number;
  share: number;
  /** The binding limit as an amount: min(maxShare x total EAD, maxEad). */
  limit: number;
  excess: number;
}

export function limitBreaches(exposuresInput: unknown, limitsInput: ExposureLimits): LimitBreach[] {
  const exposures = parseExposures(exposuresInput);
  const parsed = exposureLimitsSchema.safeParse(limitsInput, { reportInput: true });
  if (!parsed.success) throw new RiskInputError(zodProblems(parsed.error, undefined, 'limits'));
  const limits = parsed.data;
  const totals = { 'single-name': new Map<string, number>(), sector: new Map<string, number>(), segment: new Map<string, number>() };
  let total = 0;
  for (const exposure of exposures) {
    total += exposure.ead;
    const add = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + exposure.ead);
    add(totals['single-name'], exposure.obligorId ?? exposure.id);
    add(totals.sector, exposure.sector);
    add(totals.segment, exposure.segment ?? '(none)');
  }
  const breaches: LimitBreach[] = [];
  const check = (
    kind: LimitBreach['kind'],
    id: string,
    ead: number,
    rule: { maxShare?: number | undefined; maxEad?: number | undefined } | undefined,
  ) => {
    if (!rule) return;
    const bound = Math.min(rule.maxShare !== undefined ? rule.maxShare * total : Infinity, rule.maxEad ?? Infinity);
    if (ead > bound) breaches.push({ kind, id, ead, share: total > 0 ? ead / total : 0, limit: bound, excess: ead - bound });
  };
  for (const [id, ead] of totals['single-name']) check('single-name', id, ead, limits.byObligor?.[id] ?? limits.singleName);
  for (const [id, ead] of totals.sector) check('sector', id, ead, limits.bySector?.[id]);
  for (const [id, ead] of totals.segment) check('segment', id, ead, limits.bySegment?.[id]);
  return breaches.sort((x, y) => y.excess - x.excess || (x.id < y.id ? -1 : 1));
}
