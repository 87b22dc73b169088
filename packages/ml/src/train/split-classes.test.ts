import { describe, expect, it } from 'vitest';
import { tableFromRecords } from '../data/table.ts';
import { DataValidationError } from '../data/validation-report.ts';
import { trainModel } from './train-model.ts';

// 50 rows with the id as split key (mod5: ids divisible by 5 are the test rows).
function rows(defaultIds: Set<number>) {
  return Array.from({ length: 50 }, (_, i) => ({ id: String(i), x: String((i * 37) % 11), y: defaultIds.has(i) ? '1' : '0' }));
}

describe('class counts per split', () => {
  it('leaves test metrics out, with a note, when the test rows hold fewer than two defaults', async () => {
    const defaults = new Set([1, 2, 3, 4, 6, 7, 8, 9, 11, 12, 5]); // only id 5 is a test-row default
    const table = tableFromRecords(rows(defaults), ['id', 'x', 'y']);
    const { report } = await trainModel(table, { model: 'logistic', target: 'y', id: 'id', split: { kind: 'mod5' } });
    expect(report.test).toBeNull();
    expect(report.notes.join(' ')).toMatch(/test rows \(10\) hold 1 defaults and 9 non-defaults; each split needs at least 2 of each/);
  });

  it('refuses to train when the training rows hold fewer than two defaults', async () => {
    const table = tableFromRecords(rows(new Set([1, 5, 10])), ['id', 'x', 'y']);
    await expect(trainModel(table, { model: 'logistic', target: 'y', id: 'id', split: { kind: 'mod5' } })).rejects.toThrow(
      DataValidationError,
    );
  });
});
