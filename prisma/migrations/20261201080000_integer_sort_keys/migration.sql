-- Hand-written (issue 14, bulk load of a million exposures under 30 s). See packages/db/README.md, "Indexes".
--
-- The decimal sort indexes were the slowest btrees of a bulk load: in (portfolio_id, ead, id) every
-- comparison of the build's sort runs the numeric comparator (the leading portfolio_id is the same on
-- every row, so abbreviated keys decide nothing), about twice the cost of an integer key (1M rows:
-- 2.2 s against 1.1 s). The columns are fixed-scale decimals, so an integer of their smallest unit
-- orders them exactly: ead and limit are numeric(18,2), at most 10^18 - 1 cents (< 2^63); lgd is
-- numeric(5,4), at most 99999 ten-thousandths. The indexes key on those integers; the exposure table's
-- ORDER BY, keyset cursor and EAD range filter use the same expressions (packages/db/src/repositories/
-- exposure-query.ts, obligor-exposures.ts), so the planner matches them to the index. Expression
-- indexes are not declared in schema.prisma (Prisma cannot), as the maturity index.

DROP INDEX "exposures_portfolio_id_ead_id_idx";
DROP INDEX "exposures_portfolio_id_limit_id_idx";
DROP INDEX "exposures_portfolio_id_lgd_id_idx";
DROP INDEX "exposures_obligor_id_ead_id_idx";

CREATE INDEX exposures_portfolio_ead_cents_idx ON exposures (portfolio_id, ((ead * 100)::bigint), id);
CREATE INDEX exposures_portfolio_limit_cents_idx ON exposures (portfolio_id, (("limit" * 100)::bigint), id);
CREATE INDEX exposures_portfolio_lgd_units_idx ON exposures (portfolio_id, ((lgd * 10000)::int), id);
CREATE INDEX exposures_obligor_ead_cents_idx ON exposures (obligor_id, ((ead * 100)::bigint), id);

-- The largest obligors of a portfolio: an obligor's EAD is an unbounded sum, so its integer of cents
-- could overflow bigint. The key is that integer capped at 9e18 cents (an EAD of 9e16: monotone in
-- the EAD, never overflowing), then the EAD itself, which the comparison reads only on a tie: the same order as
-- (ead DESC, obligor_id), at integer cost (portfolios.ts orders by the same three expressions).
DROP INDEX "portfolio_obligor_figures_portfolio_id_ead_obligor_id_idx";
CREATE INDEX portfolio_obligor_figures_top_idx ON portfolio_obligor_figures
  (portfolio_id, ((least(ead, 90000000000000000) * 100)::bigint) DESC, ead DESC, obligor_id);
