import { aucOfSorted } from './auc.ts';
import { ksOfSorted } from './ks.ts';
import { brierValidated, logLossValidated } from './scoring-rules.ts';
import { requireBothClasses, sortedCopy, splitByLabel } from './sorted.ts';
import { labelsWithPd } from './validate.ts';

export interface SummaryMetrics {
  auc: number;
  gini: number;
  /** KS statistic */
  ks: number;
  brier: number;
  logLoss: number;
}

/** The discrimination and accuracy figures every model report carries. */
export function summaryMetrics(labels: ArrayLike<number>, pd: ArrayLike<number>): SummaryMetrics {
  const { y, p } = labelsWithPd(labels, pd);
  const classes = splitByLabel(y, p);
  requireBothClasses('summaryMetrics', classes);
  // Sort each class once for both AUC and KS.
  const pos = sortedCopy(classes.pos);
  const neg = sortedCopy(classes.neg);
  const area = aucOfSorted(pos, neg);
  return {
    auc: area,
    gini: 2 * area - 1,
    ks: ksOfSorted(pos, neg).statistic,
    brier: brierValidated(y, p),
    logLoss: logLossValidated(y, p, 1e-15),
  };
}
