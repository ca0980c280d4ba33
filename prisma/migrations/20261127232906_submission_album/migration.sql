-- AlterTable
ALTER TABLE "Submission" ADD COLUMN "mediaGroupId" TEXT;
ALTER TABLE "Submission" ADD COLUMN "promptMessageId" INTEGER;

-- CreateIndex
CREATE INDEX "Submission_mediaGroupId_idx" ON "Submission"("mediaGroupId");
