-- AlterTable
ALTER TABLE "TestLogLine" ADD COLUMN     "code" TEXT,
ADD COLUMN     "params" JSONB;
