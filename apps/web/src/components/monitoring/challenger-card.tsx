// Champion against the challenger that scored in shadow in the same run: PD quantiles, rank correlation,
// grade migration (champion rows, challenger columns) and both AUCs once defaults are observed.
import Link from 'next/link';
import type { ScoringRunDetailQuery } from '../../api/documents/monitoring.ts';
import { ExportCard } from '../risk/export-card.tsx';
import { ValueBarChart } from '../risk/value-bar-chart.tsx';
import { formatInteger } from '../../lib/format.ts';
import { formatPd } from '../../lib/risk-format.ts';

type Comparison = NonNullable<NonNullable<ScoringRunDetailQuery['scoringRun']>['challenger']>;

export function ChallengerCard({ c, challengerVersionId, filename }: { c: Comparison; challengerVersionId: string; filename: string }) {
  const m = c.migration;
  return (
    <ExportCard
      title="Champion and challenger"
      subtitle={`${formatInteger(c.exposures)} exposures scored by both`}
      filename={filename}
      testId="challenger-card"
      csv={{
        headers: ['quantile', 'champion PD', 'challenger PD'],
        rows: c.quantiles.map((q) => [q.q, q.champion, q.challenger]),
      }}
    >
      <p data-testid="challenger-summary">
        Challenger <Link href={`/model-versions/${challengerVersionId}`}>{challengerVersionId.slice(0, 8)}</Link> · Spearman rank
        correlation {c.spearman === null ? '—' : c.spearman.toFixed(3)} · mean PD {formatPd(c.meanPdChampion)} against{' '}
        {formatPd(c.meanPdChallenger)} ·{' '}
        {c.auc
          ? `AUC ${c.auc.champion.toFixed(3)} against ${c.auc.challenger.toFixed(3)} on ${formatInteger(c.defaults)} defaults (DeLong p ${c.auc.pValue.toPrecision(3)})`
          : 'AUCs once defaults are observed'}{' '}
        · grades: {formatInteger(m.stable)} the same, {formatInteger(m.upgrades)} better, {formatInteger(m.downgrades)} worse under the
        challenger
      </p>
      <ValueBarChart
        data={c.quantiles.map((q) => ({
          label: `${Math.round(q.q * 100)}th percentile`,
          champion: q.champion * 100,
          challenger: q.challenger * 100,
        }))}
        series={[
          { key: 'champion', name: 'Champion' },
          { key: 'challenger', name: 'Challenger' },
        ]}
        unit="PD (%)"
        ariaLabel="PD quantiles of champion and challenger"
      />
      <div className="table-wrap">
        <table className="table migration-matrix" data-testid="challenger-migration">
          <thead>
            <tr>
              <th>Champion \ challenger</th>
              {m.grades.map((g) => (
                <th key={g} className="num">
                  {g}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {m.grades.map((g, i) => (
              <tr key={g}>
                <th scope="row">{g}</th>
                {m.counts[i]!.map((n, j) => (
                  <td key={j} className={`num${i === j ? ' migration-matrix__stable' : ''}`}>
                    {n ? formatInteger(n) : ''}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </ExportCard>
  );
}
