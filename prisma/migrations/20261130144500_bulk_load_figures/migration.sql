-- Hand-written (issue 14, loading a million exposures in seconds). The running totals of
-- 20261130030100_portfolio_figures, split so that a bulk load can add a whole load's rows at once with
-- its own triggers off (packages/db/src/seed/bulk-load.ts): the trigger fills the signed delta from its
-- transition tables, the bulk load from the rows its INSERT returned; both then add the same delta.

-- The signed rows of one side of a change: `sign` 1 for rows coming in, -1 for rows going out; `rel` a
-- table (or transition table) with the exposure columns the figures read.
CREATE FUNCTION probity_figures_delta_sql(sign text, rel text) RETURNS text LANGUAGE sql IMMUTABLE AS $fn$
  SELECT format($s$ SELECT r.portfolio_id, r.organization_id, r.obligor_id, r.obligor_segment, r.obligor_sector, r.status,
                           %1$s AS n, %1$s * r.ead AS ead, %1$s * r."limit" AS lim, %1$s * r.ead * r.lgd AS lgd_ead,
                           CASE WHEN r.status = 'DEFAULTED' THEN %1$s ELSE 0 END AS dn,
                           CASE WHEN r.status = 'DEFAULTED' THEN %1$s * r.ead ELSE 0 END AS dead
                      FROM %2$s r $s$, sign, rel)
$fn$;

