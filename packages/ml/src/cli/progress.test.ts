import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createProgress } from './progress.ts';

function stream(isTTY: boolean) {
  const out = new PassThrough() as PassThrough & {
    isTTY: boolean;
    columns: number;
    cursorTo: () => boolean;
    clearLine: () => boolean;
    moveCursor: () => boolean;
  };
  Object.assign(out, { isTTY, columns: 120, cursorTo: () => true, clearLine: () => true, moveCursor: () => true });
  let text = '';
  out.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  return { out: out as unknown as NodeJS.WriteStream, text: () => text };
}

const epoch = {
  stage: 'training the deep model (from scratch)',
  family: 'deep' as const,
  run: 'from scratch',
  step: { unit: 'epoch' as const, index: 3, total: 10 },
  loss: 0.4321,
  validationLoss: 0.4111,
  validationAuc: 0.7777,
  elapsedSeconds: 1.5,
  etaSeconds: 125,
};

describe('createProgress', () => {
  it('draws a bar with epoch, loss, validation AUC and ETA on a terminal', () => {
    const { out, text } = stream(true);
    const progress = createProgress(out);
    progress.onStage?.('training the deep model');
    progress.onProgress?.(epoch);
    progress.finish();
    expect(text()).toMatch(/training the deep model/);
    expect(text()).toMatch(/epoch 3\/10 \| loss 0\.4321 \| val AUC 0\.7777 \| ETA 2m05s/);
  });

  it('writes plain lines elsewhere', () => {
    const { out, text } = stream(false);
    const progress = createProgress(out);
    progress.onProgress?.(epoch);
    expect(text()).toBe('[probity-ml]   from scratch: epoch 3/10 loss 0.4321 val loss 0.4111 val AUC 0.7777 (1.5s, ETA 2m05s)\n');
  });
});
