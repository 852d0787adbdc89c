import { updateAppSetting } from "../../src/composition/settings-catalog";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchReport } from "../../src/campaigns/launch";
import { createTestDatabase, type TestDatabase } from "./helpers/database";
import { spawnTs, type Spawned } from "./helpers/processes";
import { waitFor } from "./helpers/wait";

let t: TestDatabase;
const workers: Spawned[] = [];
const startWorker = () => {
  const w = spawnTs("worker/index.ts", { DATABASE_URL: t.url, VIGIE_SECRET_KEY: "33".repeat(32), LOG_LEVEL: "warn" });
  workers.push(w);
  return w;
};

beforeAll(async () => {
  t = await createTestDatabase();
  await updateAppSetting(t.db, "campaigns.staleRunSeconds", 2, null);
});
afterAll(async () => {
  for (const w of workers) await w.stop("SIGKILL");
  await t.drop();
});

describe("campaign runs in the worker process", { timeout: 120_000 }, () => {
  it("resume on another worker after the one running them is killed", async () => {
    const environment = await t.db.environment.create({ data: { name: "e" } });
    const campaign = await t.db.campaign.create({
      data: {
        name: "slow",
        tests: {
          create: Array.from({ length: 6 }, (_, i) => ({
            name: `step ${i}`,
            position: i,
            actions: { create: [{ position: 0, type: "delay", params: { ms: 700 } }] },
          })),
        },
      },
    });
    const first = startWorker();
    const report = await launchReport(t.db, { campaignId: campaign.id, environmentId: environment.id, name: "kill" }, null);
    // Killed in the middle of a test: two done, the third running.
    await waitFor(
      async () =>
        (await t.db.testResult.count({ where: { reportId: report.id, status: "PASSED" } })) >= 2 &&
        (await t.db.testResult.count({ where: { reportId: report.id, status: "RUNNING" } })) === 1,
      "two tests done and a third running",
      60_000,
      20,
    );
    first.child.kill("SIGKILL");
    await first.exited;
    const mid = await t.db.campaignReport.findUniqueOrThrow({ where: { id: report.id } });
    expect(mid.status).toBe("RUNNING");

    startWorker();
    const done = await waitFor(
      async () => {
        const r = await t.db.campaignReport.findUniqueOrThrow({ where: { id: report.id } });
        return r.status !== "RUNNING" && r.status !== "PENDING" ? r : null;
      },
      "the report to finish on the second worker",
      90_000,
    );
    expect(done).toMatchObject({ status: "COMPLETED", passed: 6, progress: 100 });
    const resumedLine = await t.db.testLogLine.findFirst({ where: { result: { reportId: report.id }, message: { startsWith: "resumed" } } });
    expect(resumedLine?.message).toBe("resumed: the worker running this test stopped");
  });
});
