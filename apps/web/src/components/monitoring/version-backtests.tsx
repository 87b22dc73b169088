// A model version's back-tests: one line per succeeded run (newest first), the newest in full.
import type { Backtest } from '../../api/documents/monitoring.ts';
import { formatDate, formatInteger } from '../../lib/format.ts';
import { EmptyState } from '../ui/states.tsx';
import { BacktestCard } from './backtest-card.tsx';

export function VersionBacktests({ backtests, versionId }: { backtests: Backtest[]; versionId: string }) {
  if (backtests.length === 0) {
    return (
      <section className="card" data-testid="version-backtests">
        <EmptyState title="No back-test yet">
          <p>
            Back-testing starts once this version has scored a portfolio: its runs&apos; PDs are compared with the defaults that follow.
          </p>
        </EmptyState>
      </section>
    );
  }
  return (
    <div className="stack" data-testid="version-backtests">
      <section className="card">
        <div className="card__header">
          <h2>Back-testing by run</h2>
          <span className="card__subtitle">defaults within 12 months of each run&apos;s data as-of day</span>
        </div>
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th>Data as of</th>
                <th>Window</th>
                <th className="num">Exposures</th>
                <th className="num">Defaults</th>
                <th className="num">AUC</th>
                <th className="num">Grades failing the binomial test</th>
              </tr>
            </thead>
            <tbody>
              {backtests.map((b) => (
                <tr key={b.runId}>
                  <td>{formatDate(b.asOf)}</td>
                  <td>{b.windowComplete ? 'complete' : `open until ${formatDate(b.windowEnd)}`}</td>
                  <td className="num">{formatInteger(b.exposures)}</td>
                  <td className="num">{formatInteger(b.defaults)}</td>
                  <td className="num">{b.auc === null ? '—' : b.auc.toFixed(3)}</td>
                  <td className="num">{b.byGrade.filter((g) => g.binomialReject).length}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <BacktestCard backtest={backtests[0]!} filename={`model-version-${versionId.slice(0, 8)}-backtest-${backtests[0]!.asOf}`} />
    </div>
  );
}
