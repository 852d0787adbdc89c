-- AlterTable
ALTER TABLE "CampaignReport" ADD COLUMN     "runOptions" JSONB;
