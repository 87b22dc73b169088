// portfolioRiskInputs: the one place that decides what a portfolio simulation runs on, per exposure
// PD (and where it came from), LGD, EAD, sector, segment. LGD and EAD come from the exposures.
//
// PDs: each exposure's PD comes from the portfolio's latest succeeded scoring run (`scoredPds`;
// `pdSource` then names that run, its model version and data as-of); the PDs the request supplies
// (per exposure, else per sector, else per segment, else flat) fill only the exposures the run did
// not score, and are the only source while the portfolio has no succeeded run. Exposures with no PD
// are listed in `excluded` and left out; closed ones are excluded. Default is an obligor's state: when
// one of its exposures is DEFAULTED, all of them have PD 1 (and count as defaulted for IFRS 9), as the
// maths requires one PD per obligor.
import type { Database, TransactionClient } from '../../client.ts';
import type { ExcludedExposure, PdOrigin, PdSource, PortfolioRiskInputs, RequestedPds, RiskInputExposure } from '../../domain/risk.ts';
import { SEGMENTS, type Segment } from '../../domain/values.ts';
import { InputError } from '../../errors.ts';
import { isUuid } from '../../ids.ts';
import type { TenantScope } from '../../scope.ts';
import { withTenant } from '../../tenant.ts';
import { UNASSIGNED_SECTOR } from './factor-models.ts';

export interface RiskInputsOptions {
  /** Calendar day the figures refer to (maturities are measured from it); default today (UTC). */
  asOf?: string | null;
  /** PDs the request supplies. */
  pd?: RequestedPds | null;
}

const DAY_MS = 86_400_000;

function checkPd(field: string, pd: number): number {
  if (!Number.isFinite(pd) || pd < 0 || pd > 1) throw new InputError(field, `must be in [0, 1], got ${pd}`);
  return pd;
}

function keyed(field: string, entries: { key: string; pd: number }[] | null | undefined, known?: ReadonlySet<string>): Map<string, number> {
  const map = new Map<string, number>();
  (entries ?? []).forEach((entry, i) => {
    const at = `${field}[${i}]`;
    if (map.has(entry.key)) throw new InputError(`${at}.key`, `repeats ${JSON.stringify(entry.key)}`);
    if (known && !known.has(entry.key)) {
      throw new InputError(
        `${at}.key`,
        `${JSON.stringify(entry.key)} is not one of ${[...known].map((k) => JSON.stringify(k)).join(', ')}`,
      );
    }
    map.set(entry.key, checkPd(`${at}.pd`, entry.pd));
  });
  return map;
}

/** PDs of the portfolio's latest succeeded scoring run, by exposure external id; null when it has none. */
async function scoredPds(tx: TransactionClient, portfolioId: string): Promise<{ source: PdSource; pds: Map<string, number> } | null> {
  const [run] = await tx.$queryRaw<{ id: string; model_version_id: string; as_of: string }[]>`
    SELECT id, model_version_id, as_of::text AS as_of FROM scoring_runs
     WHERE portfolio_id = ${portfolioId}::uuid AND status = 'SUCCEEDED'
     ORDER BY finished_at DESC NULLS LAST, id DESC LIMIT 1`;
  if (!run) return null;
  // Primary-key range scan of the run's scores, joined to the exposures by id.
  const rows = await tx.$queryRaw<{ external_id: string; pd: number }[]>`
    SELECT e.external_id, s.pd FROM scores s JOIN exposures e ON e.id = s.exposure_id WHERE s.run_id = ${run.id}::uuid`;
  return {
    source: { kind: 'SCORING_RUN', scoringRunId: run.id, modelVersions: [run.model_version_id], dataAsOf: run.as_of },
    pds: new Map(rows.map((r) => [r.external_id, r.pd])),
  };
}

/**
 * Each exposure's PD in the portfolio's first succeeded scoring run, by external id: IFRS 9's PD at
 * initial recognition for exposures that have none recorded (the earliest rating the bank holds, as
 * the standard's transition rules allow). One run's primary-key range, so it stays cheap however many
 * runs the portfolio has had.
 */
async function firstScoredPds(tx: TransactionClient, portfolioId: string): Promise<Map<string, number>> {
  const rows = await tx.$queryRaw<{ external_id: string; pd: number }[]>`
    SELECT e.external_id, s.pd FROM scores s JOIN exposures e ON e.id = s.exposure_id
     WHERE s.run_id = (SELECT id FROM scoring_runs WHERE portfolio_id = ${portfolioId}::uuid AND status = 'SUCCEEDED'
                        ORDER BY finished_at ASC NULLS LAST, id ASC LIMIT 1)`;
  return new Map(rows.map((r) => [r.external_id, r.pd]));
}

function originationPd(
  recorded: number | null,
  firstScored: number | undefined,
): Pick<RiskInputExposure, 'pdAtOrigination' | 'pdAtOriginationSource'> {
  if (recorded !== null) return { pdAtOrigination: recorded, pdAtOriginationSource: 'RECORDED' };
  if (firstScored !== undefined) return { pdAtOrigination: firstScored, pdAtOriginationSource: 'FIRST_SCORING_RUN' };
  return { pdAtOrigination: null, pdAtOriginationSource: null };
}

