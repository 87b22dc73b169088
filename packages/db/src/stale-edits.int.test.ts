// Editors that save a whole object (the master scale, the risk factor model, a stress scenario, the
// watchlist settings, a risk limit): a save
// based on an older version than the stored one is refused and writes nothing, so it cannot undo a save
// its author did not see. Without a version they save as before.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { createDatabase, type Database } from './client.ts';
import { createTenantFixture, type TenantFixture } from './testing/tenant-fixture.ts';
import type { TenantScope } from './scope.ts';
import { ConflictError } from './errors.ts';
import { listAuditLog } from './repositories/audit.ts';
import { currentMasterScale, listMasterScales, updateMasterScale } from './models/master-scales.ts';
import { currentFactorModel, listFactorModelVersions, saveFactorModel } from './repositories/risk/factor-models.ts';
import {
  createStressScenario,
  deleteStressScenario,
  getStressScenario,
  updateStressScenario,
} from './repositories/risk/stress-scenarios.ts';
import { getMonitoringSettings, setMonitoringSettings } from './scoring/watchlist.ts';
import { deleteRiskLimit, listRiskLimits, setRiskLimit } from './repositories/risk/limits.ts';

let db: Database;
let org: TenantFixture;
const scope = (): TenantScope => ({ organizationId: org.organizationId, actor: { kind: 'user', userId: org.users.RISK_OFFICER.id } });
const audited = async (entityType: string) => (await listAuditLog(db, scope(), { first: 100, filter: { entityType } })).nodes.length;

beforeAll(async () => {
  const url = inject('databaseUrl');
  db = createDatabase({ connectionString: url });
  org = await createTenantFixture(url, { label: 'stale-edits', exposures: 3 });
});
afterAll(async () => db.close());

/** Until another session waits for a lock `holder` holds (5 s at most). */
async function waitUntilBlockedBy(holder: pg.Client): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const { rows } = await holder.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM pg_stat_activity WHERE pg_backend_pid() = ANY (pg_blocking_pids(pid))',
    );
    if (rows[0]!.n > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('no session waited for the lock');
}

