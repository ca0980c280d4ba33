-- DropIndex
DROP INDEX "Submission_kimId_confirmedAt_idx";

-- CreateIndex
CREATE INDEX "Submission_kimId_confirmedAt_status_kind_riskLevel_decidedAt_idx" ON "Submission"("kimId", "confirmedAt", "status", "kind", "riskLevel", "decidedAt");

-- CreateIndex
CREATE INDEX "SubmissionMedia_submissionId_kind_idx" ON "SubmissionMedia"("submissionId", "kind");
