// The obligor page's scoring panels: PD and grade per run, the explanation of the score now (waterfall
// and reason codes), the what-if form and the saved scenarios. Charts export as PNG and CSV.
import { callFromAction, query } from '../../../../api/load.ts';
import { OBLIGOR_SCORING, SCORE_OBLIGOR } from '../../../../api/documents/what-if.ts';
import { ExportCard } from '../../../../components/risk/export-card.tsx';
import { ScoreHistoryChart } from '../../../../components/scoring/score-history-chart.tsx';
import { WaterfallChart } from '../../../../components/scoring/waterfall-chart.tsx';
import { WhatIfPanel } from '../../../../components/scoring/what-if-panel.tsx';
import { EmptyState } from '../../../../components/ui/states.tsx';
import { formatDate, formatDateTime } from '../../../../lib/format.ts';
import { formatPd } from '../../../../lib/risk-format.ts';
import { waterfallSteps } from '../../../../lib/waterfall.ts';
import { runWhatIfAction, saveWhatIfAction } from './actions.ts';

export async function ScoringSection({ obligorId, externalId, canSave }: { obligorId: string; externalId: string; canSave: boolean }) {
  const [{ obligor }, now] = await Promise.all([query(OBLIGOR_SCORING, { id: obligorId }), callFromAction(SCORE_OBLIGOR, { obligorId })]);
  if (!obligor) return null;
  const history = obligor.scoreHistory;
  const scores = now.ok ? now.data.scoreObligor.scores : [];
  const latest = scores[0];
  const file = `obligor-${externalId}`;
  return (
    <>
      {history.length === 0 ? (
        <section className="card" data-testid="score-history">
          <div className="card__header">
            <h2>PD and grade history</h2>
          </div>
          <EmptyState title="No scoring run has scored this obligor yet" />
        </section>
      ) : (
        <ExportCard
          title="PD and grade history"
          subtitle="per scoring run; labels are grades"
          filename={`${file}-pd-history`}
          testId="score-history"
          csv={{
            headers: ['run_id', 'exposure', 'as_of', 'scored_at', 'pd', 'grade', 'model_version_id'],
            rows: history.map((p) => [p.runId, p.exposureExternalId, p.asOf, p.scoredAt ?? '', p.pd, p.grade, p.modelVersionId]),
          }}
        >
          <ScoreHistoryChart points={history} />
        </ExportCard>
      )}
      {!latest ? (
        <section className="card" data-testid="score-explanation">
          <div className="card__header">
            <h2>Explanation</h2>
          </div>
          <EmptyState title="Not scored on demand">
            {now.ok ? 'No exposure of this obligor is in a portfolio with a model.' : now.message}
          </EmptyState>
        </section>
      ) : (
        <>
          <ExportCard
            title="Explanation"
            subtitle={`${latest.externalId} · scored now · PD ${formatPd(latest.pd)} · grade ${latest.grade}`}
            filename={`${file}-explanation`}
            testId="score-explanation"
            csv={{
              headers: ['step', 'from_log_odds', 'to_log_odds', 'pd_after'],
              rows: waterfallSteps(latest, 12).map((s) => [s.label, s.start, s.end, s.pd]),
            }}
          >
            <WaterfallChart steps={waterfallSteps(latest, 10)} ariaLabel="Explanation waterfall from the baseline to the PD" />
            <h3>Reason codes</h3>
            <ol className="list" data-testid="reason-codes">
              {latest.reasons.map((r) => (
                <li key={r.feature}>{r.text}</li>
              ))}
            </ol>
            <p className="muted">
              {latest.method} · baseline PD {formatPd(latest.baselinePd)} · model version{' '}
              <span className="mono">{latest.modelVersionId.slice(0, 8)}</span> · features as of{' '}
              {formatDate(now.ok ? now.data.scoreObligor.asOf : null)}
            </p>
          </ExportCard>
          <section className="card">
            <div className="card__header">
              <h2>What-if</h2>
              <span className="card__subtitle">change features and see the new PD; nothing is stored unless saved</span>
            </div>
            <div className="card__body">
              <WhatIfPanel
                score={latest}
                canSave={canSave}
                run={runWhatIfAction.bind(null, obligorId)}
                save={saveWhatIfAction.bind(null, obligorId)}
              />
            </div>
          </section>
        </>
      )}
      <section className="card" data-testid="what-if-scenarios">
        <div className="card__header">
          <h2>Saved scenarios</h2>
        </div>
        {obligor.whatIfScenarios.length === 0 ? (
          <EmptyState title="No saved what-if scenarios" />
        ) : (
          <div className="card__body card__body--flush table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Changes</th>
                  <th scope="col">PD now → scenario (at saving)</th>
                  <th scope="col">Saved</th>
                </tr>
              </thead>
              <tbody>
                {obligor.whatIfScenarios.map((s) => (
                  <tr key={s.id}>
                    <td className="cell-title">{s.name}</td>
                    <td className="mono">{s.changes.map((c) => `${c.feature} = ${c.text ?? c.value ?? 'missing'}`).join(', ')}</td>
                    <td>
                      {s.outcomes.map((o) => (
                        <div key={o.exposureId}>
                          {formatPd(o.currentPd)} ({o.currentGrade}) → {formatPd(o.scenarioPd)} ({o.scenarioGrade})
                        </div>
                      ))}
                    </td>
                    <td className="muted">{formatDateTime(s.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
