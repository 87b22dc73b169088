/** Renders the benchmark results as the markdown quoted in the README. */

// Results are plain JSON written by run.ts; typing every field twice would add nothing.
type Json = Record<string, any>;

const START = '<!-- bench:start -->';
const END = '<!-- bench:end -->';
const f2 = (x: number) => x.toFixed(2);
const f1 = (x: number) => x.toFixed(1);
const pct = (x: number) => `${(100 * x).toFixed(2)}%`;
const int = (x: number) => Math.round(x).toLocaleString('en-US');
const sig = (x: number) => (Math.abs(x) >= 100 ? x.toFixed(1) : x.toPrecision(4));
/** (estimate - reference) / SE; a VaR on a lattice can have SE 0 when it sits on the reference point. */
const z = (estimate: number, reference: number, se: number) =>
  se > 0 ? f2((estimate - reference) / se) : estimate === reference ? '0 (on the lattice point)' : 'inf';

export function renderMarkdown(results: Json): string {
  const lines: string[] = [];
  const m = results.machine;
  const load = (x: number[] | undefined) => (x ? x.map((v) => v.toFixed(2)).join(' / ') : '-');
  lines.push(
    `Measured ${results.generatedAt} with \`${results.command}\` on ${m.cpu}, ${m.cores} cores, Node.js ${m.node}; load average ${load(m.loadAverageAtStart)} at start, ${load(m.loadAverageAtEnd)} at the end (the machine is shared, so absolute times vary between runs; ratios within one run are steadier).`,
    '',
  );
  const c = results.comparison;
  if (c) {
    const n = c.numpy;
    lines.push(
      `**Time to 99% and 99.9% VaR and ES with at most ${pct(c.target)} relative standard error**, ${int(c.obligors)} obligors in ${c.sectors} sectors (median of ${c.ours.singleProcess.runs.length} runs each):`,
      '',
      '| | time | scenarios | vs numpy |',
      '| --- | --- | --- | --- |',
      `| @probity/risk, 1 process | ${f2(c.ours.singleProcess.medianSeconds)} s (${f2(c.ours.singleProcess.medianWithContributions)} s with per-obligor ES contributions) | ${int(median(c.ours.singleProcess.runs.map((r: Json) => r.scenarios)))} | **${f1(c.speedup.singleProcess)}x faster** |`,
      `| @probity/risk, ${c.ours.allCores.threads} worker threads | ${f2(c.ours.allCores.medianSeconds)} s (${f2(c.ours.allCores.medianWithContributions)} s with contributions; starting the pool: ${f2(c.ours.allCores.poolStartSeconds)} s) | ${int(median(c.ours.allCores.runs.map((r: Json) => r.scenarios)))} | **${f1(c.speedup.allCores)}x faster** |`,
      `| @probity/risk without importance sampling (extrapolated from ${int(c.ours.withoutImportanceSampling.scenarios)} scenarios) | ${f1(c.ours.withoutImportanceSampling.secondsForTarget)} s | ${int(c.ours.withoutImportanceSampling.scenariosForTarget)} | ${f1(n.secondsForTarget / c.ours.withoutImportanceSampling.secondsForTarget)}x |`,
      `| numpy ${n.numpy} plain Monte Carlo (extrapolated) | ${int(n.secondsForTarget)} s | ${int(n.scenariosForTarget)} | 1x |`,
      '',
      `CPU time (all threads): ${f2(c.ours.singleProcess.medianCpuSeconds)} s in 1 process, ${f2(c.ours.allCores.medianCpuSeconds)} s with ${c.ours.allCores.threads} threads: the parallel run does about the same work, so with idle cores its wall time would drop towards CPU time / threads; on a machine whose load average exceeds its cores, as here, it cannot.`,
      '',
      `numpy measured in the same run: ${(n.obligorScenariosPerSecond / 1e6).toFixed(1)}e6 obligor-scenarios/s (median of ${n.seconds.length} runs of ${int(n.scenariosPerRepetition)} scenarios); worst relative error of VaR/ES ${pct(n.worstRelativeError)} on the ${int(n.pooledScenarios)} pooled scenarios, so ${int(n.scenariosForTarget)} scenarios (errors fall as 1/sqrt(N)) and ${int(n.secondsForTarget)} s at that throughput reach ${pct(c.target)}. Both sides estimate VaR, ES and their errors the same way. The parallel results are bit-identical to the single-process ones: ${c.ours.allCores.runs.every((r: Json) => r.identical)}.`,
      '',
      '| level | VaR | SE | ES | SE |',
      '| --- | --- | --- | --- | --- |',
      ...c.ours.levels.map(
        (l: Json) =>
          `| ${l.level} | ${sig(l.valueAtRisk.value)} | ${pct(l.valueAtRisk.relativeError)} | ${sig(l.expectedShortfall.value)} | ${pct(l.expectedShortfall.relativeError)} |`,
      ),
      ...Object.entries(n.levels).map(
        ([level, l]: [string, any]) =>
          `| ${level} (numpy) | ${sig(l.valueAtRisk)} | ${pct(l.valueAtRiskSE / l.valueAtRisk)} | ${sig(l.expectedShortfall)} | ${pct(l.expectedShortfallSE / l.expectedShortfall)} |`,
      ),
      '',
    );
  }
  const a = results.agreement;
  if (a) {
    const v = a.vasicek;
    lines.push(
      `**Agreement with closed forms** (Monte Carlo to 0.5% relative error; z = difference / SE). ${int(v.obligors)} homogeneous obligors, PD ${v.pd}, rho ${v.rho}, against Vasicek's large-portfolio limit (the finite portfolio sits a little above it, by its granularity), ${int(v.scenarios)} scenarios; and ${int(a.finiteExact.obligors)} obligors (PD ${a.finiteExact.pd}, rho ${a.finiteExact.rho}) against their exact binomial-mixture distribution (scipy quadrature), ${int(a.finiteExact.scenarios)} scenarios:`,
      '',
      '| case | level | VaR MC | VaR closed form | z | ES MC | ES closed form | z |',
      '| --- | --- | --- | --- | --- | --- | --- | --- |',
      ...v.rows.map(
        (r: Json) =>
          `| Vasicek | ${r.level} | ${sig(r.valueAtRisk.monteCarlo)} ± ${sig(r.valueAtRisk.standardError)} | ${sig(r.valueAtRisk.vasicek)} | ${z(r.valueAtRisk.monteCarlo, r.valueAtRisk.vasicek, r.valueAtRisk.standardError)} | ${sig(r.expectedShortfall.monteCarlo)} ± ${sig(r.expectedShortfall.standardError)} | ${sig(r.expectedShortfall.vasicek)} | ${z(r.expectedShortfall.monteCarlo, r.expectedShortfall.vasicek, r.expectedShortfall.standardError)} |`,
      ),
      ...a.finiteExact.rows.map(
        (r: Json) =>
          `| exact, n = ${a.finiteExact.obligors} | ${r.level} | ${sig(r.valueAtRisk.monteCarlo)} ± ${sig(r.valueAtRisk.standardError)} | ${sig(r.valueAtRisk.exact)} | ${z(r.valueAtRisk.monteCarlo, r.valueAtRisk.exact, r.valueAtRisk.standardError)} | ${sig(r.expectedShortfall.monteCarlo)} ± ${sig(r.expectedShortfall.standardError)} | ${sig(r.expectedShortfall.exact)} | ${z(r.expectedShortfall.monteCarlo, r.expectedShortfall.exact, r.expectedShortfall.standardError)} |`,
      ),
      '',
    );
  }
  const s = results.scaling;
  if (s) {
    const row = (r: Json, label: string) =>
      `| ${label} | ${f2(r.seconds)} s | ${f2(r.planSeconds)} s | ${int(r.scenarios)} | ${f1((1e6 * (r.seconds - r.planSeconds)) / r.scenarios)} µs | ${pct(r.worstRelativeError)} | ${int(r.maxRssMiB)} MiB |`;
    lines.push(
      '**Scaling** (one process each, time to VaR/ES at both levels without contributions; peak memory is the whole Node.js process):',
      '',
      '| case | time | of which planning | scenarios | per scenario | worst relative error | peak RSS |',
      '| --- | --- | --- | --- | --- | --- | --- |',
      ...s.byObligors.map((r: Json) => row(r, `${int(r.obligors)} obligors, target ${pct(r.target)}`)),
      ...(s.parallel100k
        ? [
            row(
              s.parallel100k,
              `${int(s.parallel100k.obligors)} obligors, target ${pct(s.parallel100k.target)}, ${s.parallel100k.threads} worker threads (pool start ${f2(s.parallel100k.poolStartSeconds)} s, not counted)`,
            ),
          ]
        : []),
      ...s.byTarget.map((r: Json) => row(r, `${int(r.obligors)} obligors, target ${pct(r.target)}`)),
      '',
    );
  }
  const k = results.calibration;
  if (k) {
    lines.push(
      `**Standard errors are honest**: over ${k.seeds} independent seeds of ${int(k.scenarios)} scenarios each (10,000 obligors), the spread of the estimates against the standard error each run reported:`,
      '',
      '| level | VaR spread / reported SE | ES spread / reported SE |',
      '| --- | --- | --- |',
      ...k.levels.map(
        (l: Json) =>
          `| ${l.level} | ${f2(l.valueAtRisk.spreadOverSeeds / l.valueAtRisk.reportedStandardError)} | ${f2(l.expectedShortfall.spreadOverSeeds / l.expectedShortfall.reportedStandardError)} |`,
      ),
      '',
      `(With ${k.seeds} seeds a ratio within about 0.75-1.25 is what sampling noise allows.)`,
      '',
    );
  }
  return `${lines.join('\n')}\n`;
}

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.floor(sorted.length / 2)]!;
}

export function updateReadme(readme: string, markdown: string): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) return `${readme.trimEnd()}\n\n${START}\n${markdown}${END}\n`;
  return `${readme.slice(0, start + START.length)}\n${markdown}${readme.slice(end)}`;
}
