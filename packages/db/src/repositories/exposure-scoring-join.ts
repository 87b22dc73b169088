// The scoring run the exposure table reads PDs and grades from: the portfolio's latest succeeded run
// (the same one the overview's figures and the risk inputs use), with the PD range of a grade filter
// and whether any other grade of the run reaches into that range.
import type { TransactionClient } from '../client.ts';
import type { ScoringJoin } from './exposure-query.ts';

export async function latestScoringJoin(
  tx: TransactionClient,
  organizationId: string,
  portfolioId: string,
  grade: string | null,
): Promise<ScoringJoin | null> {
  const [run] = await tx.$queryRaw<{ id: string; scored_count: number; min_pd: number | null; max_pd: number | null; shared: boolean }[]>`
    SELECT r.id, r.scored_count, g.min_pd, g.max_pd,
           EXISTS (SELECT 1 FROM scoring_run_grades o
                    WHERE o.run_id = r.id AND o.grade <> g.grade AND o.min_pd <= g.max_pd AND o.max_pd >= g.min_pd) AS shared
      FROM scoring_runs r LEFT JOIN scoring_run_grades g ON g.run_id = r.id AND g.grade = ${grade ?? ''}
     WHERE r.portfolio_id = ${portfolioId}::uuid AND r.organization_id = ${organizationId}::uuid AND r.status = 'SUCCEEDED'
     ORDER BY r.finished_at DESC NULLS LAST, r.id DESC LIMIT 1`;
  if (!run) return null;
  return {
    runId: run.id,
    scoredCount: run.scored_count,
    gradeRange: run.min_pd === null || run.max_pd === null ? null : { minPd: run.min_pd, maxPd: run.max_pd, exclusive: !run.shared },
  };
}
