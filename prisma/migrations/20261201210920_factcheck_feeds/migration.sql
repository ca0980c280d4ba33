-- AlterTable
ALTER TABLE "Submission" ADD COLUMN "channelMessageIds" JSONB;

-- CreateTable
CREATE TABLE "FactcheckFeed" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "url" TEXT NOT NULL,
    "title" TEXT,
    "etag" TEXT,
    "lastModified" TEXT,
    "lastAttemptAt" DATETIME,
    "lastSuccessAt" DATETIME,
    "lastError" TEXT,
    "itemCount" INTEGER NOT NULL DEFAULT 0,
    "claimsAdded" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "FactcheckItem" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "feedId" INTEGER NOT NULL,
    "claimId" INTEGER,
    "guidKey" TEXT,
    "linkKey" TEXT,
    "titleKey" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "summary" TEXT,
    "link" TEXT,
    "publisher" TEXT NOT NULL,
    "publishedAt" DATETIME,
    "verdict" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "RecheckAlert" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "submissionId" INTEGER NOT NULL,
    "claimId" INTEGER NOT NULL,
    "claimKey" TEXT NOT NULL,
    "similarity" REAL NOT NULL,
    "matchedBy" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "resolvedBy" BIGINT,
    "resolvedByName" TEXT,
    "resolvedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

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
