-- CreateEnum
CREATE TYPE "MeterProtocol" AS ENUM ('IEC62056_21', 'DSMR', 'DLMS');

-- CreateEnum
CREATE TYPE "MeterTransport" AS ENUM ('SERIAL', 'SIMULATED', 'REMOTE');

-- CreateEnum
CREATE TYPE "MeterStatus" AS ENUM ('UNKNOWN', 'ONLINE', 'OFFLINE', 'ERROR');

-- CreateEnum
CREATE TYPE "RollupPeriod" AS ENUM ('HOUR', 'DAY');

-- CreateTable
CREATE TABLE "Meter" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "serialNumber" TEXT,
    "protocol" "MeterProtocol" NOT NULL,
    "transport" "MeterTransport" NOT NULL,
    "portPath" TEXT,
    "baudRate" INTEGER NOT NULL DEFAULT 115200,
    "dataBits" INTEGER NOT NULL DEFAULT 8,
    "parity" TEXT NOT NULL DEFAULT 'none',
    "stopBits" INTEGER NOT NULL DEFAULT 1,
    "dlmsLink" TEXT,
    "deviceAddress" TEXT NOT NULL DEFAULT '',
    "encryptionKey" TEXT,
    "authenticationKey" TEXT,
    "ingestTokenHash" TEXT,
    "pollIntervalSeconds" INTEGER NOT NULL DEFAULT 60,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "thresholds" JSONB NOT NULL DEFAULT '{}',
    "simulator" JSONB,
    "status" "MeterStatus" NOT NULL DEFAULT 'UNKNOWN',
    "lastReadingAt" TIMESTAMP(3),
    "lastError" TEXT,
    "lastFrameCounter" BIGINT,
    "segment" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Meter_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Reading" (
    "meterId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "energyImportKwh" DOUBLE PRECISION,
    "energyExportKwh" DOUBLE PRECISION,
    "reactiveImportKvarh" DOUBLE PRECISION,
    "reactiveExportKvarh" DOUBLE PRECISION,
    "powerImportW" DOUBLE PRECISION,
    "powerExportW" DOUBLE PRECISION,
    "reactivePowerImportVar" DOUBLE PRECISION,
    "reactivePowerExportVar" DOUBLE PRECISION,
    "apparentPowerVa" DOUBLE PRECISION,
    "powerL1W" DOUBLE PRECISION,
    "powerL2W" DOUBLE PRECISION,
    "powerL3W" DOUBLE PRECISION,
    "powerExportL1W" DOUBLE PRECISION,
    "powerExportL2W" DOUBLE PRECISION,
    "powerExportL3W" DOUBLE PRECISION,
    "voltageL1V" DOUBLE PRECISION,
    "voltageL2V" DOUBLE PRECISION,
    "voltageL3V" DOUBLE PRECISION,
    "currentL1A" DOUBLE PRECISION,
    "currentL2A" DOUBLE PRECISION,
    "currentL3A" DOUBLE PRECISION,
    "currentNeutralA" DOUBLE PRECISION,
    "frequencyHz" DOUBLE PRECISION,
    "powerFactor" DOUBLE PRECISION,
    "powerFactorL1" DOUBLE PRECISION,
    "powerFactorL2" DOUBLE PRECISION,
    "powerFactorL3" DOUBLE PRECISION,
    "thdVoltageL1Pct" DOUBLE PRECISION,
    "thdVoltageL2Pct" DOUBLE PRECISION,
    "thdVoltageL3Pct" DOUBLE PRECISION,
    "thdCurrentL1Pct" DOUBLE PRECISION,
    "thdCurrentL2Pct" DOUBLE PRECISION,
    "thdCurrentL3Pct" DOUBLE PRECISION,
    "registers" JSONB,
    "mbus" JSONB,
    "source" TEXT NOT NULL,
    "segment" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "Reading_pkey" PRIMARY KEY ("meterId","at")
);

-- CreateTable
CREATE TABLE "ReadingRollup" (
    "meterId" TEXT NOT NULL,
    "period" "RollupPeriod" NOT NULL,
    "bucket" TIMESTAMP(3) NOT NULL,
    "importKwh" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "exportKwh" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "reactiveImportKvarh" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "reactiveExportKvarh" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "registers" JSONB NOT NULL DEFAULT '{}',
    "powerMinW" DOUBLE PRECISION,
    "powerMaxW" DOUBLE PRECISION,
    "powerSumW" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "powerSamples" INTEGER NOT NULL DEFAULT 0,
    "samples" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ReadingRollup_pkey" PRIMARY KEY ("meterId","period","bucket")
);

-- CreateTable
CREATE TABLE "ReadingGap" (
    "id" BIGSERIAL NOT NULL,
    "meterId" TEXT NOT NULL,
    "fromAt" TIMESTAMP(3) NOT NULL,
    "toAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReadingGap_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Meter_name_key" ON "Meter"("name");

-- CreateIndex
CREATE INDEX "Reading_at_idx" ON "Reading"("at");

-- CreateIndex
CREATE INDEX "ReadingRollup_period_bucket_idx" ON "ReadingRollup"("period", "bucket");

-- CreateIndex
CREATE INDEX "ReadingGap_meterId_fromAt_idx" ON "ReadingGap"("meterId", "fromAt");

-- AddForeignKey
ALTER TABLE "Reading" ADD CONSTRAINT "Reading_meterId_fkey" FOREIGN KEY ("meterId") REFERENCES "Meter"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReadingRollup" ADD CONSTRAINT "ReadingRollup_meterId_fkey" FOREIGN KEY ("meterId") REFERENCES "Meter"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReadingGap" ADD CONSTRAINT "ReadingGap_meterId_fkey" FOREIGN KEY ("meterId") REFERENCES "Meter"("id") ON DELETE CASCADE ON UPDATE CASCADE;
