-- Hand-written (issue 14, the million-row load under 30 s). probity_portfolio_figures_add_rows of
-- 20261130170500_scale_bulk_figures_one_pass, the same figures: the (segment, sector, status) cells are
-- added up by CREATE TABLE AS into a temporary table of a few hundred rows, which PostgreSQL may run in
-- parallel (a large load's view over the exposures: 0.2 s instead of 1 s at a million rows on two
-- cores), and the four groupings are inserted from there. The per-obligor totals are as before.
CREATE OR REPLACE FUNCTION probity_portfolio_figures_add_rows(rel regclass) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $fn$
DECLARE
  portfolio uuid;
  organization uuid;
  created bigint;
BEGIN
  EXECUTE format('SELECT portfolio_id, organization_id FROM %s LIMIT 1', rel) INTO portfolio, organization;
  IF portfolio IS NULL THEN
    RETURN;
  END IF;

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

  -- A portfolio without per-obligor totals yet (a first load) takes them in one plain insert.
  IF NOT EXISTS (SELECT 1 FROM portfolio_obligor_figures f WHERE f.portfolio_id = portfolio) THEN
    EXECUTE format($q$
      INSERT INTO portfolio_obligor_figures (portfolio_id, obligor_id, organization_id, exposure_count, ead)
      SELECT $1, r.obligor_id, $2, count(*), sum(r.ead) FROM %s r GROUP BY r.obligor_id ORDER BY r.obligor_id
    $q$, rel) USING portfolio, organization;
    GET DIAGNOSTICS created = ROW_COUNT;
    UPDATE portfolio_figures f SET obligor_count = f.obligor_count + created
     WHERE f.portfolio_id = portfolio AND f.dim = 'total' AND f.key = '';
    RETURN;
  END IF;
  EXECUTE format($q$
    WITH pairs AS (
      INSERT INTO portfolio_obligor_figures AS f (portfolio_id, obligor_id, organization_id, exposure_count, ead)
      SELECT $1, r.obligor_id, $2, count(*), sum(r.ead)
        FROM %s r
       GROUP BY r.obligor_id
       ORDER BY r.obligor_id
      ON CONFLICT (portfolio_id, obligor_id) DO UPDATE
         SET exposure_count = f.exposure_count + EXCLUDED.exposure_count, ead = f.ead + EXCLUDED.ead
      RETURNING (xmax = 0) AS created
    )
    UPDATE portfolio_figures f SET obligor_count = f.obligor_count + m.change
      FROM (SELECT count(*) FILTER (WHERE created) AS change FROM pairs) m
     WHERE f.portfolio_id = $1 AND f.dim = 'total' AND f.key = '' AND m.change <> 0
  $q$, rel) USING portfolio, organization;
END
$fn$;
