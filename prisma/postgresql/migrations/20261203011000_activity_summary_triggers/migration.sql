-- Activity summary on PostgreSQL: the triggers of the SQLite migration 20261201211759_activity_summary
-- (read its header), as plpgsql, computing exactly the same rows. Prisma's diff ignores triggers
-- and functions, so this migration is written by hand and `npm run db:schema:pg -- --check` still
-- compares only the tables; test/integration/activity/summary.test.ts compares the summary with
-- the direct computation on both databases.
--
-- Differences from SQLite, and why:
-- - DateTime columns are timestamp(3) in UTC, not epoch milliseconds: the week takes
--   (EXTRACT(EPOCH FROM x) * 1000)::bigint, the same epoch milliseconds, with 64-bit arithmetic
--   (bigint division truncates toward zero as SQLite's integer division does), and the block's
--   instant range is turned back into timestamps.
-- - RAISE(IGNORE) is RETURN NULL from a BEFORE ROW trigger: the row is not stored.
-- - group_concat(x, ';') is string_agg(x::text, ';'); IS NOT is IS DISTINCT FROM.
-- - PostgreSQL queues AFTER ROW triggers to the end of the statement where SQLite runs them after
--   each row; every one recomputes from the submissions as they are then, so the rows are the same.
-- - Writers run concurrently (SQLite has one at a time): a recompute first takes a transaction
--   advisory lock on its KIM, so it waits for another transaction recomputing that KIM to commit
--   and then reads its submissions too. Without it, the later of two confirmations of one KIM
--   failed on the block's primary key, or left the block without the other's submission.
--   (0x414354, "ACT", keeps these locks apart from other two-key advisory locks.)

-- The local week of an instant in the summary's zone (the offset in force then, from
-- "ActivityZoneOffset"): src/domain/activity/summary.ts weekSql computes the same.
CREATE FUNCTION "activity_summary_week"(at TIMESTAMP(3)) RETURNS INTEGER
LANGUAGE sql STABLE AS $$
    SELECT CAST(((EXTRACT(EPOCH FROM at) * 1000)::bigint
        + COALESCE((SELECT o."offsetMs" FROM "ActivityZoneOffset" o WHERE o."start" <= at ORDER BY o."start" DESC LIMIT 1), 0)
        - 345600000) / 604800000 AS INTEGER)
$$;

-- Epoch milliseconds back to a timestamp(3) in UTC.
CREATE FUNCTION "activity_summary_instant"(ms BIGINT) RETURNS TIMESTAMP(3)
LANGUAGE sql IMMUTABLE AS $$
    SELECT TIMESTAMP '1970-01-01 00:00:00' + ms * INTERVAL '1 millisecond'
$$;

-- Recomputes one (kimId, block): every confirmed submission of the KIM in the block's 16 weeks
-- (the instant range is widened by a day for the zone offset, then filtered by week). The status
-- and risk lists are DECIDED_STATUSES, REJECTED_STATUSES and FLAGGED_RISK_LEVELS of sql.ts: a test
-- fails when those change without a migration that re-creates this function.
CREATE FUNCTION "ActivitySummaryRecompute_run"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(4277076, NEW."kimId");
    DELETE FROM "ActivityKimBlock" WHERE "kimId" = NEW."kimId" AND "block" = NEW."block";
    INSERT INTO "ActivityKimBlock" ("kimId", "block", "mask", "lastAt", "detail")
    SELECT NEW."kimId", NEW."block", SUM(1 << (w."week" - NEW."block" * 16)), MAX(w."lastAt"), string_agg(w."entry", ';')
    FROM (
        SELECT x."week" AS "week", MAX(x."confirmedAt") AS "lastAt",
            (x."week" - NEW."block" * 16)::text || ',' || COUNT(*)::text || ',' || SUM(x."published")::text || ',' || SUM(x."article")::text
                || ',' || SUM(x."photos")::text || ',' || SUM(x."decided")::text || ',' || SUM(x."rejected")::text || ',' || SUM(x."flagged")::text
                || COALESCE(',' || string_agg(x."minutes"::text, ','), '') AS "entry"
        FROM (
            SELECT "activity_summary_week"(s."confirmedAt") AS "week", s."confirmedAt",
                CASE WHEN s."status" = 'published' THEN 1 ELSE 0 END AS "published",
                CASE WHEN s."kind" = 'text' THEN 1 ELSE 0 END AS "article",
                CASE WHEN s."kind" = 'photo' THEN 1
                     WHEN s."kind" = 'album' THEN (SELECT COUNT(*) FROM "SubmissionMedia" m WHERE m."submissionId" = s."id" AND m."kind" = 'photo')
                     ELSE 0 END AS "photos",
                CASE WHEN s."status" IN ('approved', 'published', 'publish_failed', 'rejected', 'hoax', 'removed') THEN 1 ELSE 0 END AS "decided",
                CASE WHEN s."status" IN ('rejected', 'hoax', 'removed') THEN 1 ELSE 0 END AS "rejected",
                CASE WHEN s."riskLevel" IN ('medium', 'high') THEN 1 ELSE 0 END AS "flagged",
                CASE WHEN s."decidedAt" >= s."confirmedAt"
                     THEN CAST(((EXTRACT(EPOCH FROM s."decidedAt") * 1000)::bigint - (EXTRACT(EPOCH FROM s."confirmedAt") * 1000)::bigint) / 60000 AS BIGINT) END AS "minutes"
            FROM "Submission" s
            WHERE s."kimId" = NEW."kimId"
                AND s."confirmedAt" >= "activity_summary_instant"(NEW."block"::bigint * 9676800000 + 345600000 - 86400000)
                AND s."confirmedAt" < "activity_summary_instant"((NEW."block" + 1)::bigint * 9676800000 + 345600000 + 86400000)
        ) x
        WHERE x."week" / 16 = NEW."block"
        GROUP BY x."week"
    ) w
    HAVING COUNT(*) > 0;
    RETURN NULL;
