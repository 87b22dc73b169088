-- CreateTable
CREATE TABLE "what_if_scenarios" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "obligor_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "changes" JSONB NOT NULL,
    "result" JSONB NOT NULL,
    "as_of" DATE NOT NULL,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "what_if_scenarios_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "what_if_scenarios_organization_id_idx" ON "what_if_scenarios"("organization_id");

-- CreateIndex
CREATE UNIQUE INDEX "what_if_scenarios_obligor_id_name_key" ON "what_if_scenarios"("obligor_id", "name");

-- AddForeignKey
ALTER TABLE "what_if_scenarios" ADD CONSTRAINT "what_if_scenarios_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "what_if_scenarios" ADD CONSTRAINT "what_if_scenarios_obligor_id_fkey" FOREIGN KEY ("obligor_id") REFERENCES "obligors"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Row-level security, as for every tenant table (see *_row_level_security).
GRANT SELECT, INSERT, UPDATE, DELETE ON what_if_scenarios TO probity_app;
ALTER TABLE what_if_scenarios ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON what_if_scenarios TO probity_app
  USING (organization_id = probity_current_org()) WITH CHECK (organization_id = probity_current_org());
