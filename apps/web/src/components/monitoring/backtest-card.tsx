// A run's back-test: AUC (with its 95% interval) once defaults are observed, and calibration by grade
// with the binomial and Jeffreys tests; exportable as CSV.
import type { Backtest } from '../../api/documents/monitoring.ts';
import { ExportCard } from '../risk/export-card.tsx';
import { formatDate, formatInteger } from '../../lib/format.ts';
import { formatPd } from '../../lib/risk-format.ts';

export function BacktestCard({ backtest: b, filename }: { backtest: Backtest; filename: string }) {
  const window = `${formatDate(b.asOf)} to ${formatDate(b.windowEnd)}${b.windowComplete ? '' : ' (outcomes still arriving)'}`;
  return (
    <ExportCard
      title="Back-testing"
      subtitle={`defaults observed ${window}`}
      filename={filename}
      testId="backtest-card"
      png={false}
      csv={{
        headers: ['grade', 'exposures', 'defaults', 'mean PD', 'observed rate', 'binomial p', 'binomial reject', 'jeffreys p'],
        rows: b.byGrade.map((g) => [
          g.grade,
          g.count,
          g.defaults,
          g.meanPd,
          g.observedRate,
          g.binomialPValue,
          g.binomialReject ? 'yes' : 'no',
          g.jeffreysPValue,
        ]),
      }}
    >
      <p data-testid="backtest-summary">
        {formatInteger(b.defaults)} defaults among {formatInteger(b.exposures)} exposures
        {b.meanPd === null ? '' : ` (mean PD ${formatPd(b.meanPd)}, observed ${formatPd(b.exposures ? b.defaults / b.exposures : 0)})`}
        {b.defaultedBefore ? ` · ${formatInteger(b.defaultedBefore)} already defaulted at the run, left out` : ''} ·{' '}
        {b.auc === null
          ? 'AUC once defaults and non-defaults are both observed'
          : `AUC ${b.auc.toFixed(3)} (95% ${b.aucLower?.toFixed(3)}–${b.aucUpper?.toFixed(3)})`}
      </p>
      {b.byGrade.length > 0 ? (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th>Grade</th>
                <th className="num">Exposures</th>
                <th className="num">Defaults</th>
                <th className="num">Mean PD</th>
                <th className="num">Observed</th>
                <th className="num">Binomial p</th>
                <th className="num">Jeffreys p</th>
              </tr>
            </thead>
            <tbody>
              {b.byGrade.map((g) => (
                <tr key={g.grade}>
                  <td>{g.grade}</td>
                  <td className="num">{formatInteger(g.count)}</td>
                  <td className="num">{formatInteger(g.defaults)}</td>
                  <td className="num">{formatPd(g.meanPd)}</td>
                  <td className="num">{formatPd(g.observedRate)}</td>
                  <td className="num">
                    {g.binomialPValue.toPrecision(3)}
                    {g.binomialReject ? <span className="badge badge--danger"> PD too low</span> : null}
                  </td>
                  <td className="num">{g.jeffreysPValue.toPrecision(3)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </ExportCard>
  );
}