describe('a save based on an older version', () => {
  it('of the master scale is refused, and nothing is stored or audited', async () => {
    const grades = (top: number) => [
      { grade: 'A', maxPd: top },
      { grade: 'B', maxPd: 1 },
    ];
    const opened = (await currentMasterScale(db, scope(), grades(0.01))).version;
    const first = await updateMasterScale(db, scope(), grades(0.02), 'first', opened);
    expect(first.version).toBe(opened + 1);
    const entries = await audited('MasterScale');

    const stale = updateMasterScale(db, scope(), grades(0.03), 'second', opened);
    await expect(stale).rejects.toThrow(ConflictError);
    await expect(stale).rejects.toThrow(
      new RegExp(`^expectedVersion: the master scale is at version ${first.version} \\(saved .+\\), not the version ${opened} `),
    );
    expect((await listMasterScales(db, scope()))[0]).toEqual(expect.objectContaining({ version: first.version, comment: 'first' }));
    expect(await audited('MasterScale')).toBe(entries);

    // Based on the stored version it goes through, and without a version as before.
    expect((await updateMasterScale(db, scope(), grades(0.03), 'second', first.version)).version).toBe(first.version + 1);
    expect((await updateMasterScale(db, scope(), grades(0.04), 'third')).version).toBe(first.version + 2);
  });

  it('of the risk factor model is refused, the built-in default (version 0) included', async () => {
    const model = await currentFactorModel(db, scope());
    expect(model.version).toBe(0);
    const input = (note: string) => ({ sectors: model.sectors, correlation: model.correlation, sectorAssetCorrelation: {}, note });
    const first = await saveFactorModel(db, scope(), input('first'), 0);
    expect(first.version).toBe(1);
    const entries = await audited('RiskFactorModel');

    const stale = saveFactorModel(db, scope(), input('on the default'), 0);
    await expect(stale).rejects.toThrow(ConflictError);
    await expect(stale).rejects.toThrow(/^expectedVersion: the risk factor model is at version 1 \(saved .+\), not the version 0 /);
    expect((await listFactorModelVersions(db, scope())).map((v) => v.note)).toEqual(['first']);
    expect(await audited('RiskFactorModel')).toBe(entries);

    expect((await saveFactorModel(db, scope(), input('second'), 1)).version).toBe(2);
    expect((await saveFactorModel(db, scope(), input('third'))).version).toBe(3);
  });

  it('of a stress scenario is refused, and the scenario keeps the newer save', async () => {
    const created = await createStressScenario(db, scope(), { name: 'Downturn', definition: { pdMultipliers: { all: 2 } } });
    const first = await updateStressScenario(
      db,
      scope(),
      created.id,
      { name: 'Downturn', definition: { pdMultipliers: { all: 3 } } },
      created.version,
    );
    expect(first.version).toBe(created.version + 1);
    const entries = await audited('StressScenario');

    const stale = updateStressScenario(
      db,
      scope(),
      created.id,
      { name: 'Downturn', definition: { pdMultipliers: { all: 2 }, lgdAddOns: { all: 0.1 } } },
      created.version,
    );
    await expect(stale).rejects.toThrow(ConflictError);
    await expect(stale).rejects.toThrow(
      /^expectedVersion: the stress scenario "Downturn" is at version 2 \(saved .+\), not the version 1 /,
    );
    expect(await getStressScenario(db, scope(), created.id)).toEqual(
      expect.objectContaining({ version: first.version, definition: { pdMultipliers: { all: 3 } } }),
    );
    expect(await audited('StressScenario')).toBe(entries);

    const next = { name: 'Downturn', definition: { pdMultipliers: { all: 3 }, lgdAddOns: { all: 0.1 } } };
    expect((await updateStressScenario(db, scope(), created.id, next, first.version)).version).toBe(first.version + 1);
    expect((await updateStressScenario(db, scope(), created.id, next)).version).toBe(first.version + 2);
  });

  it('of a stress scenario does not delete it: a delete based on an older version is refused, and nothing is audited', async () => {
    const created = await createStressScenario(db, scope(), { name: 'Deleted late', definition: { pdMultipliers: { all: 2 } } });
    const saved = await updateStressScenario(
      db,
      scope(),
      created.id,
      { name: 'Deleted late', definition: { pdMultipliers: { all: 3 } } },
      created.version,
    );
    const entries = await audited('StressScenario');

    const stale = deleteStressScenario(db, scope(), created.id, created.version);
    await expect(stale).rejects.toThrow(ConflictError);
    await expect(stale).rejects.toThrow(
      /^expectedVersion: the stress scenario "Deleted late" is at version 2 \(saved .+\), not the version 1 /,
    );
    expect(await getStressScenario(db, scope(), created.id)).toEqual(expect.objectContaining({ version: saved.version }));
    expect(await audited('StressScenario')).toBe(entries);

    expect((await deleteStressScenario(db, scope(), created.id, saved.version)).version).toBe(saved.version);
    expect(await getStressScenario(db, scope(), created.id)).toBeNull();
    expect(await audited('StressScenario')).toBe(entries + 1);
  });

  it('a delete waits for a save in progress, and records the state it removed', async () => {
    const created = await createStressScenario(db, scope(), { name: 'Saved while deleted', definition: { pdMultipliers: { all: 2 } } });
    // A save holds the row (as updateStressScenario does) while the delete starts.
    const saver = new pg.Client({ connectionString: inject('databaseUrl') });
    await saver.connect();
    try {
      await saver.query('BEGIN');
      await saver.query(`UPDATE stress_scenarios SET definition = '{"pdMultipliers": {"all": 5}}', version = version + 1 WHERE id = $1`, [
        created.id,
      ]);
      const deleting = deleteStressScenario(db, scope(), created.id);
      await waitUntilBlockedBy(saver);
      await saver.query('COMMIT');
      // The delete read the scenario after the save, so its audit row holds what it removed.
      expect(await deleting).toEqual(expect.objectContaining({ version: 2, definition: { pdMultipliers: { all: 5 } } }));
    } finally {
      await saver.end();
    }
    expect(await getStressScenario(db, scope(), created.id)).toBeNull();
  });

  it('of the watchlist settings is refused, the defaults (version 0) included', async () => {
    const opened = await getMonitoringSettings(db, scope());
    expect(opened.version).toBe(0);
    const first = await setMonitoringSettings(db, scope(), { watchlistGradeDrop: 3 }, opened.version);
    expect(first).toEqual(expect.objectContaining({ version: 1, watchlistGradeDrop: 3, watchlistPdThreshold: 0.05 }));
    const entries = await audited('MonitoringSettings');

    // The second officer opened the defaults too: saving the threshold would put the grade drop back to 2.
    const stale = setMonitoringSettings(db, scope(), { watchlistPdThreshold: 0.1, watchlistGradeDrop: 2 }, opened.version);
    await expect(stale).rejects.toThrow(ConflictError);
    await expect(stale).rejects.toThrow(
      /^expectedVersion: the watchlist settings are at version 1 \(saved .+\), not the version 0 .+read them again/,
    );
    expect(await getMonitoringSettings(db, scope())).toEqual(
      expect.objectContaining({ version: 1, watchlistGradeDrop: 3, watchlistPdThreshold: 0.05 }),
    );
    expect(await audited('MonitoringSettings')).toBe(entries);

    // Based on the stored version it saves; without a version it saves as before.
    expect(await setMonitoringSettings(db, scope(), { watchlistPdThreshold: 0.1 }, 1)).toEqual(
      expect.objectContaining({ version: 2, watchlistGradeDrop: 3, watchlistPdThreshold: 0.1 }),
    );
    expect((await setMonitoringSettings(db, scope(), { watchlistGradeDrop: 2 })).version).toBe(3);
  });

  it('of the watchlist settings waits for a first save in progress, and is refused after it', async () => {
    const other = await createTenantFixture(inject('databaseUrl'), { label: 'stale-settings', exposures: 1 });
    const otherScope: TenantScope = { organizationId: other.organizationId, actor: { kind: 'user', userId: other.users.RISK_OFFICER.id } };
    expect((await getMonitoringSettings(db, otherScope)).version).toBe(0);
    // Another officer's first save is in progress (its lock taken, its row not yet committed).
    const saver = new pg.Client({ connectionString: inject('databaseUrl') });
    await saver.connect();
    try {
      await saver.query('BEGIN');
      await saver.query(`SELECT pg_advisory_xact_lock(hashtext('monitoring_settings:' || $1))`, [other.organizationId]);
      await saver.query(`INSERT INTO monitoring_settings (organization_id, watchlist_grade_drop, updated_at) VALUES ($1, 4, now())`, [
        other.organizationId,
      ]);
      const saving = setMonitoringSettings(db, otherScope, { watchlistPdThreshold: 0.2 }, 0);
      saving.catch(() => undefined); // awaited below
      await waitUntilBlockedBy(saver);
      await saver.query('COMMIT');
      // The save read the settings after the first one committed: version 1, not the defaults it opened.
      await expect(saving).rejects.toThrow(/^expectedVersion: the watchlist settings are at version 1 /);
    } finally {
      await saver.end();
    }
    expect(await getMonitoringSettings(db, otherScope)).toEqual(
      expect.objectContaining({ version: 1, watchlistGradeDrop: 4, watchlistPdThreshold: 0.05 }),
    );
  });

  it('of a risk limit is refused, a new limit whose key is taken included, and nothing is stored or audited', async () => {
    const limit = async (key: string) => (await listRiskLimits(db, scope())).find((l) => l.kind === 'SECTOR' && l.key === key);
    const created = await setRiskLimit(db, scope(), { kind: 'SECTOR', key: 'Utilities', maxShare: '0.2' }, 0);
    expect(created).toEqual(expect.objectContaining({ version: 1, maxShare: '0.200000', maxEad: null }));
    const saved = await setRiskLimit(db, scope(), { kind: 'SECTOR', key: 'Utilities', maxShare: '0.15' }, created.version);
    expect(saved).toEqual(expect.objectContaining({ id: created.id, version: 2, maxShare: '0.150000' }));
    const entries = await audited('RiskLimit');

    // A second officer opened version 1 and would put the share back up.
    const stale = setRiskLimit(db, scope(), { kind: 'SECTOR', key: 'Utilities', maxShare: '0.3' }, created.version);
    await expect(stale).rejects.toThrow(ConflictError);
    await expect(stale).rejects.toThrow(/^expectedVersion: the sector limit "Utilities" is at version 2 \(saved .+\), not the version 1 /);
    // A third set it as a new limit, not knowing one exists.
    await expect(setRiskLimit(db, scope(), { kind: 'SECTOR', key: 'Utilities', maxEad: '1000' }, 0)).rejects.toThrow(
      /^expectedVersion: the sector limit "Utilities" exists already \(version 2, saved .+\)/,
    );
    // A delete based on version 1 removes nothing.
    await expect(deleteRiskLimit(db, scope(), created.id, created.version)).rejects.toThrow(/is at version 2 .+not the version 1 /);
    expect(await limit('Utilities')).toEqual(expect.objectContaining({ version: 2, maxShare: '0.150000', maxEad: null }));
    expect(await audited('RiskLimit')).toBe(entries);

    // Based on the stored version, the delete goes through; a save based on the deleted version does not
    // bring the limit back.
    expect((await deleteRiskLimit(db, scope(), created.id, saved.version)).version).toBe(2);
    await expect(setRiskLimit(db, scope(), { kind: 'SECTOR', key: 'Utilities', maxShare: '0.3' }, saved.version)).rejects.toThrow(
      /^expectedVersion: the sector limit "Utilities" was deleted after the version 2 /,
    );
    expect(await limit('Utilities')).toBeUndefined();
    expect(await audited('RiskLimit')).toBe(entries + 1);
    // Without a version, a set replaces whatever is stored, as before.
    expect((await setRiskLimit(db, scope(), { kind: 'SECTOR', key: 'Utilities', maxShare: '0.3' })).version).toBe(1);
    expect((await setRiskLimit(db, scope(), { kind: 'SECTOR', key: 'Utilities', maxShare: '0.25' })).version).toBe(2);
  });

  it("a risk limit's delete waits for a set in progress, and is refused after it", async () => {
    const created = await setRiskLimit(db, scope(), { kind: 'SINGLE_NAME', key: 'OBL-DELETE-RACE', maxEad: '500' }, 0);
    // Another officer's set holds the limit's key (as setRiskLimit does) and has bumped its version.
    const setter = new pg.Client({ connectionString: inject('databaseUrl') });
    await setter.connect();
    try {
      await setter.query('BEGIN');
      await setter.query(`SELECT pg_advisory_xact_lock(hashtext('risk_limit:' || $1 || ':SINGLE_NAME:OBL-DELETE-RACE'))`, [
        org.organizationId,
      ]);
      await setter.query('UPDATE risk_limits SET max_ead = 400, version = version + 1 WHERE id = $1', [created.id]);
      const deleting = deleteRiskLimit(db, scope(), created.id, created.version);
      deleting.catch(() => undefined); // awaited below
      await waitUntilBlockedBy(setter);
      await setter.query('COMMIT');
      await expect(deleting).rejects.toThrow(/^expectedVersion: the single-name limit "OBL-DELETE-RACE" is at version 2 /);
    } finally {
      await setter.end();
    }
    expect((await listRiskLimits(db, scope())).find((l) => l.id === created.id)).toEqual(
      expect.objectContaining({ version: 2, maxEad: '400.00' }),
    );
  });

  it('is refused for one of two saves made at once from the same version', async () => {
    const created = await createStressScenario(db, scope(), { name: 'Race', definition: { pdMultipliers: { all: 2 } } });
    const save = (all: number) =>
      updateStressScenario(db, scope(), created.id, { name: 'Race', definition: { pdMultipliers: { all } } }, created.version);
    const outcomes = await Promise.allSettled([save(4), save(5)]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    const won = outcomes.find((o) => o.status === 'fulfilled')!.value;
    expect(await getStressScenario(db, scope(), created.id)).toEqual(expect.objectContaining({ version: 2, definition: won.definition }));
  });
});
