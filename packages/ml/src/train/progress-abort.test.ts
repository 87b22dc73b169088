/**
 * The training job contract every family keeps (the platform runs training in workers): structured
 * progress events as it goes, and an AbortSignal that stops it at the next step.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { unfamiliarLoansCsv } from '../../test/support/unfamiliar-loans.ts';
import { readCsvText } from '../data/read-csv.ts';
import type { Table } from '../data/table.ts';
import type { ModelKind } from '../families/types.ts';
import type { TrainOptions, TrainProgress } from './options.ts';
import { trainModel } from './train-model.ts';

let table: Table;
const base = (model: ModelKind): TrainOptions => ({
  model,
  target: 'status',
  defaultValue: 'default',
  split: { kind: 'random', seed: 3, fraction: 0.2 },
  deep: { epochs: 3, seed: 7, hidden: [8] },
  backend: 'cpu',
  logistic: { lambdas: [100, 10, 1] },
});

beforeAll(async () => {
  ({ table } = await readCsvText(unfamiliarLoansCsv({ rows: 900, seed: 12 })));
});

const stepUnit: Record<ModelKind, string> = { logistic: 'penalty', deep: 'epoch', gbdt: 'tree', fusion: 'epoch' };

describe.each(['logistic', 'deep', 'gbdt', 'fusion'] as const)('training a %s model', { timeout: 60_000 }, (kind) => {
  it('reports stages and steps with elapsed time, ETA and validation figures', async () => {
    const events: TrainProgress[] = [];
    await trainModel(table, base(kind), { onProgress: (e) => events.push(e) });
    expect(events[0]!.stage).toBe('validating the data');
    expect(events.some((e) => e.stage === 'calibrating')).toBe(true);
    const steps = events.filter((e) => e.step?.unit === stepUnit[kind]);
    expect(steps.length).toBeGreaterThanOrEqual(2);
    for (const e of steps) {
      expect(e.step!.index).toBeLessThanOrEqual(e.step!.total);
      // The trees' refit on training and validation rows has no held-out rows left to report on.
      if (e.stage.startsWith('refitting')) expect(e.validationAuc).toBeUndefined();
      else expect(e.validationAuc).toBeGreaterThan(0);
      expect(e.etaSeconds).toBeGreaterThanOrEqual(0);
    }
    for (let i = 1; i < events.length; i++) expect(events[i]!.elapsedSeconds).toBeGreaterThanOrEqual(events[i - 1]!.elapsedSeconds);
  });

  it('stops at the next step once the signal is aborted, with the reason', async () => {
    const controller = new AbortController();
    let after = 0;
    const run = trainModel(table, base(kind), {
      signal: controller.signal,
      onProgress: (e) => {
        if (e.step?.unit === stepUnit[kind]) {
          if (after > 0) throw new Error('a step ran after the abort');
          after++;
          controller.abort(new Error(`job cancelled by the user`));
        }
      },
    });
    await expect(run).rejects.toThrow('job cancelled by the user');
  });

  it('does not start when the signal is already aborted', async () => {
    await expect(trainModel(table, base(kind), { signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' });
  });
});
