/**
 * The exposure every calculation in this package takes, as a zod schema (the shape) plus the
 * checks zod cannot express alone (LGD spread versus its mean). Parse with `parseExposures`: it
 * returns typed exposures or throws a RiskInputError naming the entry, its id and the field.
 */
import { z } from 'zod';
import { IRB_ASSET_CLASSES } from '../irb/asset-class.ts';
import { zodProblems } from './zod-problems.ts';
import { RiskInputError, type InputProblem } from '../errors.ts';

const probability = z.number().min(0, 'must be in [0, 1]').max(1, 'must be in [0, 1]');

export const exposureSchema = z.object({
  /** Unique id of the exposure (facility, account). */
  id: z.string().min(1, 'must be a non-empty string'),
  /** Obligors default as one: exposures sharing an obligorId default together. Defaults to id. */
  obligorId: z.string().min(1).optional(),
  /** Sector id; must be one of the factor model's sectors where a factor model is used. */
  sector: z.string().min(1, 'must be a non-empty string'),
  /** Free segment label (retail cards, SME, ...), used by stress PD multipliers and summaries. */
  segment: z.string().optional(),
  /** Exposure at default, currency units. */
  ead: z.number().min(0, 'must not be negative'),
  /** One-year probability of default. */
  pd: probability,
  /** Expected loss given default (the mean when LGD is stochastic). */
  lgd: probability,
  /** Standard deviation of LGD (beta-distributed in the Monte Carlo; 0 or absent: fixed). */
  lgdSd: z.number().min(0, 'must not be negative').optional(),
  /** Basel IRB asset class; default corporate. */
  assetClass: z.enum(IRB_ASSET_CLASSES).optional(),
  /** Effective maturity in years (corporate, sovereign, bank); default 2.5. */
  maturity: z.number().positive('must be positive').optional(),
  /** Consolidated annual sales in EUR millions (SME firm-size adjustment below 50). */
  annualSales: z.number().positive('must be positive').optional(),
  /** Large or unregulated financial institution: asset correlation x 1.25 (CRE31.6). */
  largeFinancial: z.boolean().optional(),
  /** Asset correlation R (factor loading sqrt(R)); default from the factor model or Basel. */
  assetCorrelation: z.number().min(0, 'must be in [0, 1)').lt(1, 'must be in [0, 1)').optional(),
  /** Bank's best estimate of expected loss for a defaulted exposure (PD = 1), as a rate. */
  elBestEstimate: probability.optional(),
});

export type Exposure = z.infer<typeof exposureSchema>;

const exposuresSchema = z.array(exposureSchema);

/** Validates exposures; `path` names the array in messages (default `exposures`). */
export function parseExposures(input: unknown, path = 'exposures'): Exposure[] {
  const parsed = exposuresSchema.safeParse(input, { reportInput: true });
  if (!parsed.success) throw new RiskInputError(zodProblems(parsed.error, input, path));
  const problems: InputProblem[] = [];
  const seen = new Map<string, number>();
  parsed.data.forEach((exposure, index) => {
    const where = `${path}[${index}]`;
    const earlier = seen.get(exposure.id);
    if (earlier !== undefined) {
      problems.push({ path: `${where}.id`, entryId: exposure.id, field: 'id', message: `duplicates ${path}[${earlier}]` });
    }
    seen.set(exposure.id, index);
    if (exposure.lgdSd !== undefined && exposure.lgdSd > 0) {
      const max = Math.sqrt(exposure.lgd * (1 - exposure.lgd));
      if (!(exposure.lgdSd < max)) {
        problems.push({
          path: `${where}.lgdSd`,
          entryId: exposure.id,
          field: 'lgdSd',
          message: `must be below sqrt(lgd (1 - lgd)) = ${max.toPrecision(4)} for a beta LGD with mean ${exposure.lgd}, got ${exposure.lgdSd}`,
        });
      }
    }
    if (exposure.assetClass === 'sme' && exposure.annualSales === undefined) {
      problems.push({
        path: `${where}.annualSales`,
        entryId: exposure.id,
        field: 'annualSales',
        message: 'is required for assetClass "sme"',
      });
    }
  });
  if (problems.length > 0) throw new RiskInputError(problems.slice(0, 50));
  return parsed.data;
}
