-- Hand-written (issue 14, the million-row load under 30 s). probity_portfolio_figures_add_rows of
-- 20261203040000_obligor_figures_two_or_more, the same figures. Only the first load's obligor cells
-- change: the obligors with two exposures or more are found by sorting the load's (obligor, EAD) pairs
-- and adding up each run of equal obligors. Once PostgreSQL knows the portfolio's size (the load now
-- samples it first: insert-into-empty.ts) it would rather hash a million groups that each hold a
-- numeric sum's state: 475 MB and 2.5 s at a million exposures, where the sort takes about 90 MB and
-- 1.0 to 1.2 s, whether few obligors or many have a second exposure.
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
    -- Every exposure of the portfolio is rel's. The obligors with two or more, sorted and added up (in
    -- parallel where rel allows, as the cells); the others each hold one of the remaining exposures.
    DROP TABLE IF EXISTS pg_temp.probity_obligor_cells;
    EXECUTE format($q$
      CREATE TEMP TABLE probity_obligor_cells AS
      SELECT s.obligor_id, count(*) AS n, sum(s.ead) AS ead
        FROM (SELECT r.obligor_id, r.ead FROM %s r ORDER BY r.obligor_id) s
       GROUP BY s.obligor_id HAVING count(*) >= 2
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