-- Adds probity_figures_delta (this transaction's temporary table) into the running totals.
CREATE FUNCTION probity_portfolio_figures_add_delta() RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $fn$
BEGIN
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

  WITH pairs AS (
    INSERT INTO portfolio_obligor_figures AS f (portfolio_id, obligor_id, organization_id, exposure_count, ead)
    SELECT d.portfolio_id, d.obligor_id, d.organization_id, sum(d.n), sum(d.ead)
      FROM probity_figures_delta d
     GROUP BY d.portfolio_id, d.obligor_id, d.organization_id
    HAVING sum(d.n) <> 0 OR sum(d.ead) <> 0
     ORDER BY 1, 2
    ON CONFLICT (portfolio_id, obligor_id) DO UPDATE
       SET exposure_count = f.exposure_count + EXCLUDED.exposure_count, ead = f.ead + EXCLUDED.ead
    RETURNING f.portfolio_id, (xmax = 0) AS created, f.exposure_count
  ), moved AS (
    SELECT portfolio_id, sum(CASE WHEN created THEN 1 WHEN exposure_count = 0 THEN -1 ELSE 0 END) AS change
      FROM pairs GROUP BY portfolio_id
  )
  UPDATE portfolio_figures f SET obligor_count = f.obligor_count + m.change
    FROM moved m
   WHERE f.portfolio_id = m.portfolio_id AND f.dim = 'total' AND f.key = '' AND m.change <> 0;

  -- Only a change that removed rows can leave a zero behind.
  IF EXISTS (SELECT 1 FROM probity_figures_delta WHERE n < 0) THEN
    DELETE FROM portfolio_obligor_figures f
     USING (SELECT DISTINCT portfolio_id FROM probity_figures_delta) p
     WHERE f.portfolio_id = p.portfolio_id AND f.exposure_count = 0;
    DELETE FROM portfolio_figures f
     USING (SELECT DISTINCT portfolio_id FROM probity_figures_delta) p
     WHERE f.portfolio_id = p.portfolio_id AND f.dim <> 'total' AND f.exposure_count = 0;
  END IF;
END
$fn$;

-- The trigger: transition tables are only visible in the trigger function itself, so it fills the delta.
-- Only portfolios that still exist (deleting a portfolio cascades to its exposures and figures).
CREATE OR REPLACE FUNCTION probity_portfolio_figures_apply() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $fn$
DECLARE
  delta text := CASE TG_OP
    WHEN 'INSERT' THEN probity_figures_delta_sql('1', 'new_rows')
    WHEN 'DELETE' THEN probity_figures_delta_sql('-1', 'old_rows')
    ELSE probity_figures_delta_sql('1', 'new_rows') || ' UNION ALL ' || probity_figures_delta_sql('-1', 'old_rows')
  END;
BEGIN
  EXECUTE format('CREATE TEMP TABLE IF NOT EXISTS probity_figures_delta ON COMMIT DROP AS %s WITH NO DATA', delta);
  TRUNCATE probity_figures_delta;
  EXECUTE 'INSERT INTO probity_figures_delta SELECT d.* FROM (' || delta || ') d WHERE EXISTS (SELECT 1 FROM portfolios p WHERE p.id = d.portfolio_id)';
  PERFORM probity_portfolio_figures_add_delta();
  RETURN NULL;
END
$fn$;

-- The bulk load: adds the rows of `rel` (the exposures it inserted into one locked portfolio, with
-- its triggers off; all of one portfolio). Only rows coming in, so it aggregates `rel` directly (no
-- signed copy of a million rows) and nothing can reach zero.
CREATE FUNCTION probity_portfolio_figures_add_rows(rel regclass) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $fn$
DECLARE
  portfolio uuid;
  created bigint;
BEGIN
  EXECUTE format($q$
    INSERT INTO portfolio_figures AS f (portfolio_id, organization_id, dim, key, exposure_count, total_ead, total_limit,
                                        total_loss_given_default, defaulted_count, defaulted_ead)
    SELECT r.portfolio_id, r.organization_id,
           CASE GROUPING(r.obligor_segment, r.obligor_sector, r.status) WHEN 7 THEN 'total' WHEN 3 THEN 'segment' WHEN 5 THEN 'sector' ELSE 'status' END,
           CASE GROUPING(r.obligor_segment, r.obligor_sector, r.status)
             WHEN 7 THEN '' WHEN 3 THEN r.obligor_segment::text WHEN 5 THEN coalesce(r.obligor_sector, '') ELSE r.status::text END,
           count(*), sum(r.ead), sum(r."limit"), sum(r.ead * r.lgd),
           count(*) FILTER (WHERE r.status = 'DEFAULTED'), coalesce(sum(r.ead) FILTER (WHERE r.status = 'DEFAULTED'), 0)
      FROM %s r
     GROUP BY GROUPING SETS ((r.portfolio_id, r.organization_id), (r.portfolio_id, r.organization_id, r.obligor_segment),
                             (r.portfolio_id, r.organization_id, r.obligor_sector), (r.portfolio_id, r.organization_id, r.status))
     ORDER BY 1, 3, 4
    ON CONFLICT (portfolio_id, dim, key) DO UPDATE
       SET exposure_count = f.exposure_count + EXCLUDED.exposure_count,
           total_ead = f.total_ead + EXCLUDED.total_ead,
           total_limit = f.total_limit + EXCLUDED.total_limit,
           total_loss_given_default = f.total_loss_given_default + EXCLUDED.total_loss_given_default,
           defaulted_count = f.defaulted_count + EXCLUDED.defaulted_count,
           defaulted_ead = f.defaulted_ead + EXCLUDED.defaulted_ead
  $q$, rel);

  -- A portfolio without per-obligor totals yet (a first load) takes them in one plain insert.
  EXECUTE format('SELECT portfolio_id FROM %s LIMIT 1', rel) INTO portfolio;
  IF NOT EXISTS (SELECT 1 FROM portfolio_obligor_figures f WHERE f.portfolio_id = portfolio) THEN
    EXECUTE format($q$
      INSERT INTO portfolio_obligor_figures (portfolio_id, obligor_id, organization_id, exposure_count, ead)
      SELECT r.portfolio_id, r.obligor_id, r.organization_id, count(*), sum(r.ead) FROM %s r
       GROUP BY r.portfolio_id, r.obligor_id, r.organization_id
    $q$, rel);
    GET DIAGNOSTICS created = ROW_COUNT;
    UPDATE portfolio_figures f SET obligor_count = f.obligor_count + created
     WHERE f.portfolio_id = portfolio AND f.dim = 'total' AND f.key = '';
    RETURN;
  END IF;
  EXECUTE format($q$
    WITH pairs AS (
      INSERT INTO portfolio_obligor_figures AS f (portfolio_id, obligor_id, organization_id, exposure_count, ead)
      SELECT r.portfolio_id, r.obligor_id, r.organization_id, count(*), sum(r.ead)
        FROM %s r
       GROUP BY r.portfolio_id, r.obligor_id, r.organization_id
       ORDER BY 1, 2
      ON CONFLICT (portfolio_id, obligor_id) DO UPDATE
         SET exposure_count = f.exposure_count + EXCLUDED.exposure_count, ead = f.ead + EXCLUDED.ead
      RETURNING f.portfolio_id, (xmax = 0) AS created
    )
    UPDATE portfolio_figures f SET obligor_count = f.obligor_count + m.change
      FROM (SELECT portfolio_id, count(*) FILTER (WHERE created) AS change FROM pairs GROUP BY portfolio_id) m
     WHERE f.portfolio_id = m.portfolio_id AND f.dim = 'total' AND f.key = '' AND m.change <> 0
  $q$, rel);
END
$fn$;
