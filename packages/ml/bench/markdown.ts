/** Renders the benchmark results as the markdown table quoted in the README. */

import type { BenchResults } from './run.ts';
import type { SideBySide } from './scoring.ts';

const f4 = (x: number | undefined) => (x === undefined ? '-' : x.toFixed(4));
const f2 = (x: number | undefined) => (x === undefined ? '-' : x.toFixed(2));
const int = (x: number | undefined) => (x === undefined ? '-' : Math.round(x).toLocaleString('en-US'));

/** Float32 numpy against our float64 sums; a larger gap means the two sides compute different maths, and the speed ratio compares nothing. */
const AGREEMENT = 1e-4;
function agreementNote(a: { maxAbsAttributionDifference: number; maxAbsLogitDifference?: number }, gap: number): string {
  const worst = Math.max(a.maxAbsAttributionDifference, a.maxAbsLogitDifference ?? 0);
  const logits = a.maxAbsLogitDifference === undefined ? '' : `logits agree to ${a.maxAbsLogitDifference.toExponential(1)}, `;
  return `; ${logits}attributions to ${a.maxAbsAttributionDifference.toExponential(1)} (target ${AGREEMENT.toExponential(0)}: ${worst <= AGREEMENT ? 'met' : '**not met: numpy and ours compute different maths**'}), largest completeness gap ${gap.toExponential(1)}`;
}
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
    lines.push(
      '**Scoring speed, one core, side by side with numpy** (rows per second; one repetition of each in turn, medians of ' +
        `${(s.logistic ?? s.deep)?.oursSeconds.length ?? 0}; numpy ${s.numpy ?? q?.sklearn.numpy ?? ''} float32 on one BLAS thread)`,
      '',
    );
    lines.push('| scorer | ours | numpy, same maths | ours / numpy |', '| --- | --- | --- | --- |');
    const row = (name: string, r: SideBySide, extra = '') =>
      lines.push(
        `| ${name} | ${int(r.oursRowsPerSecond)} | ${int(r.numpyRowsPerSecond)} | **${f2(r.ratio)}** (target >= 0.5: ${r.ratio >= 0.5 ? 'met' : 'not met'})${extra} |`,
      );
    if (s.logistic) row(`logistic, ${int(s.logistic.rows)} x ${s.logistic.columns}`, s.logistic);
    if (s.deep) row(`deep forward pass, ${int(s.deep.rows)} Taiwan rows`, s.deep);
    if (s.deepExplain)
      row(
        `deep forward pass + Integrated Gradients (16 nodes) + top-5 reasons, ${int(s.deepExplain.rows)} rows`,
        s.deepExplain,
        agreementNote(s.deepExplain.agreement, s.deepExplain.largestGap),
      );
    if (s.logisticEndToEnd)
      lines.push(`| logistic end to end (raw CSV columns to PD, pipeline included) | ${int(s.logisticEndToEnd.rowsPerSecond)} | - | - |`);
    lines.push('');
  }
  if (s?.cli) {
    lines.push(
      `**End to end**: \`${s.cli.command}\` on ${int(s.cli.rows)} Taiwan-shaped rows (the Taiwan rows repeated), fusion model: ` +
        `**${int(s.cli.rowsPerSecond)} rows/s** (${f2(s.cli.seconds)} s wall, ${f2(s.cli.cpuSeconds)} s CPU on ${s.cli.threads} cores, reading the CSV included), ` +
        `peak RSS **${int(s.cli.peakRssMegabytes)} MB**.`,
      '',
    );
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
