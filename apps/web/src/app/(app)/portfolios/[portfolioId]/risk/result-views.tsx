// The views of a completed simulation: headline figures with standard errors, the loss distribution,
// contributions, IRB capital, concentration, IFRS 9, limit breaches and base versus stressed. Every
// chart and table exports its data as CSV (charts also as PNG).
import type { RiskResult } from '../../../../../api/documents/risk.ts';
import { KpiCard } from '../../../../../components/ui/kpi-card.tsx';
import { ExportCard } from '../../../../../components/risk/export-card.tsx';
import { LossHistogramChart } from '../../../../../components/risk/loss-histogram-chart.tsx';
import { ValueBarChart } from '../../../../../components/risk/value-bar-chart.tsx';
import { formatCompact, formatInteger, formatMoney, formatPercent, humanise } from '../../../../../lib/format.ts';
import { formatEstimate, formatLevel, formatPd, histogramPoints, relativeError } from '../../../../../lib/risk-format.ts';

const round = (x: number, digits = 2) => Number(x.toFixed(digits));

export function ResultViews({ result, currency, file }: { result: RiskResult; currency: string; file: string }) {
  const { base } = result;
  const top = base.levels.at(-1)!;
  return (
    <div className="stack" data-testid="risk-results">
      <section className="kpi-grid" aria-label="Risk figures">
        <KpiCard
          testId="kpi-el"
          label="Expected loss"
          unit={currency}
          value={formatCompact(base.expectedLoss.value)}
          exact={formatMoney(base.expectedLoss.value, currency)}
          detail={`± ${formatCompact(base.expectedLoss.standardError)} (MC) · closed form ${formatCompact(base.expectedLossClosedForm)}`}
        />
        <KpiCard
          testId="kpi-ul"
          label="Unexpected loss"
          unit={currency}
          value={formatCompact(base.unexpectedLoss.value)}
          detail={`± ${formatCompact(base.unexpectedLoss.standardError)} · sd of the loss`}
        />
        {base.levels.map((level) => (
          <KpiCard
            key={`var-${level.level}`}
            testId={`kpi-var-${level.level}`}
            label={`VaR ${formatLevel(level.level)}`}
            unit={currency}
            value={formatCompact(level.valueAtRisk.value)}
            detail={`± ${formatCompact(level.valueAtRisk.standardError)} (${relativeError(level.valueAtRisk)})`}
          />
        ))}
        {base.levels.map((level) => (
          <KpiCard
            key={`es-${level.level}`}
            testId={`kpi-es-${level.level}`}
            label={`ES ${formatLevel(level.level)}`}
            unit={currency}
            value={formatCompact(level.expectedShortfall.value)}
            detail={`± ${formatCompact(level.expectedShortfall.standardError)} (${relativeError(level.expectedShortfall)}) · EC ${formatCompact(level.economicCapital)}`}
          />
        ))}
      </section>
      <p className="muted">
        {formatInteger(base.scenarios)} scenarios ({formatInteger(base.chunks)} chunks, importance sampled; effective sample{' '}
        {formatInteger(Math.round(base.effectiveSampleSize))})
        {base.converged ? ', target error met' : ', stopped at the scenario limit before the target error'};{' '}
        {formatInteger(result.totals.exposureCount)} exposures, {formatInteger(result.totals.obligorCount)} obligors, EAD{' '}
        {formatMoney(result.totals.ead, currency, { compact: true })}, average PD {formatPd(result.totals.averagePd)}; computed in{' '}
        {result.durationSeconds.toFixed(1)} s.
      </p>

      {base.histogram ? (
        <ExportCard
          title="Loss distribution"
          subtitle={`${currency} · VaR and ES marked`}
          filename={`${file}-loss-distribution`}
          testId="chart-histogram"
          csv={{
            headers: ['loss_from', 'loss_to', 'probability', 'standard_error', 'p_loss_above_from'],
            rows: histogramPoints(base.histogram).map((p, k) => [
              round(p.from),
              round(p.to),
              p.probability,
              base.histogram!.standardError[k]!,
              p.exceedance,
            ]),
          }}
        >
          <LossHistogramChart
            points={histogramPoints(base.histogram)}
            markers={base.levels.map((l) => ({
              level: l.level,
              valueAtRisk: l.valueAtRisk.value,
              expectedShortfall: l.expectedShortfall.value,
            }))}
            currency={currency}
          />
        </ExportCard>
      ) : null}

      <div className="grid-2">
        <ExportCard
          title={`Contributions to ES ${formatLevel(top.level)} by sector`}
          subtitle={`${currency} · Euler, add up to ES`}
          filename={`${file}-contributions-sector`}
          testId="chart-sector-contributions"
          csv={{
            headers: ['sector', 'contribution', 'share_of_es'],
            rows: top.contributionsBySector.map((c) => [c.sector, round(c.contribution), c.share]),
          }}
        >
          <ValueBarChart
            data={top.contributionsBySector.map((c) => ({ label: c.sector, contribution: c.contribution }))}
            series={[{ key: 'contribution', name: 'Contribution' }]}
            unit={`Contribution to ES (${currency})`}
            ariaLabel="Contributions to expected shortfall by sector"
          />
        </ExportCard>
        <ExportCard
          title={`Top ${top.topObligors.length} obligors by contribution to ES ${formatLevel(top.level)}`}
          subtitle={currency}
          filename={`${file}-contributions-obligor`}
          testId="chart-obligor-contributions"
          csv={{
            headers: ['obligor', 'name', 'sector', 'contribution', 'standard_error', 'share_of_es'],
            rows: top.topObligors.map((o) => [o.obligorId, o.name, o.sector, round(o.contribution), round(o.standardError), o.share]),
          }}
        >
          <ValueBarChart
            data={top.topObligors.map((o) => ({ label: o.name, contribution: o.contribution }))}
            series={[{ key: 'contribution', name: 'Contribution' }]}
            unit={`Contribution to ES (${currency})`}
            ariaLabel="Largest obligor contributions to expected shortfall"
          />
        </ExportCard>
      </div>

      <div className="grid-2">
        <ExportCard
          title="IRB capital and RWA by segment"
          subtitle={`${currency} · Basel III risk-weight function`}
          filename={`${file}-irb`}
          testId="chart-irb"
          csv={{
            headers: ['segment', 'ead', 'rwa', 'capital', 'expected_loss'],
            rows: [...result.irb.bySegment, result.irb.total].map((s) => [
              s.key,
              round(s.ead),
              round(s.rwa),
              round(s.capital),
              round(s.expectedLoss),
            ]),
          }}
        >
          <ValueBarChart
            data={result.irb.bySegment.map((s) => ({ label: humanise(s.key), rwa: s.rwa, capital: s.capital }))}
            series={[
              { key: 'rwa', name: 'RWA' },
              { key: 'capital', name: 'Capital (K x EAD)' },
            ]}
            unit={currency}
            ariaLabel="IRB RWA and capital by segment"
          />
          <div className="table-wrap">
            <table className="table" data-testid="irb-table">
              <thead>
                <tr>
                  <th>Segment</th>
                  <th className="num">EAD</th>
                  <th className="num">RWA</th>
                  <th className="num">Capital</th>
                  <th className="num">RW</th>
                </tr>
              </thead>
              <tbody>
                {[...result.irb.bySegment, result.irb.total].map((s) => (
                  <tr key={s.key}>
                    <td>{s.key === 'all' ? 'Total' : humanise(s.key)}</td>
                    <td className="num">{formatCompact(s.ead)}</td>
                    <td className="num">{formatCompact(s.rwa)}</td>
                    <td className="num">{formatCompact(s.capital)}</td>
                    <td className="num">{s.ead > 0 ? formatPercent(s.rwa / s.ead) : '–'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </ExportCard>
        <ExportCard
          title="Concentration"
          filename={`${file}-concentration`}
          png={false}
          testId="concentration"
          csv={{
            headers: ['measure', 'value'],
            rows: [
              ['single_name_hhi', result.concentration.singleNameHhi],
              ['single_name_effective_number', result.concentration.singleNameEffectiveNumber],
              ['sector_hhi', result.concentration.sectorHhi],
              ['sector_effective_number', result.concentration.sectorEffectiveNumber],
              ['segment_hhi', result.concentration.segmentHhi],
              ...result.concentration.topShares.map((t): [string, number] => [`top_${t.n}_share`, t.share]),
              ['granularity_adjustment_rate', result.concentration.granularityAdjustmentRate],
              ['granularity_adjustment_amount', result.concentration.granularityAdjustmentAmount],
            ],
          }}
        >
          <table className="table">
            <tbody>
              <tr>
                <td>Single-name HHI</td>
                <td className="num">
                  {result.concentration.singleNameHhi.toFixed(4)} (≈{' '}
                  {formatInteger(Math.round(result.concentration.singleNameEffectiveNumber))} equal names)
                </td>
              </tr>
              <tr>
                <td>Sector HHI</td>
                <td className="num">
                  {result.concentration.sectorHhi.toFixed(4)} (≈ {result.concentration.sectorEffectiveNumber.toFixed(1)} equal sectors)
                </td>
              </tr>
              <tr>
                <td>Segment HHI</td>
                <td className="num">{result.concentration.segmentHhi.toFixed(4)}</td>
              </tr>
              {result.concentration.topShares.map((t) => (
                <tr key={t.n}>
                  <td>Largest {t.n} names</td>
                  <td className="num">{formatPercent(t.share, 2)} of EAD</td>
                </tr>
              ))}
              <tr>
                <td>Granularity adjustment</td>
                <td className="num">
                  {formatPercent(result.concentration.granularityAdjustmentRate, 3)} ·{' '}
                  {formatMoney(result.concentration.granularityAdjustmentAmount, currency, { compact: true })}
                </td>
              </tr>
            </tbody>
          </table>
        </ExportCard>
      </div>

      <div className="grid-2">
        <ExportCard
          title="IFRS 9 stages and ECL"
          subtitle={currency}
          filename={`${file}-ifrs9`}
          png={false}
          testId="ifrs9"
          csv={{
            headers: ['stage', 'exposures', 'ead', 'ecl'],
            rows: result.ifrs9.stages.map((s) => [s.stage, s.exposureCount, round(s.ead), round(s.ecl)]),
          }}
        >
          <table className="table">
            <thead>
              <tr>
                <th>Stage</th>
                <th className="num">Exposures</th>
                <th className="num">EAD</th>
                <th className="num">ECL</th>
                <th className="num">Coverage</th>
              </tr>
            </thead>
            <tbody>
              {result.ifrs9.stages.map((s) => (
                <tr key={s.stage}>
                  <td>Stage {s.stage}</td>
                  <td className="num">{formatInteger(s.exposureCount)}</td>
                  <td className="num">{formatCompact(s.ead)}</td>
                  <td className="num">{formatCompact(s.ecl)}</td>
                  <td className="num">{s.ead > 0 ? formatPercent(s.ecl / s.ead, 2) : '–'}</td>
                </tr>
              ))}
              <tr>
                <td>
                  <strong>Total</strong>
                </td>
                <td className="num" />
                <td className="num" />
                <td className="num">
                  <strong>{formatCompact(result.ifrs9.totalEcl)}</strong>
                </td>
                <td className="num" />
              </tr>
            </tbody>
          </table>
          <ul className="notes">
            {result.ifrs9.assumptions.map((a) => (
              <li key={a}>{a}</li>
            ))}
          </ul>
        </ExportCard>
        <ExportCard
          title="Limit breaches"
          subtitle={`${result.limitBreaches.length} breach${result.limitBreaches.length === 1 ? '' : 'es'}`}
          filename={`${file}-limit-breaches`}
          png={false}
          testId="limit-breaches"
          csv={{
            headers: ['kind', 'key', 'name', 'ead', 'share', 'limit', 'excess', 'limit_key'],
            rows: result.limitBreaches.map((b) => [
              b.kind,
              b.key,
              b.name,
              round(b.ead),
              b.share,
              round(b.limit),
              round(b.excess),
              b.limitKey,
            ]),
          }}
        >
          {result.limitBreaches.length === 0 ? (
            <p className="muted">No limit is breached.</p>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th>Limit</th>
                  <th>Name</th>
                  <th className="num">EAD</th>
                  <th className="num">Share</th>
                  <th className="num">Excess</th>
                </tr>
              </thead>
              <tbody>
                {result.limitBreaches.map((b) => (
                  <tr key={`${b.kind}-${b.key}`}>
                    <td>
                      <span className="badge badge--danger">{b.kind === 'SECTOR' ? 'Sector' : 'Single name'}</span> {b.limitKey}
                    </td>
                    <td>{b.name}</td>
                    <td className="num">{formatCompact(b.ead)}</td>
                    <td className="num">{formatPercent(b.share, 2)}</td>
                    <td className="num">{formatCompact(b.excess)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </ExportCard>
      </div>

      {result.stress ? <StressComparison result={result} currency={currency} file={file} /> : null}
    </div>
  );
}

function StressComparison({ result, currency, file }: { result: RiskResult; currency: string; file: string }) {
  const stress = result.stress!;
  const rows: [string, string, string][] = [
    ['Average PD', formatPd(stress.base.averagePd), formatPd(stress.stressed.averagePd)],
    ['Expected loss', formatCompact(stress.base.expectedLoss), formatCompact(stress.stressed.expectedLoss)],
    ['IRB RWA', formatCompact(stress.base.rwa), formatCompact(stress.stressed.rwa)],
    ['IRB capital', formatCompact(stress.base.irbCapital), formatCompact(stress.stressed.irbCapital)],
    ...stress.base.levels.flatMap((level, i): [string, string, string][] => {
      const s = stress.stressed.levels[i]!;
      return [
        [`VaR ${formatLevel(level.level)}`, formatEstimate(level.valueAtRisk), formatEstimate(s.valueAtRisk)],
        [`ES ${formatLevel(level.level)}`, formatEstimate(level.expectedShortfall), formatEstimate(s.expectedShortfall)],
        [`Economic capital ${formatLevel(level.level)}`, formatCompact(level.economicCapital), formatCompact(s.economicCapital)],
      ];
    }),
  ];
  const csvRows = [
    ['average_pd', stress.base.averagePd, stress.stressed.averagePd],
    ['expected_loss', round(stress.base.expectedLoss), round(stress.stressed.expectedLoss)],
    ['irb_rwa', round(stress.base.rwa), round(stress.stressed.rwa)],
    ['irb_capital', round(stress.base.irbCapital), round(stress.stressed.irbCapital)],
    ...stress.base.levels.flatMap((level, i) => {
      const s = stress.stressed.levels[i]!;
      return [
        [`var_${level.level}`, round(level.valueAtRisk.value), round(s.valueAtRisk.value)],
        [`var_${level.level}_se`, round(level.valueAtRisk.standardError), round(s.valueAtRisk.standardError)],
        [`es_${level.level}`, round(level.expectedShortfall.value), round(s.expectedShortfall.value)],
        [`es_${level.level}_se`, round(level.expectedShortfall.standardError), round(s.expectedShortfall.standardError)],
      ];
    }),
  ];
  return (
    <div className="grid-2">
      <ExportCard
        title="Base versus stressed"
        subtitle={currency}
        filename={`${file}-stress`}
        png={false}
        testId="stress-comparison"
        csv={{ headers: ['measure', 'base', 'stressed'], rows: csvRows }}
      >
        <table className="table">
          <thead>
            <tr>
              <th>Measure</th>
              <th className="num">Base</th>
              <th className="num">Stressed</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(([label, b, s]) => (
              <tr key={label}>
                <td>{label}</td>
                <td className="num">{b}</td>
                <td className="num">{s}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ExportCard>
      <ExportCard
        title="Expected loss by sector, base and stressed"
        subtitle={currency}
        filename={`${file}-stress-sectors`}
        testId="chart-stress-sectors"
        csv={{
          headers: ['sector', 'base_pd', 'stressed_pd', 'base_el', 'stressed_el'],
          rows: stress.bySector.map((s) => [s.sector, s.basePd, s.stressedPd, round(s.baseExpectedLoss), round(s.stressedExpectedLoss)]),
        }}
      >
        <ValueBarChart
          data={stress.bySector.map((s) => ({ label: s.sector, base: s.baseExpectedLoss, stressed: s.stressedExpectedLoss }))}
          series={[
            { key: 'base', name: 'Base' },
            { key: 'stressed', name: 'Stressed' },
          ]}
          unit={`Expected loss (${currency})`}
          ariaLabel="Expected loss by sector, base and stressed"
        />
      </ExportCard>
    </div>
  );
}
