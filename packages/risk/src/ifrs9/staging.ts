/**
 * IFRS 9 stage allocation (IFRS 9 5.5.3-5.5.11, B5.5.37):
 * - stage 3: credit-impaired, i.e. in default (flagged, or more than `defaultDaysPastDue` days past
 *   due, 90 by default: the rebuttable presumption of B5.5.37);
 * - stage 2: significant increase in credit risk since initial recognition: more than
 *   `backstopDaysPastDue` (30) days past due (the 5.5.11 backstop), a watchlist/forbearance flag, or
 *   a PD increase: current over origination PD at least `relativeThreshold` (x2) and/or current minus
 *   origination at least `absoluteThreshold`, as `combine` says; optionally not when the current PD
 *   is at or below `lowCreditRiskPd` (the low-credit-risk simplification, 5.5.10);
 * - stage 1 otherwise.
 * Every allocation lists its reasons, so a reviewer sees why an exposure sits where it does.
 */
import { z } from 'zod';
import { RiskInputError } from '../errors.ts';
import { zodProblems } from '../input/zod-problems.ts';

const probability = z.number().min(0, 'must be in [0, 1]').max(1, 'must be in [0, 1]');

export const stagingExposureSchema = z.object({
  id: z.string().min(1),
  /** PD (same horizon as pdCurrent, typically lifetime or 12-month) at initial recognition. */
  pdOrigination: probability,
  pdCurrent: probability,
  daysPastDue: z.number().int('must be a whole number of days').min(0, 'must not be negative').default(0),
  defaulted: z.boolean().default(false),
  /** Watchlist, forbearance or another qualitative SICR indicator. */
  watchlist: z.boolean().default(false),
});

export const stagingRulesSchema = z.object({
  relativeThreshold: z.number().positive().nullable().default(2),
  absoluteThreshold: z.number().min(0).nullable().default(null),
  combine: z.enum(['any', 'all']).default('all'),
  lowCreditRiskPd: probability.nullable().default(null),
  backstopDaysPastDue: z.number().int().min(0).nullable().default(30),
  defaultDaysPastDue: z.number().int().min(0).nullable().default(90),
});

export type StagingExposure = z.input<typeof stagingExposureSchema>;
export type StagingRules = z.input<typeof stagingRulesSchema>;

export type Stage = 1 | 2 | 3;
export type StageReason =
  | 'defaulted'
  | 'days-past-due-default'
  | 'days-past-due-backstop'
  | 'watchlist'
  | 'pd-relative-increase'
  | 'pd-absolute-increase'
  | 'low-credit-risk';

export interface StageAllocation {
  id: string;
  stage: Stage;
  reasons: StageReason[];
  /** pdCurrent / pdOrigination (Infinity when the origination PD is 0 and the current is not). */
  pdRatio: number;
}

export function allocateStages(
  exposuresInput: unknown,
  rulesInput: StagingRules = {},
): { allocations: StageAllocation[]; counts: Record<Stage, number> } {
  const parsed = z.array(stagingExposureSchema).safeParse(exposuresInput, { reportInput: true });
  if (!parsed.success) throw new RiskInputError(zodProblems(parsed.error, exposuresInput, 'exposures'));
  const rules = stagingRulesSchema.safeParse(rulesInput, { reportInput: true });
  if (!rules.success) throw new RiskInputError(zodProblems(rules.error, undefined, 'rules'));
  const r = rules.data;
  const counts: Record<Stage, number> = { 1: 0, 2: 0, 3: 0 };
  const allocations = parsed.data.map((exposure): StageAllocation => {
    const { pdOrigination: before, pdCurrent: now, daysPastDue } = exposure;
    const pdRatio = before > 0 ? now / before : now > 0 ? Infinity : 1;
    const reasons: StageReason[] = [];
    if (exposure.defaulted || now >= 1) reasons.push('defaulted');
    if (r.defaultDaysPastDue !== null && daysPastDue > r.defaultDaysPastDue) reasons.push('days-past-due-default');
    if (reasons.length > 0) {
      counts[3]++;
      return { id: exposure.id, stage: 3, reasons, pdRatio };
    }
    if (r.backstopDaysPastDue !== null && daysPastDue > r.backstopDaysPastDue) reasons.push('days-past-due-backstop');
    if (exposure.watchlist) reasons.push('watchlist');
    const relative = r.relativeThreshold !== null && pdRatio >= r.relativeThreshold;
    const absolute = r.absoluteThreshold !== null && now - before >= r.absoluteThreshold;
    const tests = [r.relativeThreshold !== null ? relative : null, r.absoluteThreshold !== null ? absolute : null].filter(
      (x) => x !== null,
    );
    const pdIncrease = tests.length > 0 && (r.combine === 'all' ? tests.every(Boolean) : tests.some(Boolean));
    if (pdIncrease) {
      if (r.lowCreditRiskPd !== null && now <= r.lowCreditRiskPd) reasons.push('low-credit-risk');
      else {
        if (relative) reasons.push('pd-relative-increase');
        if (absolute) reasons.push('pd-absolute-increase');
      }
    }
    const stage: Stage = reasons.some((reason) => reason !== 'low-credit-risk') ? 2 : 1;
    counts[stage]++;
    return { id: exposure.id, stage, reasons, pdRatio };
  });
  return { allocations, counts };
}
