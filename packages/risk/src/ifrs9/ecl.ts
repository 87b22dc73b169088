/**
 * IFRS 9 expected credit loss. Over a horizon H the loss is the sum over periods (length 1 /
 * periodsPerYear) of the marginal PD of the period times LGD times the EAD at the start of the
 * period, discounted at the effective interest rate to the moment of default:
 *   ECL(H) = sum_k [S(t_{k-1}) - S(t_k)] x LGD x EAD_k / (1 + EIR)^{tau_k},  t_k = min(k / f, H),
 * with tau_k the period end (`timing: 'end'`, default) or its middle. 12-month ECL uses
 * H = min(1, remaining life), lifetime ECL H = remaining life. Stage 1 books the 12-month ECL,
 * stage 2 the lifetime ECL, stage 3 LGD x EAD (the PD is 1; LGD is already a present value).
 * EAD per period: constant, linear amortisation to zero at maturity, or a schedule.
 */
import { z } from 'zod';
import { RiskInputError } from '../errors.ts';
import { zodProblems } from '../input/zod-problems.ts';
import { checkTermStructure, flatTermStructure, survival, type PdTermStructure } from './term-structure.ts';
import type { Stage } from './staging.ts';

const probability = z.number().min(0, 'must be in [0, 1]').max(1, 'must be in [0, 1]');

export const eclExposureSchema = z.object({
  id: z.string().min(1),
  stage: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  ead: z.number().min(0, 'must not be negative'),
  lgd: probability,
  /** Annual effective interest rate (0.05 = 5%). */
  eir: z.number().min(0, 'must not be negative').max(10),
  /** Remaining contractual life in years. */
  remainingLife: z.number().positive('must be positive').max(100),
  /** Cumulative PD by whole year; or give annualPd for a flat term structure. */
  pdTermStructure: z.object({ cumulative: z.array(z.number()) }).optional(),
  annualPd: probability.optional(),
  amortisation: z.enum(['none', 'linear']).default('none'),
  /** EAD at the start of each period (overrides ead and amortisation). */
  eadSchedule: z.array(z.number().min(0)).optional(),
});

export const eclOptionsSchema = z.object({
  periodsPerYear: z.number().int().min(1).max(365).default(12),
  timing: z.enum(['end', 'middle']).default('end'),
});

export type EclExposure = z.input<typeof eclExposureSchema>;
export type EclOptions = z.input<typeof eclOptionsSchema>;

export interface EclResult {
  id: string;
  stage: Stage;
  twelveMonth: number;
  lifetime: number;
  /** The allowance booked for the stage. */
  ecl: number;
}

interface CashflowInputs {
  structure: PdTermStructure;
  lgd: number;
  eir: number;
  life: number;
  eadAt: (k: number, periods: number) => number;
}

function expectedLossOver(horizon: number, inputs: CashflowInputs, options: z.output<typeof eclOptionsSchema>): number {
  const f = options.periodsPerYear;
  const periods = Math.ceil(horizon * f - 1e-9);
  const totalPeriods = Math.ceil(inputs.life * f - 1e-9);
  let sum = 0;
  let previous = 1;
  for (let k = 1; k <= periods; k++) {
    const start = (k - 1) / f;
    const end = Math.min(k / f, horizon);
    const next = survival(inputs.structure, end);
    const tau = options.timing === 'end' ? end : (start + end) / 2;
    sum += ((previous - next) * inputs.lgd * inputs.eadAt(k, totalPeriods)) / (1 + inputs.eir) ** tau;
    previous = next;
  }
  return sum;
}

export function expectedCreditLoss(
  exposuresInput: unknown,
  optionsInput: EclOptions = {},
): { exposures: EclResult[]; total: number; byStage: Record<Stage, number> } {
  const parsed = z.array(eclExposureSchema).safeParse(exposuresInput, { reportInput: true });
  if (!parsed.success) throw new RiskInputError(zodProblems(parsed.error, exposuresInput, 'exposures'));
  const options = eclOptionsSchema.safeParse(optionsInput, { reportInput: true });
  if (!options.success) throw new RiskInputError(zodProblems(options.error, undefined, 'options'));
  const byStage: Record<Stage, number> = { 1: 0, 2: 0, 3: 0 };
  let total = 0;
  const results = parsed.data.map((exposure, index): EclResult => {
    const where = `exposures[${index}]`;
    let structure: PdTermStructure;
    if (exposure.pdTermStructure) structure = checkTermStructure(exposure.pdTermStructure, `${where}.pdTermStructure`);
    else if (exposure.annualPd !== undefined) structure = flatTermStructure(exposure.annualPd, exposure.remainingLife);
    else
      throw new RiskInputError({
        path: `${where}.pdTermStructure`,
        entryId: exposure.id,
        field: 'pdTermStructure',
        message: 'is required (or annualPd)',
      });
    const schedule = exposure.eadSchedule;
    const eadAt = (k: number, periods: number): number => {
      if (schedule) return schedule[Math.min(k - 1, schedule.length - 1)] ?? 0;
      if (exposure.amortisation === 'linear') return (exposure.ead * (periods - k + 1)) / periods;
      return exposure.ead;
    };
    const inputs: CashflowInputs = { structure, lgd: exposure.lgd, eir: exposure.eir, life: exposure.remainingLife, eadAt };
    const twelveMonth = expectedLossOver(Math.min(1, exposure.remainingLife), inputs, options.data);
    const lifetime = expectedLossOver(exposure.remainingLife, inputs, options.data);
    const stage = exposure.stage;
    const ecl = stage === 3 ? exposure.lgd * (schedule?.[0] ?? exposure.ead) : stage === 2 ? lifetime : twelveMonth;
    byStage[stage] += ecl;
    total += ecl;
    return { id: exposure.id, stage, twelveMonth, lifetime, ecl };
  });
  return { exposures: results, total, byStage };
}
