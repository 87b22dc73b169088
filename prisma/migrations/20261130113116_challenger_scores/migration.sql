-- AlterTable
ALTER TABLE "models" ADD COLUMN     "challenger_version_id" UUID;

-- AlterTable
ALTER TABLE "scoring_runs" ADD COLUMN     "challenger_version_id" UUID;

-- CreateTable
CREATE TABLE "challenger_scores" (
    "run_id" UUID NOT NULL,
    "exposure_id" UUID NOT NULL,
    "model_version_id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "pd" DOUBLE PRECISION NOT NULL,
    "grade" TEXT NOT NULL,

    CONSTRAINT "challenger_scores_pkey" PRIMARY KEY ("run_id","exposure_id","model_version_id")
);

-- CreateIndex
CREATE INDEX "challenger_scores_organization_id_idx" ON "challenger_scores"("organization_id");

-- AddForeignKey
ALTER TABLE "challenger_scores" ADD CONSTRAINT "challenger_scores_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "scoring_runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written: tenant isolation, as for every tenant table; shadow scores are never changed once written.
GRANT SELECT, INSERT ON challenger_scores TO probity_app;
ALTER TABLE challenger_scores ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON challenger_scores TO probity_app
  USING (organization_id = probity_current_org()) WITH CHECK (organization_id = probity_current_org());
