-- CreateEnum
CREATE TYPE "StandingChargePeriod" AS ENUM ('DAY', 'MONTH');

-- CreateTable
CREATE TABLE "Tariff" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "currency" TEXT NOT NULL DEFAULT 'EUR',
    "validFrom" TIMESTAMP(3) NOT NULL,
    "validTo" TIMESTAMP(3),
    "importPricePerKwh" DOUBLE PRECISION NOT NULL,
    "exportPricePerKwh" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "standingCharge" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "standingChargePeriod" "StandingChargePeriod" NOT NULL DEFAULT 'MONTH',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Tariff_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TariffPeriod" (
    "id" TEXT NOT NULL,
    "tariffId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "weekdays" INTEGER[],
    "startMinute" INTEGER NOT NULL,
    "endMinute" INTEGER NOT NULL,
    "pricePerKwh" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "TariffPeriod_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Tariff_validFrom_idx" ON "Tariff"("validFrom");

-- AddForeignKey
ALTER TABLE "TariffPeriod" ADD CONSTRAINT "TariffPeriod_tariffId_fkey" FOREIGN KEY ("tariffId") REFERENCES "Tariff"("id") ON DELETE CASCADE ON UPDATE CASCADE;
