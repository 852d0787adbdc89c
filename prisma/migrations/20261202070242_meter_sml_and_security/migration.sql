-- AlterEnum
ALTER TYPE "MeterProtocol" ADD VALUE 'SML';

-- AlterTable
ALTER TABLE "Meter" ADD COLUMN     "dlmsProfile" TEXT,
ADD COLUMN     "refuseUnauthenticated" BOOLEAN NOT NULL DEFAULT true;
