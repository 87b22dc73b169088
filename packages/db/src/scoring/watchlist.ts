// The watchlist: per portfolio, the obligors whose PD (their worst exposure's) in the latest succeeded
// run crossed the organization's threshold since the previous run (or is above it in a portfolio's first
// run), or whose grade fell by the organization's grade drop or more. Read live from the two runs'
// scores (both by primary key), so a changed threshold applies at once. Settings per organization.
import type { Database } from '../client.ts';
import { InputError, staleVersionError } from '../errors.ts';
import { isUuid } from '../ids.ts';
import type { TenantScope } from '../scope.ts';
import { withTenantClient } from '../bulk/tenant-client.ts';
import { recordAuditRaw } from '../bulk/audit-raw.ts';

export interface MonitoringSettings {
  watchlistPdThreshold: number;
  watchlistGradeDrop: number;
  /** Counts saves from 1; 0 while the defaults apply (never saved). */
  version: number;
  updatedById: string | null;
  updatedAt: Date | null;
}

export const DEFAULT_MONITORING_SETTINGS: MonitoringSettings = {
  watchlistPdThreshold: 0.05,
  watchlistGradeDrop: 2,
  version: 0,
  updatedById: null,
  updatedAt: null,
};

interface SettingsRow {
  watchlist_pd_threshold: number;
  watchlist_grade_drop: number;
  version: number;
  updated_by_id: string | null;
  updated_at: Date;
}

const toSettings = (r: SettingsRow | undefined): MonitoringSettings =>
  r
    ? {
        watchlistPdThreshold: r.watchlist_pd_threshold,
        watchlistGradeDrop: r.watchlist_grade_drop,
        version: r.version,
        updatedById: r.updated_by_id,
        updatedAt: r.updated_at,
      }
    : DEFAULT_MONITORING_SETTINGS;

export async function getMonitoringSettings(db: Database, scope: TenantScope): Promise<MonitoringSettings> {
  return withTenantClient(db, scope, async (client) => {
    const { rows } = await client.query<SettingsRow>('SELECT * FROM monitoring_settings WHERE organization_id = $1', [
      scope.organizationId,
    ]);
    return toSettings(rows[0]);
  });
}

/**
 * Changes the settings (an omitted value keeps its own). With `expectedVersion` (the version the caller
 * edited; 0 for the defaults), a save made since is not undone: ConflictError and nothing written.
 */
