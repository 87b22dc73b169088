import { aucOfClasses } from "./auc.ts";
import { ksOfClasses } from "./ks.ts";
import { brierValidated, logLossValidated } from "./scoring-rules.ts";
import { splitByLabel } from "./sorted.ts";
import { labelsWithPd } from "./validate.ts";

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
  const area = aucOfClasses(classes);
  return {
    auc: area,
    gini: 2 * area - 1,
    ks: ksOfClasses(classes).statistic,
    brier: brierValidated(y, p),
    logLoss: logLossValidated(y, p, 1e-15),
  };
}
