-- CreateTable
CREATE TABLE "Kecamatan" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "normName" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Kecamatan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Desa" (
    "id" SERIAL NOT NULL,
    "kecamatanId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "normName" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Desa_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Kim" (
    "id" SERIAL NOT NULL,
    "kecamatanId" INTEGER NOT NULL,
    "desaId" INTEGER,
    "name" TEXT NOT NULL,
    "normName" TEXT NOT NULL,
    "inviteCode" TEXT NOT NULL,
    "isSample" BOOLEAN NOT NULL DEFAULT false,
    "pausedUntil" TIMESTAMP(3),
    "pausedReason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Kim_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Member" (
    "id" SERIAL NOT NULL,
    "telegramId" BIGINT NOT NULL,
    "firstName" TEXT NOT NULL,
    "lastName" TEXT,
    "username" TEXT,
    "displayName" TEXT NOT NULL,
    "languageCode" TEXT NOT NULL DEFAULT 'id',
    "kimId" INTEGER,
    "status" TEXT NOT NULL DEFAULT 'none',
    "blockedAt" TIMESTAMP(3),
    "joinedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Member_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JoinRequest" (
    "id" SERIAL NOT NULL,
    "memberId" INTEGER NOT NULL,
    "kimId" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "decidedBy" BIGINT,
    "decidedByName" TEXT,
    "decidedAt" TIMESTAMP(3),
    "adminMessageId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "JoinRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Submission" (
    "id" SERIAL NOT NULL,
    "number" INTEGER,
    "memberId" INTEGER NOT NULL,
    "kimId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "text" TEXT NOT NULL DEFAULT '',
    "entities" JSONB,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "revisionOfId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "confirmedAt" TIMESTAMP(3),
    "decidedAt" TIMESTAMP(3),
    "decidedBy" BIGINT,
    "decidedByName" TEXT,
    "decisionReason" TEXT,
    "riskLevel" TEXT,
    "riskScore" DOUBLE PRECISION,
    "screening" JSONB,
    "reviewChatId" BIGINT,
    "reviewMessageId" INTEGER,
    "reviewCardIsCaption" BOOLEAN NOT NULL DEFAULT false,
    "lastAnnouncedAt" TIMESTAMP(3),
    "channelMessageId" INTEGER,
    "channelMessageIds" JSONB,
    "publishedUrl" TEXT,
    "publishedAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 0,
    "mediaGroupId" TEXT,
    "promptMessageId" INTEGER,
    "sourceUpdateId" BIGINT,
    "pendingConfirm" TEXT,
    "pendingConfirmAt" TIMESTAMP(3),

    CONSTRAINT "Submission_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SubmissionMedia" (
    "id" SERIAL NOT NULL,
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
    "sourceUpdateId" BIGINT,

    CONSTRAINT "SubmissionMedia_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" SERIAL NOT NULL,
    "submissionId" INTEGER,
    "actorId" BIGINT,
    "actorName" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "fromState" TEXT,
    "toState" TEXT,
    "detail" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FalseClaim" (
    "id" SERIAL NOT NULL,
    "text" TEXT NOT NULL,
    "normText" TEXT NOT NULL,
    "verdict" TEXT NOT NULL DEFAULT 'hoaks',
    "sourceUrl" TEXT,
    "origin" TEXT NOT NULL,
    "submissionId" INTEGER,
    "createdBy" BIGINT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "removedAt" TIMESTAMP(3),

    CONSTRAINT "FalseClaim_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FalseImage" (
    "id" SERIAL NOT NULL,
    "claimId" INTEGER,
    "hash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FalseImage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReminderSent" (
    "id" SERIAL NOT NULL,
    "kimId" INTEGER NOT NULL,
    "weekKey" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReminderSent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReminderRun" (
    "id" SERIAL NOT NULL,
    "weekKey" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "summary" JSONB,

    CONSTRAINT "ReminderRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ActivityKimBlock" (
    "kimId" INTEGER NOT NULL,
    "block" INTEGER NOT NULL,
    "mask" INTEGER NOT NULL,
    "lastAt" TIMESTAMP(3) NOT NULL,
    "detail" TEXT NOT NULL,

    CONSTRAINT "ActivityKimBlock_pkey" PRIMARY KEY ("kimId","block")
);

-- CreateTable
CREATE TABLE "ActivityZoneOffset" (
    "start" TIMESTAMP(3) NOT NULL,
    "offsetMs" INTEGER NOT NULL,
    "timeZone" TEXT NOT NULL,

    CONSTRAINT "ActivityZoneOffset_pkey" PRIMARY KEY ("start")
);

-- CreateTable
CREATE TABLE "ActivitySummaryRecompute" (
    "kimId" INTEGER NOT NULL,
    "block" INTEGER NOT NULL,

    CONSTRAINT "ActivitySummaryRecompute_pkey" PRIMARY KEY ("kimId","block")
);

-- CreateTable
CREATE TABLE "Job" (
    "id" SERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "maxAttempts" INTEGER NOT NULL DEFAULT 10,
    "runAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedUntil" TIMESTAMP(3),
    "lockedBy" TEXT,
    "lastError" TEXT,
    "dedupeKey" TEXT,
    "priority" INTEGER NOT NULL DEFAULT 5,
    "result" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "Job_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Instance" (
    "id" TEXT NOT NULL,
    "host" TEXT NOT NULL,
    "pid" INTEGER NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "heartbeatAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Instance_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InboxUpdate" (
    "updateId" BIGINT NOT NULL,
    "payload" TEXT NOT NULL,
    "orderKey" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "handledAt" TIMESTAMP(3),

    CONSTRAINT "InboxUpdate_pkey" PRIMARY KEY ("updateId")
);

-- CreateTable
CREATE TABLE "KeyValue" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "KeyValue_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "FactcheckFeed" (
    "id" SERIAL NOT NULL,
    "url" TEXT NOT NULL,
    "title" TEXT,
    "etag" TEXT,
    "lastModified" TEXT,
    "lastAttemptAt" TIMESTAMP(3),
    "lastSuccessAt" TIMESTAMP(3),
    "lastError" TEXT,
    "itemCount" INTEGER NOT NULL DEFAULT 0,
    "claimsAdded" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FactcheckFeed_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FactcheckItem" (
    "id" SERIAL NOT NULL,
    "feedId" INTEGER NOT NULL,
    "claimId" INTEGER,
    "guidKey" TEXT,
    "linkKey" TEXT,
    "titleKey" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "summary" TEXT,
    "link" TEXT,
    "publisher" TEXT NOT NULL,
    "publishedAt" TIMESTAMP(3),
    "verdict" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FactcheckItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RecheckAlert" (
    "id" SERIAL NOT NULL,
    "submissionId" INTEGER NOT NULL,
    "claimId" INTEGER NOT NULL,
    "claimKey" TEXT NOT NULL,
    "similarity" DOUBLE PRECISION NOT NULL,
    "matchedBy" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "resolvedBy" BIGINT,
    "resolvedByName" TEXT,
    "resolvedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RecheckAlert_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Counter" (
    "name" TEXT NOT NULL,
    "value" INTEGER NOT NULL,

    CONSTRAINT "Counter_pkey" PRIMARY KEY ("name")
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
CREATE UNIQUE INDEX "Submission_number_key" ON "Submission"("number");

-- CreateIndex
CREATE INDEX "Submission_kimId_confirmedAt_status_kind_riskLevel_decidedA_idx" ON "Submission"("kimId", "confirmedAt", "status", "kind", "riskLevel", "decidedAt");

-- CreateIndex
CREATE INDEX "Submission_memberId_createdAt_idx" ON "Submission"("memberId", "createdAt");

-- CreateIndex
CREATE INDEX "Submission_status_confirmedAt_idx" ON "Submission"("status", "confirmedAt");

-- CreateIndex
CREATE INDEX "Submission_confirmedAt_idx" ON "Submission"("confirmedAt");

-- CreateIndex
CREATE INDEX "Submission_mediaGroupId_idx" ON "Submission"("mediaGroupId");

-- CreateIndex
CREATE UNIQUE INDEX "Submission_memberId_sourceUpdateId_key" ON "Submission"("memberId", "sourceUpdateId");

-- CreateIndex
CREATE INDEX "SubmissionMedia_submissionId_kind_idx" ON "SubmissionMedia"("submissionId", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "SubmissionMedia_submissionId_position_key" ON "SubmissionMedia"("submissionId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "SubmissionMedia_submissionId_sourceUpdateId_key" ON "SubmissionMedia"("submissionId", "sourceUpdateId");

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
CREATE INDEX "ActivityKimBlock_block_kimId_mask_lastAt_idx" ON "ActivityKimBlock"("block", "kimId", "mask", "lastAt");

-- CreateIndex
CREATE UNIQUE INDEX "Job_dedupeKey_key" ON "Job"("dedupeKey");

-- CreateIndex
CREATE INDEX "Job_status_runAt_idx" ON "Job"("status", "runAt");

-- CreateIndex
CREATE INDEX "Job_status_priority_runAt_idx" ON "Job"("status", "priority", "runAt");

-- CreateIndex
CREATE INDEX "Job_lockedBy_status_idx" ON "Job"("lockedBy", "status");

-- CreateIndex
CREATE INDEX "Instance_host_idx" ON "Instance"("host");

-- CreateIndex
CREATE INDEX "InboxUpdate_status_updateId_idx" ON "InboxUpdate"("status", "updateId");

-- CreateIndex
CREATE UNIQUE INDEX "FactcheckFeed_url_key" ON "FactcheckFeed"("url");

-- CreateIndex
CREATE UNIQUE INDEX "FactcheckItem_guidKey_key" ON "FactcheckItem"("guidKey");

-- CreateIndex
CREATE UNIQUE INDEX "FactcheckItem_linkKey_key" ON "FactcheckItem"("linkKey");

-- CreateIndex
CREATE UNIQUE INDEX "FactcheckItem_titleKey_key" ON "FactcheckItem"("titleKey");

-- CreateIndex
CREATE INDEX "FactcheckItem_claimId_idx" ON "FactcheckItem"("claimId");

-- CreateIndex
CREATE UNIQUE INDEX "RecheckAlert_submissionId_claimKey_key" ON "RecheckAlert"("submissionId", "claimKey");

-- AddForeignKey
ALTER TABLE "Desa" ADD CONSTRAINT "Desa_kecamatanId_fkey" FOREIGN KEY ("kecamatanId") REFERENCES "Kecamatan"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Kim" ADD CONSTRAINT "Kim_kecamatanId_fkey" FOREIGN KEY ("kecamatanId") REFERENCES "Kecamatan"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Kim" ADD CONSTRAINT "Kim_desaId_fkey" FOREIGN KEY ("desaId") REFERENCES "Desa"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Member" ADD CONSTRAINT "Member_kimId_fkey" FOREIGN KEY ("kimId") REFERENCES "Kim"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JoinRequest" ADD CONSTRAINT "JoinRequest_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JoinRequest" ADD CONSTRAINT "JoinRequest_kimId_fkey" FOREIGN KEY ("kimId") REFERENCES "Kim"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Submission" ADD CONSTRAINT "Submission_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Submission" ADD CONSTRAINT "Submission_kimId_fkey" FOREIGN KEY ("kimId") REFERENCES "Kim"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Submission" ADD CONSTRAINT "Submission_revisionOfId_fkey" FOREIGN KEY ("revisionOfId") REFERENCES "Submission"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SubmissionMedia" ADD CONSTRAINT "SubmissionMedia_submissionId_fkey" FOREIGN KEY ("submissionId") REFERENCES "Submission"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_submissionId_fkey" FOREIGN KEY ("submissionId") REFERENCES "Submission"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FalseImage" ADD CONSTRAINT "FalseImage_claimId_fkey" FOREIGN KEY ("claimId") REFERENCES "FalseClaim"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReminderSent" ADD CONSTRAINT "ReminderSent_kimId_fkey" FOREIGN KEY ("kimId") REFERENCES "Kim"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
