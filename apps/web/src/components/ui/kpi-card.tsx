import type { ReactNode } from 'react';

/** A headline figure: label, value (with an optional unit shown smaller), and a line of context. */
export function KpiCard({
  label,
  value,
  unit,
  exact,
  detail,
  meter,
  testId,
}: {
  label: string;
  value: string;
  unit?: string;
  /** The unrounded figure, shown on hover and read by screen readers. */
  exact?: string;
  detail?: ReactNode;
  meter?: number | null;
  testId?: string;
}) {
  return (
    <div className="card kpi" data-testid={testId}>
      <span className="kpi__label">{label}</span>
      <span className="kpi__value" title={exact} aria-label={exact}>
        {unit ? <span className="kpi__unit">{unit}</span> : null}
        {value}
      </span>
      {meter !== undefined && meter !== null ? (
        <div className="meter" role="img" aria-label={`${Math.round(meter * 100)}%`}>
          <div className="meter__fill" style={{ width: `${Math.max(0, Math.min(1, meter)) * 100}%` }} />
        </div>
      ) : null}
      {detail ? <span className="kpi__detail">{detail}</span> : null}
    </div>
  );
}
