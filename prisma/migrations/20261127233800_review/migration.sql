-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Submission" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "memberId" INTEGER NOT NULL,
    "kimId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "text" TEXT NOT NULL DEFAULT '',
    "entities" JSONB,
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
    "reviewCardIsCaption" BOOLEAN NOT NULL DEFAULT false,
    "lastAnnouncedAt" DATETIME,
    "channelMessageId" INTEGER,
    "publishedAt" DATETIME,
    "version" INTEGER NOT NULL DEFAULT 0,
    "mediaGroupId" TEXT,
    "promptMessageId" INTEGER,
    CONSTRAINT "Submission_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Submission_kimId_fkey" FOREIGN KEY ("kimId") REFERENCES "Kim" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Submission_revisionOfId_fkey" FOREIGN KEY ("revisionOfId") REFERENCES "Submission" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Submission" ("channelMessageId", "confirmedAt", "createdAt", "decidedAt", "decidedBy", "decidedByName", "decisionReason", "id", "kimId", "kind", "mediaGroupId", "memberId", "promptMessageId", "publishedAt", "reviewChatId", "reviewMessageId", "revisionOfId", "riskLevel", "riskScore", "screening", "status", "text", "version") SELECT "channelMessageId", "confirmedAt", "createdAt", "decidedAt", "decidedBy", "decidedByName", "decisionReason", "id", "kimId", "kind", "mediaGroupId", "memberId", "promptMessageId", "publishedAt", "reviewChatId", "reviewMessageId", "revisionOfId", "riskLevel", "riskScore", "screening", "status", "text", "version" FROM "Submission";
DROP TABLE "Submission";
ALTER TABLE "new_Submission" RENAME TO "Submission";
CREATE INDEX "Submission_kimId_confirmedAt_idx" ON "Submission"("kimId", "confirmedAt");
CREATE INDEX "Submission_memberId_createdAt_idx" ON "Submission"("memberId", "createdAt");
CREATE INDEX "Submission_status_confirmedAt_idx" ON "Submission"("status", "confirmedAt");
CREATE INDEX "Submission_confirmedAt_idx" ON "Submission"("confirmedAt");
CREATE INDEX "Submission_mediaGroupId_idx" ON "Submission"("mediaGroupId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