export async function setMonitoringSettings(
  db: Database,
  scope: TenantScope,
  input: { watchlistPdThreshold?: number | null; watchlistGradeDrop?: number | null },
  expectedVersion?: number | null,
): Promise<MonitoringSettings> {
  const { watchlistPdThreshold: t, watchlistGradeDrop: d } = input;
  if (t != null && !(Number.isFinite(t) && t > 0 && t < 1)) {
    throw new InputError('watchlistPdThreshold', `must be a PD strictly between 0 and 1, got ${t}`);
  }
  if (d != null && !(Number.isInteger(d) && d >= 1 && d <= 20)) {
    throw new InputError('watchlistGradeDrop', `must be a whole number of grades from 1 to 20, got ${d}`);
  }
  return withTenantClient(db, scope, async (client) => {
    // One save at a time per organization, the first included (no row to lock yet), so the version
    // checked below is the one replaced.
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('monitoring_settings:' || $1))`, [scope.organizationId]);
    const before = await client.query<SettingsRow>('SELECT * FROM monitoring_settings WHERE organization_id = $1', [scope.organizationId]);
    const old = toSettings(before.rows[0]);
    if (expectedVersion != null && old.version !== expectedVersion) {
      throw staleVersionError('watchlist settings', { version: old.version, savedAt: old.updatedAt }, expectedVersion, true);
    }
    const { rows } = await client.query<SettingsRow>(
      `INSERT INTO monitoring_settings (organization_id, watchlist_pd_threshold, watchlist_grade_drop, updated_by_id, updated_at)
       VALUES ($1, $2, $3, $4, now())
       ON CONFLICT (organization_id) DO UPDATE SET watchlist_pd_threshold = $2, watchlist_grade_drop = $3, updated_by_id = $4, updated_at = now(),
         version = monitoring_settings.version + 1
       RETURNING *`,
      [
        scope.organizationId,
        t ?? old.watchlistPdThreshold,
        d ?? old.watchlistGradeDrop,
        scope.actor.kind === 'user' ? scope.actor.userId : null,
      ],
    );
    const settings = toSettings(rows[0]);
    await recordAuditRaw(client, scope, {
      action: 'monitoringSettings.update',
      entityType: 'MonitoringSettings',
      entityId: scope.organizationId,
      before: { watchlistPdThreshold: old.watchlistPdThreshold, watchlistGradeDrop: old.watchlistGradeDrop, version: old.version },
      after: {
        watchlistPdThreshold: settings.watchlistPdThreshold,
        watchlistGradeDrop: settings.watchlistGradeDrop,
        version: settings.version,
      },
    });
    return settings;
  });
}

export type WatchlistReason = 'PD_THRESHOLD' | 'GRADE_DROP';

export interface WatchlistEntry {
  portfolioId: string;
  portfolioName: string;
  obligorId: string;
  obligorName: string;
  obligorExternalId: string;
  runId: string;
  previousRunId: string | null;
  /** The obligor's worst exposure PD and grade in the latest run, and in the previous one. */
  pd: number;
  previousPd: number | null;
  grade: string | null;
  previousGrade: string | null;
  /** Grades fallen (positive: towards default); null without a previous grade on the scale. */
  gradesDown: number | null;
  reasons: WatchlistReason[];
}

export interface Watchlist {
  settings: MonitoringSettings;
  totalCount: number;
  entries: WatchlistEntry[];
}

interface EntryRow {
  portfolio_id: string;
  portfolio_name: string;
  obligor_id: string;
  obligor_name: string;
  external_id: string;
  run_id: string;
  prev_id: string | null;
  pd: number;
  prev_pd: number | null;
  grade_rank: string | null;
  prev_rank: string | null;
  crossed: boolean;
  dropped: boolean;
  total: string;
}

/**
 * scale: the master scale's grades, best first (what "fell two grades" counts on). Entries by PD,
 * highest first; first (1..500) and offset page through them.
 */
export async function watchlist(
  db: Database,
  scope: TenantScope,
  options: { portfolioId?: string | null; first?: number | null; offset?: number | null; scale: readonly string[] },
): Promise<Watchlist> {
  const first = options.first ?? 100;
  const offset = options.offset ?? 0;
  if (!Number.isInteger(first) || first < 1 || first > 500) throw new InputError('first', `must be from 1 to 500, got ${first}`);
  if (!Number.isInteger(offset) || offset < 0) throw new InputError('offset', `must be a whole number >= 0, got ${offset}`);
  if (options.portfolioId != null && !isUuid(options.portfolioId)) {
    return { settings: await getMonitoringSettings(db, scope), totalCount: 0, entries: [] };
  }
  return withTenantClient(db, scope, async (client) => {
    const s = await client.query<SettingsRow>('SELECT * FROM monitoring_settings WHERE organization_id = $1', [scope.organizationId]);
    const settings = toSettings(s.rows[0]);
    const { rows } = await client.query<EntryRow>(
      `WITH ranked AS (
         SELECT portfolio_id, id, row_number() OVER (PARTITION BY portfolio_id ORDER BY finished_at DESC, id DESC) AS rn
           FROM scoring_runs WHERE organization_id = $1 AND status = 'SUCCEEDED' AND ($2::uuid IS NULL OR portfolio_id = $2::uuid)),
       runs AS (SELECT l.portfolio_id, l.id AS run_id, p.id AS prev_id FROM ranked l LEFT JOIN ranked p ON p.portfolio_id = l.portfolio_id AND p.rn = 2
                 WHERE l.rn = 1),
       scale AS (SELECT g, r FROM unnest($3::text[]) WITH ORDINALITY AS s(g, r)),
       per_obligor AS (
         SELECT r.portfolio_id, r.run_id, r.prev_id, c.obligor_id, max(c.pd) AS pd, max(p.pd) AS prev_pd, max(cs.r) AS grade_rank, max(ps.r) AS prev_rank
           FROM runs r JOIN scores c ON c.run_id = r.run_id
           LEFT JOIN scores p ON p.run_id = r.prev_id AND p.exposure_id = c.exposure_id
           LEFT JOIN scale cs ON cs.g = c.grade LEFT JOIN scale ps ON ps.g = p.grade
          GROUP BY 1, 2, 3, 4),
       flagged AS (
         SELECT *, (pd >= $4 AND (prev_pd IS NULL OR prev_pd < $4)) AS crossed, coalesce(grade_rank - prev_rank >= $5, false) AS dropped
           FROM per_obligor)
       SELECT f.portfolio_id, pf.name AS portfolio_name, f.obligor_id, o.name AS obligor_name, o.external_id, f.run_id, f.prev_id, f.pd, f.prev_pd,
              f.grade_rank, f.prev_rank, f.crossed, f.dropped, count(*) OVER () AS total
         FROM flagged f JOIN obligors o ON o.id = f.obligor_id JOIN portfolios pf ON pf.id = f.portfolio_id
        WHERE f.crossed OR f.dropped
        ORDER BY f.pd DESC, f.obligor_id LIMIT $6 OFFSET $7`,
      [
        scope.organizationId,
        options.portfolioId ?? null,
        options.scale,
        settings.watchlistPdThreshold,
        settings.watchlistGradeDrop,
        first,
        offset,
      ],
    );
    const gradeAt = (rank: string | null) => (rank === null ? null : (options.scale[Number(rank) - 1] ?? null));
    return {
      settings,
      totalCount: rows[0] ? Number(rows[0].total) : 0,
      entries: rows.map((r) => ({
        portfolioId: r.portfolio_id,
        portfolioName: r.portfolio_name,
        obligorId: r.obligor_id,
        obligorName: r.obligor_name,
        obligorExternalId: r.external_id,
        runId: r.run_id,
        previousRunId: r.prev_id,
        pd: r.pd,
        previousPd: r.prev_pd,
        grade: gradeAt(r.grade_rank),
        previousGrade: gradeAt(r.prev_rank),
        gradesDown: r.grade_rank !== null && r.prev_rank !== null ? Number(r.grade_rank) - Number(r.prev_rank) : null,
        reasons: [...(r.crossed ? (['PD_THRESHOLD'] as const) : []), ...(r.dropped ? (['GRADE_DROP'] as const) : [])],
      })),
    };
  });
}
