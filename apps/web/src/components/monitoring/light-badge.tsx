// PSI/CSI traffic light: green below 0.1, amber from 0.1, red from 0.25 (the API decides the light).
const TONE: Record<string, string> = { GREEN: 'badge--success', AMBER: 'badge--warning', RED: 'badge--danger' };
const WORD: Record<string, string> = { GREEN: 'Stable', AMBER: 'Watch', RED: 'Shifted' };

export function LightBadge({ light, value }: { light: string; value: number }) {
  return (
    <span className={`badge ${TONE[light] ?? ''}`} data-light={light} title={`${WORD[light] ?? light}: ${value.toFixed(4)}`}>
      {value.toFixed(3)} · {WORD[light] ?? light}
    </span>
  );
}

const RUN_TONE: Record<string, string> = {
  QUEUED: 'badge',
  RUNNING: 'badge badge--brand',
  SUCCEEDED: 'badge badge--success',
  FAILED: 'badge badge--danger',
};

export function RunStatusBadge({ status }: { status: string }) {
  return (
    <span className={RUN_TONE[status] ?? 'badge'} data-testid="run-status" data-status={status}>
      {status.charAt(0) + status.slice(1).toLowerCase()}
    </span>
  );
}
