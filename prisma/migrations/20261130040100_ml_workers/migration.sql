-- CreateTable
CREATE TABLE "ml_workers" (
    "id" TEXT NOT NULL,
    "machine" TEXT NOT NULL,
    "backend" TEXT NOT NULL,
    "gpu" BOOLEAN NOT NULL,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ml_workers_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ml_workers_last_seen_at_idx" ON "ml_workers"("last_seen_at");
-- System table: only the owner role (the worker's connection) reads and writes it; no grant to probity_app.
