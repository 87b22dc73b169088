-- CreateTable
CREATE TABLE "portfolio_figures" (
    "portfolio_id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "dim" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "exposure_count" BIGINT NOT NULL DEFAULT 0,
    "obligor_count" BIGINT NOT NULL DEFAULT 0,
    "total_ead" DECIMAL NOT NULL DEFAULT 0,
    "total_limit" DECIMAL NOT NULL DEFAULT 0,
    "total_loss_given_default" DECIMAL NOT NULL DEFAULT 0,
    "defaulted_count" BIGINT NOT NULL DEFAULT 0,
    "defaulted_ead" DECIMAL NOT NULL DEFAULT 0,

    CONSTRAINT "portfolio_figures_pkey" PRIMARY KEY ("portfolio_id","dim","key")
);

-- CreateTable
CREATE TABLE "portfolio_obligor_figures" (
    "portfolio_id" UUID NOT NULL,
    "obligor_id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "exposure_count" BIGINT NOT NULL,
    "ead" DECIMAL NOT NULL,

    CONSTRAINT "portfolio_obligor_figures_pkey" PRIMARY KEY ("portfolio_id","obligor_id")
);

-- CreateIndex
CREATE INDEX "portfolio_obligor_figures_portfolio_id_ead_obligor_id_idx" ON "portfolio_obligor_figures"("portfolio_id", "ead" DESC, "obligor_id");

-- AddForeignKey
ALTER TABLE "portfolio_figures" ADD CONSTRAINT "portfolio_figures_portfolio_id_fkey" FOREIGN KEY ("portfolio_id") REFERENCES "portfolios"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "portfolio_obligor_figures" ADD CONSTRAINT "portfolio_obligor_figures_portfolio_id_fkey" FOREIGN KEY ("portfolio_id") REFERENCES "portfolios"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------------------------------
-- Hand-written (issue 14): the summary and the snapshot read these running totals instead of a pass
-- over every exposure. One statement-level trigger per operation on exposures turns its transition
-- tables into signed deltas (+ new rows, - old rows), grouped per portfolio as grouping sets (total,
-- segment, sector, status) and per (portfolio, obligor), and adds them in; rows that reach zero are
-- removed, and the distinct-obligor count moves as (portfolio, obligor) pairs appear and disappear.
-- A bulk load of a million rows costs one aggregation of its transition table; one edit, a handful of
-- row updates. SECURITY DEFINER: the application role only reads these tables.

CREATE FUNCTION probity_portfolio_figures_apply() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $fn$
DECLARE
  delta text;
  signed text := $s$ SELECT r.portfolio_id, r.organization_id, r.obligor_id, r.obligor_segment, r.obligor_sector, r.status,
                            %1$s AS n, %1$s * r.ead AS ead, %1$s * r."limit" AS lim, %1$s * r.ead * r.lgd AS lgd_ead,
                            CASE WHEN r.status = 'DEFAULTED' THEN %1$s ELSE 0 END AS dn,
                            CASE WHEN r.status = 'DEFAULTED' THEN %1$s * r.ead ELSE 0 END AS dead
                       FROM %2$s r $s$;
BEGIN
  delta := CASE TG_OP
    WHEN 'INSERT' THEN format(signed, '1', 'new_rows')
    WHEN 'DELETE' THEN format(signed, '-1', 'old_rows')
    ELSE format(signed, '1', 'new_rows') || ' UNION ALL ' || format(signed, '-1', 'old_rows')
  END;

  EXECUTE format($q$
    CREATE TEMP TABLE IF NOT EXISTS probity_figures_delta ON COMMIT DROP AS %s WITH NO DATA;
  $q$, delta);
  TRUNCATE probity_figures_delta;
  -- Only portfolios that still exist (deleting a portfolio cascades to its exposures and figures).
  EXECUTE 'INSERT INTO probity_figures_delta SELECT d.* FROM (' || delta || ') d WHERE EXISTS (SELECT 1 FROM portfolios p WHERE p.id = d.portfolio_id)';

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

  DELETE FROM portfolio_obligor_figures f
   USING (SELECT DISTINCT portfolio_id FROM probity_figures_delta) p
   WHERE f.portfolio_id = p.portfolio_id AND f.exposure_count = 0;
  DELETE FROM portfolio_figures f
   USING (SELECT DISTINCT portfolio_id FROM probity_figures_delta) p
   WHERE f.portfolio_id = p.portfolio_id AND f.dim <> 'total' AND f.exposure_count = 0;
  RETURN NULL;
END
$fn$;

CREATE TRIGGER exposures_figures_insert AFTER INSERT ON exposures
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION probity_portfolio_figures_apply();
CREATE TRIGGER exposures_figures_update AFTER UPDATE ON exposures
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION probity_portfolio_figures_apply();
CREATE TRIGGER exposures_figures_delete AFTER DELETE ON exposures
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION probity_portfolio_figures_apply();

-- The figures of the exposures already stored.
INSERT INTO portfolio_figures (portfolio_id, organization_id, dim, key, exposure_count, total_ead, total_limit,
                               total_loss_given_default, defaulted_count, defaulted_ead)
SELECT e.portfolio_id, e.organization_id,
       CASE GROUPING(e.obligor_segment, e.obligor_sector, e.status) WHEN 7 THEN 'total' WHEN 3 THEN 'segment' WHEN 5 THEN 'sector' ELSE 'status' END,
       CASE GROUPING(e.obligor_segment, e.obligor_sector, e.status)
         WHEN 7 THEN '' WHEN 3 THEN e.obligor_segment::text WHEN 5 THEN coalesce(e.obligor_sector, '') ELSE e.status::text END,
       count(*), sum(e.ead), sum(e."limit"), sum(e.ead * e.lgd),
       count(*) FILTER (WHERE e.status = 'DEFAULTED'), coalesce(sum(e.ead) FILTER (WHERE e.status = 'DEFAULTED'), 0)
  FROM exposures e
 GROUP BY GROUPING SETS ((e.portfolio_id, e.organization_id), (e.portfolio_id, e.organization_id, e.obligor_segment),
                         (e.portfolio_id, e.organization_id, e.obligor_sector), (e.portfolio_id, e.organization_id, e.status));
INSERT INTO portfolio_obligor_figures (portfolio_id, obligor_id, organization_id, exposure_count, ead)
SELECT e.portfolio_id, e.obligor_id, e.organization_id, count(*), sum(e.ead)
  FROM exposures e GROUP BY e.portfolio_id, e.obligor_id, e.organization_id;
UPDATE portfolio_figures f SET obligor_count = c.n
  FROM (SELECT portfolio_id, count(*) AS n FROM portfolio_obligor_figures GROUP BY portfolio_id) c
 WHERE f.portfolio_id = c.portfolio_id AND f.dim = 'total';

-- Tenant data: read-only for the application, one organization at a time.
GRANT SELECT ON portfolio_figures, portfolio_obligor_figures TO probity_app;
ALTER TABLE portfolio_figures ENABLE ROW LEVEL SECURITY;
ALTER TABLE portfolio_obligor_figures ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON portfolio_figures TO probity_app
  USING (organization_id = probity_current_org()) WITH CHECK (organization_id = probity_current_org());
CREATE POLICY tenant_isolation ON portfolio_obligor_figures TO probity_app
  USING (organization_id = probity_current_org()) WITH CHECK (organization_id = probity_current_org());
