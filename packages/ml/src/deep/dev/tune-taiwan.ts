// Dev tool: train the deep model on the Taiwan data with given settings and print the test AUC.
// Usage: nice -n 10 npx tsx src/deep/dev/tune-taiwan.ts '{"options":{...},"variant":{...}}' [csv]
import { selectBackend } from '../../backend/select.ts';
import { auc } from '../../metrics/index.ts';
import { deepLogits } from '../scorer.ts';
import { trainDeep } from '../train.ts';
import type { DeepOptions } from '../types.ts';
import { defaultTaiwanVariant, taiwanDatasets, type TaiwanVariant } from './taiwan.ts';

const config = JSON.parse(process.argv[2] ?? '{}') as { options?: DeepOptions; variant?: Partial<TaiwanVariant>; quiet?: boolean };
const csv = process.argv[3] ?? '/work/shared/data/taiwan-credit-default.csv';
const backend = await selectBackend();
const variant = { ...defaultTaiwanVariant, ...config.variant };
const { train, validation, test } = taiwanDatasets(csv, variant);
const result = await trainDeep(train, validation, config.options ?? {}, {
  onEpoch: (e) => {
    if (!config.quiet) {
      process.stderr.write(`epoch ${e.epoch} loss ${e.loss.toFixed(4)} val ${e.valLoss.toFixed(4)} auc ${e.valAuc.toFixed(4)} ${e.seconds.toFixed(2)}s\n`);
    }
  },
});
const testAuc = auc(test.labels!, deepLogits(result.state, test));
const t = result.state.training;
console.log(
  JSON.stringify({
    testAuc: +testAuc.toFixed(4),
    valAuc: +(t.history.find((h) => h.epoch === t.bestEpoch)?.valAuc ?? NaN).toFixed(4),
    bestEpoch: t.bestEpoch,
    epochs: t.epochsRun,
    seconds: +result.seconds.toFixed(1),
    backend: backend.name,
    variant,
    options: config.options ?? {},
  }),
);
