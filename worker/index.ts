/**
 * Vigie's worker: graphile-worker jobs and crontab on the shared database, a heartbeat the
 * Système page reads, and (with the domain issues) the long-lived serial links.
 */
import { hostname } from "node:os";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import { parseCronItems, run, type Runner } from "graphile-worker";
import { ensureScanSchedule } from "../src/backups/scan-cadence";
import { recoverStaleRuns } from "../src/campaigns/launch";
import { campaignSettings } from "../src/campaigns/settings";
import { getSetting } from "../src/platform/settings/settings";
import { MeterIngestor } from "../src/metering/ingest";
import { MeterOwnership } from "../src/metering/meters/ownership";
import { MeterSupervisor } from "../src/metering/meters/supervisor";
import { createDb } from "../src/platform/db/client";
import { createPatientPool } from "../src/platform/db/patient-pool";
import { migrateDatabase } from "../src/platform/db/migrate";
import { DatabaseUnreachableError, waitForDatabase } from "../src/platform/db/wait-for-database";
import { databaseUrl, env } from "../src/platform/env";
import { packageVersion } from "../src/platform/system/version";
import { publish } from "../src/platform/live/publish";
import { topics } from "../src/platform/live/topics";
import { createLogger } from "../src/platform/logger";
import { graphileLogger } from "./graphile-logger";
import { crontab } from "../src/platform/system/crontab";
import { sealStoredChannelSecrets } from "../src/platform/notifications/channels";
import { recordHeartbeat, recordWorkerStopped, type WorkerIdentity } from "../src/platform/system/heartbeat";
import { setWorkerContext } from "./context";
import { taskList } from "./tasks";

const log = createLogger("worker");

/** Undone in reverse order on shutdown; a signal during start-up only undoes what exists. */
const cleanups: (() => Promise<unknown>)[] = [];
let stopping = false;

async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info(`${signal} received: finishing running jobs, then stopping`);
  for (const cleanup of cleanups.reverse()) await cleanup().catch((err: Error) => log.warn("shutdown step failed", { error: err.message }));
  log.info("worker stopped");
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));

async function main() {
  const config = env();
  const url = databaseUrl();
  await waitForDatabase(url, log);
  const { applied } = await migrateDatabase(url);
  if (applied.length) log.info("migrations applied", { applied });

  const db = createDb(url, { max: 5 });
  cleanups.push(() => db.$disconnect());
  // Waits out a PostgreSQL restart rather than losing (and crashing on) a job's outcome.
  const pgPool = createPatientPool({ connectionString: url, max: config.VIGIE_WORKER_CONCURRENCY + 3, options: "-c TimeZone=UTC" }, log);
  cleanups.push(() => pgPool.end());
  if (config.VIGIE_SECRET_KEY) {
    const sealed = await sealStoredChannelSecrets(db);
    if (sealed) log.info("notification channel secrets sealed", { channels: sealed });
  }
  const ingestor = new MeterIngestor(db);
  // Readings decoded while PostgreSQL is away wait in memory, then in a journal in the data folder.
  const meterLog = createLogger("meters");
  // Each meter is read by one worker at a time (an advisory lock per meter, released if this worker dies).
  const meters = new MeterSupervisor(
    db,
    ingestor,
    meterLog,
    { memoryLimit: config.VIGIE_READING_QUEUE_MEMORY, journalDir: join(config.VIGIE_DATA_DIR, "journal") },
    new MeterOwnership(url, meterLog),
  );
  setWorkerContext({ db, log, databaseUrl: url, ingestor, meters });

  const identity: WorkerIdentity = {
    workerId: randomUUID(),
    hostname: hostname(),
    pid: process.pid,
    version: packageVersion,
    startedAt: new Date(),
  };

  const runner: Runner = await run({
    pgPool,
    concurrency: config.VIGIE_WORKER_CONCURRENCY,
    taskList,
    parsedCronItems: parseCronItems(crontab.map((c) => ({ task: c.task, match: c.pattern, identifier: c.identifier, options: { backfillPeriod: 0 } }))),
    noHandleSignals: true,
    gracefulShutdownAbortTimeout: 10_000,
    logger: graphileLogger(log),
  });
  cleanups.push(() => runner.stop("shutdown"));
  // The backup scan plans its own next run (its interval is a runtime setting, not a crontab line).
  await ensureScanSchedule(db);
  // Reports whose runner died (no heartbeat) are resumed, checked every few seconds.
  const recoverRuns = async () => {
    const staleSeconds = await getSetting(db, campaignSettings.staleRunSeconds);
    const resumed = await recoverStaleRuns(db, staleSeconds * 1000);
    if (resumed.length) log.warn("resuming interrupted campaign runs", { reports: resumed });
  };
  await recoverRuns().catch((err: Error) => log.warn("campaign recovery failed", { error: err.message }));
  const recovery = setInterval(() => void recoverRuns().catch((err: Error) => log.warn("campaign recovery failed", { error: err.message })), 5_000);
  cleanups.push(async () => clearInterval(recovery));
  // Serial links belong to this process: started now, kept in line with the meters table.
  await meters.sync().catch((err: Error) => log.error("meter links not started", { error: err.message }));
  await meters.replayJournals().catch((err: Error) => log.error("readings journals not replayed", { error: err.message }));
  const meterResync = setInterval(() => void meters.sync().catch((err: Error) => log.warn("meter resync failed", { error: err.message })), 30_000);
  cleanups.push(async () => {
    clearInterval(meterResync);
    await meters.stop();
  });

  // Queue changes reach Système pages, at most once a second.
  let queueEventPending = false;
  const announceQueueChange = () => {
    if (queueEventPending) return;
    queueEventPending = true;
    setTimeout(() => {
      queueEventPending = false;
      publish(db, topics.system, "queue.changed", {}).catch((err: Error) => log.warn("queue change not announced", { error: err.message }));
    }, 1_000).unref();
  };
  runner.events.on("job:complete", announceQueueChange);
  runner.events.on("job:failed", announceQueueChange);

  const beat = () => recordHeartbeat(db, identity).catch((err: Error) => log.warn("heartbeat not recorded", { error: err.message }));
  await beat();
  const heartbeat = setInterval(beat, config.VIGIE_HEARTBEAT_SECONDS * 1000);
  cleanups.push(async () => {
    clearInterval(heartbeat);
    await recordWorkerStopped(db, identity.workerId);
  });
  log.info("worker started", { workerId: identity.workerId, concurrency: config.VIGIE_WORKER_CONCURRENCY, tasks: Object.keys(taskList) });

  await runner.promise;
}

main().catch((err: Error) => {
  if (err instanceof DatabaseUnreachableError) log.error(err.message);
  else log.error("worker failed to start", { error: err });
  process.exit(1);
});
