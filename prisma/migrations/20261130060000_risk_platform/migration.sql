-- CreateEnum
CREATE TYPE "RiskLimitKind" AS ENUM ('SECTOR', 'SINGLE_NAME');

-- CreateEnum
CREATE TYPE "RiskSimulationStatus" AS ENUM ('QUEUED', 'RUNNING', 'COMPLETED', 'FAILED');

-- CreateTable
CREATE TABLE "risk_factor_models" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "sectors" JSONB NOT NULL,
    "correlation" JSONB NOT NULL,
    "sector_asset_correlation" JSONB NOT NULL,
    "note" TEXT,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "risk_factor_models_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "stress_scenarios" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "definition" JSONB NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "stress_scenarios_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "risk_limits" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "kind" "RiskLimitKind" NOT NULL,
    "key" TEXT NOT NULL,
    "max_share" DECIMAL(7,6),
    "max_ead" DECIMAL(20,2),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "risk_limits_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "risk_simulations" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "portfolio_id" UUID NOT NULL,
    "as_of" DATE NOT NULL,
    "status" "RiskSimulationStatus" NOT NULL DEFAULT 'QUEUED',
    "scenario_id" UUID,
    "scenario" JSONB,
    "factor_model_version" INTEGER NOT NULL,
    "pd_source" JSONB NOT NULL,
    "parameters" JSONB NOT NULL,
    "inputs" JSONB NOT NULL,
    "excluded" JSONB NOT NULL,
    "exposure_count" INTEGER NOT NULL,
    "progress" JSONB NOT NULL,
    "result" JSONB,
    "error" TEXT,
    "job_id" TEXT,
    "requested_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(3),
    "completed_at" TIMESTAMPTZ(3),

    CONSTRAINT "risk_simulations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "risk_simulation_chunks" (
    "simulation_id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "variant" TEXT NOT NULL,
    "phase" TEXT NOT NULL,
    "chunk_index" INTEGER NOT NULL,
    "data" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "risk_simulation_chunks_pkey" PRIMARY KEY ("simulation_id","variant","phase","chunk_index")
);

-- CreateIndex
CREATE UNIQUE INDEX "risk_factor_models_organization_id_version_key" ON "risk_factor_models"("organization_id", "version");

-- CreateIndex
CREATE UNIQUE INDEX "stress_scenarios_organization_id_name_key" ON "stress_scenarios"("organization_id", "name");

-- CreateIndex
CREATE UNIQUE INDEX "risk_limits_organization_id_kind_key_key" ON "risk_limits"("organization_id", "kind", "key");

-- CreateIndex
CREATE INDEX "risk_simulations_portfolio_id_as_of_idx" ON "risk_simulations"("portfolio_id", "as_of" DESC);

-- CreateIndex
CREATE INDEX "risk_simulations_organization_id_idx" ON "risk_simulations"("organization_id");

-- AddForeignKey
ALTER TABLE "risk_factor_models" ADD CONSTRAINT "risk_factor_models_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stress_scenarios" ADD CONSTRAINT "stress_scenarios_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "risk_limits" ADD CONSTRAINT "risk_limits_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "risk_simulations" ADD CONSTRAINT "risk_simulations_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "risk_simulations" ADD CONSTRAINT "risk_simulations_portfolio_id_fkey" FOREIGN KEY ("portfolio_id") REFERENCES "portfolios"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "risk_simulations" ADD CONSTRAINT "risk_simulations_scenario_id_fkey" FOREIGN KEY ("scenario_id") REFERENCES "stress_scenarios"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "risk_simulation_chunks" ADD CONSTRAINT "risk_simulation_chunks_simulation_id_fkey" FOREIGN KEY ("simulation_id") REFERENCES "risk_simulations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Row-level security for the risk tables, as for every tenant table (see *_row_level_security).
GRANT SELECT, INSERT, UPDATE, DELETE ON risk_factor_models, stress_scenarios, risk_limits, risk_simulations, risk_simulation_chunks TO probity_app;

ALTER TABLE risk_factor_models ENABLE ROW LEVEL SECURITY;
ALTER TABLE stress_scenarios ENABLE ROW LEVEL SECURITY;
ALTER TABLE risk_limits ENABLE ROW LEVEL SECURITY;
ALTER TABLE risk_simulations ENABLE ROW LEVEL SECURITY;
ALTER TABLE risk_simulation_chunks ENABLE ROW LEVEL SECURITY;

CREATE POLICY tenant_isolation ON risk_factor_models TO probity_app
  USING (organization_id = probity_current_org()) WITH CHECK (organization_id = probity_current_org());
CREATE POLICY tenant_isolation ON stress_scenarios TO probity_app
  USING (organization_id = probity_current_org()) WITH CHECK (organization_id = probity_current_org());
CREATE POLICY tenant_isolation ON risk_limits TO probity_app
  USING (organization_id = probity_current_org()) WITH CHECK (organization_id = probity_current_org());
CREATE POLICY tenant_isolation ON risk_simulations TO probity_app
  USING (organization_id = probity_current_org()) WITH CHECK (organization_id = probity_current_org());
CREATE POLICY tenant_isolation ON risk_simulation_chunks TO probity_app
  USING (organization_id = probity_current_org()) WITH CHECK (organization_id = probity_current_org());

-- Factor model versions are history: the application adds versions, never rewrites one.
REVOKE UPDATE, DELETE ON risk_factor_models FROM probity_app;
