-- AlterTable
ALTER TABLE "scoring_batches" ADD COLUMN     "monitor_counts" JSONB;

-- AlterTable
ALTER TABLE "scoring_runs" ADD COLUMN     "monitoring" JSONB;

-- CreateTable
CREATE TABLE "monitoring_settings" (
    "organization_id" UUID NOT NULL,
    "watchlist_pd_threshold" DOUBLE PRECISION NOT NULL DEFAULT 0.05,
    "watchlist_grade_drop" INTEGER NOT NULL DEFAULT 2,
    "updated_by_id" UUID,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "monitoring_settings_pkey" PRIMARY KEY ("organization_id")
);

-- AddForeignKey
ALTER TABLE "monitoring_settings" ADD CONSTRAINT "monitoring_settings_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written: tenant isolation, as for every tenant table.
GRANT SELECT, INSERT, UPDATE ON monitoring_settings TO probity_app;
ALTER TABLE monitoring_settings ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON monitoring_settings TO probity_app
  USING (organization_id = probity_current_org()) WITH CHECK (organization_id = probity_current_org());
