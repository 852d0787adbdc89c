-- Backup reasons are stored by code with their facts, so each reader gets them in their language.
-- Reasons written before keep their words, as a "reported" reason.
ALTER TABLE "BackupJob" ALTER COLUMN "statusReason" DROP DEFAULT;
ALTER TABLE "BackupJob"
  ALTER COLUMN "statusReason" TYPE JSONB USING jsonb_build_object('code', 'reported', 'params', jsonb_build_object('message', "statusReason")),
  ALTER COLUMN "lastFailureReason" TYPE JSONB USING CASE WHEN "lastFailureReason" IS NULL THEN NULL ELSE jsonb_build_object('code', 'reported', 'params', jsonb_build_object('message', "lastFailureReason")) END,
  ALTER COLUMN "locationError" TYPE JSONB USING CASE WHEN "locationError" IS NULL THEN NULL ELSE jsonb_build_object('code', 'reported', 'params', jsonb_build_object('message', "locationError")) END;
ALTER TABLE "BackupJob" ALTER COLUMN "statusReason" SET DEFAULT '{"code": "nothing_yet", "params": {}}';

ALTER TABLE "BackupStatusFlip"
  ALTER COLUMN "reason" TYPE JSONB USING jsonb_build_object('code', 'reported', 'params', jsonb_build_object('message', "reason"));