END;
$$;

CREATE TRIGGER "ActivitySummaryRecompute_run" BEFORE INSERT ON "ActivitySummaryRecompute"
FOR EACH ROW EXECUTE FUNCTION "ActivitySummaryRecompute_run"();

-- The inserted or deleted row's block (the WHEN of each trigger says the row is confirmed).
CREATE FUNCTION "Submission_activity_row"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    s "Submission";
BEGIN
    IF TG_OP = 'DELETE' THEN s := OLD; ELSE s := NEW; END IF;
    INSERT INTO "ActivitySummaryRecompute" ("kimId", "block") VALUES (s."kimId", "activity_summary_week"(s."confirmedAt") / 16);
    RETURN NULL;
END;
$$;

CREATE TRIGGER "Submission_activity_insert" AFTER INSERT ON "Submission"
FOR EACH ROW WHEN (NEW."confirmedAt" IS NOT NULL) EXECUTE FUNCTION "Submission_activity_row"();

CREATE FUNCTION "Submission_activity_update"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO "ActivitySummaryRecompute" ("kimId", "block")
        SELECT OLD."kimId", "activity_summary_week"(OLD."confirmedAt") / 16 WHERE OLD."confirmedAt" IS NOT NULL;
    INSERT INTO "ActivitySummaryRecompute" ("kimId", "block")
        SELECT NEW."kimId", "activity_summary_week"(NEW."confirmedAt") / 16 WHERE NEW."confirmedAt" IS NOT NULL
            AND (OLD."confirmedAt" IS NULL OR OLD."kimId" IS DISTINCT FROM NEW."kimId"
                OR "activity_summary_week"(OLD."confirmedAt") / 16 <> "activity_summary_week"(NEW."confirmedAt") / 16);
    RETURN NULL;
END;
$$;

CREATE TRIGGER "Submission_activity_update" AFTER UPDATE OF "kimId", "kind", "status", "confirmedAt", "decidedAt", "riskLevel" ON "Submission"
FOR EACH ROW WHEN (OLD."kimId" IS DISTINCT FROM NEW."kimId" OR OLD."kind" IS DISTINCT FROM NEW."kind" OR OLD."status" IS DISTINCT FROM NEW."status"
    OR OLD."confirmedAt" IS DISTINCT FROM NEW."confirmedAt" OR OLD."decidedAt" IS DISTINCT FROM NEW."decidedAt" OR OLD."riskLevel" IS DISTINCT FROM NEW."riskLevel")
EXECUTE FUNCTION "Submission_activity_update"();

CREATE TRIGGER "Submission_activity_delete" AFTER DELETE ON "Submission"
FOR EACH ROW WHEN (OLD."confirmedAt" IS NOT NULL) EXECUTE FUNCTION "Submission_activity_row"();

-- Media rows count only for albums (the photos of an album). The block of the album an inserted or deleted media row belongs to.
CREATE FUNCTION "SubmissionMedia_activity_row"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    submission INTEGER;
BEGIN
    IF TG_OP = 'DELETE' THEN submission := OLD."submissionId"; ELSE submission := NEW."submissionId"; END IF;
    INSERT INTO "ActivitySummaryRecompute" ("kimId", "block")
        SELECT s."kimId", "activity_summary_week"(s."confirmedAt") / 16 FROM "Submission" s
        WHERE s."id" = submission AND s."confirmedAt" IS NOT NULL AND s."kind" = 'album';
    RETURN NULL;
END;
$$;

CREATE TRIGGER "SubmissionMedia_activity_insert" AFTER INSERT ON "SubmissionMedia"
FOR EACH ROW EXECUTE FUNCTION "SubmissionMedia_activity_row"();

CREATE TRIGGER "SubmissionMedia_activity_delete" AFTER DELETE ON "SubmissionMedia"
FOR EACH ROW EXECUTE FUNCTION "SubmissionMedia_activity_row"();

CREATE FUNCTION "SubmissionMedia_activity_update"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO "ActivitySummaryRecompute" ("kimId", "block")
        SELECT s."kimId", "activity_summary_week"(s."confirmedAt") / 16 FROM "Submission" s
        WHERE s."id" = OLD."submissionId" AND s."confirmedAt" IS NOT NULL AND s."kind" = 'album';
    INSERT INTO "ActivitySummaryRecompute" ("kimId", "block")
        SELECT s."kimId", "activity_summary_week"(s."confirmedAt") / 16 FROM "Submission" s
        WHERE s."id" = NEW."submissionId" AND NEW."submissionId" IS DISTINCT FROM OLD."submissionId" AND s."confirmedAt" IS NOT NULL AND s."kind" = 'album';
    RETURN NULL;
END;
$$;

CREATE TRIGGER "SubmissionMedia_activity_update" AFTER UPDATE OF "kind", "submissionId" ON "SubmissionMedia"
FOR EACH ROW EXECUTE FUNCTION "SubmissionMedia_activity_update"();

-- Fill it for the submissions already stored, in Asia/Jakarta (the default BOT_TIMEZONE, +07:00
-- since 1964); with another zone the bot rebuilds it at start (ensureActivitySummary).
INSERT INTO "ActivityZoneOffset" ("start", "offsetMs", "timeZone") VALUES (TIMESTAMP '1970-01-01 00:00:00', 25200000, 'Asia/Jakarta');
INSERT INTO "ActivitySummaryRecompute" ("kimId", "block")
    SELECT DISTINCT s."kimId", "activity_summary_week"(s."confirmedAt") / 16 FROM "Submission" s WHERE s."confirmedAt" IS NOT NULL;
