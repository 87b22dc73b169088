-- CreateEnum
CREATE TYPE "FeatureLevel" AS ENUM ('OBLIGOR', 'EXPOSURE');

-- CreateTable
CREATE TABLE "feature_loads" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "level" "FeatureLevel" NOT NULL,
    "as_of" DATE NOT NULL,
    "columns" TEXT[],
    "row_count" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "file_name" TEXT,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "feature_loads_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "obligor_features" (
    "organization_id" UUID NOT NULL,
    "obligor_id" UUID NOT NULL,
    "as_of" DATE NOT NULL,
    "load_id" UUID NOT NULL,
    "values" DOUBLE PRECISION[],
    "texts" JSONB,

    CONSTRAINT "obligor_features_pkey" PRIMARY KEY ("obligor_id","as_of")
);

-- CreateTable
CREATE TABLE "exposure_features" (
    "organization_id" UUID NOT NULL,
    "exposure_id" UUID NOT NULL,
    "as_of" DATE NOT NULL,
    "load_id" UUID NOT NULL,
    "values" DOUBLE PRECISION[],
    "texts" JSONB,

    CONSTRAINT "exposure_features_pkey" PRIMARY KEY ("exposure_id","as_of")
);

-- CreateIndex
CREATE INDEX "feature_loads_organization_id_created_at_idx" ON "feature_loads"("organization_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "obligor_features_organization_id_idx" ON "obligor_features"("organization_id");

-- CreateIndex
CREATE INDEX "obligor_features_load_id_idx" ON "obligor_features"("load_id");

-- CreateIndex
CREATE INDEX "exposure_features_organization_id_idx" ON "exposure_features"("organization_id");

-- CreateIndex
CREATE INDEX "exposure_features_load_id_idx" ON "exposure_features"("load_id");

-- AddForeignKey
ALTER TABLE "feature_loads" ADD CONSTRAINT "feature_loads_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "obligor_features" ADD CONSTRAINT "obligor_features_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "obligor_features" ADD CONSTRAINT "obligor_features_obligor_id_fkey" FOREIGN KEY ("obligor_id") REFERENCES "obligors"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "obligor_features" ADD CONSTRAINT "obligor_features_load_id_fkey" FOREIGN KEY ("load_id") REFERENCES "feature_loads"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "exposure_features" ADD CONSTRAINT "exposure_features_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "exposure_features" ADD CONSTRAINT "exposure_features_exposure_id_fkey" FOREIGN KEY ("exposure_id") REFERENCES "exposures"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "exposure_features" ADD CONSTRAINT "exposure_features_load_id_fkey" FOREIGN KEY ("load_id") REFERENCES "feature_loads"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written: tenant isolation for the feature store, as for every tenant table
-- (see 20261127000100_row_level_security). Bulk loads COPY into temporary staging tables (COPY FROM
-- is not allowed into a table with row-level security) and INSERT ... SELECT from there as probity_app,
-- so the policies check every row written.
GRANT SELECT, INSERT, UPDATE, DELETE ON feature_loads, obligor_features, exposure_features TO probity_app;

ALTER TABLE feature_loads ENABLE ROW LEVEL SECURITY;
ALTER TABLE obligor_features ENABLE ROW LEVEL SECURITY;
ALTER TABLE exposure_features ENABLE ROW LEVEL SECURITY;

CREATE POLICY tenant_isolation ON feature_loads TO probity_app
  USING (organization_id = probity_current_org()) WITH CHECK (organization_id = probity_current_org());
CREATE POLICY tenant_isolation ON obligor_features TO probity_app
  USING (organization_id = probity_current_org()) WITH CHECK (organization_id = probity_current_org());
CREATE POLICY tenant_isolation ON exposure_features TO probity_app
  USING (organization_id = probity_current_org()) WITH CHECK (organization_id = probity_current_org());
