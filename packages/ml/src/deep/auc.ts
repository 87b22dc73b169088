// Validation AUC and log loss for early stopping. Private to the deep model so it does not
// depend on the metrics package's schedule; the Mann-Whitney form with ties counted as half.

export function rocAuc(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  const n = labels.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  let positives = 0;
  let rankSum = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && scores[order[j + 1]!] === scores[order[i]!]) j++;
    const midRank = (i + j) / 2 + 1; // ranks are 1-based; tied scores share the mean rank
    for (let k = i; k <= j; k++) {
      if (labels[order[k]!] === 1) {
        positives++;
        rankSum += midRank;
      }
    }
    i = j + 1;
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** Weighted mean binary cross-entropy of logits. */
export function logLossFromLogits(labels: ArrayLike<number>, logits: ArrayLike<number>, weights?: ArrayLike<number>): number {
  let sum = 0;
  let total = 0;
  for (let i = 0; i < labels.length; i++) {
    const z = logits[i]!;
    const w = weights ? weights[i]! : 1;
    sum += w * (Math.max(z, 0) - z * labels[i]! + Math.log1p(Math.exp(-Math.abs(z))));
    total += w;
  }
  return sum / Math.max(total, 1e-12);
}
