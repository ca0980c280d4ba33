-- AlterTable
ALTER TABLE "Submission" ADD COLUMN "pendingConfirm" TEXT;
ALTER TABLE "Submission" ADD COLUMN "pendingConfirmAt" DATETIME;
ALTER TABLE "Submission" ADD COLUMN "sourceUpdateId" BIGINT;

-- AlterTable
ALTER TABLE "SubmissionMedia" ADD COLUMN "sourceUpdateId" BIGINT;

-- CreateTable
CREATE TABLE "Instance" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "host" TEXT NOT NULL,
    "pid" INTEGER NOT NULL,
    "startedAt" DATETIME NOT NULL,
    "heartbeatAt" DATETIME NOT NULL
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Job" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "kind" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "maxAttempts" INTEGER NOT NULL DEFAULT 10,
    "runAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedUntil" DATETIME,
    "lockedBy" TEXT,
    "lastError" TEXT,
    "dedupeKey" TEXT,
    "priority" INTEGER NOT NULL DEFAULT 5,
    "result" JSONB,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME
);
INSERT INTO "new_Job" ("attempts", "createdAt", "dedupeKey", "finishedAt", "id", "kind", "lastError", "lockedBy", "lockedUntil", "maxAttempts", "payload", "result", "runAt", "status") SELECT "attempts", "createdAt", "dedupeKey", "finishedAt", "id", "kind", "lastError", "lockedBy", "lockedUntil", "maxAttempts", "payload", "result", "runAt", "status" FROM "Job";
DROP TABLE "Job";
ALTER TABLE "new_Job" RENAME TO "Job";
CREATE UNIQUE INDEX "Job_dedupeKey_key" ON "Job"("dedupeKey");
CREATE INDEX "Job_status_runAt_idx" ON "Job"("status", "runAt");
CREATE INDEX "Job_status_priority_runAt_idx" ON "Job"("status", "priority", "runAt");
CREATE INDEX "Job_lockedBy_status_idx" ON "Job"("lockedBy", "status");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Instance_host_idx" ON "Instance"("host");

-- CreateIndex
CREATE UNIQUE INDEX "Submission_memberId_sourceUpdateId_key" ON "Submission"("memberId", "sourceUpdateId");

-- CreateIndex
CREATE UNIQUE INDEX "SubmissionMedia_submissionId_sourceUpdateId_key" ON "SubmissionMedia"("submissionId", "sourceUpdateId");
