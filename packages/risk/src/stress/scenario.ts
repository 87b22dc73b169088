/**
 * A stress scenario, as a risk officer writes it:
 * - factorShocks: the value of a sector factor in standard deviations (-2: a 1-in-44-years
 *   downturn of that sector). With `propagate` (default) the other sectors move with their
 *   correlation: they follow the conditional normal distribution given the shocked factors.
 * - pdMultipliers: PDs times a factor for everything, per sector and per segment (they multiply;
 *   PDs are capped at 1) - the way macro overlays are usually expressed.
 * - lgdAddOns: LGD plus an absolute add-on for everything, per sector and per segment (they add;
 *   capped at 1), for downturn LGDs.
 */
import { z } from 'zod';
import { RiskInputError } from '../errors.ts';
import { zodProblems } from '../input/zod-problems.ts';

const byKey = (value: z.ZodNumber) => z.record(z.string(), value).optional();
const multiplier = z.number().min(0, 'must not be negative');
const addOn = z.number().min(-1, 'must be in [-1, 1]').max(1, 'must be in [-1, 1]');

export const stressScenarioSchema = z.object({
  name: z.string().min(1, 'must be a non-empty string'),
  description: z.string().optional(),
  factorShocks: z.record(z.string(), z.number()).optional(),
  propagate: z.boolean().default(true),
  pdMultipliers: z.object({ all: multiplier.optional(), bySector: byKey(multiplier), bySegment: byKey(multiplier) }).optional(),
  lgdAddOns: z.object({ all: addOn.optional(), bySector: byKey(addOn), bySegment: byKey(addOn) }).optional(),
});

export type StressScenarioInput = z.input<typeof stressScenarioSchema>;
export type StressScenario = z.output<typeof stressScenarioSchema>;

export function parseStressScenario(input: unknown, sectors: readonly string[], path = 'scenario'): StressScenario {
  const parsed = stressScenarioSchema.safeParse(input, { reportInput: true });
  if (!parsed.success) throw new RiskInputError(zodProblems(parsed.error, undefined, path));
  const known = new Set(sectors);
  const checkSectors = (record: Record<string, number> | undefined, where: string) => {
    for (const sector of Object.keys(record ?? {})) {
      if (!known.has(sector))
        throw new RiskInputError({
          path: `${path}.${where}.${sector}`,
          message: `${JSON.stringify(sector)} is not one of the factor model's sectors`,
        });
    }
  };
  checkSectors(parsed.data.factorShocks, 'factorShocks');
  checkSectors(parsed.data.pdMultipliers?.bySector, 'pdMultipliers.bySector');
  checkSectors(parsed.data.lgdAddOns?.bySector, 'lgdAddOns.bySector');
  return parsed.data;
}
