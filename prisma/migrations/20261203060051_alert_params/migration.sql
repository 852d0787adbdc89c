-- AlterTable
ALTER TABLE "Alert" ADD COLUMN     "params" JSONB;
