-- AlterTable
ALTER TABLE "Alert" ADD COLUMN     "acknowledgedComment" TEXT NOT NULL DEFAULT '';
