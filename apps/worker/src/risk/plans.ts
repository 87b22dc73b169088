// The plans of a stored simulation: base, and stressed when the run has a scenario. Planning is
// deterministic, so the coordinator and every chunk job rebuild the same plans (same fingerprints)
// from the stored inputs; a small cache spares a worker rebuilding them for each chunk job.
import { planExposures, type SimulationWork } from '@probity/db';
import { planSimulation, stressedPlanInput, stressInputs, type SimulationPlan, type StressedInputs } from '@probity/risk';

export interface SimulationPlans {
  base: SimulationPlan;
  stressed: SimulationPlan | null;
  stressedInputs: StressedInputs | null;
}

export function buildPlans(work: SimulationWork): SimulationPlans {
  const { simulation, inputs } = work;
  const exposures = planExposures(inputs.exposures);
  const options = { seed: simulation.parameters.seed, levels: simulation.parameters.levels, chunkSize: simulation.parameters.chunkSize };
  const base = planSimulation({ exposures, factorModel: inputs.factorModel }, options);
  if (!simulation.scenario) return { base, stressed: null, stressedInputs: null };
  const stressed = stressInputs(exposures, inputs.factorModel, { name: simulation.scenario.name, ...simulation.scenario.definition });
  return { base, stressed: planSimulation(stressedPlanInput(stressed), options), stressedInputs: stressed };
}

const cache = new Map<string, SimulationPlans>();
const CACHED_RUNS = 2;

/** The cached plans of a run, if this process built them already (spares reloading its inputs). */
export function cachedPlans(simulationId: string): SimulationPlans | undefined {
  return cache.get(simulationId);
}

/** Plans of a run, built once per worker process (the two most recent runs are kept). */
export function plansFor(work: SimulationWork): SimulationPlans {
  const key = work.simulation.id;
  const hit = cache.get(key);
  if (hit) return hit;
  const plans = buildPlans(work);
  cache.set(key, plans);
  while (cache.size > CACHED_RUNS) cache.delete(cache.keys().next().value!);
  return plans;
}