function assetClassOf(segment: Segment, product: string): RiskInputExposure['assetClass'] {
  if (segment === 'CORPORATE' || segment === 'SME') return 'corporate';
  return /card/i.test(product) ? 'qrre' : 'other-retail';
}

export async function portfolioRiskInputs(
  db: Database,
  scope: TenantScope,
  portfolioId: string,
  options: RiskInputsOptions = {},
): Promise<PortfolioRiskInputs | null> {
  const asOf = options.asOf ?? new Date().toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || Number.isNaN(Date.parse(`${asOf}T00:00:00Z`)))
    throw new InputError('asOf', 'must be a date YYYY-MM-DD');
  const asOfMs = Date.parse(`${asOf}T00:00:00Z`);
  const requested = options.pd ?? {};
  const flat = requested.flat == null ? null : checkPd('pd.flat', requested.flat);
  const bySegment = keyed('pd.bySegment', requested.bySegment, new Set(SEGMENTS));
  if (!isUuid(portfolioId)) return null;
  return withTenant(
    db,
    scope,
    async (tx) => {
      const portfolio = await tx.portfolio.findFirst({
        where: { id: portfolioId, organizationId: scope.organizationId },
        select: { id: true },
      });
      if (!portfolio) return null;
      const rows = await tx.exposure.findMany({
        where: { portfolioId, organizationId: scope.organizationId },
        select: {
          externalId: true,
          product: true,
          ead: true,
          lgd: true,
          maturityDate: true,
          daysPastDue: true,
          status: true,
          pdAtOrigination: true,
          obligor: { select: { externalId: true, name: true, segment: true, sector: true } },
        },
        orderBy: { externalId: 'asc' },
      });
      const sectors = new Set(rows.map((row) => row.obligor.sector ?? UNASSIGNED_SECTOR));
      const bySector = keyed('pd.bySector', requested.bySector, sectors);
      const byExposure = new Map<string, number>();
      const externalIds = new Set(rows.map((row) => row.externalId));
      (requested.byExposure ?? []).forEach((entry, i) => {
        const at = `pd.byExposure[${i}]`;
        if (!externalIds.has(entry.externalId))
          throw new InputError(`${at}.externalId`, `no exposure "${entry.externalId}" in this portfolio`);
        if (byExposure.has(entry.externalId)) throw new InputError(`${at}.externalId`, `repeats "${entry.externalId}"`);
        byExposure.set(entry.externalId, checkPd(`${at}.pd`, entry.pd));
      });
      const scored = await scoredPds(tx, portfolioId);
      const firstScored = rows.some((row) => row.pdAtOrigination === null)
        ? await firstScoredPds(tx, portfolioId)
        : new Map<string, number>();
      const defaultedObligors = new Set(rows.filter((row) => row.status === 'DEFAULTED').map((row) => row.obligor.externalId));

      const exposures: RiskInputExposure[] = [];
      const excluded: ExcludedExposure[] = [];
      for (const row of rows) {
        const sector = row.obligor.sector ?? UNASSIGNED_SECTOR;
        const segment = row.obligor.segment;
        if (row.status === 'CLOSED') {
          excluded.push({ externalId: row.externalId, reason: 'closed' });
          continue;
        }
        let pd: number | undefined;
        let pdOrigin: PdOrigin | undefined;
        const pick = (value: number | undefined | null, origin: PdOrigin) => {
          if (pd === undefined && value != null) [pd, pdOrigin] = [value, origin];
        };
        const defaulted = defaultedObligors.has(row.obligor.externalId);
        if (defaulted) pick(1, 'DEFAULTED');
        pick(scored?.pds.get(row.externalId), 'SCORING_RUN');
        pick(byExposure.get(row.externalId), 'REQUEST_EXPOSURE');
        pick(bySector.get(sector), 'REQUEST_SECTOR');
        pick(bySegment.get(segment), 'REQUEST_SEGMENT');
        pick(flat, 'REQUEST_FLAT');
        if (pd === undefined || pdOrigin === undefined) {
          excluded.push({
            externalId: row.externalId,
            reason: `no PD (${scored ? 'not scored by the latest scoring run' : 'no scoring run'}, and the request gives none for segment ${segment} or sector "${sector}")`,
          });
          continue;
        }
        const years = row.maturityDate ? (row.maturityDate.getTime() - asOfMs) / (365.25 * DAY_MS) : null;
        exposures.push({
          id: row.externalId,
          obligorId: row.obligor.externalId,
          obligorName: row.obligor.name,
          sector,
          segment,
          assetClass: assetClassOf(segment, row.product),
          ead: Number(row.ead),
          lgd: Number(row.lgd),
          pd,
          pdOrigin,
          ...originationPd(row.pdAtOrigination === null ? null : Number(row.pdAtOrigination), firstScored.get(row.externalId)),
          maturity: years === null ? null : Math.max(1 / 12, years),
          daysPastDue: row.daysPastDue,
          defaulted,
          watchlist: row.status === 'WATCHLIST',
        });
      }
      const pdSource: PdSource = scored?.source ?? { kind: 'REQUEST', requested };
      return { portfolioId, asOf, pdSource, exposures, excluded };
    },
    { timeoutMs: 60_000 },
  );
}
