// Loads a feature file (CSV keyed by the obligors' or exposures' external ids) into the feature store.
// @probity/ml's reader parses and checks it; the rows then go by COPY into a temporary staging table and
// from there, in one statement, into obligor_features / exposure_features. Any problem (in the file or
// an id the organization does not have) stores nothing: it is all one transaction, rolled back.
import { DataValidationError, readCsvFile, readCsvText, type CsvReadResult } from '@probity/ml';
import { bulkPoolOf, type Database } from '../client.ts';
import type { FeatureIssue, FeatureLevel, LoadFeaturesResult } from '../domain/features.ts';
import type { LocalDate } from '../domain/values.ts';
import { InputError } from '../errors.ts';
import type { TenantScope } from '../scope.ts';
import { withTenantClient } from '../bulk/tenant-client.ts';
import { recordAuditRaw } from '../bulk/audit-raw.ts';
import { checkFeatureTable } from './check-feature-table.ts';
import { writeFeatureRows } from './write-features.ts';

export const DEFAULT_ID_COLUMN = 'external_id';

export interface LoadFeaturesInput {
  level: FeatureLevel;
  /** The day the values describe. */
  asOf: LocalDate;
  /** A file on disk (read as a stream) or the CSV text itself. */
  source: { path: string } | { text: string };
  /** The column holding the external ids (default `external_id`). */
  idColumn?: string;
  fileName?: string | null;
  /** Loads through a portfolio only accept its exposures, or obligors with an exposure in it. */
  portfolioId?: string | null;
}

class Rejected extends Error {
  constructor(readonly issues: FeatureIssue[]) {
    super('feature file rejected');
  }
}

async function readSource(input: LoadFeaturesInput, idColumn: string): Promise<CsvReadResult> {
  const options = { textColumns: [idColumn] };
  return 'path' in input.source ? readCsvFile(input.source.path, options) : readCsvText(input.source.text, options);
}

/** Loads at least this large refresh the table's planner statistics at once (see refreshStatistics). */
export const ANALYZE_AFTER_ROWS = 5000;

/**
 * A big load into a young table leaves the planner estimating one row per range until autovacuum comes
 * round; a scoring run started right after (the demo, a first load) then picks nested loops over row-level
 * security's organization index and spends seconds per thousand rows. ANALYZE samples at most 30,000
 * rows, so it costs a fraction of a second at any size. Best effort: a role that does not own the table
 * only gets a warning.
 */
async function refreshStatistics(db: Database, level: FeatureLevel, rows: number): Promise<void> {
  if (rows < ANALYZE_AFTER_ROWS) return;
  // The history too: a load of a newer day has just moved the rows before it there.
  const tables = level === 'OBLIGOR' ? 'obligor_features, obligor_feature_history' : 'exposure_features, exposure_feature_history';
  await bulkPoolOf(db)
    .query(`ANALYZE ${tables}`)
    .catch(() => undefined);
}

export async function loadFeatures(db: Database, scope: TenantScope, input: LoadFeaturesInput): Promise<LoadFeaturesResult> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.asOf) || Number.isNaN(Date.parse(`${input.asOf}T00:00:00Z`))) {
    throw new InputError('asOf', 'must be a date, YYYY-MM-DD');
  }
  const idColumn = input.idColumn ?? DEFAULT_ID_COLUMN;
  let read: CsvReadResult;
  try {
    read = await readSource(input, idColumn);
  } catch (error) {
    if (error instanceof DataValidationError) return { ok: false, issues: error.report.issues };
    throw error;
  }
  const checked = checkFeatureTable(read.table, idColumn);
  const issues: FeatureIssue[] = [...read.issues, ...checked.issues];
  if (issues.some((i) => i.severity === 'error')) return { ok: false, issues };

  try {
    const load = await withTenantClient(db, scope, async (client) => {
      const written = await writeFeatureRows(client, {
        organizationId: scope.organizationId,
        level: input.level,
        asOf: input.asOf,
        table: read.table,
        rows: Array.from({ length: read.table.rowCount }, (_, i) => i),
        ids: checked.ids,
        featureColumns: checked.featureColumns,
        sha256: read.sha256,
        fileName: input.fileName ?? null,
        createdById: scope.actor.kind === 'user' ? scope.actor.userId : null,
        idColumn,
        portfolioId: input.portfolioId ?? null,
      });
      if (!written.ok) throw new Rejected([...issues, ...written.issues]);
      const { load } = written;
      await recordAuditRaw(client, scope, { action: 'features.load', entityType: 'FeatureLoad', entityId: load.id, after: load });
      return load;
    });
    await refreshStatistics(db, input.level, load.rowCount);
    return { ok: true, load, issues };
  } catch (error) {
    if (error instanceof Rejected) return { ok: false, issues: error.issues };
    throw error;
  }
}
