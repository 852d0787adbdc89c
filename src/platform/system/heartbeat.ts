import type { Db } from "../db/client";
import { publish } from "../live/publish";
import { topics } from "../live/topics";
import { getSetting } from "../settings/settings";
import { platformSettings } from "../settings/platform-settings";

export type WorkerIdentity = { workerId: string; hostname: string; pid: number; version: string; startedAt: Date };

/** Records that a worker is alive and tells Système pages about it. */
export async function recordHeartbeat(db: Db, worker: WorkerIdentity): Promise<void> {
  const beatAt = new Date();
  await db.workerHeartbeat.upsert({
    where: { workerId: worker.workerId },
    create: { ...worker, beatAt },
    update: { beatAt, stoppedAt: null },
  });
  await publish(db, topics.system, "worker.heartbeat", { workerId: worker.workerId, beatAt });
}

export async function recordWorkerStopped(db: Db, workerId: string): Promise<void> {
  await db.workerHeartbeat.updateMany({ where: { workerId }, data: { stoppedAt: new Date() } });
  await publish(db, topics.system, "worker.stopped", { workerId });
}

/** Workers seen in the last day, newest beat first, each judged alive or not. */
export async function workerStatus(db: Db) {
  const staleSeconds = await getSetting(db, platformSettings.workerStaleSeconds);
  const workers = await db.workerHeartbeat.findMany({
    where: { beatAt: { gt: new Date(Date.now() - 86_400_000) } },
    orderBy: { beatAt: "desc" },
  });
  const now = Date.now();
  const list = workers.map((w) => {
    const ageSeconds = Math.max(0, Math.round((now - w.beatAt.getTime()) / 1000));
    return { ...w, ageSeconds, alive: w.stoppedAt === null && ageSeconds <= staleSeconds };
  });
  return { staleSeconds, alive: list.some((w) => w.alive), lastBeatAt: list[0]?.beatAt ?? null, workers: list };
}
