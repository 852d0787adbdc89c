import { chmod, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, startEmbeddedPostgres } from "../../scripts/lib/embedded-postgres";

let root: string;
beforeAll(async () => {
  // Under the checkout (traversable), not in a 0700 mkdtemp of /tmp.
  await mkdir("tests/.tmp", { recursive: true });
  root = await mkdtemp(join("tests/.tmp", "embedded-pg-"));
  await chmod(root, 0o755);
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe("the embedded PostgreSQL of npm start", () => {
  it("starts over an initialisation that did not finish (a data folder without PG_VERSION)", async () => {
    const dataDir = join(root, "unfinished", "postgres");
    await mkdir(dataDir, { recursive: true });
    await writeFile(join(dataDir, "postgresql.conf"), "# left by an initdb that was killed\n");
    const db = await startEmbeddedPostgres({ dataDir, port: await freePort(), database: "vigie", password: "secret-password" });
    await db.stop();
  });

  it.skipIf(process.getuid?.() !== 0)("as root, says which folder the postgres user cannot enter instead of failing with EACCES", async () => {
    const closed = join(root, "closed");
    await mkdir(closed, { mode: 0o700 });
    await chmod(closed, 0o700);
    await expect(
      startEmbeddedPostgres({ dataDir: join(closed, "data", "postgres"), port: await freePort(), database: "vigie", password: "secret-password" }),
    ).rejects.toThrow(`cannot enter ${join(process.cwd(), closed)} (mode 700)`);
  });
});
