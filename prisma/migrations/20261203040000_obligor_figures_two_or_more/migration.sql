-- Hand-written (issue 14). See packages/db/README.md, "Running totals".
--
-- portfolio_obligor_figures keeps only the obligors with two exposures or more in a portfolio. An
-- obligor with one exposure there has that exposure's totals, which the exposures' own EAD index
-- already orders: a retail book of a million cards kept a million rows repeating its exposures, and
-- writing them was about 3.5 s of a million-exposure load's transaction (one core, before the
-- commit), their index another build after it. The largest obligors are now the larger of two walks
-- (portfolios.ts, topObligorsQuery): this table's top index, and the exposures' EAD index passing
-- over the obligors that have a row here. The obligor count stays in portfolio_figures.
--
-- Keeping it changes with that: whether a statement brings an obligor into a portfolio, takes it out,
-- or moves it across two exposures is no longer a sum of increments, so each (portfolio, obligor) a
-- statement touched is recounted from the exposures themselves, which needs the statements changing
-- one portfolio's exposures to run one after another, each recount seeing what the one before it
-- committed. The triggers' data version update (it fires before the totals' trigger) locks the
-- portfolio's row already; the recount does not rest on that: it locks the portfolio's "total" row
-- first, in portfolio order (then the other rows, as before), as the bulk load's way does.

