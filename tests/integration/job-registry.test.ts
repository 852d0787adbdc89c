import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enqueueJob } from "../../src/platform/jobs/enqueue";
import type { TaskPayloads } from "../../src/platform/jobs/task-payloads";
import { crontab } from "../../src/platform/system/crontab";
import { taskList } from "../../worker/tasks";
import { createTestDatabase, type TestDatabase } from "./helpers/database";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

const queued = async () =>
  (
    await t.db.$queryRaw<
      { task_identifier: string; payload: unknown }[]
    >`SELECT t.identifier AS task_identifier, j.payload FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id`
  ).map((j) => [j.task_identifier, j.payload]);

describe("the task registry", () => {
  it("queues a payload its task accepts, as the task will read it", async () => {
    await enqueueJob(t.db, "meter_poll", { meterId: "m1", extra: "dropped" } as TaskPayloads["meter_poll"]);
    expect(await queued()).toEqual([["meter_poll", { meterId: "m1" }]]);
  });

  it("refuses to queue a payload its task would refuse: nothing is queued", async () => {
    await t.db.$executeRaw`DELETE FROM graphile_worker._private_jobs`;
    await expect(enqueueJob(t.db, "backup_scan", { trigger: "weekly" } as unknown as TaskPayloads["backup_scan"])).rejects.toThrow(/trigger/);
    await expect(enqueueJob(t.db, "serial_ports_list", { requestId: "not-a-uuid" })).rejects.toThrow(/UUID/i);
    expect(await queued()).toEqual([]);
  });

  it("a task parses what it receives (a job row written by SQL or an older version) before running", async () => {
    const run = taskList.campaign_run as unknown as (payload: unknown, helpers: unknown) => Promise<void>;
    await expect(run({ report: "r1" }, {})).rejects.toThrow(/reportId/);
  });

  it("every scheduled entry names a task the worker has", () => {
    for (const entry of crontab) expect(Object.keys(taskList)).toContain(entry.task);
  });
});
