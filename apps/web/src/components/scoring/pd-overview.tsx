// The overview's PD-weighted figures from the latest succeeded scoring run: EAD-weighted PD and
// expected loss cards, the grade distribution and the PD trend per run, each chart exportable (CSV, PNG).
import { KpiCard } from '../ui/kpi-card.tsx';
import { EmptyState } from '../ui/states.tsx';
import { ExportCard } from '../risk/export-card.tsx';
import { ValueBarChart } from '../risk/value-bar-chart.tsx';
import { PdTrendChart } from './pd-trend-chart.tsx';
import { formatCompact, formatDateTime, formatInteger, formatMoney, formatPercent } from '../../lib/format.ts';
import {
  GRADE_CSV_HEADERS,
  TREND_CSV_HEADERS,
  gradeChartData,
  gradeCsvRows,
  trendChartData,
  trendCsvRows,
  type GradeRow,
  type RunPoint,
} from '../../lib/pd-figures.ts';

export function PdOverview({
  latest,
  trend,
  currency,
  totalEad,
  file,
}: {
  latest: (RunPoint & { grades: GradeRow[] }) | null;
  trend: RunPoint[];
  currency: string;
  /** The portfolio's EAD now, to say how much of it the run scored. */
  totalEad: number;
  /** File name stem of the exports. */
  file: string;
}) {
  if (!latest) {
    return (
      <section className="card" data-testid="pd-figures-empty">
        <EmptyState title="No scoring run yet">
          <p>
            PD-weighted figures (EAD-weighted PD, expected loss, grade distribution) appear here once a model is linked to this portfolio
            and its first scoring run has finished.
          </p>
        </EmptyState>
      </section>
    );
  }
  const ead = Number(latest.ead);
  const el = Number(latest.expectedLoss);
  const run = `run of ${formatDateTime(latest.finishedAt ?? null)}`;
  return (
    <>
      <section className="kpi-grid" aria-label="PD-weighted figures">
        <KpiCard
          testId="kpi-ead-weighted-pd"
          label="EAD-weighted PD"
          value={formatPercent(latest.eadWeightedPd ?? null, 2)}
          detail={`${formatInteger(latest.exposureCount)} exposures scored · ${run}`}
        />
        <KpiCard
          testId="kpi-expected-loss"
          label="Expected loss"
          unit={currency}
          value={formatCompact(el)}
          exact={formatMoney(el, currency)}
          detail={`PD x LGD x EAD · ${formatPercent(ead > 0 ? el / ead : null, 2)} of scored EAD`}
        />
        <KpiCard
          testId="kpi-scored-ead"
          label="Scored EAD"
          unit={currency}
          value={formatCompact(ead)}
          exact={formatMoney(ead, currency)}
          meter={totalEad > 0 ? ead / totalEad : null}
          detail={`${formatPercent(totalEad > 0 ? ead / totalEad : null)} of the portfolio's EAD · data as of ${latest.asOf}`}
        />
      </section>
      <div className="grid-2">
        <ExportCard
          title="Grade distribution"
          subtitle={`EAD by master-scale grade · ${currency}`}
          filename={`${file}-grades`}
          testId="chart-grade-distribution"
          csv={{ headers: GRADE_CSV_HEADERS, rows: gradeCsvRows(latest.grades) }}
        >
          <ValueBarChart
            data={gradeChartData(latest.grades)}
            series={[{ key: 'ead', name: 'EAD' }]}
            unit={`EAD (${currency})`}
            ariaLabel={`EAD by grade in ${currency}`}
          />
        </ExportCard>
        <ExportCard
          title="PD trend"
          subtitle={`EAD-weighted PD per scoring run · latest ${trend.length}`}
          filename={`${file}-pd-trend`}
          testId="chart-pd-trend"
          csv={{ headers: TREND_CSV_HEADERS, rows: trendCsvRows(trend) }}
        >
          <PdTrendChart data={trendChartData(trend)} />
        </ExportCard>
      </div>
    </>
  );
}
