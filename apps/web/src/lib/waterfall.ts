// The steps of an explanation waterfall: from the model's baseline log-odds, each feature's
// contribution (the largest few, the rest summed), any unexplained gap, to the final log-odds (the PD).
// Bars float from `start` to `end`; a chart draws an invisible bar up to min(start, end) under each.

export interface WaterfallStep {
  label: string;
  start: number;
  end: number;
  kind: 'baseline' | 'up' | 'down' | 'final';
  /** The PD at the end of the step (log-odds through the logistic function). */
  pd: number;
}

export interface ExplainedScore {
  baselineLogit: number;
  logit: number;
  gap: number;
  contributions: { feature: string; label: string; value: string | null; contribution: number }[];
}

const pdOf = (logit: number) => 1 / (1 + Math.exp(-logit));

export function waterfallSteps(score: ExplainedScore, shown = 8): WaterfallStep[] {
  const sorted = [...score.contributions].sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution));
  const head = sorted.slice(0, shown);
  const rest = sorted.slice(shown);
  const steps: WaterfallStep[] = [
    { label: 'Baseline', start: 0, end: score.baselineLogit, kind: 'baseline', pd: pdOf(score.baselineLogit) },
  ];
  let at = score.baselineLogit;
  const add = (label: string, delta: number) => {
    if (delta === 0) return;
    steps.push({ label, start: at, end: at + delta, kind: delta > 0 ? 'up' : 'down', pd: pdOf(at + delta) });
    at += delta;
  };
  for (const c of head) add(c.value === null ? `${c.label} (missing)` : `${c.label} = ${c.value}`, c.contribution);
  if (rest.length > 0)
    add(
      `Other ${rest.length} feature(s)`,
      rest.reduce((s, c) => s + c.contribution, 0),
    );
  // Whatever the contributions do not explain (deep models' quadrature), so the bars end at the PD.
  if (Math.abs(score.logit - at) > 1e-9) add('Unexplained', score.logit - at);
  steps.push({ label: 'PD', start: 0, end: score.logit, kind: 'final', pd: pdOf(score.logit) });
  return steps;
}
