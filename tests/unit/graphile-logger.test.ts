import { describe, expect, it } from "vitest";
import type { Logger } from "../../src/platform/logger";
import { graphileLogger } from "../../worker/graphile-logger";

function capture() {
  const lines: { level: string; message: string; context?: object }[] = [];
  const at = (level: string) => (message: string, context?: object) => void lines.push({ level, message, context });
  const base: Logger = { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
  return { lines, logger: graphileLogger(base) };
}

describe("graphile-worker's log lines", () => {
  const job = { id: "7", task_identifier: "campaign_run", payload: { reportId: "r1" }, key: "campaign_run:r1", locked_by: "pool" };

  it("a job's completion at info is one short line; its row only at debug", () => {
    const { lines, logger } = capture();
    logger.scope({ label: "worker", workerId: "w1" }).info("Completed task 7 (campaign_run, 2110.93ms) with success", { job, duration: 2110.9, success: true });
    const info = lines.filter((l) => l.level === "info");
    expect(info).toEqual([{ level: "info", message: "Completed task 7 (campaign_run, 2110.93ms) with success", context: undefined }]);
    expect(lines.find((l) => l.level === "debug")?.context).toEqual({ job });
  });

  it("a failure keeps the job's id and task, not its payload", () => {
    const { lines, logger } = capture();
    logger.scope({ label: "job" }).error("Failed task 7 (campaign_run) with error boom", { job, error: new Error("boom") });
    const error = lines.find((l) => l.level === "error")!;
    expect(error.context).toMatchObject({ jobId: "7", task: "campaign_run", label: "job" });
    expect(JSON.stringify(error.context)).not.toContain("reportId");
  });
});
