-- CreateEnum
CREATE TYPE "CampaignKind" AS ENUM ('NATIVE', 'POSTMAN');

-- AlterTable
ALTER TABLE "Campaign" ADD COLUMN     "collection" JSONB,
ADD COLUMN     "importNotes" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "kind" "CampaignKind" NOT NULL DEFAULT 'NATIVE';
