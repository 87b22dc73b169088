import { describe, expect, it } from 'vitest';
import { countNumeric, profileCategorical, profileNumeric, psi } from '@probity/ml';
import type { JsonValue } from '@probity/db';
import { countBatch, sumCounts } from './batch-counts.ts';
import { monitoringReference } from './reference.ts';
import { buildRunMonitoring } from './run-monitoring.ts';

const training = Array.from({ length: 2000 }, (_, i) => ((i * 7919) % 2000) / 2000);
const shifted = training.map((v) => Math.min(1, v * 1.6));

describe('run monitoring', () => {
  it('sums batch counts into the PSI that psi() gives on the whole sample', () => {
    const reference = monitoringReference({
      population: { rows: training.length, score: profileNumeric('pd', training), features: [] },
    } as never);
    expect(reference.source).toBe('training-population');
    const table = { rowCount: 0, columns: [] };
    const batches = [shifted.slice(0, 700), shifted.slice(700, 1500), shifted.slice(1500)].map((pd) => countBatch(reference, table, pd));
    const monitoring = buildRunMonitoring({ reference, counts: sumCounts(batches), previousRunId: null, gradePairs: [], scale: [] });
    expect(monitoring.psi!.value).toBeCloseTo(psi(training, shifted).psi, 12);
    expect(monitoring.psi!.light).toBe(monitoring.psi!.value >= 0.25 ? 'RED' : monitoring.psi!.value >= 0.1 ? 'AMBER' : 'GREEN');
    expect(monitoring.migration).toBeNull();
    expect(monitoring.csi).toEqual([]);
  });

  it('reads the training PD deciles of an older validation report (its stored PSI bins)', () => {
    // As stored: JSON turns the open bounds into null.
    const stability = JSON.parse(JSON.stringify(psi(training, training))) as JsonValue;
    const reference = monitoringReference({ stability });
    expect(reference.source).toBe('validation-report-stability');
    expect(reference.features).toBeNull();
    const counts = { score: countNumeric(reference.score!, shifted), features: {} };
    const monitoring = buildRunMonitoring({ reference, counts, previousRunId: null, gradePairs: [], scale: [] });
    expect(monitoring.psi!.value).toBeCloseTo(psi(training, shifted).psi, 12);
    expect(monitoring.csi).toBeNull();
  });

  it('gives CSI per feature, largest first, categorical levels included', () => {
    const levels = training.map((v) => (v < 0.5 ? 'a' : 'b'));
    const reference = monitoringReference({
      population: {
        rows: training.length,
        score: profileNumeric('pd', training),
        features: [profileNumeric('x', training), profileCategorical('k', levels)],
      },
    } as never);
    const table = {
      rowCount: 4,
      columns: [
        { name: 'x', numbers: Float64Array.from([0.1, 0.2, 0.3, 0.4]), textCodes: null, texts: [], missingCount: 0 },
        {
          name: 'k',
          numbers: new Float64Array(4).fill(Number.NaN),
          textCodes: Int32Array.from([0, 0, 0, 1]),
          texts: ['a', 'new'],
          missingCount: 0,
        },
      ],
    };
    const counts = countBatch(reference, table, [0.1, 0.2, 0.3, 0.4]);
    expect(counts.features.k).toEqual([3, 0, 1, 0]); // a, b, unseen, missing
    const monitoring = buildRunMonitoring({
      reference,
      counts,
      previousRunId: 'p',
      gradePairs: [{ from: 'A', to: 'B', count: 4 }],
      scale: ['A', 'B'],
    });
    expect(monitoring.csi!.map((c) => c.feature)).toEqual([...monitoring.csi!].sort((a, b) => b.value - a.value).map((c) => c.feature));
    expect(monitoring.csi!.find((c) => c.feature === 'k')!.bins.map((b) => b.label)).toEqual(['a', 'b', 'other/unseen']);
    expect(monitoring.migration!.downgrades).toBe(4);
  });

  it('has no PSI for a version that stores no training population', () => {
    const reference = monitoringReference(null);
    expect(reference.source).toBe('none');
    const monitoring = buildRunMonitoring({
      reference,
      counts: { score: null, features: {} },
      previousRunId: null,
      gradePairs: [],
      scale: [],
    });
    expect(monitoring.psi).toBeNull();
    expect(monitoring.csi).toBeNull();
  });
});
