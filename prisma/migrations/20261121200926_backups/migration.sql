-- CreateEnum
CREATE TYPE "BackupJobStatus" AS ENUM ('NEW', 'OK', 'LATE', 'FAILED', 'MISSING', 'PAUSED');

-- CreateEnum
CREATE TYPE "BackupScheduleKind" AS ENUM ('INTERVAL', 'CRON');

-- CreateEnum
CREATE TYPE "BackupRunOutcome" AS ENUM ('RUNNING', 'SUCCEEDED', 'FAILED');

-- CreateEnum
CREATE TYPE "BackupScanStatus" AS ENUM ('QUEUED', 'RUNNING', 'COMPLETED', 'FAILED');

-- CreateTable
CREATE TABLE "BackupJob" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "location" TEXT NOT NULL,
    "pattern" TEXT NOT NULL DEFAULT '*',
    "recursive" BOOLEAN NOT NULL DEFAULT false,
    "scheduleKind" "BackupScheduleKind" NOT NULL,
    "intervalMinutes" INTEGER,
    "cronExpression" TEXT,
    "timezone" TEXT NOT NULL DEFAULT 'UTC',
    "graceMinutes" INTEGER NOT NULL DEFAULT 60,
    "minSizeBytes" BIGINT NOT NULL DEFAULT 0,
    "paused" BOOLEAN NOT NULL DEFAULT false,
    "pingToken" UUID NOT NULL,
    "status" "BackupJobStatus" NOT NULL DEFAULT 'NEW',
    "statusReason" TEXT NOT NULL DEFAULT '',
    "statusChangedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "statusVersion" INTEGER NOT NULL DEFAULT 0,
    "nextDeadlineAt" TIMESTAMP(3),
    "lastSuccessAt" TIMESTAMP(3),
    "lastFailureAt" TIMESTAMP(3),
    "lastFailureReason" TEXT,
    "locationError" TEXT,
    "latestArtefactPath" TEXT,
    "latestArtefactAt" TIMESTAMP(3),
    "latestArtefactSize" BIGINT,
    "scanFingerprint" TEXT,
    "lastScanAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BackupJob_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BackupArtefact" (
    "id" BIGSERIAL NOT NULL,
    "jobId" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "size" BIGINT NOT NULL,
    "mtime" TIMESTAMP(3) NOT NULL,
    "firstSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BackupArtefact_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BackupRun" (
    "id" TEXT NOT NULL,
    "jobId" TEXT NOT NULL,
    "runKey" TEXT,
    "outcome" "BackupRunOutcome" NOT NULL,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "exitCode" INTEGER,
    "durationMs" INTEGER,
    "log" TEXT,

    CONSTRAINT "BackupRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BackupScan" (
    "id" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "jobId" TEXT,
    "status" "BackupScanStatus" NOT NULL DEFAULT 'QUEUED',
    "requestedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "jobsScanned" INTEGER NOT NULL DEFAULT 0,
    "artefactsSeen" INTEGER NOT NULL DEFAULT 0,
    "newArtefacts" INTEGER NOT NULL DEFAULT 0,
    "errorCount" INTEGER NOT NULL DEFAULT 0,
    "errors" JSONB NOT NULL DEFAULT '[]',

    CONSTRAINT "BackupScan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BackupStatusFlip" (
    "id" BIGSERIAL NOT NULL,
    "jobId" TEXT NOT NULL,
    "fromStatus" "BackupJobStatus" NOT NULL,
    "toStatus" "BackupJobStatus" NOT NULL,
    "reason" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "alertId" TEXT,

    CONSTRAINT "BackupStatusFlip_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "BackupJob_name_key" ON "BackupJob"("name");

-- CreateIndex
CREATE UNIQUE INDEX "BackupJob_pingToken_key" ON "BackupJob"("pingToken");

-- CreateIndex
CREATE INDEX "BackupJob_nextDeadlineAt_idx" ON "BackupJob"("nextDeadlineAt");

-- CreateIndex
CREATE INDEX "BackupJob_status_idx" ON "BackupJob"("status");

-- CreateIndex
CREATE INDEX "BackupArtefact_jobId_mtime_idx" ON "BackupArtefact"("jobId", "mtime");

-- CreateIndex
CREATE UNIQUE INDEX "BackupArtefact_jobId_path_mtime_key" ON "BackupArtefact"("jobId", "path", "mtime");

-- CreateIndex
CREATE INDEX "BackupRun_jobId_finishedAt_idx" ON "BackupRun"("jobId", "finishedAt");

-- CreateIndex
CREATE INDEX "BackupRun_jobId_startedAt_idx" ON "BackupRun"("jobId", "startedAt");

-- CreateIndex
CREATE UNIQUE INDEX "BackupRun_jobId_runKey_key" ON "BackupRun"("jobId", "runKey");

-- CreateIndex
CREATE INDEX "BackupScan_requestedAt_idx" ON "BackupScan"("requestedAt");

-- CreateIndex
CREATE INDEX "BackupStatusFlip_jobId_at_idx" ON "BackupStatusFlip"("jobId", "at");

-- AddForeignKey
ALTER TABLE "BackupArtefact" ADD CONSTRAINT "BackupArtefact_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "BackupJob"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BackupRun" ADD CONSTRAINT "BackupRun_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "BackupJob"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BackupStatusFlip" ADD CONSTRAINT "BackupStatusFlip_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "BackupJob"("id") ON DELETE CASCADE ON UPDATE CASCADE;
