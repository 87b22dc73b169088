-- CreateEnum
CREATE TYPE "ScoringRunStatus" AS ENUM ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED');

-- CreateTable
CREATE TABLE "portfolio_models" (
    "portfolio_id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "model_id" UUID NOT NULL,
    "cron" TEXT NOT NULL DEFAULT '0 3 * * *',
    "time_zone" TEXT NOT NULL DEFAULT 'UTC',
    "linked_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "portfolio_models_pkey" PRIMARY KEY ("portfolio_id")
);

-- CreateTable
CREATE TABLE "scoring_runs" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "portfolio_id" UUID NOT NULL,
    "model_version_id" UUID NOT NULL,
    "status" "ScoringRunStatus" NOT NULL DEFAULT 'QUEUED',
    "trigger" TEXT NOT NULL,
    "slot" TIMESTAMPTZ(3),
    "as_of" DATE NOT NULL,
    "batch_size" INTEGER NOT NULL,
    "batch_count" INTEGER NOT NULL DEFAULT 0,
    "batches_done" INTEGER NOT NULL DEFAULT 0,
    "exposure_count" INTEGER NOT NULL DEFAULT 0,
    "scored_count" INTEGER NOT NULL DEFAULT 0,
    "skipped_count" INTEGER NOT NULL DEFAULT 0,
    "backend" TEXT,
    "read_ms" INTEGER NOT NULL DEFAULT 0,
    "score_ms" INTEGER NOT NULL DEFAULT 0,
    "write_ms" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "requested_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "scoring_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "scoring_batches" (
    "run_id" UUID NOT NULL,
    "batch_no" INTEGER NOT NULL,
    "organization_id" UUID NOT NULL,
    "first_exposure_id" UUID NOT NULL,
    "last_exposure_id" UUID NOT NULL,
    "exposure_count" INTEGER NOT NULL,
    "done_at" TIMESTAMPTZ(3),
    "ms" INTEGER,

    CONSTRAINT "scoring_batches_pkey" PRIMARY KEY ("run_id","batch_no")
);

-- CreateTable
CREATE TABLE "scores" (
    "run_id" UUID NOT NULL,
    "exposure_id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "obligor_id" UUID NOT NULL,
    "model_version_id" UUID NOT NULL,
    "as_of" DATE NOT NULL,
    "input_hash" CHAR(64) NOT NULL,
    "pd" DOUBLE PRECISION NOT NULL,
    "grade" TEXT NOT NULL,
    "contributions" JSONB NOT NULL,

    CONSTRAINT "scores_pkey" PRIMARY KEY ("run_id","exposure_id")
);

-- CreateIndex
CREATE INDEX "portfolio_models_organization_id_idx" ON "portfolio_models"("organization_id");

-- CreateIndex
CREATE INDEX "portfolio_models_model_id_idx" ON "portfolio_models"("model_id");

-- CreateIndex
CREATE INDEX "scoring_runs_organization_id_created_at_idx" ON "scoring_runs"("organization_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "scoring_runs_portfolio_id_created_at_idx" ON "scoring_runs"("portfolio_id", "created_at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "scoring_runs_portfolio_id_slot_key" ON "scoring_runs"("portfolio_id", "slot");

-- CreateIndex
CREATE INDEX "scoring_batches_organization_id_idx" ON "scoring_batches"("organization_id");

-- CreateIndex
CREATE INDEX "scores_exposure_id_idx" ON "scores"("exposure_id");

-- CreateIndex
CREATE INDEX "scores_organization_id_idx" ON "scores"("organization_id");

-- AddForeignKey
ALTER TABLE "portfolio_models" ADD CONSTRAINT "portfolio_models_portfolio_id_fkey" FOREIGN KEY ("portfolio_id") REFERENCES "portfolios"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "portfolio_models" ADD CONSTRAINT "portfolio_models_model_id_fkey" FOREIGN KEY ("model_id") REFERENCES "models"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "scoring_runs" ADD CONSTRAINT "scoring_runs_portfolio_id_fkey" FOREIGN KEY ("portfolio_id") REFERENCES "portfolios"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "scoring_runs" ADD CONSTRAINT "scoring_runs_model_version_id_fkey" FOREIGN KEY ("model_version_id") REFERENCES "model_versions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "scoring_batches" ADD CONSTRAINT "scoring_batches_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "scoring_runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "scores" ADD CONSTRAINT "scores_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "scoring_runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "scores" ADD CONSTRAINT "scores_exposure_id_fkey" FOREIGN KEY ("exposure_id") REFERENCES "exposures"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written: tenant isolation for the scoring tables, as for every tenant table. Scores are written
-- by COPY into a temporary staging table and INSERT ... SELECT ... ON CONFLICT DO NOTHING as probity_app
-- (COPY FROM is not allowed into a table with row-level security).
GRANT SELECT, INSERT, UPDATE, DELETE ON portfolio_models, scoring_runs, scoring_batches TO probity_app;
-- Scores are never changed once written.
GRANT SELECT, INSERT ON scores TO probity_app;

ALTER TABLE portfolio_models ENABLE ROW LEVEL SECURITY;
ALTER TABLE scoring_runs ENABLE ROW LEVEL SECURITY;
ALTER TABLE scoring_batches ENABLE ROW LEVEL SECURITY;
ALTER TABLE scores ENABLE ROW LEVEL SECURITY;

CREATE POLICY tenant_isolation ON portfolio_models TO probity_app
  USING (organization_id = probity_current_org()) WITH CHECK (organization_id = probity_current_org());
CREATE POLICY tenant_isolation ON scoring_runs TO probity_app
  USING (organization_id = probity_current_org()) WITH CHECK (organization_id = probity_current_org());
CREATE POLICY tenant_isolation ON scoring_batches TO probity_app
  USING (organization_id = probity_current_org()) WITH CHECK (organization_id = probity_current_org());
CREATE POLICY tenant_isolation ON scores TO probity_app
  USING (organization_id = probity_current_org()) WITH CHECK (organization_id = probity_current_org());
