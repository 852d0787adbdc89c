-- AlterTable
ALTER TABLE "Environment" ADD COLUMN     "tlsCaCert" TEXT,
ADD COLUMN     "tlsClientCert" TEXT,
ADD COLUMN     "tlsClientKey" TEXT,
ADD COLUMN     "tlsInsecure" BOOLEAN NOT NULL DEFAULT false;
