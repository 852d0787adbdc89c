import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPatientPool } from "../../src/platform/db/patient-pool";
import type { Logger } from "../../src/platform/logger";
import { createTestDatabase, type TestDatabase } from "./helpers/database";
import { waitFor } from "./helpers/wait";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

const warnings: string[] = [];
const log: Logger = { debug() {}, info() {}, warn: (m) => void warnings.push(m), error() {} };

describe("the job queue's patient pool", () => {
  it("runs a statement again on a fresh connection when its own is cut by the server", async () => {
    const pool = createPatientPool({ connectionString: t.url, max: 2 }, log);
    try {
      const client = await pool.connect();
      const { rows } = await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
      const running = client.query<{ answer: number }>("SELECT pg_sleep(1), 42 AS answer");
      await waitFor(
        async () => (await t.db.$queryRaw<unknown[]>`SELECT 1 FROM pg_stat_activity WHERE pid = ${rows[0]!.pid} AND state = 'active'`).length > 0,
        "the statement running",
      );
      await t.db.$queryRaw`SELECT pg_terminate_backend(${rows[0]!.pid})`;
      expect((await running).rows[0]!.answer).toBe(42);
      client.release();
      expect(warnings).toContain("job queue client error");
    } finally {
      await pool.end();
    }
  });

  it("still fails a statement that is wrong, at once", async () => {
    const pool = createPatientPool({ connectionString: t.url, max: 1 }, log);
    try {
      await expect(pool.connect().then((c) => c.query("SELECT * FROM no_such_table").finally(() => c.release()))).rejects.toThrow(/no_such_table/);
    } finally {
      await pool.end();
    }
  });
});
