// GraphQL inputs (keyed lists) to the records the data layer stores and @probity/risk reads, and back.
import { InputError, SEGMENTS, type StressDefinition, type StressScenario } from '@probity/db';
import type { KeyedValueInput, StressKeyedValuesInput, StressScenarioInput } from '../../generated/resolvers-types.ts';

function record(
  field: string,
  entries: readonly KeyedValueInput[] | null | undefined,
  keys?: readonly string[],
): Record<string, number> | undefined {
  if (!entries?.length) return undefined;
  const out: Record<string, number> = {};
  entries.forEach((entry, i) => {
    if (entry.key in out) throw new InputError(`${field}[${i}].key`, `repeats ${JSON.stringify(entry.key)}`);
    if (keys && !keys.includes(entry.key)) throw new InputError(`${field}[${i}].key`, `must be one of ${keys.join(', ')}`);
    if (!Number.isFinite(entry.value)) throw new InputError(`${field}[${i}].value`, 'must be a finite number');
    out[entry.key] = entry.value;
  });
  return out;
}

function keyedValues(field: string, input: StressKeyedValuesInput | null | undefined) {
  if (!input) return undefined;
  const bySector = record(`${field}.bySector`, input.bySector);
  const bySegment = record(`${field}.bySegment`, input.bySegment, SEGMENTS);
  return {
    ...(input.all == null ? {} : { all: input.all }),
    ...(bySector ? { bySector } : {}),
    ...(bySegment ? { bySegment } : {}),
  };
}

export function stressDefinition(input: StressScenarioInput): StressDefinition {
  const factorShocks = record('input.factorShocks', input.factorShocks);
  const pdMultipliers = keyedValues('input.pdMultipliers', input.pdMultipliers);
  const lgdAddOns = keyedValues('input.lgdAddOns', input.lgdAddOns);
  return {
    ...(factorShocks ? { factorShocks } : {}),
    propagate: input.propagate ?? true,
    ...(pdMultipliers ? { pdMultipliers } : {}),
    ...(lgdAddOns ? { lgdAddOns } : {}),
  };
}

export const keyed = (values: Record<string, number> | undefined) => Object.entries(values ?? {}).map(([key, value]) => ({ key, value }));

export const keyedValuesOf = (
  values: { all?: number; bySector?: Record<string, number>; bySegment?: Record<string, number> } | undefined,
) => ({
  all: values?.all ?? null,
  bySector: keyed(values?.bySector),
  bySegment: keyed(values?.bySegment),
});

/** The scenario as @probity/risk's stressScenarioSchema reads it. */
export const riskScenario = (scenario: Pick<StressScenario, 'name' | 'definition'>) => ({ name: scenario.name, ...scenario.definition });
