/**
 * Replays the out-of-fold stacking and `--model auto`'s pick on member log-odds saved by
 * `bench/quality-cv.ts --dump FILE` (no training), with the real code of ../src/fusion/out-of-fold.ts
 * under variants of its rule, so that a stacking rule is judged on every proxy in seconds.
 *
 * Usage: npx tsx bench/fusion-replay.ts --cache REFS.json [--label L] [--rules 'name={"priorDefaults":20}';...] DUMP.jsonl...
 * bench/results/quality-cv-stack-inputs-f7.jsonl.gz holds the dumps of labels f7-base (before the trees'
 * nested out-of-fold count) and f7-nested (after), every fold of the six proxies: pick one with --label.
 * Per data set and rule: mean test AUC delta of the fusion and of auto vs the best reference, then each
 * rule's paired difference to the first rule with its standard error over folds.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { auc } from '../src/metrics/auc.ts';
import { addValidationMember, selectOutOfFoldStack, type StackRule } from '../src/fusion/out-of-fold.ts';

interface Dump {
  label: string;
  key: string;
  trainLabels: number[];
  validationLabels: number[];
  testLabels: number[];
  members: { kind: string; validation: number[]; oof: number[] | null; test: number[] }[];
}

const args = process.argv.slice(2);
const flag = (name: string, fallback: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args.splice(i, 2)[1]! : fallback;
};
const cache = JSON.parse(readFileSync(flag('--cache', 'bench/results/quality-cv-references.json'), 'utf8')) as Record<
  string,
  Record<string, number>
>;
const rules = flag('--rules', 'shipped={}')
  .split(';')
  .map((r) => {
    const [name, json] = r.split('=');
    return { name: name!, rule: JSON.parse(json!) as StackRule };
  });
const label = flag('--label', '');
const dumps = args.flatMap((path) =>
  (path.endsWith('.gz') ? gunzipSync(readFileSync(path)).toString('utf8') : readFileSync(path, 'utf8'))
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Dump)
    .filter((d) => !label || d.label === label),
);

function replay(d: Dump, rule: StackRule): { fusion: number; auto: number; autoKind: string } {
  const labels = Uint8Array.from([...d.trainLabels, ...d.validationLabels]);
  const validation = Uint8Array.from(d.validationLabels);
  const test = Uint8Array.from(d.testLabels);
  const oof = d.members.filter((m) => m.oof);
  const late = d.members.filter((m) => !m.oof);
  const selection = selectOutOfFoldStack(
    oof.map((m) => Float64Array.from(m.oof!)),
    labels,
    rule,
  );
  const chosen = selection.chosen;
  const offset = d.trainLabels.length;
  const base = new Float64Array(validation.length).fill(chosen.fit.intercept);
  const baseTest = new Float64Array(test.length).fill(chosen.fit.intercept);
  chosen.members.forEach((j, i) => {
    const w = chosen.fit.weights[i]!;
    for (let r = 0; r < base.length; r++) base[r]! += w * oof[j]!.oof![offset + r]!;
    for (let r = 0; r < baseTest.length; r++) baseTest[r]! += w * oof[j]!.test[r]!;
  });
  let kept = chosen.members.length;
  let lateKept = false;
  for (const m of late) {
    const trial = addValidationMember(base, Float64Array.from(m.validation), validation, rule.lateMargin ?? 1);
    if (!trial.kept) continue;
    kept++;
    lateKept = true;
    for (let r = 0; r < base.length; r++) base[r] = trial.fit.intercept + trial.fit.scale * base[r]! + trial.fit.weight * m.validation[r]!;
    for (let r = 0; r < baseTest.length; r++)
      baseTest[r] = trial.fit.intercept + trial.fit.scale * baseTest[r]! + trial.fit.weight * m.test[r]!;
  }
  const fusion = auc(test, baseTest);
  const fusionWins = selection.fusionWins || lateKept;
  if (fusionWins && kept > 1) return { fusion, auto: fusion, autoKind: 'fusion' };
  const single = oof[selection.bestSingle.members[0]!]!;
  return { fusion, auto: auc(test, Float64Array.from(single.test)), autoKind: single.kind };
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(xs.length, 1);
const se = (xs: number[]) => {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / Math.max(xs.length - 1, 1) / Math.max(xs.length, 1));
};
const byData = new Map<string, Dump[]>();
for (const d of dumps) {
  const name = d.key.split(':')[0]!;
  byData.set(name, [...(byData.get(name) ?? []), d]);
}
console.log(['data', 'folds', 'rule', 'fusion', 'auto', 'dFusion', 'se', 'dAuto', 'se', 'autoKinds'].map((h) => h.padStart(10)).join(''));
for (const [name, ds] of byData) {
  const best = ds.map((d) => Math.max(...Object.values(cache[d.key] ?? { none: NaN })));
  const results = rules.map(({ rule }) => ds.map((d) => replay(d, rule)));
  rules.forEach(({ name: ruleName }, k) => {
    const r = results[k]!;
    const dF = r.map((x, i) => x.fusion - results[0]![i]!.fusion);
    const dA = r.map((x, i) => x.auto - results[0]![i]!.auto);
    const kinds = [...new Set(r.map((x) => x.autoKind))].map((kind) => `${kind}:${r.filter((x) => x.autoKind === kind).length}`).join(',');
    console.log(
      [
        name,
        String(ds.length),
        ruleName,
        mean(r.map((x, i) => x.fusion - best[i]!)),
        mean(r.map((x, i) => x.auto - best[i]!)),
        mean(dF),
        se(dF),
        mean(dA),
        se(dA),
        kinds,
      ]
        .map((v) => (typeof v === 'number' ? v.toFixed(4) : v).padStart(10))
        .join(''),
    );
  });
}
