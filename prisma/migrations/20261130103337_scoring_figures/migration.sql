-- CreateTable
CREATE TABLE "scoring_run_grades" (
    "run_id" UUID NOT NULL,
    "grade" TEXT NOT NULL,
    "organization_id" UUID NOT NULL,
    "exposure_count" INTEGER NOT NULL,
    "ead" DECIMAL NOT NULL,
    "pd_ead" DOUBLE PRECISION NOT NULL,
    "expected_loss" DOUBLE PRECISION NOT NULL,
    "min_pd" DOUBLE PRECISION NOT NULL,
    "max_pd" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "scoring_run_grades_pkey" PRIMARY KEY ("run_id","grade")
);

-- CreateIndex
CREATE INDEX "scoring_run_grades_organization_id_idx" ON "scoring_run_grades"("organization_id");

-- CreateIndex
CREATE INDEX "scores_run_id_pd_exposure_id_idx" ON "scores"("run_id", "pd", "exposure_id");

-- AddForeignKey
ALTER TABLE "scoring_run_grades" ADD CONSTRAINT "scoring_run_grades_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "scoring_runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written: tenant isolation as for every tenant table; written by the run's last batch (as
-- probity_app), never changed afterwards.
GRANT SELECT, INSERT ON scoring_run_grades TO probity_app;
ALTER TABLE scoring_run_grades ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON scoring_run_grades TO probity_app
  USING (organization_id = probity_current_org()) WITH CHECK (organization_id = probity_current_org());

-- The one definition of a run's figures per grade (called by the last batch of a run, and below for
-- runs that succeeded before this migration). A score whose PD is NaN adds nothing. Runs as the
-- caller, so row-level security applies.
CREATE FUNCTION probity_record_run_grades(run uuid) RETURNS void LANGUAGE sql VOLATILE AS $$
  INSERT INTO scoring_run_grades (run_id, grade, organization_id, exposure_count, ead, pd_ead, expected_loss, min_pd, max_pd)
  SELECT s.run_id, s.grade, s.organization_id, count(*)::int, sum(e.ead), sum(s.pd * e.ead::float8),
         sum(s.pd * e.lgd::float8 * e.ead::float8), min(s.pd), max(s.pd)
    FROM scores s JOIN exposures e ON e.id = s.exposure_id
   WHERE s.run_id = run AND s.pd <> 'NaN'::float8
   GROUP BY s.run_id, s.grade, s.organization_id
  ON CONFLICT (run_id, grade) DO NOTHING;
$$;
GRANT EXECUTE ON FUNCTION probity_record_run_grades(uuid) TO probity_app;

SELECT probity_record_run_grades(id) FROM scoring_runs WHERE status = 'SUCCEEDED';
