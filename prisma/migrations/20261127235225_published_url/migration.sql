-- AlterTable
ALTER TABLE "Submission" ADD COLUMN "publishedUrl" TEXT;
