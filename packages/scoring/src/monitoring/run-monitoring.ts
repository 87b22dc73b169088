// A succeeded run's monitoring, from the summed batch counts and the grade pairs: PSI of the PDs and
// CSI per input against the model version's training population, with traffic lights, and the grade
// migration against the portfolio's previous succeeded run.
import { stabilityOf, trafficLight, type StabilityBin, type TrafficLight } from '@probity/ml';
import type { MonitorCounts } from './batch-counts.ts';
import { migrationMatrix, type GradePair, type MigrationMatrix } from './migration.ts';
import type { MonitoringReference } from './reference.ts';

export interface StabilityFigure {
  value: number;
  light: TrafficLight;
  bins: StabilityBin[];
}

export interface RunMonitoring {
  computedAt: string;
  reference: MonitoringReference['source'];
  /** PSI of the run's PDs; null when the version stores no training PDs or nothing was scored. */
  psi: StabilityFigure | null;
  /** CSI per input column, largest first; null when the version stores no training inputs. */
  csi: ({ feature: string } & StabilityFigure)[] | null;
  previousRunId: string | null;
  /** Null for a portfolio's first run. */
  migration: MigrationMatrix | null;
}

function figure(stability: { index: number; bins: StabilityBin[] }): StabilityFigure {
  return { value: stability.index, light: trafficLight(stability.index), bins: stability.bins };
}

const sum = (counts: readonly number[]) => counts.reduce((s, c) => s + c, 0);

export function buildRunMonitoring(input: {
  reference: MonitoringReference;
  counts: MonitorCounts;
  previousRunId: string | null;
  gradePairs: readonly GradePair[];
  scale: readonly string[];
  now?: Date;
}): RunMonitoring {
  const { reference, counts } = input;
  const psi = reference.score && counts.score && sum(counts.score) > 0 ? figure(stabilityOf(reference.score, counts.score)) : null;
  let csi: RunMonitoring['csi'] = null;
  if (reference.features) {
    csi = [];
    for (const profile of reference.features) {
      const c = counts.features[profile.feature];
      if (c && sum(c) > 0) csi.push({ feature: profile.feature, ...figure(stabilityOf(profile, c)) });
    }
    csi.sort((a, b) => b.value - a.value || (a.feature < b.feature ? -1 : 1));
  }
  return {
    computedAt: (input.now ?? new Date()).toISOString(),
    reference: reference.source,
    psi,
    csi,
    previousRunId: input.previousRunId,
    migration: input.previousRunId === null ? null : migrationMatrix(input.gradePairs, input.scale),
  };
}
