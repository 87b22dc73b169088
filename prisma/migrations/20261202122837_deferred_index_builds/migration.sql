-- Issue 14 (a million exposures loaded in under 30 s): a rebuilding bulk load records the secondary
-- indexes it dropped here and commits; buildPendingIndexes (packages/db/src/seed/deferred-indexes.ts)
-- builds them on several connections at once, deleting each row with its build. The owner's alone:
-- no grant to probity_app.

-- CreateTable
CREATE TABLE "pending_index_builds" (
    "name" TEXT NOT NULL,
    "definition" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "pending_index_builds_pkey" PRIMARY KEY ("name")
);
