// Status and role badges with one colour per meaning, used everywhere the same value appears.
import { humanise } from '../../lib/format.ts';

const STATUS_TONE: Record<string, string> = {
  PERFORMING: 'badge--success',
  WATCHLIST: 'badge--warning',
  DEFAULTED: 'badge--danger',
  CLOSED: '',
  ACTIVE: 'badge--success',
  REVOKED: 'badge--danger',
  EXPIRED: '',
  SUSPENDED: 'badge--warning',
};

export function StatusBadge({ status }: { status: string }) {
  return <span className={`badge ${STATUS_TONE[status] ?? ''}`}>{humanise(status)}</span>;
}

export function RoleBadge({ role }: { role: string }) {
  return (
    <span className="badge badge--brand" data-testid="role-badge">
      {humanise(role)}
    </span>
  );
}

export function SegmentBadge({ segment }: { segment: string }) {
  return <span className="badge">{segment === 'SME' ? 'SME' : humanise(segment)}</span>;
}
