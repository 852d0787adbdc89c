import pg from "pg";
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
    // The statement waits on a lock this session holds, so it is still running when it is cut,
    // however slow the machine; once the lock is let go, its second run answers at once.
    const holder = new pg.Client({ connectionString: t.url });
    await holder.connect();
    await holder.query("SELECT pg_advisory_lock(4242)");
    const client = await pool.connect();
    try {
      const { rows } = await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
      const running = client.query<{ answer: number }>("SELECT pg_advisory_xact_lock(4242), 42 AS answer");
      running.catch(() => {});
      await waitFor(
        async () => (await holder.query(`SELECT 1 FROM pg_stat_activity WHERE pid = $1 AND wait_event_type = 'Lock'`, [rows[0]!.pid])).rowCount,
        "the statement waiting on the lock",
      );
      await holder.query("SELECT pg_terminate_backend($1)", [rows[0]!.pid]);
      await holder.query("SELECT pg_advisory_unlock(4242)");
      expect((await running).rows[0]!.answer).toBe(42);
      // The cut connection's own error comes with its socket's close, which may follow the answer.
      await waitFor(() => warnings.includes("job queue client error"), "the cut connection's error, logged");
    } finally {
      client.release();
      await holder.end();
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