-- Recounts the (portfolio, obligor) pairs of `moves` (an SQL query returning portfolio_id, obligor_id,
-- organization_id and dn, the net change in the pair's exposure count made since the last recount) from
-- the exposures: a row for two or more, none below, and the portfolio's obligor count moved by the
-- obligors that came (none before, some now) or went. The caller holds the portfolios' total rows.
CREATE FUNCTION probity_obligor_figures_recount(moves text) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $fn$
BEGIN
  EXECUTE format($q$
    WITH moved AS (%s),
    counted AS (
      SELECT m.portfolio_id, m.obligor_id, m.organization_id, m.dn, count(e.id) AS n, coalesce(sum(e.ead), 0) AS ead
        FROM moved m LEFT JOIN exposures e ON e.obligor_id = m.obligor_id AND e.portfolio_id = m.portfolio_id
       GROUP BY m.portfolio_id, m.obligor_id, m.organization_id, m.dn
    ),
    kept AS (
      INSERT INTO portfolio_obligor_figures AS f (portfolio_id, obligor_id, organization_id, exposure_count, ead)
      SELECT c.portfolio_id, c.obligor_id, c.organization_id, c.n, c.ead FROM counted c WHERE c.n >= 2 ORDER BY 1, 2
      ON CONFLICT (portfolio_id, obligor_id) DO UPDATE SET exposure_count = EXCLUDED.exposure_count, ead = EXCLUDED.ead
    ),
    dropped AS (
      DELETE FROM portfolio_obligor_figures f USING counted c
       WHERE c.n < 2 AND f.portfolio_id = c.portfolio_id AND f.obligor_id = c.obligor_id
    )
    UPDATE portfolio_figures f SET obligor_count = f.obligor_count + s.change
      FROM (SELECT c.portfolio_id,
                   sum(CASE WHEN c.n > 0 AND c.n = c.dn THEN 1 WHEN c.n = 0 AND c.dn < 0 THEN -1 ELSE 0 END) AS change
              FROM counted c GROUP BY c.portfolio_id) s
     WHERE f.portfolio_id = s.portfolio_id AND f.dim = 'total' AND f.key = '' AND s.change <> 0
  $q$, moves);
END
$fn$;

-- The triggers' way (probity_portfolio_figures_apply fills probity_figures_delta): as before for
-- portfolio_figures, after locking the total rows; the per-obligor rows recounted.
CREATE OR REPLACE FUNCTION probity_portfolio_figures_add_delta() RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $fn$
BEGIN
  -- A portfolio without a total row yet gets one from the INSERT below; a second first writer waits
  -- on its key there instead.
  PERFORM 1 FROM portfolio_figures f
    WHERE f.portfolio_id IN (SELECT d.portfolio_id FROM probity_figures_delta d) AND f.dim = 'total' AND f.key = ''
    ORDER BY f.portfolio_id FOR UPDATE;

  INSERT INTO portfolio_figures AS f (portfolio_id, organization_id, dim, key, exposure_count, total_ead, total_limit,
                                      total_loss_given_default, defaulted_count, defaulted_ead)
  SELECT d.portfolio_id, d.organization_id,
         CASE GROUPING(d.obligor_segment, d.obligor_sector, d.status) WHEN 7 THEN 'total' WHEN 3 THEN 'segment' WHEN 5 THEN 'sector' ELSE 'status' END,
         CASE GROUPING(d.obligor_segment, d.obligor_sector, d.status)
           WHEN 7 THEN '' WHEN 3 THEN d.obligor_segment::text WHEN 5 THEN coalesce(d.obligor_sector, '') ELSE d.status::text END,
         sum(d.n), sum(d.ead), sum(d.lim), sum(d.lgd_ead), sum(d.dn), sum(d.dead)
    FROM probity_figures_delta d
   GROUP BY GROUPING SETS ((d.portfolio_id, d.organization_id), (d.portfolio_id, d.organization_id, d.obligor_segment),
                           (d.portfolio_id, d.organization_id, d.obligor_sector), (d.portfolio_id, d.organization_id, d.status))
  HAVING sum(d.n) <> 0 OR sum(d.ead) <> 0 OR sum(d.lim) <> 0 OR sum(d.lgd_ead) <> 0 OR sum(d.dn) <> 0 OR sum(d.dead) <> 0
   ORDER BY 1, 3, 4 -- one lock order for concurrent writers
  ON CONFLICT (portfolio_id, dim, key) DO UPDATE
     SET exposure_count = f.exposure_count + EXCLUDED.exposure_count,
         total_ead = f.total_ead + EXCLUDED.total_ead,
         total_limit = f.total_limit + EXCLUDED.total_limit,
         total_loss_given_default = f.total_loss_given_default + EXCLUDED.total_loss_given_default,
         defaulted_count = f.defaulted_count + EXCLUDED.defaulted_count,
         defaulted_ead = f.defaulted_ead + EXCLUDED.defaulted_ead;

  PERFORM probity_obligor_figures_recount(
    'SELECT d.portfolio_id, d.obligor_id, d.organization_id, sum(d.n) AS dn FROM probity_figures_delta d GROUP BY 1, 2, 3');

  -- Only a change that removed rows can leave a zero behind.
  IF EXISTS (SELECT 1 FROM probity_figures_delta WHERE n < 0) THEN
    DELETE FROM portfolio_figures f
     USING (SELECT DISTINCT portfolio_id FROM probity_figures_delta) p
     WHERE f.portfolio_id = p.portfolio_id AND f.dim <> 'total' AND f.exposure_count = 0;
  END IF;
END
$fn$;

-- The bulk load's way (rows of `rel` inserted into one portfolio with the triggers off): the cells as
-- in 20261201064000_bulk_figures_parallel_cells, after locking the total row; a first load (the
-- portfolio held no exposure) keeps the obligors with two or more in one plain insert and counts the
-- rest, any other load recounts the obligors it touched.
CREATE OR REPLACE FUNCTION probity_portfolio_figures_add_rows(rel regclass) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $fn$
DECLARE
  portfolio uuid;
  organization uuid;
  held bigint;
  added bigint;
  kept_rows bigint;
  kept_exposures bigint;
BEGIN
  EXECUTE format('SELECT portfolio_id, organization_id FROM %s LIMIT 1', rel) INTO portfolio, organization;
  IF portfolio IS NULL THEN
    RETURN;
  END IF;
  SELECT f.exposure_count INTO held FROM portfolio_figures f
   WHERE f.portfolio_id = portfolio AND f.dim = 'total' AND f.key = '' FOR UPDATE;

  -- The cells in one parallel scan where `rel` allows one (a view over the table; a temporary table is
  -- read by this backend alone): INSERT … SELECT never runs in parallel, CREATE TABLE AS may.
  DROP TABLE IF EXISTS pg_temp.probity_figure_cells;
  EXECUTE format($q$
    CREATE TEMP TABLE probity_figure_cells AS
    SELECT r.obligor_segment, r.obligor_sector, r.status, count(*) AS n, sum(r.ead) AS ead, sum(r."limit") AS lim,
           sum(r.ead * r.lgd) AS lgd_ead, count(*) FILTER (WHERE r.status = 'DEFAULTED') AS dn,
           coalesce(sum(r.ead) FILTER (WHERE r.status = 'DEFAULTED'), 0) AS dead
      FROM %s r
     GROUP BY r.obligor_segment, r.obligor_sector, r.status
  $q$, rel);
  SELECT sum(c.n) INTO added FROM pg_temp.probity_figure_cells c;

  INSERT INTO portfolio_figures AS f (portfolio_id, organization_id, dim, key, exposure_count, total_ead, total_limit,
                                      total_loss_given_default, defaulted_count, defaulted_ead)
  SELECT portfolio, organization,
         CASE GROUPING(c.obligor_segment, c.obligor_sector, c.status) WHEN 7 THEN 'total' WHEN 3 THEN 'segment' WHEN 5 THEN 'sector' ELSE 'status' END,
         CASE GROUPING(c.obligor_segment, c.obligor_sector, c.status)
           WHEN 7 THEN '' WHEN 3 THEN c.obligor_segment::text WHEN 5 THEN coalesce(c.obligor_sector, '') ELSE c.status::text END,
         sum(c.n), sum(c.ead), sum(c.lim), sum(c.lgd_ead), sum(c.dn), sum(c.dead)
    FROM pg_temp.probity_figure_cells c
   GROUP BY GROUPING SETS ((), (c.obligor_segment), (c.obligor_sector), (c.status))
   ORDER BY 3, 4
  ON CONFLICT (portfolio_id, dim, key) DO UPDATE
     SET exposure_count = f.exposure_count + EXCLUDED.exposure_count,
         total_ead = f.total_ead + EXCLUDED.total_ead,
         total_limit = f.total_limit + EXCLUDED.total_limit,
         total_loss_given_default = f.total_loss_given_default + EXCLUDED.total_loss_given_default,
         defaulted_count = f.defaulted_count + EXCLUDED.defaulted_count,
         defaulted_ead = f.defaulted_ead + EXCLUDED.defaulted_ead;
  DROP TABLE pg_temp.probity_figure_cells;

  IF coalesce(held, 0) = 0 THEN
    -- Every exposure of the portfolio is rel's. The obligors with two or more, added up in parallel
    -- where rel allows (as the cells); the others each hold one of the remaining exposures.
    DROP TABLE IF EXISTS pg_temp.probity_obligor_cells;
    EXECUTE format($q$
      CREATE TEMP TABLE probity_obligor_cells AS
      SELECT r.obligor_id, count(*) AS n, sum(r.ead) AS ead FROM %s r GROUP BY r.obligor_id HAVING count(*) >= 2
    $q$, rel);
    INSERT INTO portfolio_obligor_figures (portfolio_id, obligor_id, organization_id, exposure_count, ead)
    SELECT portfolio, c.obligor_id, organization, c.n, c.ead FROM pg_temp.probity_obligor_cells c ORDER BY c.obligor_id;
    SELECT count(*), coalesce(sum(c.n), 0) INTO kept_rows, kept_exposures FROM pg_temp.probity_obligor_cells c;
    DROP TABLE pg_temp.probity_obligor_cells;
    UPDATE portfolio_figures f SET obligor_count = f.obligor_count + kept_rows + (added - kept_exposures)
     WHERE f.portfolio_id = portfolio AND f.dim = 'total' AND f.key = '';
    RETURN;
  END IF;
  PERFORM probity_obligor_figures_recount(format(
    'SELECT r.portfolio_id, r.obligor_id, r.organization_id, count(*) AS dn FROM %s r GROUP BY 1, 2, 3', rel));
END
$fn$;

-- An obligor with one exposure in a portfolio keeps no row (the counts are unchanged by this).
DELETE FROM portfolio_obligor_figures WHERE exposure_count < 2;
