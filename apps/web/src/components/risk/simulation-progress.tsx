'use client';
// Live progress of a queued or running simulation: the server component re-renders every second
// (router.refresh) until the run completes or fails.
import { useEffect } from 'react';
import { useRouter } from 'next/navigation';
import { formatInteger, formatPercent } from '../../lib/format.ts';

export interface ProgressView {
  phase: string;
  chunksDone: number;
  scenarios: number;
  worstRelativeError: number | null;
  targetRelativeError: number;
  fannedOutJobs: number;
}

const PHASES: Record<string, string> = {
  queued: 'Waiting for a worker',
  base: 'Simulating the base case',
  stressed: 'Simulating the stressed case',
  contributions: 'Computing contributions',
  views: 'Computing capital, IFRS 9 and concentration',
  done: 'Done',
  failed: 'Failed',
};

export function SimulationProgress({ status, progress }: { status: string; progress: ProgressView }) {
  const router = useRouter();
  const active = status === 'QUEUED' || status === 'RUNNING';
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => router.refresh(), 1000);
    return () => clearInterval(timer);
  }, [active, router]);
  const accuracy =
    progress.worstRelativeError === null ? 0 : Math.min(1, progress.targetRelativeError / Math.max(progress.worstRelativeError, 1e-12));
  return (
    <div className="card simulation-progress" data-testid="simulation-progress" aria-live="polite">
      <div className="card__body">
        <strong>{PHASES[progress.phase] ?? progress.phase}</strong>
        <span className="muted">
          {' '}
          · {formatInteger(progress.scenarios)} scenarios in {formatInteger(progress.chunksDone)} chunks
          {progress.worstRelativeError === null
            ? ''
            : ` · worst relative error ${formatPercent(progress.worstRelativeError, 2)} (target ${formatPercent(progress.targetRelativeError, 2)})`}
          {progress.fannedOutJobs > 0 ? ` · ${formatInteger(progress.fannedOutJobs)} chunk jobs on workers` : ''}
        </span>
        <div className="meter" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(accuracy * 100)}>
          <div className="meter__fill" style={{ width: `${accuracy * 100}%` }} />
        </div>
      </div>
    </div>
  );
}
