// Dev tool: train the deep model on the Taiwan data with given settings and print the test AUC.
// Usage: nice -n 10 npx tsx src/deep/dev/tune-taiwan.ts '{"options":{...},"variant":{...}}' [csv]
import { selectBackend } from '../../backend/select.ts';
import { auc } from '../../metrics/index.ts';
import { createDeepExplainer } from '../integrated-gradients.ts';
import { deepLogits } from '../scorer.ts';
import { tfDeepLogits } from '../tf-predict.ts';
import { trainDeep } from '../train.ts';
import type { DeepOptions } from '../types.ts';
import { defaultTaiwanVariant, taiwanCsvPath, taiwanDatasets, type TaiwanVariant } from './taiwan.ts';

const config = JSON.parse(process.argv[2] ?? '{}') as { options?: DeepOptions; variant?: Partial<TaiwanVariant>; quiet?: boolean };
const csv = process.argv[3] ?? taiwanCsvPath;
const backend = await selectBackend();
const variant = { ...defaultTaiwanVariant, ...config.variant };
const { train, validation, test } = taiwanDatasets(csv, variant);
const result = await trainDeep(train, validation, config.options ?? {}, {
  onEpoch: (e) => {
    if (!config.quiet) {
      process.stderr.write(
        `epoch ${e.epoch} loss ${e.loss.toFixed(4)} val ${e.valLoss.toFixed(4)} auc ${e.valAuc.toFixed(4)} ${e.seconds.toFixed(2)}s\n`,
      );
    }
  },
});
const leanLogits = deepLogits(result.state, test);
const testAuc = auc(test.labels!, leanLogits);
const tfLogits = await tfDeepLogits(result.state, test);
const scorerVsTfjs = leanLogits.reduce((m, z, i) => Math.max(m, Math.abs(z - tfLogits[i]!)), 0);
// Explanation cost and completeness on the first 200 test rows.
const explainStart = performance.now();
const explanations = createDeepExplainer(result.state).explainDataset(
  test,
  Array.from({ length: 200 }, (_, i) => i),
);
const explain = {
  msPerRow: +((performance.now() - explainStart) / 200).toFixed(2),
  maxGap: Math.max(...explanations.map((e) => e.gap)),
  meanSteps: explanations.reduce((a, e) => a + e.steps, 0) / 200,
};
const t = result.state.training;
console.log(
  JSON.stringify({
    testAuc: +testAuc.toFixed(4),
    valAuc: +(t.history.find((h) => h.epoch === t.bestEpoch)?.valAuc ?? NaN).toFixed(4),
    bestEpoch: t.bestEpoch,
    epochs: t.epochsRun,
    seconds: +result.seconds.toFixed(1),
    backend: backend.name,
    scorerVsTfjs,
    explain,
    variant,
    options: config.options ?? {},
  }),
);
