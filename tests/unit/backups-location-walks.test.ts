import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LocationWalks } from "../../src/backups/location-walks";
import { LocationError } from "../../src/backups/walk";

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "vigie-walks-"));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A location holding `count` artefacts named `<prefix>-<n>.tar.gz`. */
const location = (prefix: string, count: number) => {
  const dir = join(root, prefix);
  mkdirSync(dir);
  for (let n = 0; n < count; n++) writeFileSync(join(dir, `${prefix}-${n}.tar.gz`), "x".repeat(n % 7));
  return { root: dir, pattern: "*.tar.gz", recursive: false };
};

/** Every file name of location `index`, or the reason it failed. */
const names = async (walks: LocationWalks, index: number) => {
  const found: string[] = [];
  try {
    for await (const chunk of walks.walk(index)) found.push(...chunk.paths);
  } catch (err) {
    if (err instanceof LocationError) return err.reason;
    throw err;
  }
  return found.sort();
};
const expected = (prefix: string, count: number) => Array.from({ length: count }, (_, n) => `${prefix}-${n}.tar.gz`).sort();

describe("walking a scan's locations in a thread", () => {
  it("gives each location its own files, in order, and a missing one its reason, the scan going on past it", async () => {
    const first = location("first", 1300);
    const second = location("second", 3);
    const walks = new LocationWalks([first, { root: join(root, "absent"), pattern: "*", recursive: true }, second]);
    try {
      expect(await names(walks, 0)).toEqual(expected("first", 1300));
      expect(await names(walks, 1)).toEqual({ code: "location_missing", params: { path: join(root, "absent") } });
      expect(await names(walks, 2)).toEqual(expected("second", 3));
    } finally {
      await walks.close();
    }
  });

  it("walks hundreds of small locations, several to a message, each with exactly its files and in order", async () => {
    // Far more locations than a thread walks ahead, each far smaller than a message's worth of files.
    const locations = Array.from({ length: 240 }, (_, n) =>
      n % 40 === 7 ? { root: join(root, `absent-${n}`), pattern: "*", recursive: false } : location(`many-${n}`, n % 5),
    );
    const walks = new LocationWalks(locations);
    try {
      for (const [n, walked] of locations.entries()) {
        const want = n % 40 === 7 ? { code: "location_missing", params: { path: walked.root } } : expected(`many-${n}`, n % 5);
        expect(await names(walks, n)).toEqual(want);
      }
    } finally {
      await walks.close();
    }
  });

  it("stops a walk abandoned midway (more files than the thread walks ahead) and leaves none of its chunks to the next scan", async () => {
    const big = location("big", 10_000);
    const small = location("small", 5);
    const abandoned = new LocationWalks([big, small]);
    const firstChunk = await abandoned.walk(0).next();
    expect(firstChunk.done).toBe(false);
    await abandoned.close();

    const next = new LocationWalks([small, big]);
    try {
      expect(await names(next, 0)).toEqual(expected("small", 5));
      expect(await names(next, 1)).toEqual(expected("big", 10_000));
    } finally {
      await next.close();
    }
  });

  it("walks two scans at once, each in its own thread, without mixing their files", async () => {
    const left = location("left", 900);
    const right = location("right", 700);
    const a = new LocationWalks([left, right]);
    const b = new LocationWalks([right, left]);
    try {
      const [a0, b0] = await Promise.all([names(a, 0), names(b, 0)]);
      const [a1, b1] = await Promise.all([names(a, 1), names(b, 1)]);
      expect([a0, a1]).toEqual([expected("left", 900), expected("right", 700)]);
      expect([b0, b1]).toEqual([expected("right", 700), expected("left", 900)]);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
