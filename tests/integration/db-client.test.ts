import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, poolOf } from "../../src/platform/db/client";
import { createTestDatabase, type TestDatabase } from "./helpers/database";
import { waitFor } from "./helpers/wait";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

describe("the application's database pool", () => {
  it("lives on when a connection it lent out is cut between two statements, and discards it", async () => {
    const db = createDb(t.url, { max: 2 });
    try {
      const client = await poolOf(db).connect();
      const { rows } = await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
      let ended = false;
      client.once("end", () => (ended = true));
      // Lent out, idle, then cut by the server: without a listener its 'error' would end the process.
      await t.db.$queryRaw`SELECT pg_terminate_backend(${rows[0]!.pid})`;
      await waitFor(() => ended, "the cut connection closed");
      await expect(client.query("SELECT 1")).rejects.toThrow();
      client.release(true);
      expect(await db.$queryRaw<{ one: number }[]>`SELECT 1 AS one`).toEqual([{ one: 1 }]);
    } finally {
      await db.$disconnect();
    }
  });
});
