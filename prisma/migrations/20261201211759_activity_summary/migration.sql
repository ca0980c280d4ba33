-- CreateTable
CREATE TABLE "ActivityKimBlock" (
    "kimId" INTEGER NOT NULL,
    "block" INTEGER NOT NULL,
    "mask" INTEGER NOT NULL,
    "lastAt" DATETIME NOT NULL,
    "detail" TEXT NOT NULL,

    PRIMARY KEY ("kimId", "block")
) WITHOUT ROWID;

-- CreateTable
CREATE TABLE "ActivityZoneOffset" (
    "start" DATETIME NOT NULL PRIMARY KEY,
    "offsetMs" INTEGER NOT NULL,
    "timeZone" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "ActivitySummaryRecompute" (
    "kimId" INTEGER NOT NULL,
    "block" INTEGER NOT NULL,

    PRIMARY KEY ("kimId", "block")
);

-- CreateIndex
CREATE INDEX "ActivityKimBlock_block_kimId_mask_lastAt_idx" ON "ActivityKimBlock"("block", "kimId", "mask", "lastAt");

-- Activity summary: triggers keep "ActivityKimBlock" equal to what the submissions say, in the
-- same transaction as any INSERT, UPDATE or DELETE of "Submission" or "SubmissionMedia", whatever
-- code makes it. Each change recomputes the touched block(s) from the submissions themselves
-- (never adds or subtracts), so a row cannot drift from its source. The definitions are those of
-- src/domain/activity/indicators.ts; test/integration/activity/summary.test.ts compares the two.
--
-- A later migration that rebuilds "Submission" or "SubmissionMedia" (Prisma's "RedefineTables":
-- CREATE new_…, copy, DROP, RENAME) drops their triggers and must create them again; a test checks
-- that all of them exist after every migration, and until they do the application computes the
-- indicators from the submissions (correct, slower).
--
-- Weeks are local ISO weeks in the zone of "ActivityZoneOffset" (BOT_TIMEZONE; the application
-- rebuilds everything when it changes): week = (confirmedAt + offset - 1970-01-05) / 7 days.
--
-- PostgreSQL: the same tables; "ActivitySummaryRecompute_run" becomes a BEFORE INSERT trigger
-- function that runs the DELETE and INSERT below and RETURNS NULL (the row is not stored, as
-- RAISE(IGNORE) does here); the week is
--   floor((extract(epoch FROM x) * 1000 + offset - 345600000) / 604800000)
-- or directly date_trunc('week', x AT TIME ZONE <zone>); group_concat(x, ';') is
-- string_agg(x::text, ';'); the other triggers are AFTER ... FOR EACH ROW triggers with the same
-- WHEN conditions and INSERT statements. Nothing here needs more than SQLite 3.39 (HAVING
-- without GROUP BY), so Debian's sqlite3 3.40 can still open and back up the database; the
-- order of entries and minutes in "detail" carries no meaning.

-- Recomputes one (kimId, block): every confirmed submission of the KIM in the block's 16 weeks
-- (the instant range is widened by a day for the zone offset, then filtered by week). The status
-- and risk lists are DECIDED_STATUSES, REJECTED_STATUSES and FLAGGED_RISK_LEVELS of sql.ts: a test
-- fails when those change without a migration that re-creates this trigger.
CREATE TRIGGER "ActivitySummaryRecompute_run" BEFORE INSERT ON "ActivitySummaryRecompute"
BEGIN
    DELETE FROM "ActivityKimBlock" WHERE "kimId" = NEW."kimId" AND "block" = NEW."block";
    INSERT INTO "ActivityKimBlock" ("kimId", "block", "mask", "lastAt", "detail")
    SELECT NEW."kimId", NEW."block", SUM(1 << (w."week" - NEW."block" * 16)), MAX(w."lastAt"), group_concat(w."entry", ';')
    FROM (
        SELECT x."week" AS "week", MAX(x."confirmedAt") AS "lastAt",
            (x."week" - NEW."block" * 16) || ',' || COUNT(*) || ',' || SUM(x."published") || ',' || SUM(x."article") || ',' || SUM(x."photos")
                || ',' || SUM(x."decided") || ',' || SUM(x."rejected") || ',' || SUM(x."flagged")
                || COALESCE(',' || group_concat(x."minutes", ','), '') AS "entry"
        FROM (
            SELECT CAST((s."confirmedAt" + COALESCE((SELECT o."offsetMs" FROM "ActivityZoneOffset" o WHERE o."start" <= s."confirmedAt" ORDER BY o."start" DESC LIMIT 1), 0) - 345600000) / 604800000 AS INTEGER) AS "week", s."confirmedAt",
                CASE WHEN s."status" = 'published' THEN 1 ELSE 0 END AS "published",
                CASE WHEN s."kind" = 'text' THEN 1 ELSE 0 END AS "article",
                CASE WHEN s."kind" = 'photo' THEN 1
                     WHEN s."kind" = 'album' THEN (SELECT COUNT(*) FROM "SubmissionMedia" m WHERE m."submissionId" = s."id" AND m."kind" = 'photo')
                     ELSE 0 END AS "photos",
                CASE WHEN s."status" IN ('approved', 'published', 'publish_failed', 'rejected', 'hoax', 'removed') THEN 1 ELSE 0 END AS "decided",
                CASE WHEN s."status" IN ('rejected', 'hoax', 'removed') THEN 1 ELSE 0 END AS "rejected",
                CASE WHEN s."riskLevel" IN ('medium', 'high') THEN 1 ELSE 0 END AS "flagged",
                CASE WHEN s."decidedAt" >= s."confirmedAt" THEN CAST((s."decidedAt" - s."confirmedAt") / 60000 AS INTEGER) END AS "minutes"
            FROM "Submission" s
            WHERE s."kimId" = NEW."kimId"
                AND s."confirmedAt" >= NEW."block" * 9676800000 + 345600000 - 86400000
                AND s."confirmedAt" < (NEW."block" + 1) * 9676800000 + 345600000 + 86400000
        ) x
        WHERE x."week" / 16 = NEW."block"
        GROUP BY x."week"
    ) w
    HAVING COUNT(*) > 0;
    SELECT RAISE(IGNORE);
END;

CREATE TRIGGER "Submission_activity_insert" AFTER INSERT ON "Submission"
WHEN NEW."confirmedAt" IS NOT NULL
BEGIN
    INSERT INTO "ActivitySummaryRecompute" ("kimId", "block") VALUES (NEW."kimId", CAST((NEW."confirmedAt" + COALESCE((SELECT o."offsetMs" FROM "ActivityZoneOffset" o WHERE o."start" <= NEW."confirmedAt" ORDER BY o."start" DESC LIMIT 1), 0) - 345600000) / 604800000 AS INTEGER) / 16);
END;

CREATE TRIGGER "Submission_activity_update" AFTER UPDATE OF "kimId", "kind", "status", "confirmedAt", "decidedAt", "riskLevel" ON "Submission"
WHEN OLD."kimId" IS NOT NEW."kimId" OR OLD."kind" IS NOT NEW."kind" OR OLD."status" IS NOT NEW."status"
    OR OLD."confirmedAt" IS NOT NEW."confirmedAt" OR OLD."decidedAt" IS NOT NEW."decidedAt" OR OLD."riskLevel" IS NOT NEW."riskLevel"
BEGIN
    INSERT INTO "ActivitySummaryRecompute" ("kimId", "block")
        SELECT OLD."kimId", CAST((OLD."confirmedAt" + COALESCE((SELECT o."offsetMs" FROM "ActivityZoneOffset" o WHERE o."start" <= OLD."confirmedAt" ORDER BY o."start" DESC LIMIT 1), 0) - 345600000) / 604800000 AS INTEGER) / 16 WHERE OLD."confirmedAt" IS NOT NULL;
    INSERT INTO "ActivitySummaryRecompute" ("kimId", "block")
        SELECT NEW."kimId", CAST((NEW."confirmedAt" + COALESCE((SELECT o."offsetMs" FROM "ActivityZoneOffset" o WHERE o."start" <= NEW."confirmedAt" ORDER BY o."start" DESC LIMIT 1), 0) - 345600000) / 604800000 AS INTEGER) / 16 WHERE NEW."confirmedAt" IS NOT NULL
            AND (OLD."confirmedAt" IS NULL OR OLD."kimId" IS NOT NEW."kimId" OR CAST((OLD."confirmedAt" + COALESCE((SELECT o."offsetMs" FROM "ActivityZoneOffset" o WHERE o."start" <= OLD."confirmedAt" ORDER BY o."start" DESC LIMIT 1), 0) - 345600000) / 604800000 AS INTEGER) / 16 <> CAST((NEW."confirmedAt" + COALESCE((SELECT o."offsetMs" FROM "ActivityZoneOffset" o WHERE o."start" <= NEW."confirmedAt" ORDER BY o."start" DESC LIMIT 1), 0) - 345600000) / 604800000 AS INTEGER) / 16);
END;

CREATE TRIGGER "Submission_activity_delete" AFTER DELETE ON "Submission"
WHEN OLD."confirmedAt" IS NOT NULL
BEGIN
    INSERT INTO "ActivitySummaryRecompute" ("kimId", "block") VALUES (OLD."kimId", CAST((OLD."confirmedAt" + COALESCE((SELECT o."offsetMs" FROM "ActivityZoneOffset" o WHERE o."start" <= OLD."confirmedAt" ORDER BY o."start" DESC LIMIT 1), 0) - 345600000) / 604800000 AS INTEGER) / 16);
END;

-- Media rows count only for albums (the photos of an album).
CREATE TRIGGER "SubmissionMedia_activity_insert" AFTER INSERT ON "SubmissionMedia"
BEGIN
    INSERT INTO "ActivitySummaryRecompute" ("kimId", "block")
        SELECT s."kimId", CAST((s."confirmedAt" + COALESCE((SELECT o."offsetMs" FROM "ActivityZoneOffset" o WHERE o."start" <= s."confirmedAt" ORDER BY o."start" DESC LIMIT 1), 0) - 345600000) / 604800000 AS INTEGER) / 16 FROM "Submission" s
        WHERE s."id" = NEW."submissionId" AND s."confirmedAt" IS NOT NULL AND s."kind" = 'album';
END;

CREATE TRIGGER "SubmissionMedia_activity_delete" AFTER DELETE ON "SubmissionMedia"
BEGIN
    INSERT INTO "ActivitySummaryRecompute" ("kimId", "block")
        SELECT s."kimId", CAST((s."confirmedAt" + COALESCE((SELECT o."offsetMs" FROM "ActivityZoneOffset" o WHERE o."start" <= s."confirmedAt" ORDER BY o."start" DESC LIMIT 1), 0) - 345600000) / 604800000 AS INTEGER) / 16 FROM "Submission" s
        WHERE s."id" = OLD."submissionId" AND s."confirmedAt" IS NOT NULL AND s."kind" = 'album';
END;

CREATE TRIGGER "SubmissionMedia_activity_update" AFTER UPDATE OF "kind", "submissionId" ON "SubmissionMedia"
BEGIN
    INSERT INTO "ActivitySummaryRecompute" ("kimId", "block")
        SELECT s."kimId", CAST((s."confirmedAt" + COALESCE((SELECT o."offsetMs" FROM "ActivityZoneOffset" o WHERE o."start" <= s."confirmedAt" ORDER BY o."start" DESC LIMIT 1), 0) - 345600000) / 604800000 AS INTEGER) / 16 FROM "Submission" s
        WHERE s."id" = OLD."submissionId" AND s."confirmedAt" IS NOT NULL AND s."kind" = 'album';
    INSERT INTO "ActivitySummaryRecompute" ("kimId", "block")
        SELECT s."kimId", CAST((s."confirmedAt" + COALESCE((SELECT o."offsetMs" FROM "ActivityZoneOffset" o WHERE o."start" <= s."confirmedAt" ORDER BY o."start" DESC LIMIT 1), 0) - 345600000) / 604800000 AS INTEGER) / 16 FROM "Submission" s
        WHERE s."id" = NEW."submissionId" AND NEW."submissionId" IS NOT OLD."submissionId" AND s."confirmedAt" IS NOT NULL AND s."kind" = 'album';
END;

-- Fill it for the submissions already stored, in Asia/Jakarta (the default BOT_TIMEZONE, +07:00
-- since 1964); with another zone the bot rebuilds it at start (ensureActivitySummary).
INSERT INTO "ActivityZoneOffset" ("start", "offsetMs", "timeZone") VALUES (0, 25200000, 'Asia/Jakarta');
INSERT INTO "ActivitySummaryRecompute" ("kimId", "block")
    SELECT DISTINCT s."kimId", CAST((s."confirmedAt" + COALESCE((SELECT o."offsetMs" FROM "ActivityZoneOffset" o WHERE o."start" <= s."confirmedAt" ORDER BY o."start" DESC LIMIT 1), 0) - 345600000) / 604800000 AS INTEGER) / 16 FROM "Submission" s WHERE s."confirmedAt" IS NOT NULL;
