/**
 * The training-speed problem: 1,000,000 x 32 standard normal features (float32, so our solver and
 * scikit-learn read exactly the same numbers) with labels drawn from a known logistic model.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DesignMatrix } from '../src/pipeline/design-matrix.ts';
import { seededRandom } from '../src/util/random.ts';
import { allocateDesignArrays } from '../src/logistic/wasm/design-memory.ts';
import { sharedUint8 } from '../src/util/shared-arrays.ts';

export interface SyntheticProblem {
  design: DesignMatrix;
  labels: Uint8Array;
}

export function syntheticLogistic(rows: number, columns: number, seed = 20240501): SyntheticProblem {
  const random = seededRandom(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(random() || 1e-300)) * Math.cos(2 * Math.PI * random());
  const truth = Array.from({ length: columns }, () => gauss() * 0.3);
  const { dense, onehot, wasm } = allocateDesignArrays(rows, columns, 0);
  const labels = sharedUint8(rows);
  for (let i = 0; i < rows; i++) {
    let z = -1;
    for (let j = 0; j < columns; j++) {
      const x = Math.fround(gauss());
      dense[i * columns + j] = x;
      z += x * truth[j]!;
    }
    labels[i] = random() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
  }
  return { design: { rows, dense, denseDim: columns, onehot, slotCount: 0, columnCount: columns, wasm }, labels };
}

/** Writes X.f32, y.u8 and meta.json for the Python side. */
export function writeProblem(directory: string, problem: SyntheticProblem, lambda: number): void {
  const { design, labels } = problem;
  writeFileSync(join(directory, 'X.f32'), new Uint8Array(design.dense.buffer, design.dense.byteOffset, design.dense.byteLength));
  writeFileSync(join(directory, 'y.u8'), new Uint8Array(labels.buffer, labels.byteOffset, labels.byteLength));
  writeFileSync(join(directory, 'meta.json'), JSON.stringify({ rows: design.rows, columns: design.denseDim, lambda }));
}
