-- CreateEnum
CREATE TYPE "ModelVersionStatus" AS ENUM ('DRAFT', 'VALIDATED', 'APPROVED', 'CHAMPION', 'RETIRED', 'REJECTED');

-- CreateEnum
CREATE TYPE "TrainingJobStatus" AS ENUM ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED');

-- CreateTable
CREATE TABLE "datasets" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "sha256" CHAR(64),
    "storage" TEXT NOT NULL DEFAULT 'postgres',
    "storage_key" TEXT,
    "compression" TEXT NOT NULL DEFAULT 'gzip',
    "byte_size" BIGINT NOT NULL DEFAULT 0,
    "stored_size" BIGINT NOT NULL DEFAULT 0,
    "chunk_count" INTEGER NOT NULL DEFAULT 0,
    "row_count" INTEGER NOT NULL DEFAULT 0,
    "column_count" INTEGER NOT NULL DEFAULT 0,
    "columns" JSONB NOT NULL DEFAULT '[]',
    "target_column" TEXT,
    "default_count" INTEGER,
    "default_rate" DECIMAL(9,8),
    "validation_report" JSONB NOT NULL,
    "uploaded_by_id" UUID,
    "uploaded_by_api_key_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "datasets_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "dataset_chunks" (
    "dataset_id" UUID NOT NULL,
    "seq" INTEGER NOT NULL,
    "organization_id" UUID NOT NULL,
    "raw_size" INTEGER NOT NULL,
    "data" BYTEA NOT NULL,

    CONSTRAINT "dataset_chunks_pkey" PRIMARY KEY ("dataset_id","seq")
);

-- CreateTable
CREATE TABLE "models" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "segment" "Segment",
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "models_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "training_jobs" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "model_id" UUID NOT NULL,
    "dataset_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "options" JSONB NOT NULL DEFAULT '{}',
    "status" "TrainingJobStatus" NOT NULL DEFAULT 'QUEUED',
    "queue_job_id" TEXT,
    "progress" JSONB,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "backend" TEXT,
    "machine" TEXT,
    "requested_by_id" UUID,
    "requested_by_api_key_id" UUID,
    "cancel_requested_at" TIMESTAMPTZ(3),
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "training_jobs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "model_versions" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "model_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "training_job_id" UUID,
    "dataset_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "options" JSONB NOT NULL DEFAULT '{}',
    "model_file" BYTEA NOT NULL,
    "model_file_sha256" CHAR(64) NOT NULL,
    "model_file_size" INTEGER NOT NULL,
    "metrics" JSONB NOT NULL DEFAULT '{}',
    "validation_report" JSONB,
    "status" "ModelVersionStatus" NOT NULL DEFAULT 'DRAFT',
    "backend" TEXT,
    "machine" TEXT,
    "queued_at" TIMESTAMPTZ(3),
    "training_started_at" TIMESTAMPTZ(3),
    "training_finished_at" TIMESTAMPTZ(3),
    "training_ms" INTEGER,
    "master_scale_id" UUID,
    "trained_by_id" UUID,
    "trained_by_api_key_id" UUID,
    "submitted_by_id" UUID,
    "submitted_at" TIMESTAMPTZ(3),
    "validated_by_id" UUID,
    "validated_at" TIMESTAMPTZ(3),
    "approved_by_id" UUID,
    "approved_at" TIMESTAMPTZ(3),
    "approval_comment" TEXT,
    "rejected_by_id" UUID,
    "rejected_at" TIMESTAMPTZ(3),
    "rejection_comment" TEXT,
    "promoted_by_id" UUID,
    "promoted_at" TIMESTAMPTZ(3),
    "retired_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "model_versions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "master_scales" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "grades" JSONB NOT NULL,
    "comment" TEXT,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "master_scales_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "datasets_organization_id_created_at_idx" ON "datasets"("organization_id", "created_at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "datasets_organization_id_sha256_key" ON "datasets"("organization_id", "sha256");

-- CreateIndex
CREATE INDEX "dataset_chunks_organization_id_idx" ON "dataset_chunks"("organization_id");

