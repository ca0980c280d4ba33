-- CreateTable
CREATE TABLE "Kecamatan" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "normName" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Desa" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "kecamatanId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "normName" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Desa_kecamatanId_fkey" FOREIGN KEY ("kecamatanId") REFERENCES "Kecamatan" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Kim" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "kecamatanId" INTEGER NOT NULL,
    "desaId" INTEGER,
    "name" TEXT NOT NULL,
    "normName" TEXT NOT NULL,
    "inviteCode" TEXT NOT NULL,
    "isSample" BOOLEAN NOT NULL DEFAULT false,
    "pausedUntil" DATETIME,
    "pausedReason" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Kim_kecamatanId_fkey" FOREIGN KEY ("kecamatanId") REFERENCES "Kecamatan" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Kim_desaId_fkey" FOREIGN KEY ("desaId") REFERENCES "Desa" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Member" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "telegramId" BIGINT NOT NULL,
    "firstName" TEXT NOT NULL,
    "lastName" TEXT,
    "username" TEXT,
    "displayName" TEXT NOT NULL,
    "languageCode" TEXT NOT NULL DEFAULT 'id',
    "kimId" INTEGER,
    "status" TEXT NOT NULL DEFAULT 'none',
    "blockedAt" DATETIME,
    "joinedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Member_kimId_fkey" FOREIGN KEY ("kimId") REFERENCES "Kim" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "JoinRequest" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "memberId" INTEGER NOT NULL,
    "kimId" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "decidedBy" BIGINT,
    "decidedByName" TEXT,
    "decidedAt" DATETIME,
    "adminMessageId" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "JoinRequest_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "JoinRequest_kimId_fkey" FOREIGN KEY ("kimId") REFERENCES "Kim" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Submission" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "memberId" INTEGER NOT NULL,
    "kimId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "text" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT 'draft',
    "revisionOfId" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "confirmedAt" DATETIME,
    "decidedAt" DATETIME,
    "decidedBy" BIGINT,
    "decidedByName" TEXT,
    "decisionReason" TEXT,
    "riskLevel" TEXT,
    "riskScore" REAL,
    "screening" JSONB,
    "reviewChatId" BIGINT,
    "reviewMessageId" INTEGER,
    "channelMessageId" INTEGER,
    "publishedAt" DATETIME,
    "version" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "Submission_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Submission_kimId_fkey" FOREIGN KEY ("kimId") REFERENCES "Kim" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Submission_revisionOfId_fkey" FOREIGN KEY ("revisionOfId") REFERENCES "Submission" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SubmissionMedia" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "submissionId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "fileId" TEXT NOT NULL,
    "fileUniqueId" TEXT NOT NULL,
    "width" INTEGER,
    "height" INTEGER,
    "fileSize" INTEGER,
    "mimeType" TEXT,
    "fileName" TEXT,
    "perceptualHash" TEXT,
    CONSTRAINT "SubmissionMedia_submissionId_fkey" FOREIGN KEY ("submissionId") REFERENCES "Submission" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "submissionId" INTEGER,
    "actorId" BIGINT,
    "actorName" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "fromState" TEXT,
    "toState" TEXT,
    "detail" JSONB,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AuditEvent_submissionId_fkey" FOREIGN KEY ("submissionId") REFERENCES "Submission" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "FalseClaim" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "text" TEXT NOT NULL,
    "normText" TEXT NOT NULL,
    "verdict" TEXT NOT NULL DEFAULT 'hoaks',
    "sourceUrl" TEXT,
    "origin" TEXT NOT NULL,
    "submissionId" INTEGER,
    "createdBy" BIGINT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "removedAt" DATETIME
);

-- CreateTable
CREATE TABLE "FalseImage" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "claimId" INTEGER,
    "hash" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "FalseImage_claimId_fkey" FOREIGN KEY ("claimId") REFERENCES "FalseClaim" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ReminderSent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "kimId" INTEGER NOT NULL,
    "weekKey" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ReminderSent_kimId_fkey" FOREIGN KEY ("kimId") REFERENCES "Kim" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ReminderRun" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "weekKey" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    "summary" JSONB
);

-- CreateTable
CREATE TABLE "Job" (
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
    "result" JSONB,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME
);

-- CreateTable
CREATE TABLE "InboxUpdate" (
    "updateId" BIGINT NOT NULL PRIMARY KEY,
    "payload" TEXT NOT NULL,
    "orderKey" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "handledAt" DATETIME
);

-- CreateTable
CREATE TABLE "KeyValue" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "value" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "Kecamatan_normName_key" ON "Kecamatan"("normName");

-- CreateIndex
CREATE UNIQUE INDEX "Desa_kecamatanId_normName_key" ON "Desa"("kecamatanId", "normName");

-- CreateIndex
CREATE UNIQUE INDEX "Kim_inviteCode_key" ON "Kim"("inviteCode");

-- CreateIndex
CREATE UNIQUE INDEX "Kim_kecamatanId_normName_key" ON "Kim"("kecamatanId", "normName");

-- CreateIndex
CREATE UNIQUE INDEX "Member_telegramId_key" ON "Member"("telegramId");

-- CreateIndex
CREATE INDEX "Member_kimId_status_idx" ON "Member"("kimId", "status");

-- CreateIndex
CREATE INDEX "JoinRequest_status_createdAt_idx" ON "JoinRequest"("status", "createdAt");

-- CreateIndex
CREATE INDEX "Submission_kimId_confirmedAt_idx" ON "Submission"("kimId", "confirmedAt");

-- CreateIndex
CREATE INDEX "Submission_memberId_createdAt_idx" ON "Submission"("memberId", "createdAt");

-- CreateIndex
CREATE INDEX "Submission_status_confirmedAt_idx" ON "Submission"("status", "confirmedAt");

-- CreateIndex
CREATE INDEX "Submission_confirmedAt_idx" ON "Submission"("confirmedAt");

-- CreateIndex
CREATE UNIQUE INDEX "SubmissionMedia_submissionId_position_key" ON "SubmissionMedia"("submissionId", "position");

-- CreateIndex
CREATE INDEX "AuditEvent_submissionId_createdAt_idx" ON "AuditEvent"("submissionId", "createdAt");

-- CreateIndex
CREATE INDEX "AuditEvent_action_createdAt_idx" ON "AuditEvent"("action", "createdAt");

-- CreateIndex
CREATE INDEX "FalseClaim_removedAt_idx" ON "FalseClaim"("removedAt");

-- CreateIndex
CREATE INDEX "FalseImage_hash_idx" ON "FalseImage"("hash");

-- CreateIndex
CREATE UNIQUE INDEX "ReminderSent_kimId_weekKey_key" ON "ReminderSent"("kimId", "weekKey");

-- CreateIndex
CREATE UNIQUE INDEX "ReminderRun_weekKey_key" ON "ReminderRun"("weekKey");

-- CreateIndex
CREATE UNIQUE INDEX "Job_dedupeKey_key" ON "Job"("dedupeKey");

-- CreateIndex
CREATE INDEX "Job_status_runAt_idx" ON "Job"("status", "runAt");

-- CreateIndex
CREATE INDEX "InboxUpdate_status_updateId_idx" ON "InboxUpdate"("status", "updateId");
