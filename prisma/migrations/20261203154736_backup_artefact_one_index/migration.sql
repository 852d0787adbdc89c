-- DropIndex
DROP INDEX "BackupArtefact_jobId_mtime_idx";

-- DropIndex
DROP INDEX "BackupArtefact_jobId_path_mtime_key";

-- AlterTable
ALTER TABLE "BackupArtefact" DROP CONSTRAINT "BackupArtefact_pkey",
DROP COLUMN "id",
ADD CONSTRAINT "BackupArtefact_pkey" PRIMARY KEY ("jobId", "mtime", "path");
