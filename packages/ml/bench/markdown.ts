/** Renders the benchmark results as the markdown table quoted in the README. */

import type { BenchResults } from './run.ts';

const f4 = (x: number | undefined) => (x === undefined ? '-' : x.toFixed(4));
const f2 = (x: number | undefined) => (x === undefined ? '-' : x.toFixed(2));
const int = (x: number | undefined) => (x === undefined ? '-' : Math.round(x).toLocaleString('en-US'));
const ci = (c: { lower: number; upper: number } | null | undefined) => (c ? ` (95% CI ${f4(c.lower)}-${f4(c.upper)})` : '');
const pass = (value: number, target: number) => (value >= target ? 'met' : 'not met');

export function renderMarkdown(results: BenchResults): string {
  const lines: string[] = [];
  const m = results.machine;
  lines.push(
    `Measured ${results.generatedAt} with \`${results.command}\` on ${m.cpu}, ${m.cores} cores, Node.js ${m.node}, ${m.gpu}; load average at start ${m.loadAverageAtStart.map((x: number) => x.toFixed(2)).join(' / ')} (the machine is shared, so timings vary between runs).`,
    '',
  );
  const q = results.quality;
  if (q) {
    const sk = q.sklearn.models;
    lines.push('**Quality**: Taiwan data, `--split mod5` (test = ID % 5 == 0, 6,000 rows), test AUC', '');
    lines.push('| model | ours | target | scikit-learn ' + q.sklearn.sklearn + ' |', '| --- | --- | --- | --- |');
    lines.push(
      `| logistic | ${f4(q.ours.logistic.testAuc)}${ci(q.ours.logistic.ci95)} | >= ${q.targets.logistic} (${pass(q.ours.logistic.testAuc, q.targets.logistic)}) | LogisticRegression (one-hot categoricals): ${f4(sk['sklearn LogisticRegression']?.testAuc)} |`,
    );
    lines.push(
      `| deep | ${f4(q.ours.deep.testAuc)} | >= ${q.targets.deep} (${pass(q.ours.deep.testAuc, q.targets.deep)}) | MLPClassifier: ${f4(sk['sklearn MLPClassifier']?.testAuc)} |`,
    );
    lines.push(
      `| fusion | ${f4(q.ours.fusion.testAuc)}${ci(q.ours.fusion.ci95)} | >= ${q.targets.fusion} (${pass(q.ours.fusion.testAuc, q.targets.fusion)}) | HistGradientBoostingClassifier (one-hot): ${f4(sk['sklearn HistGradientBoostingClassifier']?.testAuc)} |`,
      '',
    );
    lines.push(
      `Training time: logistic ${f2(q.ours.logistic.trainSeconds)} s; fusion (logistic + deep + stacking) ${f2(q.ours.fusion.trainSeconds)} s, deep ${q.ours.deep.epochs} epochs on ${q.ours.deep.backend}.`,
      '',
    );
  }
  const t = results.logisticTraining;
  if (t) {
    lines.push(
      `**Logistic training speed**: ${int(t.problem.rows)} x ${t.problem.columns} synthetic rows, L2 (C = 1), median of the runs`,
      '',
    );
    lines.push('| | ours | scikit-learn lbfgs |', '| --- | --- | --- |');
    lines.push(
      `| seconds | ${f2(t.ours.seconds)} (${t.ours.iterations} Newton iterations, ${t.ours.threads} threads) | ${f2(t.sklearn.seconds)} (${t.sklearn.iterations} iterations) |`,
    );
    lines.push(`| log-likelihood | ${t.ours.logLikelihood.toFixed(4)} | ${t.sklearn.logLikelihood.toFixed(4)} |`, '');
    lines.push(
      `Ratio ours / scikit-learn: **${f2(t.ratio)}** (target <= 1.0: ${t.ratio <= 1 ? 'met' : 'not met'}); log-likelihoods agree to ${t.logLikelihoodRelativeDifference.toExponential(1)} relative (target 1e-6: ${t.logLikelihoodRelativeDifference <= 1e-6 ? 'met' : 'not met'}).`,
      '',
    );
  }
  const d = results.deepEpochs;
  if (d) {
    lines.push('**Deep model, seconds per epoch** (second epoch; `bench/deep-epoch.ts`)', '');
    lines.push('| backend | data | rows | batch | s / epoch |', '| --- | --- | --- | --- | --- |');
    for (const backend of d.backends) {
      for (const timing of backend.timings)
        lines.push(`| ${backend.name} | ${timing.data} | ${int(timing.rows)} | ${timing.batchSize} | ${f2(timing.secondsPerEpoch)} |`);
    }
    if (d.skipped.length) lines.push('', `Not available here: ${d.skipped.map((s) => `${s.name} (${s.reason})`).join('; ')}.`);
    lines.push('');
  }
  const s = results.scoring;
  if (s && (s.logistic || s.deep)) {
    lines.push('**Scoring speed, one core** (rows per second)', '');
    lines.push('| scorer | ours | numpy, same float32 maths | ours / numpy |', '| --- | --- | --- | --- |');
    if (s.logistic)
      lines.push(
        `| logistic, ${int(s.logistic.rows)} x 32 | ${int(s.logistic.oursRowsPerSecond)} | ${int(s.logistic.numpyRowsPerSecond)} | ${f2(s.logistic.ratio)} (target >= 0.5: ${s.logistic.ratio >= 0.5 ? 'met' : 'not met'}) |`,
      );
    if (s.deep)
      lines.push(
        `| deep, Taiwan rows | ${int(s.deep.oursRowsPerSecond)} | ${int(s.deep.numpyRowsPerSecond)} | ${f2(s.deep.ratio)} (logits agree to ${s.deep.maxAbsLogitDifference.toExponential(1)}) |`,
      );
    if (s.logisticEndToEnd)
      lines.push(`| logistic end to end (raw CSV columns to PD, pipeline included) | ${int(s.logisticEndToEnd.rowsPerSecond)} | - | - |`);
    lines.push('');
  }
  const mem = results.memory;
  if (mem) {
    lines.push(
      `**Peak memory**: training a logistic model on ${int(mem.rows)} rows (${f2(mem.fileMegabytes)} MB CSV, ${mem.columns} columns): peak RSS **${int(mem.peakRssMegabytes)} MB**, ${f2(mem.totalSeconds)} s in all (${f2(mem.readSeconds)} s reading).`,
      '',
    );
  }
  return `${lines.join('\n')}\n`;
}

const START = '<!-- bench:start -->';
const END = '<!-- bench:end -->';

export function updateReadme(readme: string, markdown: string): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) return `${readme.trimEnd()}\n\n${START}\n${markdown}${END}\n`;
  return `${readme.slice(0, start + START.length)}\n${markdown}${readme.slice(end)}`;
}