-- CreateIndex
CREATE UNIQUE INDEX "models_organization_id_name_key" ON "models"("organization_id", "name");

-- CreateIndex
CREATE INDEX "training_jobs_organization_id_created_at_idx" ON "training_jobs"("organization_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "training_jobs_model_id_idx" ON "training_jobs"("model_id");

-- CreateIndex
CREATE UNIQUE INDEX "model_versions_training_job_id_key" ON "model_versions"("training_job_id");

-- CreateIndex
CREATE INDEX "model_versions_organization_id_status_idx" ON "model_versions"("organization_id", "status");

-- CreateIndex
CREATE INDEX "model_versions_dataset_id_idx" ON "model_versions"("dataset_id");

-- CreateIndex
CREATE UNIQUE INDEX "model_versions_model_id_version_key" ON "model_versions"("model_id", "version");

-- CreateIndex
CREATE UNIQUE INDEX "master_scales_organization_id_version_key" ON "master_scales"("organization_id", "version");

-- AddForeignKey
ALTER TABLE "datasets" ADD CONSTRAINT "datasets_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "datasets" ADD CONSTRAINT "datasets_uploaded_by_id_fkey" FOREIGN KEY ("uploaded_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dataset_chunks" ADD CONSTRAINT "dataset_chunks_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dataset_chunks" ADD CONSTRAINT "dataset_chunks_dataset_id_fkey" FOREIGN KEY ("dataset_id") REFERENCES "datasets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "models" ADD CONSTRAINT "models_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "models" ADD CONSTRAINT "models_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "training_jobs" ADD CONSTRAINT "training_jobs_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "training_jobs" ADD CONSTRAINT "training_jobs_model_id_fkey" FOREIGN KEY ("model_id") REFERENCES "models"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "training_jobs" ADD CONSTRAINT "training_jobs_dataset_id_fkey" FOREIGN KEY ("dataset_id") REFERENCES "datasets"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "training_jobs" ADD CONSTRAINT "training_jobs_requested_by_id_fkey" FOREIGN KEY ("requested_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_versions" ADD CONSTRAINT "model_versions_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_versions" ADD CONSTRAINT "model_versions_model_id_fkey" FOREIGN KEY ("model_id") REFERENCES "models"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_versions" ADD CONSTRAINT "model_versions_training_job_id_fkey" FOREIGN KEY ("training_job_id") REFERENCES "training_jobs"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_versions" ADD CONSTRAINT "model_versions_dataset_id_fkey" FOREIGN KEY ("dataset_id") REFERENCES "datasets"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_versions" ADD CONSTRAINT "model_versions_master_scale_id_fkey" FOREIGN KEY ("master_scale_id") REFERENCES "master_scales"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_versions" ADD CONSTRAINT "model_versions_trained_by_id_fkey" FOREIGN KEY ("trained_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_versions" ADD CONSTRAINT "model_versions_submitted_by_id_fkey" FOREIGN KEY ("submitted_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_versions" ADD CONSTRAINT "model_versions_validated_by_id_fkey" FOREIGN KEY ("validated_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_versions" ADD CONSTRAINT "model_versions_approved_by_id_fkey" FOREIGN KEY ("approved_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_versions" ADD CONSTRAINT "model_versions_rejected_by_id_fkey" FOREIGN KEY ("rejected_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_versions" ADD CONSTRAINT "model_versions_promoted_by_id_fkey" FOREIGN KEY ("promoted_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "master_scales" ADD CONSTRAINT "master_scales_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "master_scales" ADD CONSTRAINT "master_scales_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Row-level security for the model-lifecycle tables, like every tenant table (see *_row_level_security).
GRANT SELECT, INSERT, UPDATE, DELETE ON datasets, models, model_versions, training_jobs TO probity_app;
-- A dataset's bytes are insert-only for the application; master scales are versioned (new rows only).
GRANT SELECT, INSERT, DELETE ON dataset_chunks TO probity_app;
GRANT SELECT, INSERT ON master_scales TO probity_app;

ALTER TABLE datasets ENABLE ROW LEVEL SECURITY;
ALTER TABLE dataset_chunks ENABLE ROW LEVEL SECURITY;
ALTER TABLE models ENABLE ROW LEVEL SECURITY;
ALTER TABLE model_versions ENABLE ROW LEVEL SECURITY;
ALTER TABLE training_jobs ENABLE ROW LEVEL SECURITY;
ALTER TABLE master_scales ENABLE ROW LEVEL SECURITY;

CREATE POLICY tenant_isolation ON datasets TO probity_app
  USING (organization_id = probity_current_org()) WITH CHECK (organization_id = probity_current_org());
CREATE POLICY tenant_isolation ON dataset_chunks TO probity_app
  USING (organization_id = probity_current_org()) WITH CHECK (organization_id = probity_current_org());
CREATE POLICY tenant_isolation ON models TO probity_app
  USING (organization_id = probity_current_org()) WITH CHECK (organization_id = probity_current_org());
CREATE POLICY tenant_isolation ON model_versions TO probity_app
  USING (organization_id = probity_current_org()) WITH CHECK (organization_id = probity_current_org());
CREATE POLICY tenant_isolation ON training_jobs TO probity_app
  USING (organization_id = probity_current_org()) WITH CHECK (organization_id = probity_current_org());
CREATE POLICY tenant_isolation ON master_scales TO probity_app
  USING (organization_id = probity_current_org()) WITH CHECK (organization_id = probity_current_org());

-- Immutability, for every role (the owner included): once a dataset's SHA-256 is set its content
-- columns never change, its chunks are never rewritten, and no chunk is added to it.
CREATE FUNCTION probity_dataset_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.sha256 IS NOT NULL AND (
       NEW.sha256 IS DISTINCT FROM OLD.sha256 OR NEW.byte_size <> OLD.byte_size OR NEW.stored_size <> OLD.stored_size
    OR NEW.chunk_count <> OLD.chunk_count OR NEW.row_count <> OLD.row_count OR NEW.column_count <> OLD.column_count
    OR NEW.columns IS DISTINCT FROM OLD.columns OR NEW.validation_report IS DISTINCT FROM OLD.validation_report
    OR NEW.storage IS DISTINCT FROM OLD.storage OR NEW.storage_key IS DISTINCT FROM OLD.storage_key
    OR NEW.compression IS DISTINCT FROM OLD.compression OR NEW.organization_id <> OLD.organization_id) THEN
    RAISE EXCEPTION 'dataset % is immutable: its content cannot change after upload', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER datasets_immutable BEFORE UPDATE ON datasets FOR EACH ROW EXECUTE FUNCTION probity_dataset_immutable();

CREATE FUNCTION probity_dataset_chunk_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    RAISE EXCEPTION 'dataset chunks are immutable (dataset %)', OLD.dataset_id USING ERRCODE = 'check_violation';
  END IF;
  IF EXISTS (SELECT 1 FROM datasets d WHERE d.id = NEW.dataset_id AND d.sha256 IS NOT NULL) THEN
    RAISE EXCEPTION 'dataset % is sealed: no chunk can be added after upload', NEW.dataset_id USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER dataset_chunks_guard BEFORE INSERT OR UPDATE ON dataset_chunks FOR EACH ROW EXECUTE FUNCTION probity_dataset_chunk_guard();

-- A model file is as immutable as the data it was trained on.
CREATE FUNCTION probity_model_file_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.model_file IS DISTINCT FROM OLD.model_file OR NEW.model_file_sha256 IS DISTINCT FROM OLD.model_file_sha256
     OR NEW.dataset_id <> OLD.dataset_id OR NEW.kind <> OLD.kind OR NEW.model_id <> OLD.model_id THEN
    RAISE EXCEPTION 'model version % is immutable: its file, data and kind cannot change', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER model_versions_immutable BEFORE UPDATE ON model_versions FOR EACH ROW EXECUTE FUNCTION probity_model_file_immutable();

-- At most one champion per model.
CREATE UNIQUE INDEX model_versions_one_champion ON model_versions (model_id) WHERE status = 'CHAMPION';
