import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LiveHub } from "../../src/platform/live/hub";
import { publish, publishToEach } from "../../src/platform/live/publish";
import { createTestDatabase, type TestDatabase } from "./helpers/database";
import { callerAs } from "./helpers/trpc";
import { createTestUser } from "./helpers/users";
import { collect, waitFor } from "./helpers/wait";

let t: TestDatabase;
let hub: LiveHub;

beforeAll(async () => {
  t = await createTestDatabase();
  hub = new LiveHub({ listenUrl: t.url, db: t.db });
  await hub.start();
});
afterAll(async () => {
  await hub.stop();
  await t.drop();
});

const ids = (events: { id: bigint }[]) => events.map((e) => e.id);

describe("live event stream", () => {
  it("fans an event out to the subscribers of its topic only", async () => {
    const a = new AbortController();
    const meter = collect(hub.subscribe("meter:m1", { signal: a.signal }));
    const other = collect(hub.subscribe("meter:m2", { signal: a.signal }));
    await waitFor(() => hub.subscriberCount >= 2, "subscriptions");
    const id = await publish(t.db, "meter:m1", "status", { meterId: "m1", status: "OFFLINE" });
    await waitFor(() => meter.items.length === 1, "delivery");
    expect(meter.items[0]).toMatchObject({ id, topic: "meter:m1", type: "status", payload: { meterId: "m1", status: "OFFLINE" } });
    await new Promise((r) => setTimeout(r, 200));
    expect(other.items).toHaveLength(0);
    a.abort();
    await Promise.all([meter.done, other.done]);
  });

  it("stores an event quoting text PostgreSQL refuses (a NUL in a server's answer), with U+FFFD in its place", async () => {
    const id = await publish(t.db, "report:nul", "campaign_error", { reportId: "nul", error: "body: a\u0000b \ud800" });
    const [row] = await t.db.$queryRaw<{ payload: { error: string } }[]>`SELECT "payload" FROM "LiveEvent" WHERE "id" = ${id}`;
    expect(row!.payload.error).toBe("body: a\ufffdb \ufffd");
  });

  it("replays what a client missed while disconnected, in order and exactly once", async () => {
    const topic = "report:replay";
    const first = new AbortController();
    const before = collect(hub.subscribe(topic, { signal: first.signal }));
    await waitFor(() => hub.subscriberCount > 0, "subscription");
    // The hub carries any payload; these use a real event of the topic.
    const step = (i: number) => publish(t.db, topic, "campaign_error", { reportId: "replay", error: String(i) });
    for (let i = 1; i <= 3; i++) await step(i);
    await waitFor(() => before.items.length === 3, "first three events");
    first.abort();
    await before.done;
    const lastSeen = before.items[2]!.id;

    // Published while nobody listens on this topic, some from a concurrent writer.
    const missed: bigint[] = [];
    for (let i = 4; i <= 8; i++) missed.push(await step(i));

    const second = new AbortController();
    const after = collect(hub.subscribe(topic, { lastEventId: lastSeen, signal: second.signal }));
    await waitFor(() => after.items.length === 5, "replayed events");
    const live = await step(9);
    await waitFor(() => after.items.length === 6, "live event after the replay");
    second.abort();
    await after.done;

    expect(ids(after.items)).toEqual([...missed, live]);
    expect(after.items.map((e) => Number((e.payload as { error: string }).error))).toEqual([4, 5, 6, 7, 8, 9]);
  });

  it("loses nothing and repeats nothing when many writers publish during a reconnect", async () => {
    const topic = "report:storm";
    const writers = await Promise.all(
      Array.from({ length: 4 }, async () => {
        const c = new pg.Client({ connectionString: t.url });
        c.on("error", () => {});
        await c.connect();
        return c;
      }),
    );
    const publishAll = (from: number, to: number) =>
      Promise.all(
        writers.map(async (c, w) => {
          for (let i = from + w; i < to; i += writers.length) {
            await c.query("SELECT vigie_publish($1, 'n', $2::jsonb)", [topic, JSON.stringify({ i })]);
          }
        }),
      );

    const a1 = new AbortController();
    const part1 = collect(hub.subscribe(topic, { signal: a1.signal }));
    await waitFor(() => hub.subscriberCount > 0, "subscription");
    const storm = publishAll(0, 400);
    await waitFor(() => part1.items.length >= 50, "some events before the cut");
    a1.abort();
    await part1.done;
    const resumeFrom = part1.items[part1.items.length - 1]!.id;
    const a2 = new AbortController();
    const part2 = collect(hub.subscribe(topic, { lastEventId: resumeFrom, signal: a2.signal }));
    await storm;
    await waitFor(() => part1.items.length + part2.items.length >= 400, "all 400 events");
    await new Promise((r) => setTimeout(r, 200));
    a2.abort();
    await part2.done;
    await Promise.all(writers.map((c) => c.end()));

    const all = [...part1.items, ...part2.items];
    expect(all).toHaveLength(400);
    const seen = all.map((e) => (e.payload as { i: number }).i).sort((x, y) => x - y);
    expect(seen).toEqual(Array.from({ length: 400 }, (_, i) => i));
    const order = ids(all);
    expect(order).toEqual([...order].sort((x, y) => (x < y ? -1 : 1)));
  });

  it("delivers a batch published at once, announced by one notification, each topic in the order given", async () => {
    const a = new AbortController();
    const even = collect(hub.subscribe("meter:batch-even", { signal: a.signal }));
    const odd = collect(hub.subscribe("meter:batch-odd", { signal: a.signal }));
    await waitFor(() => hub.subscriberCount >= 2, "subscriptions");
    const watcher = new pg.Client({ connectionString: t.url });
    await watcher.connect();
    const notices: string[] = [];
    watcher.on("notification", (n) => notices.push(n.payload!));
    await watcher.query("LISTEN vigie_live");

    // More than the hub reads at once (2,000): one announcement still covers them all.
    const count = 2_500;
    const topicNames = Array.from({ length: count }, (_, i) => (i % 2 ? "meter:batch-odd" : "meter:batch-even") as "meter:batch-odd" | "meter:batch-even");
    await publishToEach(
      t.db,
      topicNames,
      "status",
      topicNames.map((_, i) => ({ meterId: String(i), status: "ONLINE" as const })),
    );
    await waitFor(() => even.items.length + odd.items.length === count, "every event");
    a.abort();
    await Promise.all([even.done, odd.done]);
    await watcher.query("SELECT 1"); // the notification, sent at commit, has arrived before this answer
    await watcher.end();

    const meterId = (event: { payload: unknown }) => Number((event.payload as { meterId: string }).meterId);
    expect(even.items.map(meterId)).toEqual(Array.from({ length: count / 2 }, (_, i) => 2 * i));
    expect(odd.items.map(meterId)).toEqual(Array.from({ length: count / 2 }, (_, i) => 2 * i + 1));
    // Ids follow the order published, and the one notification names the last.
    const order = ids([...even.items, ...odd.items].sort((x, y) => meterId(x) - meterId(y)));
    expect(order).toEqual([...order].sort((x, y) => (x < y ? -1 : 1)));
    expect(notices).toEqual([String(order.at(-1))]);
  });

  it("reconnects its LISTEN connection when it is cut and delivers what was published meanwhile", async () => {
    const topic = "meter:cut";
    const a = new AbortController();
    const got = collect(hub.subscribe(topic, { signal: a.signal }));
    await waitFor(() => hub.subscriberCount > 0, "subscription");
    const killer = new pg.Client({ connectionString: t.url });
    killer.on("error", () => {});
    await killer.connect();
    await killer.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'vigie-live-hub' AND datname = current_database()`);
    await waitFor(() => !hub.connected, "the hub to notice");
    const offline = { meterId: "cut", status: "OFFLINE" } as const;
    const during = await publish(t.db, topic, "status", offline);
    await waitFor(() => hub.connected, "the hub to reconnect");
    const afterwards = await publish(t.db, topic, "status", offline);
    await waitFor(() => got.items.length === 2, "both events");
    expect(ids(got.items)).toEqual([during, afterwards]);
    a.abort();
    await got.done;
    await killer.end();
  });

  it("cuts off a subscriber that falls too far behind rather than buffering without limit", async () => {
    const small = new LiveHub({ listenUrl: t.url, db: t.db, maxBuffered: 5 });
    await small.start();
    const iterator = small.subscribe("meter:slow")[Symbol.asyncIterator]();
    const firstPull = iterator.next();
    await waitFor(() => small.subscriberCount > 0, "subscription");
    for (let i = 0; i < 20; i++) await publish(t.db, "meter:slow", "status", { meterId: "slow", status: "OFFLINE" });
    await firstPull;
    await expect(async () => {
      for (;;) if ((await iterator.next()).done) break;
    }).rejects.toThrow(/fell too far behind/);
    await small.stop();
  });

  it("enforces each topic's rule: a viewer cannot follow an admin topic", async () => {
    const viewer = await createTestUser(t.db, "VIEWER");
    const admin = await createTestUser(t.db, "ADMIN");
    const asViewer = callerAs(t.db, hub, viewer);
    await expect(asViewer.live.subscribe({ topic: "system" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(asViewer.live.subscribe({ topic: "secret-stuff" })).rejects.toMatchObject({ code: "FORBIDDEN" });

    const adminStream = await callerAs(t.db, hub, admin).live.subscribe({ topic: "system" });
    const pulled = adminStream[Symbol.asyncIterator]().next();
    await waitFor(() => hub.subscriberCount > 0, "admin subscription");
    await publish(t.db, "system", "worker.heartbeat", { workerId: "w1", beatAt: new Date() });
    const [, data] = (await pulled).value as unknown as [string, { topic: string; type: string }];
    expect(data).toMatchObject({ topic: "system", type: "worker.heartbeat" });
  });
});
