// Scoring run figures as the runs pages show them.

/** Wall time of a run (started to finished, or to now while it runs), e.g. "1 min 04 s" or "850 ms". */
export function formatDuration(startedAt: string | null, finishedAt: string | null, now = Date.now()): string {
  if (!startedAt) return '—';
  const ms = (finishedAt ? Date.parse(finishedAt) : now) - Date.parse(startedAt);
  if (!(ms >= 0)) return '—';
  if (ms < 1000) return `${ms} ms`;
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
}

export function formatMs(ms: number): string {
  return ms < 10_000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** Share of batches done, in [0, 1]. */
export function runProgress(run: { batchCount: number; batchesDone: number; status: string }): number {
  if (run.status === 'SUCCEEDED') return 1;
  return run.batchCount > 0 ? Math.min(1, run.batchesDone / run.batchCount) : 0;
}
