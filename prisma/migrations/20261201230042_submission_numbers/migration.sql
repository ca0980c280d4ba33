-- AlterTable
ALTER TABLE "Submission" ADD COLUMN "number" INTEGER;

-- CreateTable
CREATE TABLE "Counter" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "value" INTEGER NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "Submission_number_key" ON "Submission"("number");

-- Submissions confirmed before numbers existed keep their ids as numbers (the ids people were
-- shown); the counter continues after the largest.
UPDATE "Submission" SET "number" = "id" WHERE "confirmedAt" IS NOT NULL;
INSERT INTO "Counter" ("name", "value") SELECT 'submission', COALESCE(MAX("number"), 0) FROM "Submission";
